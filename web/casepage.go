package web

import (
	"fmt"
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"

	"github.com/heedhq/heed"
	"github.com/heedhq/heed/calendar"
)

// stageView is a stage with its clock for the case page.
type stageView struct {
	*heed.Stage
	Label       string       // "Stage 1" or "Reply"
	Rows        []summaryRow // when it started, its acknowledgement and investigator
	Clock       heed.Clock
	HasClock    bool
	Due         calendar.Date
	DaysLeft    int // working days from today to Due; negative when overdue
	Overdue     bool
	DueSoon     bool
	InTime      bool
	OutcomeText string
	// Basis is how the deadline is counted, as the page shows it beside the
	// date: "10 working days", or for a subject access request "one
	// calendar month from receipt"; "" when there is nothing to say.
	Basis string
}

type caseData struct {
	Record *heed.Record
	// About, Complainant and Ombudsman are the rows of the summary lists
	// about the case, its complainant and any Ombudsman enquiry.
	About, Complainant, Ombudsman []summaryRow
	Stages                        []stageView
	History                       []historyRow
	Today                         calendar.Date
	// Forms are the changes the user may make to the case now.
	Forms []*caseForm
	// CanWork allows completing learning actions.
	CanWork bool
	// CanVoid and CanRestore offer voiding the record, or restoring it.
	CanVoid, CanRestore bool
	// About and Person are the headings of the lists about the case and
	// who raised it: "complaint" or "request" or "contact", and
	// "Complainant" or, for a subject access request, "Requester".
	AboutWhat, Person string
	// Linked are the newest records linked to this one that the user may
	// see; MoreLinked tells that there are older ones.
	Linked     []caseRow
	MoreLinked bool
	// File is the case file: its timeline, and what may be added to it.
	File *caseFileView
	// Names are the users' full names by user name, for who did what.
	Names map[string]string
	// ChangeOmbudsman offers changing the Ombudsman's remedies and
	// recommendations; AskLesson prompts for what was learnt from a
	// finding of fault that has no lesson yet.
	ChangeOmbudsman, AskLesson bool
}

// historyRow is an entry of the audit history as the case page shows it,
// or a run of openings.
type historyRow struct {
	heed.AuditEntry
	When string // "5 January 2015 at 2:04pm"
	What string // "Changed"
}

// historyRows are a case's history as its page shows it: each change, and
// each run of openings between two changes as one row saying who opened the
// case and how often. A case is opened far more often than it changes, and
// a row for every opening buried the changes (the audit log lists each).
func historyRows(entries []heed.AuditEntry) []historyRow {
	var rows []historyRow
	for i := 0; i < len(entries); {
		first := entries[i]
		if first.Action != heed.AuditViewed {
			rows = append(rows, historyRow{AuditEntry: first, When: datetime(first.At), What: first.Action.Label()})
			i++
			continue
		}
		var who []string
		j := i
		for ; j < len(entries) && entries[j].Action == heed.AuditViewed; j++ {
			if !slices.Contains(who, entries[j].Actor) {
				who = append(who, entries[j].Actor)
			}
		}
		last := entries[j-1]
		row := historyRow{AuditEntry: last, When: datetime(last.At), What: heed.AuditViewed.Label()}
		if n := j - i; n > 1 {
			row.When = datetime(first.At) + " to " + datetime(last.At)
			row.Actor = strings.Join(who, ", ")
			row.What = fmt.Sprintf("Opened %d times", n)
		}
		rows = append(rows, row)
		i = j
	}
	return rows
}

// linkedLimit is the most linked records the case page lists: the newest
// ten (the page links a search of the cases list for the complainant's name
// when there are more).
const linkedLimit = 10

// casePage shows everything about one case. Opening it is written to the
// audit history. A case the user may not see is "not found", so that its
// reference is not confirmed either.
func (s *Server) casePage(w http.ResponseWriter, r *http.Request) {
	u := currentUser(r)
	if !u.SeesCases() {
		s.errorPage(w, r, http.StatusForbidden, "Your account can read published reports only, not cases.")
		return
	}
	rec, err := s.Store.FindRecordByReference(r.Context(), r.PathValue("ref"))
	if err == nil && (!u.CanSee(rec) || (rec.Voided != nil && !canRestore(u))) {
		err = heed.Errorf(heed.ENOTFOUND, "There is no case %s that you can see.", r.PathValue("ref"))
	}
	if err != nil {
		s.fail(w, r, err)
		return
	}
	var view *heed.CaseView
	if sameSite(r) {
		view, err = s.Store.OpenCase(r.Context(), actor(r), rec, linkedFilter(u, rec))
	} else {
		view, err = s.caseView(r, rec)
	}
	if err != nil {
		s.fail(w, r, err)
		return
	}
	data, err := s.caseData(r, rec, view)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	s.render(w, r, http.StatusOK, "case", page{Title: rec.Type.Label() + " " + rec.Reference, Nav: "cases", Data: data,
		Success: doneMessages[r.URL.Query().Get("done")]})
}

