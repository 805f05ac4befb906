package web

import (
	"context"
	"crypto/rand"
	"crypto/sha256"
	"crypto/subtle"
	"encoding/hex"
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/alexedwards/argon2id"

	"github.com/heedhq/heed"
	"github.com/heedhq/heed/internal/clientaddr"
)

const (
	sessionCookie   = "heed_session"
	sessionLifetime = 12 * time.Hour // a working day; then sign in again
	minPassword     = 12
)

// signedIn is the session and user of a request.
type signedIn struct {
	session *heed.Session
	user    *heed.User
}

type ctxKey struct{}

func sessionFrom(r *http.Request) *signedIn {
	s, _ := r.Context().Value(ctxKey{}).(*signedIn)
	return s
}

// currentUser is the signed-in user of a request handled behind s.user.
func currentUser(r *http.Request) *heed.User { return sessionFrom(r).user }

func actor(r *http.Request) heed.Actor {
	u := currentUser(r)
	return heed.Actor{ID: u.ID, Name: u.Username}
}

func tokenHash(token string) string {
	sum := sha256.Sum256([]byte(token))
	return hex.EncodeToString(sum[:])
}

func hashPassword(p string) (string, error) { return argon2id.CreateHash(p, argon2id.DefaultParams) }

// OneTimePassword generates a password to be shown once, which its user
// must change at first sign-in, and its argon2id hash (with params, or the
// default parameters when nil). There is never a fixed default password.
func OneTimePassword(params *argon2id.Params) (password, hash string, err error) {
	if params == nil {
		params = argon2id.DefaultParams
	}
	password = strings.ToLower(rand.Text()[:20])
	if hash, err = argon2id.CreateHash(password, params); err != nil {
		return "", "", fmt.Errorf("hash a one-time password: %w", err)
	}
	return password, hash, nil
}

// user wraps a handler that needs a signed-in user. Without one, a GET goes
// to the sign-in page and comes back after; anything else is refused. A
// form post must carry the session's CSRF token. A user whose password was
// generated must choose their own before anything else.
func (s *Server) user(next http.HandlerFunc) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		var si *signedIn
		if c, err := r.Cookie(sessionCookie); err == nil && c.Value != "" {
			sess, u, err := s.Store.FindSession(r.Context(), tokenHash(c.Value))
			switch heed.ErrorCode(err) {
			case "":
				si = &signedIn{sess, u}
			case heed.ENOTFOUND:
			default:
				s.fail(w, r, err)
				return
			}
		}
		if si == nil {
			if r.Method == http.MethodGet {
				http.Redirect(w, r, "/sign-in?next="+url.QueryEscape(r.URL.RequestURI()), http.StatusSeeOther)
				return
			}
			s.errorPage(w, r, http.StatusUnauthorized, "Your session has ended. Sign in again, then repeat what you were doing.")
			return
		}
		r = r.WithContext(context.WithValue(r.Context(), ctxKey{}, si))
		if r.Method != http.MethodGet && r.Method != http.MethodHead {
			if subtle.ConstantTimeCompare([]byte(r.PostFormValue("csrf")), []byte(si.session.CSRFToken)) != 1 {
				s.errorPage(w, r, http.StatusForbidden, "This form is out of date or did not come from Heed. Go back, reload the page and try again.")
				return
			}
		}
		if si.user.MustChange && s.passwordsAllowed() && r.URL.Path != "/account/password" && r.URL.Path != "/sign-out" {
			http.Redirect(w, r, "/account/password", http.StatusSeeOther)
			return
		}
		if token := r.PostFormValue(formTokenField); token != "" && r.Method == http.MethodPost {
			s.postOnce(w, r, token, next) // see once.go
			return
		}
		next(w, r)
	})
}

func (s *Server) signInPage(w http.ResponseWriter, r *http.Request) {
	s.render(w, r, http.StatusOK, "sign_in", page{Title: "Sign in", Data: s.signInForm("", safeNext(r.URL.Query().Get("next")))})
}

type signInForm struct {
	Username string
	Next     string
	SSO      string // the single sign-on provider's name; "" when there is none
	Password bool   // whether to show the password form
}

func (s *Server) signInForm(username, next string) signInForm {
	f := signInForm{Username: username, Next: next, Password: s.passwordsAllowed()}
	if s.OIDC != nil {
		f.SSO = s.OIDC.Label()
	}
	return f
}

