package web

import (
	"context"
	"io"
	"log/slog"
	"net/http"
	"net/http/cookiejar"
	"net/http/httptest"
	"net/url"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/alexedwards/argon2id"

	"github.com/heedhq/heed"
	"github.com/heedhq/heed/calendar"
	"github.com/heedhq/heed/sqlstore"
	"github.com/heedhq/heed/sqlstore/storetest"
)

// testPassword is every test user's password.
const testPassword = "correct horse battery staple"

// testNow is the clock of the test server: a Friday in March 2015.
var testNow = time.Date(2015, 3, 20, 10, 0, 0, 0, time.UTC)

// testUsers are one user of each role. The manager has Highways; the
// investigator is allocated CS-OPEN.
var testUsers = []*heed.User{
	{Username: "admin", DisplayName: "Ada Admin", Role: heed.RoleAdmin},
	{Username: "officer", DisplayName: "Olu Officer", Role: heed.RoleOfficer},
	{Username: "manager", DisplayName: "Mo Manager", Role: heed.RoleManager, ServiceAreas: []string{"Highways"}},
	{Username: "ivy", DisplayName: "Ivy Investigator", Role: heed.RoleInvestigator},
	{Username: "viewer", DisplayName: "Vic Viewer", Role: heed.RoleViewer},
}

func d(s string) calendar.Date { return calendar.MustParseDate(s) }

// testRecords are synthetic cases: an open children's complaint allocated
// to ivy and overdue on testNow, an extended one, a closed corporate
// complaint in Highways and a compliment.
func testRecords() []*heed.Record {
	return []*heed.Record{
		{Reference: "CS-OPEN", Type: heed.TypeComplaint, Received: d("2015-03-02"),
			ServiceArea: "Children's Social Care", Team: "Fostering", Procedure: heed.ChildrenStatutory, Theme: "Delay",
			ComplainantName: "Ada Quill", ComplainantType: heed.ComplainantChild, YoungPerson: true, Advocacy: heed.AdvocacyOffered,
			Summary: "Late reply about respite care",
			Stages: []heed.Stage{{Number: 1, Acknowledged: d("2015-03-03"), Investigator: "ivy",
				Elements: []heed.Element{{Summary: "Reply was late", Finding: heed.FindingUpheld}}}}},
		{Reference: "CS-EXT", Type: heed.TypeComplaint, Received: d("2015-03-09"),
			ServiceArea: "Children's Social Care", Procedure: heed.ChildrenStatutory,
			ComplainantName: "Ben Marsh", Summary: "Contact arrangements",
			Stages: []heed.Stage{{Number: 1, ExtendedTo: d("2015-04-07"), ExtensionReason: "Waiting for the family",
				Pauses: []heed.Pause{{From: d("2015-03-10"), To: d("2015-03-11"), Reason: "Advocate on leave"}}}}},
		{Reference: "HW-1", Type: heed.TypeComplaint, Received: d("2015-02-10"),
			ServiceArea: "Highways", Procedure: heed.Corporate, ComplainantName: "Cy Marsh", Summary: "Pothole",
			Stages: []heed.Stage{{Number: 1, Responded: d("2015-02-20"), Outcome: heed.OutcomeNotUpheld}},
			Lessons: []heed.Lesson{{Text: "Inspect reported potholes within a week", Actions: []heed.Action{
				{Description: "Change the inspection rota", Owner: "Highways manager", Due: d("2015-03-01")}}}},
			Closed: d("2015-02-20")},
		{Reference: "COMP-1", Type: heed.TypeCompliment, Received: d("2015-01-05"),
			ServiceArea: "Highways", ComplainantName: "Dee Fenwick", Summary: "Thanks for the quick repair"},
	}
}

// testApp is a running Heed over a real store with the test users and
// records.
type testApp struct {
	URL   string
	Store *sqlstore.DB
}

