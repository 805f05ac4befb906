package heed

import (
	"context"
	"slices"
	"time"
)

// Role is what a user may do.
type Role string

// The roles, from most to least privileged.
const (
	RoleAdmin        Role = "administrator"
	RoleOfficer      Role = "complaints_officer" // every case
	RoleManager      Role = "manager"            // the cases of their service areas
	RoleInvestigator Role = "investigator"       // only the cases allocated to them
	RoleViewer       Role = "viewer"             // published reports only, no case data
)

// Roles lists the roles, from most to least privileged.
var Roles = []Role{RoleAdmin, RoleOfficer, RoleManager, RoleInvestigator, RoleViewer}

// Label is the role in plain English.
func (r Role) Label() string {
	switch r {
	case RoleAdmin:
		return "Administrator"
	case RoleOfficer:
		return "Complaints officer"
	case RoleManager:
		return "Manager"
	case RoleInvestigator:
		return "Investigator"
	case RoleViewer:
		return "Viewer"
	}
	return string(r)
}

// User is a person who signs in to Heed.
type User struct {
	ID           int64
	Username     string
	DisplayName  string
	Email        string
	Role         Role
	PasswordHash string // argon2id, PHC format; "" for single sign-on only
	MustChange   bool   // the password was generated and must be changed at first sign-in
	Disabled     bool   // may no longer sign in
	// ServiceAreas are the areas whose cases a manager sees.
	ServiceAreas []string
	// Subject is the user's identifier at the single sign-on provider.
	Subject   string
	CreatedAt time.Time
}

// Name is how the user is shown: the display name, or the user name.
func (u *User) Name() string {
	if u.DisplayName != "" {
		return u.DisplayName
	}
	return u.Username
}

// SeesCases reports whether the user may see case data at all.
func (u *User) SeesCases() bool {
	switch u.Role {
	case RoleAdmin, RoleOfficer, RoleManager, RoleInvestigator:
		return true
	}
	return false
}

// SeesAllCases reports whether the user sees every case.
func (u *User) SeesAllCases() bool { return u.Role == RoleAdmin || u.Role == RoleOfficer }

// CanSee reports whether the user may open the record: administrators and
// complaints officers every one, managers those of their service areas,
// investigators those with a stage allocated to them, viewers none.
func (u *User) CanSee(rec *Record) bool {
	switch u.Role {
	case RoleAdmin, RoleOfficer:
		return true
	case RoleManager:
		return u.ManagesArea(rec.ServiceArea)
	case RoleInvestigator:
		return rec.AllocatedTo(u.Username)
	}
	return false
}

// CanWorkOnStage reports whether the user may record the findings and the
// response of a stage of the record: whoever may see the record, bar a
// viewer; an investigator only the stage allocated to them, not the
// record's other stages.
func (u *User) CanWorkOnStage(rec *Record, s *Stage) bool {
	if !u.SeesCases() || !u.CanSee(rec) || s == nil {
		return false
	}
	return u.Role != RoleInvestigator || s.Investigator == u.Username
}

// ManagesArea reports whether the service area is one of the user's,
// compared as every name is (NameKey).
func (u *User) ManagesArea(area string) bool {
	key := NameKey(area)
	return area != "" && slices.ContainsFunc(u.ServiceAreas, func(a string) bool { return NameKey(a) == key })
}

// CanRecord reports whether the user may record new contacts, which the
// complaints team does.
func (u *User) CanRecord() bool { return u.SeesAllCases() }

// CanAllocate reports whether the user may allocate a case, extend its
// deadline, escalate it or redirect it: the complaints team's decisions, and
// a manager's for the cases of their areas.
func (u *User) CanAllocate(rec *Record) bool {
	return u.SeesAllCases() || (u.Role == RoleManager && u.CanSee(rec))
}

// CanReadReports reports whether the user may read the full (unpublished)
// report; a viewer reads the published one only.
func (u *User) CanReadReports() bool { return u.Role != RoleViewer && u.Role != "" }

// AllocatedTo reports whether any stage of the record is allocated to the
// user name, exactly as the store selects an investigator's cases.
func (r *Record) AllocatedTo(username string) bool {
	if username == "" {
		return false
	}
	for _, s := range r.Stages {
		if s.Investigator == username {
			return true
		}
	}
	return false
}

// Session is a signed-in browser. The store keeps only a hash of the token
// the browser holds.
type Session struct {
	TokenHash string
	UserID    int64
	CSRFToken string // sent back with every form
	CreatedAt time.Time
	ExpiresAt time.Time
}

// UserService stores users and their sessions.
type UserService interface {
	// CountUsers returns how many users there are.
	CountUsers(ctx context.Context) (int, error)
	// CreateUser stores a new user and records it in the audit log.
	CreateUser(ctx context.Context, by Actor, u *User) error
	// UpdateUser saves the user's name, email, role, areas and whether
	// they are disabled (not the password).
	UpdateUser(ctx context.Context, by Actor, u *User) error
	// SetPassword stores a new password hash and ends every session of the
	// user (an administrator's reset).
	SetPassword(ctx context.Context, by Actor, id int64, hash string, mustChange bool) error
	// FindUserByID returns the user, or an ENOTFOUND error.
	FindUserByID(ctx context.Context, id int64) (*User, error)
	// FindUserByUsername returns the user, or an ENOTFOUND error.
	FindUserByUsername(ctx context.Context, username string) (*User, error)
	// FindUserBySubject returns the user linked to a single sign-on
	// subject, or an ENOTFOUND error.
	FindUserBySubject(ctx context.Context, subject string) (*User, error)
	// Users lists every user by user name.
	Users(ctx context.Context) ([]*User, error)

	// CreateSession stores a new session.
	CreateSession(ctx context.Context, s *Session) error
	// FindSession returns an unexpired session and its user, or ENOTFOUND.
	FindSession(ctx context.Context, tokenHash string) (*Session, *User, error)
	// DeleteSession ends a session.
	DeleteSession(ctx context.Context, tokenHash string) error
}
