package heed

import (
	"context"
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

// User is a person who signs in to Heed.
type User struct {
	ID           int64
	Username     string
	DisplayName  string
	Role         Role
	PasswordHash string // argon2id, PHC format
	MustChange   bool   // the password was generated and must be changed at first sign-in
	CreatedAt    time.Time
}

// UserService stores users.
type UserService interface {
	// CountUsers returns how many users there are.
	CountUsers(ctx context.Context) (int, error)
	// CreateUser stores a new user.
	CreateUser(ctx context.Context, u *User) error
	// FindUserByUsername returns the user, or an ENOTFOUND error.
	FindUserByUsername(ctx context.Context, username string) (*User, error)
}
