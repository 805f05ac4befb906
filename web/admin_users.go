package web

import (
	"net/http"
	"regexp"
	"slices"
	"strings"
	"unicode/utf8"

	"github.com/heedhq/heed"
)

// userForm is the form that creates or edits an account.
type userForm struct {
	User      *heed.User // the account edited; nil when creating one
	Self      bool       // the administrator is editing their own account
	Username  string
	Name      string
	Email     string
	Role      string
	Areas     []string // the service areas chosen
	AllAreas  []string
	RoleItems []option
}

// Checked reports whether the area is chosen.
func (f userForm) Checked(area string) bool { return slices.Contains(f.Areas, area) }

var (
	usernamePattern = regexp.MustCompile(`^[A-Za-z0-9._@-]+$`)
	emailPattern    = regexp.MustCompile(`^[^@\s]+@[^@\s]+\.[^@\s]+$`)
)

// UsernameProblem says what is wrong with a new user name, or "" when
// nothing is: the rule the users page and heed users add share.
func UsernameProblem(name string) string {
	switch {
	case name == "":
		return "Enter a user name"
	case len(name) > 64:
		return "The user name must be 64 characters or fewer"
	case !usernamePattern.MatchString(name):
		return "A user name can only contain letters, numbers, full stops, hyphens, underscores and @"
	}
	return ""
}

func roleOptions() []option {
	out := []option{{"", "Choose a role"}}
	for _, r := range heed.Roles {
		out = append(out, option{string(r), r.Label()})
	}
	return out
}

func (s *Server) adminUsers(w http.ResponseWriter, r *http.Request) {
	users, err := s.Store.Users(r.Context())
	if err != nil {
		s.fail(w, r, err)
		return
	}
	s.render(w, r, http.StatusOK, "admin_users", page{Title: "Users", Nav: "admin", Success: doneMessage(r), Data: users})
}

// newUserForm fills the lists a user form chooses from.
func (s *Server) newUserForm(r *http.Request, f userForm) (userForm, error) {
	areas, err := s.Store.ServiceAreas(r.Context())
	f.AllAreas, f.RoleItems = areas, roleOptions()
	return f, err
}

func (s *Server) renderUserForm(w http.ResponseWriter, r *http.Request, code int, f userForm, errs heed.FieldErrors) {
	f, err := s.newUserForm(r, f)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	title := "Add a user"
	if f.User != nil {
		title = "Change " + f.User.Username
	}
	s.render(w, r, code, "admin_user", page{Title: title, Nav: "admin", Errors: errs, Success: doneMessage(r), Data: f})
}

func (s *Server) adminNewUser(w http.ResponseWriter, r *http.Request) {
	s.renderUserForm(w, r, http.StatusOK, userForm{}, nil)
}

// readUserForm reads and checks the posted fields that both forms share.
func (s *Server) readUserForm(r *http.Request, f *userForm) heed.FieldErrors {
	f.Name = strings.TrimSpace(r.PostFormValue("name"))
	f.Email = strings.TrimSpace(r.PostFormValue("email"))
	f.Role = r.PostFormValue("role")
	f.Areas = r.PostForm["areas"]
	var errs heed.FieldErrors
	switch {
	case f.Name == "":
		errs = append(errs, heed.FieldError{Field: "name", Message: "Enter the person's full name"})
	case utf8.RuneCountInString(f.Name) > 100:
		errs = append(errs, heed.FieldError{Field: "name", Message: "The full name must be 100 characters or fewer"})
	}
	if f.Email != "" && (!emailPattern.MatchString(f.Email) || len(f.Email) > 254) {
		errs = append(errs, heed.FieldError{Field: "email", Message: "Enter an email address in the correct format, like name@example.com"})
	}
	if !slices.Contains(heed.Roles, heed.Role(f.Role)) {
		errs = append(errs, heed.FieldError{Field: "role", Message: "Choose the role of the user"})
	}
	if f.Self && heed.Role(f.Role) != heed.RoleAdmin {
		errs = append(errs, heed.FieldError{Field: "role", Message: "You cannot take away your own administrator role: ask another administrator"})
	}
	areas, err := s.Store.ServiceAreas(r.Context())
	if err != nil {
		return heed.FieldErrors{{Field: "areas", Message: heed.ErrorMessage(err)}}
	}
	for _, a := range f.Areas {
		if !slices.Contains(areas, a) {
			errs = append(errs, heed.FieldError{Field: "areas", Message: "Choose service areas from the list"})
			break
		}
	}
	if heed.Role(f.Role) == heed.RoleManager && len(f.Areas) == 0 {
		errs = append(errs, heed.FieldError{Field: "areas", Message: "Choose the service areas whose cases this manager sees"})
	}
	if heed.Role(f.Role) != heed.RoleManager {
		f.Areas = nil // only a manager's areas mean anything
	}
	return errs
}

