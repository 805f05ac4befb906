package web

import (
	"bytes"
	"context"
	"encoding/base64"
	"encoding/json"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"net/url"
	"slices"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/alexedwards/argon2id"
	"github.com/chromedp/chromedp"
	"github.com/zitadel/oidc/v3/example/server/exampleop"
	"github.com/zitadel/oidc/v3/example/server/storage"

	"github.com/heedhq/heed"
	"github.com/heedhq/heed/sqlstore"
	"github.com/heedhq/heed/sqlstore/storetest"
)

// The single sign-on tests sign in at a real OpenID Connect provider,
// zitadel's example provider, running in the test on its own address: its
// login page, authorization codes, PKCE, signed ID tokens and user info.

const (
	providerPassword = "provider password"
	providerClientID = "heed"
	providerSecret   = "heed client secret"
)

// providerUsers are the people the provider knows, by subject. Olu and Vic
// have Heed accounts with the same email addresses (Olu's in other case);
// the rest do not.
var providerUsers = map[string]*storage.User{
	"sub-olu": {ID: "sub-olu", Username: "olu.officer@example.gov.uk", FirstName: "Olu", LastName: "Officer",
		Email: "olu.officer@example.gov.uk", EmailVerified: true},
	"sub-vic": {ID: "sub-vic", Username: "vic@example.gov.uk", FirstName: "Vic", LastName: "Viewer",
		Email: "vic@example.gov.uk", EmailVerified: true},
	"sub-sam": {ID: "sub-sam", Username: "sam.stranger@example.gov.uk", FirstName: "Sam", LastName: "Stranger",
		Email: "sam.stranger@example.gov.uk", EmailVerified: true},
	// Heed's "admin" is not anyone called admin at the provider.
	"sub-admin": {ID: "sub-admin", Username: "admin", FirstName: "Not", LastName: "Admin",
		Email: "admin@elsewhere.example", EmailVerified: true},
	// An email address the provider has not verified links no account.
	"sub-unverified": {ID: "sub-unverified", Username: "someone", FirstName: "Un", LastName: "Verified",
		Email: "ivy@example.gov.uk", EmailVerified: false},
}

// heedEmails are the test users' email addresses in Heed.
var heedEmails = map[string]string{"officer": "Olu.Officer@Example.gov.uk", "viewer": "vic@example.gov.uk", "ivy": "ivy@example.gov.uk"}

type providerUserStore struct{}

func (providerUserStore) GetUserByID(id string) *storage.User { return providerUser(providerUsers[id]) }
func (providerUserStore) GetUserByUsername(name string) *storage.User {
	for _, u := range providerUsers {
		if u.Username == name {
			return providerUser(u)
		}
	}
	return nil
}
func (providerUserStore) ExampleClientID() string { return storage.ServiceUserID }

func providerUser(u *storage.User) *storage.User {
	if u == nil {
		return nil
	}
	c := *u
	c.Password = providerPassword
	return &c
}

// quietDefaultLog discards what goes to slog's default logger, where the
// provider logs every request, for the rest of the test.
func quietDefaultLog(t *testing.T) {
	old := slog.Default()
	slog.SetDefault(slog.New(slog.DiscardHandler))
	t.Cleanup(func() { slog.SetDefault(old) })
}

// startProvider runs the provider with Heed registered as a web client, and
// returns its issuer URL.
func startProvider(t *testing.T, redirectURL string) string {
	t.Helper()
	quietDefaultLog(t)
	clients := map[string]*storage.Client{providerClientID: storage.WebClient(providerClientID, providerSecret, redirectURL)}
	srv := httptest.NewUnstartedServer(nil)
	issuer := "http://" + srv.Listener.Addr().String()
	srv.Config.Handler = exampleop.SetupServer(issuer, storage.NewStorageWithClients(providerUserStore{}, clients), nil, false)
	srv.Start()
	t.Cleanup(srv.Close)
	return issuer
}

