package web

import (
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/heedhq/heed"
	"github.com/heedhq/heed/sqlstore"
)

func TestSignIn(t *testing.T) {
	app := newTestApp(t, sqlstore.SQLite)
	tests := []struct {
		name, username, password string
		code                     int
		want                     string
	}{
		{"empty form", "", "", http.StatusBadRequest, "Enter your user name"},
		{"no password", "officer", "", http.StatusBadRequest, "Enter your password"},
		{"wrong password", "officer", "wrong", http.StatusUnauthorized, "The user name or password is not right"},
		{"unknown user", "nobody", "wrong", http.StatusUnauthorized, "The user name or password is not right"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c := app.client(t)
			res := c.post("/sign-in", url.Values{"username": {tt.username}, "password": {tt.password}})
			if res.Code != tt.code || !strings.Contains(res.Body, tt.want) || !strings.Contains(res.Body, "govuk-error-summary") {
				t.Errorf("got %d, want %d with %q in an error summary", res.Code, tt.code, tt.want)
			}
		})
	}

	t.Run("return to the page asked for", func(t *testing.T) {
		c := app.client(t)
		res := c.get("/cases?type=complaint")
		if res.Code != http.StatusSeeOther || !strings.HasPrefix(res.Location, "/sign-in?next=") {
			t.Fatalf("signed out: %d %s", res.Code, res.Location)
		}
		res = c.post("/sign-in", url.Values{"username": {"officer"}, "password": {testPassword}, "next": {"/cases?type=complaint"}})
		if res.Location != "/cases?type=complaint" {
			t.Errorf("went to %q", res.Location)
		}
		res = c.post("/sign-in", url.Values{"username": {"officer"}, "password": {testPassword}, "next": {"//evil.example/"}})
		if res.Location != "/" {
			t.Errorf("an address off the site was followed: %q", res.Location)
		}
	})

	t.Run("too many failures lock the user name", func(t *testing.T) {
		c := app.client(t)
		for range 5 {
			c.post("/sign-in", url.Values{"username": {"manager"}, "password": {"guess"}})
		}
		res := c.post("/sign-in", url.Values{"username": {"manager"}, "password": {testPassword}})
		if res.Code != http.StatusTooManyRequests || !strings.Contains(res.Body, "too many attempts") {
			t.Errorf("sixth attempt, right password: %d", res.Code)
		}
		// Another user from the same address is not locked out.
		c.signIn("viewer")
	})

	t.Run("sign out ends the session", func(t *testing.T) {
		c := app.client(t)
		c.signIn("officer")
		if res := c.post("/sign-out", url.Values{}); res.Code != http.StatusSeeOther {
			t.Fatalf("sign out: %d", res.Code)
		}
		if res := c.get("/cases"); res.Code != http.StatusSeeOther {
			t.Errorf("after signing out /cases gave %d", res.Code)
		}
	})
}

func TestFirstPasswordMustBeChanged(t *testing.T) {
	app := newTestApp(t, sqlstore.SQLite)
	u, _ := app.Store.FindUserByUsername(t.Context(), "officer")
	hash, _ := hashPassword(testPassword)
	if err := app.Store.SetPassword(t.Context(), heed.Actor{Name: "admin"}, u.ID, hash, true); err != nil {
		t.Fatal(err)
	}
	c := app.client(t)
	c.signIn("officer")
	if res := c.get("/cases"); res.Code != http.StatusSeeOther || res.Location != "/account/password" {
		t.Fatalf("with a one-time password /cases gave %d %s", res.Code, res.Location)
	}
	c.get("/account/password")
	bad := []struct {
		form url.Values
		want string
	}{
		{url.Values{"current": {"wrong"}, "password": {"a long new password"}, "confirm": {"a long new password"}}, "Enter your current password"},
		{url.Values{"current": {testPassword}, "password": {"short"}, "confirm": {"short"}}, "at least 12 characters"},
		{url.Values{"current": {testPassword}, "password": {"a long new password"}, "confirm": {"another"}}, "not the same"},
	}
	for _, b := range bad {
		if res := c.post("/account/password", b.form); res.Code != http.StatusBadRequest || !strings.Contains(res.Body, b.want) {
			t.Errorf("%v: %d, want 400 with %q", b.form, res.Code, b.want)
		}
	}
	res := c.post("/account/password", url.Values{"current": {testPassword}, "password": {"a long new password"}, "confirm": {"a long new password"}})
	if res.Code != http.StatusSeeOther {
		t.Fatalf("change password: %d", res.Code)
	}
	if res := c.get("/cases"); res.Code != http.StatusOK {
		t.Errorf("after the change /cases gave %d", res.Code)
	}
}

func TestFormsNeedTheSessionToken(t *testing.T) {
	app := newTestApp(t, sqlstore.SQLite)
	c := app.client(t)
	c.signIn("officer")
	if res := c.post("/sign-out", url.Values{"csrf": {"forged"}}); res.Code != http.StatusForbidden {
		t.Errorf("a form without the session's token: %d, want 403", res.Code)
	}
	// A post from another site is refused before it reaches the handler.
	req, _ := http.NewRequest(http.MethodPost, app.URL+"/sign-out", strings.NewReader("csrf="+c.csrf))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	req.Header.Set("Sec-Fetch-Site", "cross-site")
	if res := c.do(req); res.Code != http.StatusForbidden {
		t.Errorf("a cross-site post: %d, want 403", res.Code)
	}
	// The session still works: neither post signed the user out.
	if res := c.get("/cases"); res.Code != http.StatusOK {
		t.Errorf("session lost: %d", res.Code)
	}
}

func TestSecurityHeaders(t *testing.T) {
	app := newTestApp(t, sqlstore.SQLite)
	res, err := http.Get(app.URL + "/sign-in")
	if err != nil {
		t.Fatal(err)
	}
	res.Body.Close()
	for h, want := range map[string]string{
		"Content-Security-Policy": "script-src 'self';",
		"X-Frame-Options":         "DENY",
		"X-Content-Type-Options":  "nosniff",
		"Cache-Control":           "no-store",
	} {
		if got := res.Header.Get(h); !strings.Contains(got, want) {
			t.Errorf("%s = %q, want %q", h, got, want)
		}
	}
	form := strings.NewReader(url.Values{"username": {"officer"}, "password": {testPassword}}.Encode())
	req, _ := http.NewRequest(http.MethodPost, app.URL+"/sign-in", form)
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	res, err = (&http.Transport{}).RoundTrip(req)
	if err != nil {
		t.Fatal(err)
	}
	res.Body.Close()
	cookie := res.Header.Get("Set-Cookie")
	for _, want := range []string{sessionCookie + "=", "HttpOnly", "SameSite=Lax", "Path=/"} {
		if !strings.Contains(cookie, want) {
			t.Errorf("session cookie %q lacks %q", cookie, want)
		}
	}
}