// safeNext keeps a return address only if it is a path on this site. A
// browser ignores tabs and line breaks in an address and reads a backslash
// as a slash, so "/\t/evil.example" would leave the site: any of them, or
// two slashes at the start, mean "/".
func safeNext(next string) string {
	if !strings.HasPrefix(next, "/") || strings.HasPrefix(next, "//") ||
		strings.ContainsFunc(next, func(r rune) bool { return r == '\\' || unicode.IsControl(r) }) {
		return "/"
	}
	if u, err := url.Parse(next); err != nil || u.Scheme != "" || u.Host != "" {
		return "/"
	}
	return next
}

// clientAddr is the address a request came from (see clientaddr.Of):
// X-Forwarded-For is read only from one of TrustedProxies.
func (s *Server) clientAddr(r *http.Request) string {
	return clientaddr.Of(r, s.TrustedProxies)
}

func (s *Server) signIn(w http.ResponseWriter, r *http.Request) {
	form := s.signInForm(strings.TrimSpace(r.PostFormValue("username")), safeNext(r.PostFormValue("next")))
	password := r.PostFormValue("password")
	if !form.Password {
		s.render(w, r, http.StatusForbidden, "sign_in", page{Title: "Sign in", Data: form,
			Errors: heed.FieldErrors{{Field: "oidc", Message: "Heed does not accept passwords: sign in with " + form.SSO}}})
		return
	}
	var errs heed.FieldErrors
	if form.Username == "" {
		errs = append(errs, heed.FieldError{Field: "username", Message: "Enter your user name"})
	}
	if password == "" {
		errs = append(errs, heed.FieldError{Field: "password", Message: "Enter your password"})
	}
	if len(errs) > 0 {
		s.render(w, r, http.StatusBadRequest, "sign_in", page{Title: "Sign in", Errors: errs, Data: form})
		return
	}
	now := s.Now()
	keys := signInKeys(form.Username, s.clientAddr(r))
	wait, err := s.signInWait(r.Context(), now, keys)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	if wait > 0 {
		s.Logger.Warn("sign-in refused: too many failures", "user_hash", keys[0].key[:12], "address", keys[1].key)
		mins := int(wait.Minutes()) + 1
		s.render(w, r, http.StatusTooManyRequests, "sign_in", page{Title: "Sign in", Data: form, Errors: heed.FieldErrors{{Field: "username",
			Message: "There have been too many attempts to sign in. Wait " + plural(mins, "minute") + ", then try again"}}})
		return
	}
	u, err := s.Store.FindUserByUsername(r.Context(), form.Username)
	if err != nil && heed.ErrorCode(err) != heed.ENOTFOUND {
		s.fail(w, r, err)
		return
	}
	hash := s.dummyPHC
	if u != nil && u.PasswordHash != "" {
		hash = u.PasswordHash
	}
	ok, err := argon2id.ComparePasswordAndHash(password, hash)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	if u == nil || u.PasswordHash == "" || !ok || u.Disabled {
		for _, k := range keys {
			if err := s.Store.SignInFailure(r.Context(), k.kind, k.key, now, signInWindow); err != nil {
				s.fail(w, r, err)
				return
			}
		}
		s.Logger.Info("sign-in refused", "user_hash", keys[0].key[:12], "address", keys[1].key)
		s.render(w, r, http.StatusUnauthorized, "sign_in", page{Title: "Sign in", Data: form,
			Errors: heed.FieldErrors{{Field: "username", Message: "The user name or password is not right"}}})
		return
	}
	if err := s.Store.ClearSignInFailures(r.Context(), keys[0].kind, keys[0].key); err != nil {
		s.fail(w, r, err)
		return
	}
	if err := s.startSession(w, r, u); err != nil {
		s.fail(w, r, err)
		return
	}
	http.Redirect(w, r, form.Next, http.StatusSeeOther)
}

// startSession creates a session for u and sets its cookie.
func (s *Server) startSession(w http.ResponseWriter, r *http.Request, u *heed.User) error {
	token, csrf := rand.Text()+rand.Text(), rand.Text()
	sess := &heed.Session{TokenHash: tokenHash(token), UserID: u.ID, CSRFToken: csrf, ExpiresAt: s.Now().Add(sessionLifetime)}
	if err := s.Store.CreateSession(r.Context(), sess); err != nil {
		return err
	}
	// A browser session cookie: it goes when the browser closes (council
	// computers are shared), and the database ends it after a working day.
	http.SetCookie(w, &http.Cookie{Name: sessionCookie, Value: token, Path: "/", HttpOnly: true,
		Secure: s.SecureCookies, SameSite: http.SameSiteLaxMode})
	s.Logger.Info("signed in", "user_id", u.ID)
	return nil
}