// ssoApp is Heed over a real store, with single sign-on at the provider.
type ssoApp struct {
	*testApp
	issuer string
	ahead  *atomic.Int64 // how far Heed's clock is ahead of testNow
	log    *bytes.Buffer // Heed's log
}

func newSSOApp(t *testing.T, dialect sqlstore.Dialect, cfg OIDCConfig) *ssoApp {
	t.Helper()
	ctx := context.Background()
	db := storetest.Open(t, dialect, sqlstore.Options{Now: func() time.Time { return testNow }})
	hash, err := argon2id.CreateHash(testPassword, &argon2id.Params{Memory: 1024, Iterations: 1, Parallelism: 1, SaltLength: 16, KeyLength: 32})
	if err != nil {
		t.Fatal(err)
	}
	for _, u := range testUsers {
		u := *u
		u.PasswordHash, u.Email, u.ServiceAreas = hash, heedEmails[u.Username], nil
		if err := db.CreateUser(ctx, storetest.Actor, &u); err != nil {
			t.Fatal(err)
		}
	}
	ahead := new(atomic.Int64)
	var log bytes.Buffer
	s := &Server{CouncilName: "Example Council", Store: db,
		Logger: slog.New(slog.NewTextHandler(&log, nil)),
		Now:    func() time.Time { return testNow.Add(time.Duration(ahead.Load())) }}
	h, err := s.Handler()
	if err != nil {
		t.Fatal(err)
	}
	srv := httptest.NewUnstartedServer(h)
	heedURL := "http://" + srv.Listener.Addr().String()
	issuer := startProvider(t, heedURL+oidcCallbackPath)
	cfg.Issuer, cfg.ClientID, cfg.ClientSecret = issuer, providerClientID, providerSecret
	cfg.RedirectURL, cfg.Label = heedURL+oidcCallbackPath, "Microsoft"
	if s.OIDC, err = NewOIDC(cfg); err != nil {
		t.Fatal(err)
	}
	srv.Start()
	t.Cleanup(srv.Close)
	return &ssoApp{testApp: &testApp{URL: heedURL, Store: db}, issuer: issuer, ahead: ahead, log: &log}
}

// providerSignIn starts single sign-on at Heed and signs in at the
// provider's login page as a browser would. It returns the address of
// Heed's callback the provider sent the browser back to, not yet opened.
func providerSignIn(t *testing.T, c *client, next, username string) string {
	t.Helper()
	res := c.get(oidcStartPath + "?next=" + url.QueryEscape(next))
	if res.Code != http.StatusSeeOther {
		t.Fatalf("start: %d, want a redirect to the provider", res.Code)
	}
	at := res.Location
	for range 10 {
		if strings.HasPrefix(at, c.app.URL+oidcCallbackPath) {
			return at
		}
		req, _ := http.NewRequest(http.MethodGet, at, nil)
		res := c.do(req)
		switch {
		case res.Code == http.StatusFound || res.Code == http.StatusSeeOther:
			at = resolve(t, at, res.Location)
		case res.Code == http.StatusOK && strings.Contains(at, "/login/username"):
			u, _ := url.Parse(at)
			form := url.Values{"id": {u.Query().Get("authRequestID")}, "username": {username}, "password": {providerPassword}}
			req, _ := http.NewRequest(http.MethodPost, resolve(t, at, "/login/username"), strings.NewReader(form.Encode()))
			req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
			res := c.do(req)
			if res.Code != http.StatusFound {
				t.Fatalf("provider's login form: %d", res.Code)
			}
			at = resolve(t, at, res.Location)
		default:
			t.Fatalf("at the provider, %s gave %d", at, res.Code)
		}
	}
	t.Fatal("the provider never sent the browser back to Heed")
	return ""
}

func resolve(t *testing.T, base, ref string) string {
	b, err := url.Parse(base)
	if err != nil {
		t.Fatal(err)
	}
	r, err := b.Parse(ref)
	if err != nil {
		t.Fatal(err)
	}
	return r.String()
}

// callback opens Heed's callback address.
func (c *client) callback(at string) response {
	c.t.Helper()
	req, _ := http.NewRequest(http.MethodGet, at, nil)
	return c.do(req)
}