func newTestApp(t testing.TB, dialect sqlstore.Dialect, options ...func(*Server)) *testApp {
	t.Helper()
	return newTestAppAt(t, dialect, testNow, options...)
}

// newTestAppAt is newTestApp whose store and server take now as the time.
func newTestAppAt(t testing.TB, dialect sqlstore.Dialect, now time.Time, options ...func(*Server)) *testApp {
	t.Helper()
	ctx := context.Background()
	db := storetest.Open(t, dialect, sqlstore.Options{Now: func() time.Time { return now }})
	if _, err := db.ImportRecords(ctx, storetest.Actor, testRecords(), heed.ImportOptions{Note: "web test"}); err != nil {
		t.Fatal(err)
	}
	// Test passwords are hashed with small parameters: the tests sign in
	// often, and argon2id's cost is not what they test.
	hash, err := argon2id.CreateHash(testPassword, &argon2id.Params{Memory: 1024, Iterations: 1, Parallelism: 1, SaltLength: 16, KeyLength: 32})
	if err != nil {
		t.Fatal(err)
	}
	for _, u := range testUsers {
		u := *u
		u.PasswordHash = hash
		if err := db.CreateUser(ctx, storetest.Actor, &u); err != nil {
			t.Fatal(err)
		}
	}
	s := &Server{CouncilName: "Example Council", Store: db,
		Logger: slog.New(slog.DiscardHandler), Now: func() time.Time { return now }}
	for _, o := range options {
		o(s)
	}
	h, err := s.Handler()
	if err != nil {
		t.Fatal(err)
	}
	srv := httptest.NewServer(h)
	t.Cleanup(srv.Close)
	return &testApp{URL: srv.URL, Store: db}
}

// client is a browser-like HTTP client: it keeps cookies and does not
// follow redirects, so tests see them.
type client struct {
	t    testing.TB
	app  *testApp
	http *http.Client
	csrf string
}

func (a *testApp) client(t testing.TB) *client {
	jar, _ := cookiejar.New(nil)
	return &client{t: t, app: a, http: &http.Client{Jar: jar, CheckRedirect: func(*http.Request, []*http.Request) error {
		return http.ErrUseLastResponse
	}}}
}

type response struct {
	Code     int
	Body     string
	Location string
	Header   http.Header
}

var csrfInput = regexp.MustCompile(`name="csrf" value="([^"]+)"`)

func (c *client) do(req *http.Request) response {
	c.t.Helper()
	res, err := c.http.Do(req)
	if err != nil {
		c.t.Fatal(err)
	}
	defer res.Body.Close()
	b, _ := io.ReadAll(res.Body)
	if m := csrfInput.FindSubmatch(b); m != nil {
		c.csrf = string(m[1])
	}
	return response{Code: res.StatusCode, Body: string(b), Location: res.Header.Get("Location"), Header: res.Header}
}

func (c *client) get(path string) response {
	c.t.Helper()
	req, _ := http.NewRequest(http.MethodGet, c.app.URL+path, nil)
	return c.do(req)
}

// post sends a form as the same site would, with the CSRF token of the
// last page unless the form has one.
func (c *client) post(path string, form url.Values) response {
	c.t.Helper()
	if _, ok := form["csrf"]; !ok && c.csrf != "" {
		form.Set("csrf", c.csrf)
	}
	req, _ := http.NewRequest(http.MethodPost, c.app.URL+path, strings.NewReader(form.Encode()))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	req.Header.Set("Sec-Fetch-Site", "same-origin")
	return c.do(req)
}

// signIn signs the client in as the user and checks it worked.
func (c *client) signIn(username string) {
	c.t.Helper()
	res := c.post("/sign-in", url.Values{"username": {username}, "password": {testPassword}, "next": {"/"}})
	if res.Code != http.StatusSeeOther || res.Location != "/" {
		c.t.Fatalf("sign in as %s: %d %s", username, res.Code, res.Location)
	}
	c.get("/") // picks up the CSRF token
}