// sameSite reports whether the request comes from a page of Heed, or from
// the user's own typing or bookmark: a browser says so in Sec-Fetch-Site.
// A link followed from another site (cross-site) opens the case page, but
// is not written in the case's history as the user opening it: anyone can
// put such a link in an email or a web page. A request without the header,
// from an older browser or a script, is recorded.
func sameSite(r *http.Request) bool {
	switch r.Header.Get("Sec-Fetch-Site") {
	case "same-origin", "same-site", "none", "":
		return true
	}
	return false
}

// caseView reads what the case page shows of rec besides the record,
// without recording an opening.
func (s *Server) caseView(r *http.Request, rec *heed.Record) (*heed.CaseView, error) {
	history, err := s.Store.RecordHistory(r.Context(), rec.ID)
	if err != nil {
		return nil, err
	}
	linked, more, err := s.Store.ListCases(r.Context(), linkedFilter(currentUser(r), rec))
	if err != nil {
		return nil, err
	}
	return &heed.CaseView{History: history, Linked: linked, MoreLinked: more > len(linked)}, nil
}

// linkedFilter selects the records linked to rec that the case page lists
// to u.
func linkedFilter(u *heed.User, rec *heed.Record) heed.CaseFilter {
	f := heed.CaseFilter{LinkedTo: rec, Limit: linkedLimit}
	restrict(u, &f)
	return f
}

// caseData is what the case page shows of rec, with its history and
// linked records.
func (s *Server) caseData(r *http.Request, rec *heed.Record, view *heed.CaseView) (*caseData, error) {
	cal, err := s.Store.Calendar(r.Context())
	if err != nil {
		return nil, err
	}
	data := caseDataFor(currentUser(r), rec, view, cal, s.rules(), s.today())
	if data.Names, err = s.userNames(r); err != nil {
		return nil, err
	}
	if data.File, err = s.caseFileView(r, rec, view.History, data.Names); err != nil {
		return nil, err
	}
	return data, nil
}

// caseDataFor is what the case page shows u of rec, with its history and
// the records linked to it, on the day today.
func caseDataFor(u *heed.User, rec *heed.Record, view *heed.CaseView, cal *calendar.Calendar, rules heed.Rules,
	today calendar.Date) *caseData {
	data := &caseData{Record: rec, Today: today, CanWork: canWork(u, rec), Linked: caseRows(view.Linked, today),
		MoreLinked: view.MoreLinked}
	data.About, data.Complainant, data.Ombudsman = caseSummaries(rec)
	data.CanVoid, data.CanRestore = rec.Voided == nil && canVoid(u), rec.Voided != nil && canRestore(u)
	if rec.Voided != nil {
		data.CanWork = false
	}
	data.AboutWhat, data.Person = "contact", "Complainant"
	switch rec.Type {
	case heed.TypeComplaint:
		data.AboutWhat = "complaint"
	case heed.TypeSAR:
		data.AboutWhat, data.Person = "request", "Requester"
	}
	data.ChangeOmbudsman = rec.Type == heed.TypeOmbudsmanEnquiry && rec.Voided == nil && u.CanAllocate(rec)
	data.AskLesson = rec.Ombudsman.FoundFault() && !slices.ContainsFunc(rec.Lessons, func(l heed.Lesson) bool { return l.Text != "" })
	data.History = historyRows(view.History)
	for _, f := range caseForms {
		if rec.Voided != nil {
			break // nothing changes a voided record but its restoring
		}
		if f.path != "complete-action" && f.allowed(u, rec) && (f.applies == nil || f.applies(rec, rules) == "") {
			data.Forms = append(data.Forms, f)
		}
	}
	for i := range rec.Stages {
		st := &rec.Stages[i]
		v := stageView{Stage: st, Label: "Stage " + strconv.Itoa(st.Number), OutcomeText: st.Outcome.Label(),
			Rows: append(stageSummary(st), milestoneRows(rules.Milestones(cal, rec, st), today)...)}
		switch rec.Type {
		case heed.TypeComplaint:
		case heed.TypeSAR:
			v.Label = "Response"
		default:
			v.Label = "Reply"
		}
		if st.RefusalReason != "" {
			v.Rows = append(v.Rows, summaryRow{Key: "Reason for refusal", Value: st.RefusalReason.Label()})
		}
		v.Clock, v.HasClock = rules.StageClock(cal, rec, st)
		switch {
		case rec.Type == heed.TypeSAR:
			// A subject access request's clock is a calendar month, not a
			// count of working days (UK GDPR article 12(3)).
			v.Basis = "one calendar month from receipt"
		case v.Clock.TargetDays > 0:
			v.Basis = plural(v.Clock.TargetDays, "working day")
		}
		v.Due = st.Deadline
		if !st.ExtendedTo.IsZero() {
			v.Due = st.ExtendedTo
		}
		if st.Open() && !v.Due.IsZero() && !st.Paused() {
			v.DaysLeft, v.Overdue, v.DueSoon = dueFlags(cal, today, v.Due)
		}
		v.InTime, _ = st.InTime()
		data.Stages = append(data.Stages, v)
	}
	return data
}