// cookie returns the value of the client's cookie for Heed's path.
func (c *client) cookie(path, name string) string {
	u, _ := url.Parse(c.app.URL + path)
	for _, k := range c.http.Jar.Cookies(u) {
		if k.Name == name {
			return k.Value
		}
	}
	return ""
}

func (c *client) setCookie(path, name, value string) {
	u, _ := url.Parse(c.app.URL + path)
	c.http.Jar.SetCookies(u, []*http.Cookie{{Name: name, Value: value, Path: path}})
}

// wantRefused checks that a callback showed the sign-in page with the
// message and signed no one in.
func wantRefused(t *testing.T, c *client, res response, code int, message string) {
	t.Helper()
	if res.Code != code || !strings.Contains(res.Body, message) || !strings.Contains(res.Body, "govuk-error-summary") {
		t.Errorf("got %d, want %d with %q in an error summary:\n%s", res.Code, code, message, res.Body)
	}
	if c.cookie("/", sessionCookie) != "" {
		t.Error("a session cookie was set")
	}
}

// TestSingleSignOn runs on both stores: linking an account and finding it
// by subject are store queries.
func TestSingleSignOn(t *testing.T) {
	for _, d := range storetest.Backends {
		t.Run(string(d), func(t *testing.T) { testSingleSignOn(t, d) })
	}
}

func testSingleSignOn(t *testing.T, dialect sqlstore.Dialect) {
	app := newSSOApp(t, dialect, OIDCConfig{})
	ctx := context.Background()

	t.Run("the sign-in page offers it", func(t *testing.T) {
		res := app.client(t).get("/sign-in?next=%2Fcases")
		if !strings.Contains(res.Body, `href="/sign-in/oidc?next=%2fcases"`) || !strings.Contains(res.Body, "Sign in with Microsoft") ||
			!strings.Contains(res.Body, `name="password"`) {
			t.Errorf("sign-in page:\n%s", res.Body)
		}
	})

	t.Run("a known user lands signed in at the page asked for", func(t *testing.T) {
		c := app.client(t)
		res := c.callback(providerSignIn(t, c, "/cases?type=complaint", "olu.officer@example.gov.uk"))
		if res.Code != http.StatusSeeOther || res.Location != "/cases?type=complaint" {
			t.Fatalf("callback: %d %q\n%s", res.Code, res.Location, res.Body)
		}
		if res := c.get("/"); res.Code != http.StatusOK || !strings.Contains(res.Body, "signed in as Olu Officer") {
			t.Fatalf("home: %d", res.Code)
		}
		// The session is in the database, with the CSRF token of the pages.
		sess, u, err := app.Store.FindSession(ctx, tokenHash(c.cookie("/", sessionCookie)))
		if err != nil || u.Username != "officer" || sess.CSRFToken != c.csrf {
			t.Fatalf("session: %+v %+v %v", sess, u, err)
		}
		// The account is now linked, and the link is in the audit log.
		if u, err := app.Store.FindUserBySubject(ctx, app.issuer+"#sub-olu"); err != nil || u.Username != "officer" {
			t.Errorf("linked user: %+v %v", u, err)
		}
		log, _, err := app.Store.AuditLog(ctx, heed.AuditFilter{Actor: "officer", Action: heed.AuditUserChanged})
		if err != nil || len(log) != 1 || !slices.ContainsFunc(log[0].Changes, func(ch heed.Change) bool {
			return ch.Field == "sso_subject" && ch.New == app.issuer+"#sub-olu"
		}) {
			t.Errorf("audit log: %+v %v", log, err)
		}
		if c.cookie(oidcCallbackPath, oidcCookie) != "" {
			t.Error("the sign-in's cookie outlived it")
		}
	})

	t.Run("later, the subject finds the account whatever its email", func(t *testing.T) {
		u, err := app.Store.FindUserByUsername(ctx, "officer")
		if err != nil {
			t.Fatal(err)
		}
		u.Email = "olu@new.example.gov.uk"
		if err := app.Store.UpdateUser(ctx, storetest.Actor, u); err != nil {
			t.Fatal(err)
		}
		c := app.client(t)
		if res := c.callback(providerSignIn(t, c, "/", "olu.officer@example.gov.uk")); res.Code != http.StatusSeeOther || res.Location != "/" {
			t.Fatalf("callback: %d %q", res.Code, res.Location)
		}
	})

	refusals := []struct {
		name, username, message string
		code                    int
	}{
		{"an unknown user is refused", "sam.stranger@example.gov.uk", "There is no Heed account for you", http.StatusForbidden},
		{"a user name alone links no account", "admin", "There is no Heed account for you", http.StatusForbidden},
		{"an unverified email links no account", "someone", "There is no Heed account for you", http.StatusForbidden},
	}
	for _, tt := range refusals {
		t.Run(tt.name, func(t *testing.T) {
			c := app.client(t)
			wantRefused(t, c, c.callback(providerSignIn(t, c, "/", tt.username)), tt.code, tt.message)
		})
	}

	t.Run("a disabled user is refused", func(t *testing.T) {
		for _, name := range []string{"viewer", "officer"} { // not linked yet, and linked
			u, err := app.Store.FindUserByUsername(ctx, name)
			if err != nil {
				t.Fatal(err)
			}
			u.Disabled = true
			if err := app.Store.UpdateUser(ctx, storetest.Actor, u); err != nil {
				t.Fatal(err)
			}
		}
		for _, username := range []string{"vic@example.gov.uk", "olu.officer@example.gov.uk"} {
			c := app.client(t)
			wantRefused(t, c, c.callback(providerSignIn(t, c, "/", username)), http.StatusForbidden, "Your Heed account has been disabled")
		}
		if _, err := app.Store.FindUserBySubject(ctx, app.issuer+"#sub-vic"); heed.ErrorCode(err) != heed.ENOTFOUND {
			t.Errorf("a disabled account was linked: %v", err)
		}
	})

	t.Run("the log has reasons, not people", func(t *testing.T) {
		log := app.log.String()
		for _, want := range []string{`reason="unknown user"`, `reason="user disabled"`, "single sign-on linked an account"} {
			if !strings.Contains(log, want) {
				t.Errorf("the log lacks %s:\n%s", want, log)
			}
		}
		for _, personal := range []string{"sam", "Sam", "olu", "Olu", "vic@", "Stranger", "example.gov.uk"} {
			if strings.Contains(log, personal) {
				t.Errorf("the log has %q:\n%s", personal, log)
			}
		}
	})
}