func (s *Server) signOut(w http.ResponseWriter, r *http.Request) {
	if err := s.Store.DeleteSession(r.Context(), sessionFrom(r).session.TokenHash); err != nil {
		s.fail(w, r, err)
		return
	}
	http.SetCookie(w, &http.Cookie{Name: sessionCookie, Value: "", Path: "/", HttpOnly: true,
		Secure: s.SecureCookies, SameSite: http.SameSiteLaxMode, MaxAge: -1})
	http.Redirect(w, r, "/sign-in", http.StatusSeeOther)
}

func (s *Server) passwordPage(w http.ResponseWriter, r *http.Request) {
	s.render(w, r, http.StatusOK, "password", page{Title: "Choose a new password", Nav: "account"})
}

func (s *Server) changePassword(w http.ResponseWriter, r *http.Request) {
	u := currentUser(r)
	current, p1, p2 := r.PostFormValue("current"), r.PostFormValue("password"), r.PostFormValue("confirm")
	var errs heed.FieldErrors
	if ok, _ := argon2id.ComparePasswordAndHash(current, orDummy(u.PasswordHash, s.dummyPHC)); !ok {
		errs = append(errs, heed.FieldError{Field: "current", Message: "Enter your current password"})
	}
	switch {
	case utf8.RuneCountInString(p1) < minPassword:
		errs = append(errs, heed.FieldError{Field: "password", Message: "Your new password must be at least 12 characters long"})
	case p1 == current:
		errs = append(errs, heed.FieldError{Field: "password", Message: "Your new password must be different from the current one"})
	case strings.EqualFold(p1, u.Username):
		errs = append(errs, heed.FieldError{Field: "password", Message: "Your new password must not be your user name"})
	case p1 != p2:
		errs = append(errs, heed.FieldError{Field: "confirm", Message: "The two new passwords are not the same"})
	}
	if len(errs) > 0 {
		s.render(w, r, http.StatusBadRequest, "password", page{Title: "Choose a new password", Nav: "account", Errors: errs})
		return
	}
	hash, err := hashPassword(p1)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	// Every other session of the user ends: a browser left signed in
	// elsewhere, perhaps by whoever knew the old password.
	if err := s.Store.ChangeOwnPassword(r.Context(), actor(r), u.ID, hash, sessionFrom(r).session.TokenHash); err != nil {
		s.fail(w, r, err)
		return
	}
	http.Redirect(w, r, "/?changed=password", http.StatusSeeOther)
}

func orDummy(hash, dummy string) string {
	if hash == "" {
		return dummy
	}
	return hash
}

func plural(n int, word string) string {
	if n == 1 {
		return "1 " + word
	}
	return thousands(n) + " " + word + "s"
}

// Sign-in is refused for a while after too many failures: for one user
// name, and (more, as an office shares an address) for one address. The
// counts are kept in the database (see authStore), so that they survive a
// restart and hold across every heed serve process on one database.
const (
	signInWindow      = 15 * time.Minute
	maxUserFailures   = 5
	maxAddressFailure = 50
)

// authStore is what sign-in needs of the store besides heed.UserService.
type authStore interface {
	// ChangeOwnPassword stores the user's new password hash and ends
	// their sessions but keep, the one they changed it from.
	ChangeOwnPassword(ctx context.Context, by heed.Actor, id int64, hash, keep string) error
	// SignInFailure counts a failed sign-in for the key at now.
	SignInFailure(ctx context.Context, kind, key string, now time.Time, window time.Duration) error
	// SignInFailures returns the key's failures within its window at now,
	// and when the window started.
	SignInFailures(ctx context.Context, kind, key string, now time.Time, window time.Duration) (int, time.Time, error)
	// ClearSignInFailures forgets the key's failures.
	ClearSignInFailures(ctx context.Context, kind, key string) error
}

// signInKey is one thing failed sign-ins are counted against.
type signInKey struct {
	kind, key string
	max       int
}

// signInKeys are the keys of a sign-in: first the user name, by a SHA-256
// of its key (heed.NameKey), which is neither the name nor kept with it;
// then the client's address.
func signInKeys(username, addr string) []signInKey {
	sum := sha256.Sum256([]byte(heed.NameKey(username)))
	return []signInKey{
		{"user", hex.EncodeToString(sum[:]), maxUserFailures},
		{"address", addr, maxAddressFailure},
	}
}

// signInWait returns how long until a sign-in with those keys may be tried
// (0: now).
func (s *Server) signInWait(ctx context.Context, now time.Time, keys []signInKey) (time.Duration, error) {
	var wait time.Duration
	for _, k := range keys {
		n, start, err := s.Store.SignInFailures(ctx, k.kind, k.key, now, signInWindow)
		if err != nil {
			return 0, err
		}
		if n >= k.max {
			wait = max(wait, start.Add(signInWindow).Sub(now))
		}
	}
	return wait, nil
}
