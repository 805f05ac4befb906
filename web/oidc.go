package web

import (
	"context"
	"crypto/rand"
	"crypto/subtle"
	"encoding/base64"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/coreos/go-oidc/v3/oidc"
	"golang.org/x/oauth2"

	"github.com/heedhq/heed"
)

// Single sign-on with OpenID Connect (the authorization code flow with
// PKCE): GET /sign-in/oidc sends the browser to the provider, which sends it
// back to GET /sign-in/oidc/callback. A person signed in by the provider
// becomes the Heed user linked to their subject there; an administrator
// creates the account first.

const (
	oidcStartPath    = "/sign-in/oidc"
	oidcCallbackPath = "/sign-in/oidc/callback"
	// oidcCookie holds one sign-in in progress: its state, nonce, PKCE
	// verifier and the page to return to. It is scoped to the callback.
	oidcCookie       = "heed_oidc_flow"
	oidcFlowLifetime = 10 * time.Minute
	oidcTimeout      = 10 * time.Second // for each call to the provider
)

// OIDCConfig configures single sign-on with an OpenID Connect provider,
// such as Microsoft Entra ID.
type OIDCConfig struct {
	// Issuer is the provider's issuer URL. For Microsoft Entra ID it is the
	// tenant's: https://login.microsoftonline.com/{tenant id}/v2.0.
	Issuer string
	// ClientID and ClientSecret are Heed's registration at the provider.
	ClientID     string
	ClientSecret string
	// RedirectURL is the callback registered with the provider: Heed's
	// public address followed by /sign-in/oidc/callback.
	RedirectURL string
	// Label names the provider on the sign-in page: "Sign in with {Label}";
	// "your council account" when empty.
	Label string
	// CreateUsers gives a person whom the provider signs in but Heed does
	// not know a new account with the viewer role. When false, the default,
	// they are refused until an administrator creates their account.
	CreateUsers bool
	// DisablePasswords hides the password form and refuses password sign-in:
	// everyone signs in with the provider.
	DisablePasswords bool
}

// OIDC is single sign-on with one OpenID Connect provider. The provider's
// discovery document is read at the first sign-in, and again after a
// failure, so that Heed starts while the provider is unreachable.
type OIDC struct {
	cfg    OIDCConfig
	client *http.Client

	mu       sync.Mutex
	provider *oidc.Provider
	verifier *oidc.IDTokenVerifier
}

// NewOIDC checks the configuration and returns single sign-on for a Server.
func NewOIDC(cfg OIDCConfig) (*OIDC, error) {
	cfg.Issuer = strings.TrimSpace(cfg.Issuer)
	if cfg.Label == "" {
		cfg.Label = "your council account"
	}
	switch {
	case !secureOrLocal(cfg.Issuer):
		return nil, fmt.Errorf("single sign-on: the issuer must be an https:// address, not %q", cfg.Issuer)
	case cfg.ClientID == "":
		return nil, errors.New("single sign-on: the client id is missing")
	case cfg.ClientSecret == "":
		return nil, errors.New("single sign-on: the client secret is missing")
	}
	u, err := url.Parse(cfg.RedirectURL)
	if err != nil || !secureOrLocal(cfg.RedirectURL) || u.Path != oidcCallbackPath {
		return nil, fmt.Errorf("single sign-on: the redirect address must be Heed's address followed by %s, not %q", oidcCallbackPath, cfg.RedirectURL)
	}
	return &OIDC{cfg: cfg, client: &http.Client{Timeout: oidcTimeout}}, nil
}

// secureOrLocal reports whether a URL is https, or http on this machine
// (for a laptop and the tests).
func secureOrLocal(raw string) bool {
	u, err := url.Parse(raw)
	if err != nil || u.Host == "" {
		return false
	}
	switch u.Scheme {
	case "https":
		return true
	case "http":
		h := u.Hostname()
		return h == "localhost" || h == "127.0.0.1" || h == "::1"
	}
	return false
}

