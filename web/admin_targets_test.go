package web

import (
	"context"
	"net/http"
	"strings"
	"testing"

	"github.com/heedhq/heed"
	"github.com/heedhq/heed/calendar"
	"github.com/heedhq/heed/sqlstore"
)

// TestAdminDatedTargets: the targets page shows the corporate timescales
// before the Code and the Code's with the date between them; a wrong date
// or target is refused with a message naming the set, and moving the date
// moves the open stages it now judges differently.
func TestAdminDatedTargets(t *testing.T) {
	app := newTestApp(t, sqlstore.SQLite)
	ctx := context.Background()
	rec := &heed.Record{Reference: "HW-DATED", Type: heed.TypeComplaint, Received: calendar.MustParseDate("2015-03-12"),
		ServiceArea: "Highways", Procedure: heed.Corporate, ComplainantName: "Synthetic Person"}
	if err := app.Store.CreateRecord(ctx, heed.Actor{Name: "officer"}, rec); err != nil {
		t.Fatal(err)
	}
	deadline := func() string {
		r, err := app.Store.FindRecordByReference(ctx, "HW-DATED")
		if err != nil {
			t.Fatal(err)
		}
		return r.Stage(1).Deadline.String()
	}
	// Thursday 12 March 2015 + 10 working days, the council's timescales.
	if got := deadline(); got != "2015-03-26" {
		t.Fatalf("deadline before the change %s, want 2015-03-26", got)
	}
	c := app.client(t)
	c.signIn("admin")
	body := c.get("/admin/targets").Body
	for _, want := range []string{"Corporate: Before 1 April 2026 (the council&#39;s corporate timescales before the Code)",
		"Corporate: From 1 April 2026 (the Complaint Handling Code&#39;s timescales)",
		`id="corporate-before1-1-target" name="corporate-before1-1-target" type="text" value="10"`,
		`id="corporate-from-day" name="corporate-from-day" type="text" inputmode="numeric" value="1"`,
		"The response is counted from the day the stage started."} {
		if !strings.Contains(body, want) {
			t.Errorf("the targets page does not show %q", want)
		}
	}

	rules := app.Store.Rules()
	noDate := targetValues(rules)
	for _, part := range []string{"-day", "-month", "-year"} {
		noDate.Del("corporate-from" + part)
	}
	over := rules.Clone()
	over.Procedures[heed.Corporate].Earlier[0].Stages[1].TargetDays = 41
	before := auditTotal(t, app)
	for _, tt := range []struct {
		name string
		form map[string][]string
		want []string
	}{
		{"no date", noDate, []string{"Enter the date from which the Corporate targets (the Complaint Handling Code&#39;s timescales) apply", `href="#corporate-from-day"`}},
		{"earlier target over the maximum", targetValues(over), []string{
			"Corporate Stage 2 (before 1 April 2026) target: a target of 41 working days is above the statutory maximum of 40",
			`href="#corporate-before1-2-target"`}},
	} {
		res := c.post("/admin/targets", tt.form)
		if res.Code != http.StatusBadRequest {
			t.Errorf("%s: %d", tt.name, res.Code)
		}
		for _, w := range tt.want {
			if !strings.Contains(res.Body, w) {
				t.Errorf("%s: the page does not say %q", tt.name, w)
			}
		}
	}
	if auditTotal(t, app) != before || deadline() != "2015-03-26" {
		t.Error("refused targets changed something")
	}

	// The Code's timescales from 2 March 2015: the complaint is now judged
	// by them, from the last day to acknowledge, Thursday 19 March.
	earlier := rules.Clone()
	p := earlier.Procedures[heed.Corporate]
	p.From = calendar.MustParseDate("2015-03-02")
	earlier.Procedures[heed.Corporate] = p
	res := c.post("/admin/targets", targetValues(earlier))
	if res.Code != http.StatusSeeOther || res.Location == "/admin/targets?moved=0" {
		t.Fatalf("save targets: %d %s", res.Code, res.Location)
	}
	if got := deadline(); got != "2015-04-02" {
		t.Errorf("deadline after the change %s, want 2015-04-02", got)
	}
	e := lastEntry(t, app)
	if len(e.Changes) != 1 || e.Changes[0] != (heed.Change{Field: "procedures.corporate.from", Old: "2026-04-01", New: "2015-03-02"}) {
		t.Errorf("audit entry %+v", e.Changes)
	}
	if body := c.get("/cases/HW-DATED").Body; !strings.Contains(body, "Received 12 March 2015: the Complaint Handling Code&#39;s timescales apply") {
		t.Error("the case page does not say which rules judge the stage")
	}
}