// TestSingleSignOnChecks tampers with each thing the callback checks.
func TestSingleSignOnChecks(t *testing.T) {
	app := newSSOApp(t, sqlstore.SQLite, OIDCConfig{})
	const olu = "olu.officer@example.gov.uk"
	const again = "Your sign-in took too long, or was started in another window"
	const unchecked = "Heed could not check your sign-in with Microsoft"

	// flow edits the sign-in's cookie, as an attacker with the browser might.
	flow := func(t *testing.T, c *client, edit func(*oidcFlow)) {
		b, err := base64.RawURLEncoding.DecodeString(c.cookie(oidcCallbackPath, oidcCookie))
		var f oidcFlow
		if err != nil || json.Unmarshal(b, &f) != nil {
			t.Fatalf("the sign-in's cookie: %v", err)
		}
		edit(&f)
		b, _ = json.Marshal(f)
		c.setCookie(oidcCallbackPath, oidcCookie, base64.RawURLEncoding.EncodeToString(b))
	}

	t.Run("a tampered state", func(t *testing.T) {
		c := app.client(t)
		at := providerSignIn(t, c, "/", olu)
		u, _ := url.Parse(at)
		q := u.Query()
		q.Set("state", q.Get("state")+"x")
		u.RawQuery = q.Encode()
		wantRefused(t, c, c.callback(u.String()), http.StatusBadRequest, again)
	})

	t.Run("a replayed callback", func(t *testing.T) {
		c := app.client(t)
		at := providerSignIn(t, c, "/", olu)
		kept := c.cookie(oidcCallbackPath, oidcCookie)
		if res := c.callback(at); res.Code != http.StatusSeeOther {
			t.Fatalf("first use: %d", res.Code)
		}
		// The same browser: its sign-in is over.
		res := c.callback(at)
		if res.Code != http.StatusBadRequest || !strings.Contains(res.Body, again) {
			t.Errorf("second use: %d", res.Code)
		}
		// Another browser with a copy of the cookie: the provider refuses
		// the used code.
		other := app.client(t)
		other.setCookie(oidcCallbackPath, oidcCookie, kept)
		wantRefused(t, other, other.callback(at), http.StatusUnauthorized, unchecked)
	})

	t.Run("an expired sign-in", func(t *testing.T) {
		c := app.client(t)
		at := providerSignIn(t, c, "/", olu)
		app.ahead.Store(int64(oidcFlowLifetime + time.Second))
		defer app.ahead.Store(0)
		wantRefused(t, c, c.callback(at), http.StatusBadRequest, again)
	})

	t.Run("no sign-in started", func(t *testing.T) {
		c := app.client(t)
		wantRefused(t, c, c.get(oidcCallbackPath+"?code=abc&state=def"), http.StatusBadRequest, again)
	})

	t.Run("the provider's error", func(t *testing.T) {
		c := app.client(t)
		providerSignIn(t, c, "/", olu)
		wantRefused(t, c, c.get(oidcCallbackPath+"?error=access_denied&error_description=Olu+cancelled"),
			http.StatusUnauthorized, "Signing in with Microsoft did not finish")
		if !strings.Contains(app.log.String(), `reason="provider error access_denied"`) || strings.Contains(app.log.String(), "Olu") {
			t.Errorf("log:\n%s", app.log)
		}
	})

	t.Run("another nonce", func(t *testing.T) {
		c := app.client(t)
		at := providerSignIn(t, c, "/", olu)
		flow(t, c, func(f *oidcFlow) { f.Nonce = "another" })
		wantRefused(t, c, c.callback(at), http.StatusUnauthorized, unchecked)
		if !strings.Contains(app.log.String(), `reason="nonce mismatch"`) {
			t.Errorf("log:\n%s", app.log)
		}
	})

	t.Run("another PKCE verifier", func(t *testing.T) {
		c := app.client(t)
		at := providerSignIn(t, c, "/", olu)
		flow(t, c, func(f *oidcFlow) { f.Verifier = "another-verifier-of-enough-length-to-be-well-formed-0123" })
		wantRefused(t, c, c.callback(at), http.StatusUnauthorized, unchecked)
	})

	for _, next := range []string{"//evil.example/", "https://evil.example/", "/\t/evil.example/", `/\evil.example/`} {
		t.Run("no redirect off the site to "+strings.TrimSpace(next), func(t *testing.T) {
			c := app.client(t)
			res := c.callback(providerSignIn(t, c, next, olu))
			if res.Code != http.StatusSeeOther || res.Location != "/" {
				t.Errorf("went to %q", res.Location)
			}
		})
		t.Run("nor from an edited cookie to "+strings.TrimSpace(next), func(t *testing.T) {
			c := app.client(t)
			at := providerSignIn(t, c, "/", olu)
			flow(t, c, func(f *oidcFlow) { f.Next = next })
			if res := c.callback(at); res.Code != http.StatusSeeOther || res.Location != "/" {
				t.Errorf("went to %q", res.Location)
			}
		})
	}
}