// Label is how the sign-in page names the provider.
func (o *OIDC) Label() string { return o.cfg.Label }

// discover reads the provider's discovery document, once it has succeeded.
func (o *OIDC) discover(ctx context.Context) (*oidc.Provider, *oidc.IDTokenVerifier, error) {
	o.mu.Lock()
	defer o.mu.Unlock()
	if o.provider == nil {
		p, err := oidc.NewProvider(oidc.ClientContext(ctx, o.client), o.cfg.Issuer)
		if err != nil {
			return nil, nil, fmt.Errorf("single sign-on: read the provider's discovery document: %w", err)
		}
		o.provider, o.verifier = p, p.Verifier(&oidc.Config{ClientID: o.cfg.ClientID})
	}
	return o.provider, o.verifier, nil
}

func (o *OIDC) oauth(p *oidc.Provider) *oauth2.Config {
	return &oauth2.Config{ClientID: o.cfg.ClientID, ClientSecret: o.cfg.ClientSecret, Endpoint: p.Endpoint(),
		RedirectURL: o.cfg.RedirectURL, Scopes: []string{oidc.ScopeOpenID, "profile", "email"}}
}

// subject is how a user is linked to the provider: the issuer and the
// subject together (an issuer URL has no fragment, so # separates them).
func (o *OIDC) subject(sub string) string { return o.cfg.Issuer + "#" + sub }

// passwordsAllowed reports whether people may sign in with a Heed password.
func (s *Server) passwordsAllowed() bool { return s.OIDC == nil || !s.OIDC.cfg.DisablePasswords }

func (s *Server) oidcRoutes(mux *http.ServeMux) {
	mux.HandleFunc("GET "+oidcStartPath, s.oidcStart)
	mux.HandleFunc("GET "+oidcCallbackPath, s.oidcCallback)
}

// oidcFlow is one sign-in in progress, kept in the browser's cookie.
type oidcFlow struct {
	State    string `json:"state"`
	Nonce    string `json:"nonce"`
	Verifier string `json:"verifier"`
	Next     string `json:"next"`
	Started  int64  `json:"started"` // Unix seconds, by the server's clock
}

func (s *Server) setFlowCookie(w http.ResponseWriter, value string, maxAge int) {
	http.SetCookie(w, &http.Cookie{Name: oidcCookie, Value: value, Path: oidcCallbackPath, MaxAge: maxAge,
		HttpOnly: true, Secure: s.SecureCookies, SameSite: http.SameSiteLaxMode})
}

// takeFlow reads the sign-in in progress and clears its cookie, so that it
// is used once.
func (s *Server) takeFlow(w http.ResponseWriter, r *http.Request) (oidcFlow, bool) {
	var f oidcFlow
	c, err := r.Cookie(oidcCookie)
	if err != nil || c.Value == "" {
		return f, false
	}
	s.setFlowCookie(w, "", -1)
	b, err := base64.RawURLEncoding.DecodeString(c.Value)
	if err != nil || json.Unmarshal(b, &f) != nil || f.State == "" || f.Nonce == "" || f.Verifier == "" {
		return oidcFlow{}, false
	}
	f.Next = safeNext(f.Next)
	return f, true
}

// oidcStart sends the browser to the provider.
func (s *Server) oidcStart(w http.ResponseWriter, r *http.Request) {
	o := s.OIDC
	if o == nil {
		s.errorPage(w, r, http.StatusNotFound, "Single sign-on is not set up in Heed.")
		return
	}
	next := safeNext(r.URL.Query().Get("next"))
	ctx, cancel := context.WithTimeout(r.Context(), oidcTimeout)
	defer cancel()
	p, _, err := o.discover(ctx)
	if err != nil {
		s.Logger.Error("single sign-on unavailable", "reason", "discovery", "err", err)
		s.oidcRefused(w, r, next, &ssoRefusal{http.StatusBadGateway, "discovery",
			"Heed could not reach " + o.cfg.Label + " to sign you in. Try again in a few minutes."})
		return
	}
	f := oidcFlow{State: rand.Text(), Nonce: rand.Text(), Verifier: oauth2.GenerateVerifier(), Next: next, Started: s.Now().Unix()}
	b, err := json.Marshal(f)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	s.setFlowCookie(w, base64.RawURLEncoding.EncodeToString(b), int(oidcFlowLifetime.Seconds()))
	http.Redirect(w, r, o.oauth(p).AuthCodeURL(f.State, oidc.Nonce(f.Nonce), oauth2.S256ChallengeOption(f.Verifier)), http.StatusSeeOther)
}