// caseSummaries are the rows of the case page's lists about the case, its
// complainant and any Ombudsman enquiry: a row for each thing recorded.
func caseSummaries(rec *heed.Record) (about, complainant, ombudsman []summaryRow) {
	add := func(rows *[]summaryRow, key, value string) {
		if value != "" {
			*rows = append(*rows, summaryRow{Key: key, Value: value})
		}
	}
	about = append(about, summaryRow{Key: "Received", Value: rec.Received.Long()})
	if rec.Type == heed.TypeSAR {
		add(&about, "Service area", rec.ServiceArea) // a SAR need not name one
	} else {
		about = append(about, summaryRow{Key: "Service area", Value: rec.ServiceArea})
	}
	add(&about, "Team", rec.Team)
	add(&about, "Theme", rec.Theme)
	if rec.Channel != "" {
		add(&about, "How it reached us", rec.Channel.Label())
	}
	if rec.RedirectedTo != "" {
		add(&about, "Redirected to", rec.RedirectedTo.Label())
	}
	if rec.RelatedReference != "" {
		about = append(about, summaryRow{Key: "Related case", Value: rec.RelatedReference, Href: "/cases/" + url.PathEscape(rec.RelatedReference)})
	}
	add(&about, "Closed", rec.Closed.Long())

	name := rec.ComplainantName
	if name == "" {
		name = "Not recorded"
	}
	complainant = append(complainant, summaryRow{Key: "Name", Value: name})
	if rec.ComplainantType != "" {
		add(&complainant, "Who they are", rec.ComplainantType.Label())
	}
	if rec.UASC {
		complainant = append(complainant, summaryRow{Key: "Unaccompanied asylum-seeking child", Value: "Yes"})
	}
	if rec.Type != heed.TypeSAR || rec.YoungPerson {
		complainant = append(complainant, summaryRow{Key: "Child or young person", Value: yesNo(rec.YoungPerson)})
	}
	if rec.Advocacy != "" {
		add(&complainant, "Advocacy", rec.Advocacy.Label())
	}

	if o := rec.Ombudsman; !o.IsZero() {
		add(&ombudsman, "Ombudsman reference", o.Reference)
		if o.Decision != "" {
			add(&ombudsman, "Decision", o.Decision.Label())
		}
		add(&ombudsman, "Decided", o.Decided.Long())
		if o.Fault != "" {
			add(&ombudsman, "Fault", o.Fault.Label())
		}
	}
	return about, complainant, ombudsman
}

// stageSummary are a stage's first rows on the case page: when it was
// received (Stage 1) or requested, acknowledged, and who investigates it.
func stageSummary(st *heed.Stage) []summaryRow {
	var rows []summaryRow
	if !st.Started.IsZero() {
		key := "Requested"
		if st.Number == 1 {
			key = "Received"
		}
		rows = append(rows, summaryRow{Key: key, Value: st.Started.Long()})
	}
	ack := st.Acknowledged.Long()
	if ack == "" {
		ack = "Not yet"
	}
	investigator := st.Investigator
	if investigator == "" {
		investigator = "Not allocated"
	}
	rows = append(rows, summaryRow{Key: "Acknowledged", Value: ack}, summaryRow{Key: "Investigator", Value: investigator})
	for _, r := range []summaryRow{
		{Key: "Statement of complaint agreed", Value: st.StatementAgreed.Long()},
		{Key: "Independent Person", Value: st.IndependentPerson},
		{Key: "Adjudicating officer", Value: st.Adjudicator},
		{Key: "Review panel met", Value: st.PanelMet.Long()},
		{Key: "Review panel reported", Value: st.PanelReported.Long()},
		{Key: "Corrective action", Value: map[bool]string{true: st.CorrectiveAction.Label()}[st.CorrectiveAction != ""]},
	} {
		if r.Value != "" {
			rows = append(rows, r)
		}
	}
	return rows
}

// milestoneRows are a stage's own clocks besides its response, as summary
// rows: "Acknowledge by: 9 November 2026 (5 working days after …), done 10
// November 2026, late".
func milestoneRows(ms []heed.Milestone, today calendar.Date) []summaryRow {
	var rows []summaryRow
	for _, m := range ms {
		v := m.Due.Long() + " (" + m.Explanation + ")"
		if !m.Done.IsZero() {
			v += ", done " + m.Done.Long()
		}
		if m.Late(today) {
			v += ": late"
		}
		rows = append(rows, summaryRow{Key: m.What + " by", Value: v})
	}
	return rows
}

// userNames maps each user's user name to their full name, for the pages
// that say who did something.
func (s *Server) userNames(r *http.Request) (map[string]string, error) {
	users, err := s.Store.Users(r.Context())
	if err != nil {
		return nil, err
	}
	names := make(map[string]string, len(users))
	for _, u := range users {
		names[u.Username] = u.Name()
	}
	return names, nil
}

// fullName is the full name of the user with the user name, or the user
// name itself (the command line's "cli:…", or an account since removed).
func fullName(names map[string]string, username string) string {
	if n, ok := names[username]; ok {
		return n
	}
	return username
}