func (s *Server) adminCreateUser(w http.ResponseWriter, r *http.Request) {
	f := userForm{Username: strings.TrimSpace(r.PostFormValue("username"))}
	var errs heed.FieldErrors
	if msg := UsernameProblem(f.Username); msg != "" {
		errs = append(errs, heed.FieldError{Field: "username", Message: msg})
	} else {
		users, err := s.Store.Users(r.Context())
		if err != nil {
			s.fail(w, r, err)
			return
		}
		if slices.ContainsFunc(users, func(u *heed.User) bool { return strings.EqualFold(u.Username, f.Username) }) {
			errs = append(errs, heed.FieldError{Field: "username", Message: "There is already a user called " + f.Username + ": choose another user name"})
		}
	}
	errs = append(errs, s.readUserForm(r, &f)...)
	if len(errs) > 0 {
		s.renderUserForm(w, r, http.StatusBadRequest, f, errs)
		return
	}
	password, hash, err := OneTimePassword(nil)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	u := &heed.User{Username: f.Username, DisplayName: f.Name, Email: f.Email, Role: heed.Role(f.Role),
		ServiceAreas: f.Areas, PasswordHash: hash, MustChange: true}
	if err := s.Store.CreateUser(r.Context(), actor(r), u); err != nil {
		if heed.ErrorCode(err) == heed.ECONFLICT || heed.ErrorCode(err) == heed.EINVALID {
			s.renderUserForm(w, r, http.StatusBadRequest, f, heed.FieldErrors{{Field: "username", Message: heed.ErrorMessage(err)}})
			return
		}
		s.fail(w, r, err)
		return
	}
	s.Logger.Info("user created", "user_id", u.ID, "by", actor(r).ID)
	s.showPassword(w, r, u, password, true)
}

// passwordData is the page that shows a generated password, once.
type passwordData struct {
	User     *heed.User
	Password string
	Created  bool
}

func (s *Server) showPassword(w http.ResponseWriter, r *http.Request, u *heed.User, password string, created bool) {
	title := "Password reset"
	if created {
		title = "User added"
	}
	s.render(w, r, http.StatusOK, "admin_password", page{Title: title, Nav: "admin", Data: passwordData{u, password, created}})
}

// findUser reads the user named by the path, or shows why not.
func (s *Server) findUser(w http.ResponseWriter, r *http.Request) (*heed.User, bool) {
	id, ok := s.pathID(w, r)
	if !ok {
		return nil, false
	}
	u, err := s.Store.FindUserByID(r.Context(), id)
	if err != nil {
		s.fail(w, r, err)
		return nil, false
	}
	return u, true
}

func (s *Server) adminUser(w http.ResponseWriter, r *http.Request) {
	u, ok := s.findUser(w, r)
	if !ok {
		return
	}
	f := userForm{User: u, Self: u.ID == currentUser(r).ID, Username: u.Username, Name: u.DisplayName,
		Email: u.Email, Role: string(u.Role), Areas: u.ServiceAreas}
	s.renderUserForm(w, r, http.StatusOK, f, nil)
}

func (s *Server) adminSaveUser(w http.ResponseWriter, r *http.Request) {
	u, ok := s.findUser(w, r)
	if !ok {
		return
	}
	f := userForm{User: u, Self: u.ID == currentUser(r).ID, Username: u.Username}
	if errs := s.readUserForm(r, &f); len(errs) > 0 {
		s.renderUserForm(w, r, http.StatusBadRequest, f, errs)
		return
	}
	changed := *u
	changed.DisplayName, changed.Email, changed.Role, changed.ServiceAreas = f.Name, f.Email, heed.Role(f.Role), f.Areas
	if err := s.Store.UpdateUser(r.Context(), actor(r), &changed); err != nil {
		s.fail(w, r, err)
		return
	}
	http.Redirect(w, r, "/admin/users?done=user-saved", http.StatusSeeOther)
}

// adminDisableUser disables or enables an account. An administrator
// cannot disable their own.
func (s *Server) adminDisableUser(disable bool) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		u, ok := s.findUser(w, r)
		if !ok {
			return
		}
		if u.ID == currentUser(r).ID {
			s.errorPage(w, r, http.StatusBadRequest, "You cannot disable your own account: ask another administrator.")
			return
		}
		changed := *u
		changed.Disabled = disable
		if err := s.Store.UpdateUser(r.Context(), actor(r), &changed); err != nil {
			s.fail(w, r, err)
			return
		}
		msg := "user-enabled"
		if disable {
			msg = "user-disabled"
		}
		http.Redirect(w, r, "/admin/users?done="+msg, http.StatusSeeOther)
	}
}

// adminResetPassword gives the user a new one-time password, shown once,
// and ends their sessions.
func (s *Server) adminResetPassword(w http.ResponseWriter, r *http.Request) {
	u, ok := s.findUser(w, r)
	if !ok {
		return
	}
	if u.ID == currentUser(r).ID {
		s.errorPage(w, r, http.StatusBadRequest, "To change your own password, use Change your password.")
		return
	}
	password, hash, err := OneTimePassword(nil)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	if err := s.Store.SetPassword(r.Context(), actor(r), u.ID, hash, true); err != nil {
		s.fail(w, r, err)
		return
	}
	s.Logger.Info("password reset", "user_id", u.ID, "by", actor(r).ID)
	s.showPassword(w, r, u, password, false)
}