// ssoRefusal is a single sign-on that did not sign anyone in: Reason is
// logged (it is a fixed word, never personal data), Message shown.
type ssoRefusal struct {
	Code    int
	Reason  string
	Message string
}

func (e *ssoRefusal) Error() string { return "single sign-on refused: " + e.Reason }

// oidcCallback finishes the sign-in: it checks the state, exchanges the code
// (with the PKCE verifier), verifies the ID token and its nonce, finds the
// user and starts a session as a password sign-in does.
func (s *Server) oidcCallback(w http.ResponseWriter, r *http.Request) {
	o := s.OIDC
	if o == nil {
		s.errorPage(w, r, http.StatusNotFound, "Single sign-on is not set up in Heed.")
		return
	}
	f, ok := s.takeFlow(w, r)
	next := "/"
	if ok {
		next = f.Next
	}
	u, err := s.oidcUser(r, o, f, ok)
	var refusal *ssoRefusal
	switch {
	case errors.As(err, &refusal):
		s.Logger.Info("single sign-on refused", "reason", refusal.Reason)
		s.oidcRefused(w, r, next, refusal)
		return
	case err != nil:
		s.fail(w, r, err)
		return
	}
	if err := s.startSession(w, r, u); err != nil {
		s.fail(w, r, err)
		return
	}
	http.Redirect(w, r, next, http.StatusSeeOther)
}

// oidcRefused shows the sign-in page with the reason sign-in failed.
func (s *Server) oidcRefused(w http.ResponseWriter, r *http.Request, next string, e *ssoRefusal) {
	s.render(w, r, e.Code, "sign_in", page{Title: "Sign in", Errors: heed.FieldErrors{{Field: "oidc", Message: e.Message}},
		Data: s.signInForm("", next)})
}

// oidcUser checks the provider's answer and returns the user it signed in.
func (s *Server) oidcUser(r *http.Request, o *OIDC, f oidcFlow, haveFlow bool) (*heed.User, error) {
	q := r.URL.Query()
	again := func(reason string) error {
		return &ssoRefusal{http.StatusBadRequest, reason,
			"Your sign-in took too long, or was started in another window. Sign in again."}
	}
	switch {
	case q.Get("error") != "":
		return nil, &ssoRefusal{http.StatusUnauthorized, "provider error " + errorCode(q.Get("error")),
			"Signing in with " + o.cfg.Label + " did not finish. Try again, or ask an administrator of Heed for help."}
	case !haveFlow:
		return nil, again("no sign-in in progress")
	case s.Now().Sub(time.Unix(f.Started, 0)) > oidcFlowLifetime || s.Now().Before(time.Unix(f.Started, 0)):
		return nil, again("sign-in expired")
	case subtle.ConstantTimeCompare([]byte(q.Get("state")), []byte(f.State)) != 1:
		return nil, again("state mismatch")
	case q.Get("code") == "":
		return nil, again("no code")
	}

	ctx, cancel := context.WithTimeout(oidc.ClientContext(r.Context(), o.client), 2*oidcTimeout)
	defer cancel()
	p, idt, tok, err := s.oidcExchange(ctx, o, q.Get("code"), f)
	if err != nil {
		return nil, err
	}
	subject := o.subject(idt.Subject)
	u, err := s.Store.FindUserBySubject(ctx, subject)
	switch heed.ErrorCode(err) {
	case "":
	case heed.ENOTFOUND:
		id, err := o.identity(ctx, p, idt, tok)
		if err != nil {
			return nil, &ssoRefusal{http.StatusUnauthorized, "user info: " + err.Error(), uncheckedMessage(o)}
		}
		if u, err = s.linkUser(ctx, o, subject, id); err != nil {
			return nil, err
		}
	default:
		return nil, err
	}
	if u.Disabled {
		return nil, &ssoRefusal{http.StatusForbidden, "user disabled",
			"Your Heed account has been disabled. Ask an administrator of Heed if you still need it."}
	}
	s.Logger.Info("single sign-on accepted", "user_id", u.ID)
	return u, nil
}