func TestSingleSignOnOnly(t *testing.T) {
	app := newSSOApp(t, sqlstore.SQLite, OIDCConfig{DisablePasswords: true})
	ctx := context.Background()
	c := app.client(t)
	res := c.get("/sign-in")
	if strings.Contains(res.Body, `name="password"`) || !strings.Contains(res.Body, "Sign in with Microsoft") {
		t.Errorf("the sign-in page:\n%s", res.Body)
	}
	res = c.post("/sign-in", url.Values{"username": {"officer"}, "password": {testPassword}})
	wantRefused(t, c, res, http.StatusForbidden, "Heed does not accept passwords")

	// A generated password is not asked to be changed: it cannot be used.
	u, err := app.Store.FindUserByUsername(ctx, "officer")
	if err != nil {
		t.Fatal(err)
	}
	if err := app.Store.SetPassword(ctx, storetest.Actor, u.ID, u.PasswordHash, true); err != nil {
		t.Fatal(err)
	}
	if res := c.callback(providerSignIn(t, c, "/", "olu.officer@example.gov.uk")); res.Code != http.StatusSeeOther {
		t.Fatalf("callback: %d", res.Code)
	}
	if res := c.get("/"); res.Code != http.StatusOK {
		t.Errorf("home: %d %s", res.Code, res.Location)
	}
}

