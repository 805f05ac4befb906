package web

import (
	"bytes"
	"context"
	"fmt"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"net/netip"
	"net/url"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/alexedwards/argon2id"

	"github.com/heedhq/heed"
	"github.com/heedhq/heed/sqlstore"
	"github.com/heedhq/heed/sqlstore/storetest"
)

// cheapParams hash test passwords quickly: argon2id's cost is not what
// these tests test.
var cheapParams = &argon2id.Params{Memory: 1024, Iterations: 1, Parallelism: 1, SaltLength: 16, KeyLength: 32}

// lockedBuffer is a log destination safe for the server's goroutines.
type lockedBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (l *lockedBuffer) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.Write(p)
}

func (l *lockedBuffer) String() string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.String()
}

// newProxyTestApp is newTestApp's Heed behind the given trusted proxies,
// with its log kept, and unknown user names checked against a cheap hash.
func newProxyTestApp(t *testing.T, dialect sqlstore.Dialect, trusted []netip.Prefix, logs *lockedBuffer) *testApp {
	t.Helper()
	ctx := context.Background()
	db := storetest.Open(t, dialect, sqlstore.Options{Now: func() time.Time { return testNow }})
	hash, err := argon2id.CreateHash(testPassword, cheapParams)
	if err != nil {
		t.Fatal(err)
	}
	for _, u := range testUsers {
		u := *u
		u.PasswordHash = hash
		if u.Role == heed.RoleManager {
			u.Role, u.ServiceAreas = heed.RoleViewer, nil // no records here, so no areas
		}
		if err := db.CreateUser(ctx, storetest.Actor, &u); err != nil {
			t.Fatal(err)
		}
	}
	s := &Server{CouncilName: "Example Council", Store: db, TrustedProxies: trusted,
		Logger: slog.New(slog.NewTextHandler(logs, nil)), Now: func() time.Time { return testNow }}
	h, err := s.Handler()
	if err != nil {
		t.Fatal(err)
	}
	if s.dummyPHC, err = argon2id.CreateHash("not a password of anyone's", cheapParams); err != nil {
		t.Fatal(err)
	}
	srv := httptest.NewServer(h)
	t.Cleanup(srv.Close)
	return &testApp{URL: srv.URL, Store: db}
}

// signInVia posts the sign-in form with an X-Forwarded-For header.
func (c *client) signInVia(forwardedFor, username, password string) response {
	c.t.Helper()
	form := url.Values{"username": {username}, "password": {password}, "next": {"/"}}
	req, _ := http.NewRequest(http.MethodPost, c.app.URL+"/sign-in", strings.NewReader(form.Encode()))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	req.Header.Set("Sec-Fetch-Site", "same-origin")
	req.Header.Set("X-Forwarded-For", forwardedFor)
	return c.do(req)
}

// TestLockoutBehindAProxy: behind a trusted proxy, fifty failures from one
// client lock out that client, not a correct password from another; the
// address is the right-most one the client did not write. From a peer that
// is not a trusted proxy, X-Forwarded-For is ignored. Refused sign-ins are
// logged with a hash of the user name and the address, never the name.
func TestLockoutBehindAProxy(t *testing.T) {
	for _, d := range storetest.Backends {
		t.Run(string(d), func(t *testing.T) {
			t.Run("trusted proxy", func(t *testing.T) {
				logs := &lockedBuffer{}
				app := newProxyTestApp(t, d, []netip.Prefix{netip.MustParsePrefix("127.0.0.1/32")}, logs)
				c := app.client(t)
				for i := range 50 {
					// The attacker writes an address of their own choosing; the
					// proxy appends the one it was reached from.
					res := c.signInVia(fmt.Sprintf("198.51.100.%d, 203.0.113.9", i), fmt.Sprintf("guess%d", i), "wrong")
					if res.Code != http.StatusUnauthorized {
						t.Fatalf("failure %d: %d", i+1, res.Code)
					}
				}
				if res := c.signInVia("203.0.113.9", "officer", testPassword); res.Code != http.StatusTooManyRequests {
					t.Errorf("the attacker's address after 50 failures: %d, want 429", res.Code)
				}
				if res := app.client(t).signInVia("203.0.113.50", "officer", testPassword); res.Code != http.StatusSeeOther {
					t.Errorf("a correct password from another address behind the proxy: %d, want 303", res.Code)
				}
				log := logs.String()
				if !regexp.MustCompile(`msg="sign-in refused" user_hash=[0-9a-f]{12} address=203\.0\.113\.9`).MatchString(log) {
					t.Errorf("the log does not give the user name's hash and the address:\n%.500s", log)
				}
				if strings.Contains(log, "guess1") || strings.Contains(log, "198.51.100.") {
					t.Errorf("the log holds a user name or an address the client wrote:\n%.500s", log)
				}
			})
			t.Run("untrusted peer", func(t *testing.T) {
				app := newProxyTestApp(t, d, []netip.Prefix{netip.MustParsePrefix("10.0.0.0/8")}, &lockedBuffer{})
				c := app.client(t)
				for i := range 50 {
					c.signInVia(fmt.Sprintf("203.0.113.%d", i), fmt.Sprintf("guess%d", i), "wrong")
				}
				if res := c.signInVia("198.51.100.1", "officer", testPassword); res.Code != http.StatusTooManyRequests {
					t.Errorf("a peer that is not a proxy chose its address: %d, want 429", res.Code)
				}
			})
		})
	}
}