func uncheckedMessage(o *OIDC) string {
	return "Heed could not check your sign-in with " + o.cfg.Label + ". Sign in again, and if this happens again tell an administrator of Heed."
}

// oidcExchange exchanges the code, with the PKCE verifier, for tokens and
// verifies the ID token: its signature, issuer, audience, expiry (by the
// real clock, which the provider also keeps) and nonce.
func (s *Server) oidcExchange(ctx context.Context, o *OIDC, code string, f oidcFlow) (*oidc.Provider, *oidc.IDToken, *oauth2.Token, error) {
	refuse := func(code int, reason string) (*oidc.Provider, *oidc.IDToken, *oauth2.Token, error) {
		return nil, nil, nil, &ssoRefusal{code, reason, uncheckedMessage(o)}
	}
	p, verifier, err := o.discover(ctx)
	if err != nil {
		s.Logger.Error("single sign-on unavailable", "reason", "discovery", "err", err)
		return refuse(http.StatusBadGateway, "discovery")
	}
	tok, err := o.oauth(p).Exchange(ctx, code, oauth2.VerifierOption(f.Verifier))
	var re *oauth2.RetrieveError
	switch {
	case errors.As(err, &re):
		return refuse(http.StatusUnauthorized, "code exchange refused: "+errorCode(re.ErrorCode))
	case err != nil:
		s.Logger.Error("single sign-on unavailable", "reason", "code exchange", "err", err)
		return refuse(http.StatusBadGateway, "code exchange failed")
	}
	raw, _ := tok.Extra("id_token").(string)
	if raw == "" {
		return refuse(http.StatusUnauthorized, "no id token")
	}
	idt, err := verifier.Verify(ctx, raw)
	if err != nil {
		// go-oidc's errors name the check that failed, never the person.
		s.Logger.Info("single sign-on: id token invalid", "err", err)
		return refuse(http.StatusUnauthorized, "id token invalid")
	}
	if subtle.ConstantTimeCompare([]byte(idt.Nonce), []byte(f.Nonce)) != 1 {
		return refuse(http.StatusUnauthorized, "nonce mismatch")
	}
	return p, idt, tok, nil
}

// errorCode keeps an OAuth error code to log: letters and underscores only.
func errorCode(code string) string {
	code = strings.Map(func(r rune) rune {
		if r == '_' || (r >= 'a' && r <= 'z') || (r >= 'A' && r <= 'Z') {
			return r
		}
		return -1
	}, code)
	if len(code) > 40 {
		code = code[:40]
	}
	return code
}

// ssoIdentity is what the provider says about the person, to link them to a
// Heed account the first time.
type ssoIdentity struct {
	Email             string `json:"email"`
	EmailVerified     any    `json:"email_verified"` // a boolean, or a string from some providers
	PreferredUsername string `json:"preferred_username"`
	Name              string `json:"name"`
}

// identity reads the ID token's claims and, when it has neither an email
// address nor a user name, the provider's user info.
func (o *OIDC) identity(ctx context.Context, p *oidc.Provider, idt *oidc.IDToken, tok *oauth2.Token) (ssoIdentity, error) {
	var id ssoIdentity
	if err := idt.Claims(&id); err != nil {
		return id, errors.New("claims unreadable")
	}
	if id.Email != "" || id.PreferredUsername != "" || p.UserInfoEndpoint() == "" {
		return id, nil
	}
	info, err := p.UserInfo(ctx, oauth2.StaticTokenSource(tok))
	if err != nil {
		return id, errors.New("request failed")
	}
	if info.Subject != idt.Subject {
		return id, errors.New("subject mismatch")
	}
	var more ssoIdentity
	if err := info.Claims(&more); err != nil {
		return id, errors.New("claims unreadable")
	}
	return more, nil
}