func TestSingleSignOnCreatesUsers(t *testing.T) {
	app := newSSOApp(t, sqlstore.SQLite, OIDCConfig{CreateUsers: true})
	c := app.client(t)
	if res := c.callback(providerSignIn(t, c, "/", "sam.stranger@example.gov.uk")); res.Code != http.StatusSeeOther {
		t.Fatalf("callback: %d\n%s", res.Code, res.Body)
	}
	if res := c.get("/"); res.Code != http.StatusOK || !strings.Contains(res.Body, "signed in as Sam Stranger (Viewer)") {
		t.Errorf("home: %d\n%s", res.Code, res.Body)
	}
	u, err := app.Store.FindUserBySubject(context.Background(), app.issuer+"#sub-sam")
	if err != nil || u.Username != "sam.stranger@example.gov.uk" || u.Role != heed.RoleViewer || u.PasswordHash != "" {
		t.Errorf("created user: %+v %v", u, err)
	}
	// Someone called admin at the provider gets an account of their own,
	// not Heed's administrator's.
	c = app.client(t)
	if res := c.callback(providerSignIn(t, c, "/", "admin")); res.Code != http.StatusSeeOther {
		t.Fatalf("callback: %d\n%s", res.Code, res.Body)
	}
	if res := c.get("/"); !strings.Contains(res.Body, "signed in as Not Admin (Viewer)") {
		t.Errorf("home:\n%s", res.Body)
	}
}

func TestWithoutSingleSignOn(t *testing.T) {
	app := newTestApp(t, sqlstore.SQLite)
	c := app.client(t)
	if res := c.get("/sign-in"); strings.Contains(res.Body, "/sign-in/oidc") || !strings.Contains(res.Body, `name="password"`) {
		t.Errorf("the sign-in page:\n%s", res.Body)
	}
	for _, path := range []string{oidcStartPath, oidcCallbackPath + "?code=a&state=b"} {
		if res := c.get(path); res.Code != http.StatusNotFound {
			t.Errorf("%s: %d", path, res.Code)
		}
	}
}

func TestNewOIDC(t *testing.T) {
	good := OIDCConfig{Issuer: "https://login.microsoftonline.com/tenant/v2.0", ClientID: "id", ClientSecret: "secret",
		RedirectURL: "https://complaints.example.gov.uk/sign-in/oidc/callback"}
	tests := []struct {
		name string
		edit func(*OIDCConfig)
		ok   bool
	}{
		{"good", func(*OIDCConfig) {}, true},
		{"http on this machine", func(c *OIDCConfig) {
			c.Issuer, c.RedirectURL = "http://127.0.0.1:9000", "http://localhost:8080/sign-in/oidc/callback"
		}, true},
		{"http issuer elsewhere", func(c *OIDCConfig) { c.Issuer = "http://idp.example.org" }, false},
		{"no issuer", func(c *OIDCConfig) { c.Issuer = "" }, false},
		{"no client id", func(c *OIDCConfig) { c.ClientID = "" }, false},
		{"no secret", func(c *OIDCConfig) { c.ClientSecret = "" }, false},
		{"wrong callback path", func(c *OIDCConfig) { c.RedirectURL = "https://complaints.example.gov.uk/callback" }, false},
		{"http callback elsewhere", func(c *OIDCConfig) { c.RedirectURL = "http://complaints.example.gov.uk/sign-in/oidc/callback" }, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			cfg := good
			tt.edit(&cfg)
			_, err := NewOIDC(cfg)
			if (err == nil) != tt.ok {
				t.Errorf("NewOIDC: %v, want ok %v", err, tt.ok)
			}
			if err != nil && strings.Contains(err.Error(), "secret\"") {
				t.Errorf("the error shows the secret: %v", err)
			}
		})
	}
}