func TestClientAddr(t *testing.T) {
	s := &Server{TrustedProxies: []netip.Prefix{netip.MustParsePrefix("10.0.0.0/8"), netip.MustParsePrefix("2001:db8::/32")}}
	tests := []struct {
		peer, xff, want string
	}{
		{"192.0.2.1:5000", "203.0.113.9", "192.0.2.1"},                     // not a proxy: ignored
		{"10.0.0.1:5000", "", "10.0.0.1"},                                  // a proxy that names no one
		{"10.0.0.1:5000", "203.0.113.9", "203.0.113.9"},                    // one proxy
		{"10.0.0.1:5000", "1.2.3.4, 203.0.113.9, 10.0.0.2", "203.0.113.9"}, // two proxies; the left-most is the client's own
		{"10.0.0.1:5000", "10.0.0.3, 10.0.0.2", "10.0.0.3"},                // only proxies
		{"10.0.0.1:5000", "203.0.113.9, not-an-address", "10.0.0.1"},       // garbage where a proxy should write
		{"10.0.0.1:5000", "203.0.113.9:4711", "203.0.113.9"},               // with a port
		{"[2001:db8::1]:443", "2001:db8::2, 2002::7", "2002::7"},           // IPv6
		{"[::ffff:10.0.0.1]:5000", "::ffff:203.0.113.9", "203.0.113.9"},    // IPv4 in IPv6
	}
	for _, tt := range tests {
		r := httptest.NewRequest(http.MethodPost, "/sign-in", nil)
		r.RemoteAddr = tt.peer
		if tt.xff != "" {
			r.Header.Set("X-Forwarded-For", tt.xff)
		}
		if got := s.clientAddr(r); got != tt.want {
			t.Errorf("peer %s, X-Forwarded-For %q: %s, want %s", tt.peer, tt.xff, got, tt.want)
		}
	}
}

// TestPasswordChangeEndsOtherSessions: changing your own password signs you
// out everywhere else and keeps you signed in where you changed it; an
// administrator's reset signs the user out everywhere.
func TestPasswordChangeEndsOtherSessions(t *testing.T) {
	for _, d := range storetest.Backends {
		t.Run(string(d), func(t *testing.T) {
			app := newProxyTestApp(t, d, nil, &lockedBuffer{})
			here, laptop := app.client(t), app.client(t)
			here.signIn("officer")
			laptop.signIn("officer")
			res := here.post("/account/password", url.Values{"current": {testPassword}, "password": {"a long new password"}, "confirm": {"a long new password"}})
			if res.Code != http.StatusSeeOther {
				t.Fatalf("change password: %d", res.Code)
			}
			if res := here.get("/cases"); res.Code != http.StatusOK {
				t.Errorf("where the password was changed, /cases gave %d, want 200", res.Code)
			}
			if res := laptop.get("/cases"); res.Code != http.StatusSeeOther || !strings.HasPrefix(res.Location, "/sign-in") {
				t.Errorf("another session after the change: /cases gave %d %s, want the sign-in page", res.Code, res.Location)
			}

			admin := app.client(t)
			admin.signIn("admin")
			officer, _ := app.Store.FindUserByUsername(t.Context(), "officer")
			admin.get(fmt.Sprintf("/admin/users/%d", officer.ID))
			if res := admin.post(fmt.Sprintf("/admin/users/%d/password", officer.ID), url.Values{}); res.Code != http.StatusOK {
				t.Fatalf("reset: %d", res.Code)
			}
			if res := here.get("/cases"); res.Code != http.StatusSeeOther {
				t.Errorf("after an administrator's reset, /cases gave %d, want the sign-in page", res.Code)
			}
		})
	}
}