// names are the addresses the person may be known by in Heed, lower case:
// their user name at the provider (preferred_username; for Microsoft Entra
// ID the user principal name, which the council's administrators set) when
// it is an email address, and their email address when the provider says
// it is verified (Entra ID does not, and lets its email claim differ from
// the mailbox, so it links by user principal name only).
func (id ssoIdentity) names() []string {
	var out []string
	add := func(s string) {
		s = strings.ToLower(strings.TrimSpace(s))
		if strings.Contains(s, "@") && !strings.ContainsAny(s, " \t") && !slices.Contains(out, s) {
			out = append(out, s)
		}
	}
	add(id.PreferredUsername)
	if v, ok := id.EmailVerified.(bool); (ok && v) || id.EmailVerified == "true" {
		add(id.Email)
	}
	return out
}

// linkUser finds the Heed account of a person signing in for the first
// time: the one whose email address, or whose user name when it is an
// email address, is one of the person's names. It links the account to
// the subject (an audited change to the user), so that later sign-ins
// find it by subject whatever happens to the addresses. With CreateUsers,
// a person without an account gets a new viewer account.
func (s *Server) linkUser(ctx context.Context, o *OIDC, subject string, id ssoIdentity) (*heed.User, error) {
	unknown := &ssoRefusal{http.StatusForbidden, "unknown user",
		"There is no Heed account for you. Ask an administrator of Heed to create one with your work email address."}
	unclear := &ssoRefusal{http.StatusForbidden, "account unclear",
		"Heed could not tell which account is yours. Ask an administrator of Heed to check your account."}
	names := id.names()
	if len(names) == 0 {
		return nil, unknown
	}
	users, err := s.Store.Users(ctx)
	if err != nil {
		return nil, err
	}
	var match *heed.User
	for _, u := range users {
		if !matchesAny(u, names) {
			continue
		}
		if match != nil {
			return nil, unclear
		}
		match = u
	}
	if match == nil {
		if !o.cfg.CreateUsers {
			return nil, unknown
		}
		u := &heed.User{Username: names[0], DisplayName: strings.TrimSpace(id.Name), Role: heed.RoleViewer, Subject: subject}
		if len(names) > 1 {
			u.Email = names[1]
		} else {
			u.Email = names[0]
		}
		if err := s.Store.CreateUser(ctx, heed.Actor{Name: "single sign-on"}, u); err != nil {
			if heed.ErrorCode(err) == heed.ECONFLICT {
				return nil, unclear
			}
			return nil, err
		}
		s.Logger.Info("single sign-on created an account", "user_id", u.ID)
		return u, nil
	}
	switch {
	case match.Disabled:
		return nil, &ssoRefusal{http.StatusForbidden, "user disabled",
			"Your Heed account has been disabled. Ask an administrator of Heed if you still need it."}
	case match.Subject != "":
		return nil, unclear // linked to another account at the provider
	}
	match.Subject = subject
	if err := s.Store.UpdateUser(ctx, heed.Actor{ID: match.ID, Name: match.Username}, match); err != nil {
		if heed.ErrorCode(err) == heed.ECONFLICT {
			return nil, unclear
		}
		return nil, err
	}
	s.Logger.Info("single sign-on linked an account", "user_id", match.ID)
	return match, nil
}

func matchesAny(u *heed.User, names []string) bool {
	for _, n := range names {
		if strings.EqualFold(u.Email, n) || (strings.Contains(u.Username, "@") && strings.EqualFold(u.Username, n)) {
			return true
		}
	}
	return false
}