func TestSafeNext(t *testing.T) {
	for next, want := range map[string]string{
		"/cases?type=complaint": "/cases?type=complaint",
		"/":                     "/",
		"":                      "/",
		"cases":                 "/",
		"//evil.example/":       "/",
		"/\\evil.example/":      "/",
		"/\t/evil.example/":     "/",
		"/\n/evil.example/":     "/",
		"https://evil.example/": "/",
		"javascript:alert(1)":   "/",
	} {
		if got := safeNext(next); got != want {
			t.Errorf("safeNext(%q) = %q, want %q", next, got, want)
		}
	}
}

func TestIdentityNames(t *testing.T) {
	tests := []struct {
		id   ssoIdentity
		want []string
	}{
		// Microsoft Entra ID: the user principal name, and an email address
		// without email_verified.
		{ssoIdentity{PreferredUsername: "Olu.Officer@Council.gov.uk", Email: "olu@council.gov.uk"}, []string{"olu.officer@council.gov.uk"}},
		{ssoIdentity{PreferredUsername: "olu@council.gov.uk", Email: "Olu@council.gov.uk", EmailVerified: true}, []string{"olu@council.gov.uk"}},
		{ssoIdentity{Email: "a@b.example", EmailVerified: true}, []string{"a@b.example"}},
		{ssoIdentity{Email: "a@b.example", EmailVerified: "true"}, []string{"a@b.example"}},
		{ssoIdentity{Email: "a@b.example"}, nil},
		{ssoIdentity{Email: "a@b.example", EmailVerified: false}, nil},
		{ssoIdentity{Email: "a@b.example", EmailVerified: "false"}, nil},
		{ssoIdentity{PreferredUsername: "admin"}, nil},
		{ssoIdentity{PreferredUsername: "a b@c.example"}, nil},
	}
	for _, tt := range tests {
		if got := tt.id.names(); !slices.Equal(got, tt.want) {
			t.Errorf("%+v: names %q, want %q", tt.id, got, tt.want)
		}
	}
}

// TestSingleSignOnInTheBrowser signs in through the provider's own login
// page in a real headless Chromium, and checks Heed's sign-in page, plain
// and refusing an unknown person, with axe-core.
func TestSingleSignOnInTheBrowser(t *testing.T) {
	app := newSSOApp(t, sqlstore.SQLite, OIDCConfig{})
	b := newBrowserSession(t, app.testApp)
	signInAtProvider := func(username string) {
		t.Helper()
		// Heed's sign-in page has a #username of its own: leave waits
		// for the provider's.
		b.leave(chromedp.Click(chromedp.CSS("#oidc")), "#username")
		b.do(chromedp.SetValue(chromedp.CSS("#username"), username),
			chromedp.SetValue(chromedp.CSS("#password"), providerPassword))
		b.leave(chromedp.Click(chromedp.CSS("button[type=submit]")), "main")
	}

	b.open("/cases")
	b.check("sign-in-sso")
	signInAtProvider("sam.stranger@example.gov.uk")
	if got := b.text("body"); !strings.Contains(got, "There is no Heed account for you") {
		t.Fatalf("an unknown person: %q", got)
	}
	b.check("sign-in-sso-refused")
	signInAtProvider("olu.officer@example.gov.uk")
	// Back at the page first asked for, signed in.
	if got := b.text("body"); !strings.Contains(got, "Find cases") || !strings.Contains(got, "signed in as Olu Officer") {
		t.Errorf("after signing in, the cases list was expected: %q", got)
	}
}
