package web

import (
	"fmt"
	"net/http"
	"net/url"
	"regexp"
	"slices"
	"strconv"
	"strings"

	"github.com/heedhq/heed"
)

func (s *Server) caseFormRoutes(mux *http.ServeMux) {
	mux.Handle("GET /cases/new", s.user(s.newCase))
	mux.Handle("POST /cases/new", s.user(s.newCase))
	for _, f := range caseForms {
		mux.Handle("GET /cases/{ref}/"+f.path, s.user(s.caseForm(f)))
		mux.Handle("POST /cases/{ref}/"+f.path, s.user(s.caseForm(f)))
	}
}

// doneMessages are the banners the case page shows after a form is saved.
var doneMessages = map[string]string{
	"recorded":       "The contact has been recorded.",
	"acknowledged":   "The acknowledgement has been recorded.",
	"allocated":      "The case has been allocated.",
	"extended":       "The deadline has been extended.",
	"elements":       "The elements and findings have been saved.",
	"responded":      "The response has been recorded.",
	"escalated":      "The escalation has been recorded.",
	"ombudsman":      "The Ombudsman's decision has been saved.",
	"refused":        "The complaint has been refused and the case closed.",
	"remedy":         "The Ombudsman's remedies have been saved.",
	"recommendation": "The Ombudsman's recommendations have been saved.",
	"learning":       "The learning has been added.",
	"action":         "The action has been marked complete.",
	"redirected":     "The contact has been redirected.",
	"note":           "The note has been added.",
	"details":        "The details have been changed.",
	"corrected":      "The stage has been corrected.",
	"reopened":       "The case has been reopened.",
	"closed":         "The case has been closed.",
	"correspondence": "The correspondence has been recorded.",
	"document":       "The document has been added.",
	"letter":         "The letter has been made: its PDF and Word documents are on the case file, and it is recorded as a letter sent.",
	"voided":         "The record has been voided: it has left the lists and reports.",
	"restored":       "The record has been restored.",
	"again":          "This form had been sent already, and it was saved once: this is what it saved. Nothing more was saved.", // see once.go
}

// findCase loads the case of the request's {ref} if the user may see it;
// otherwise it answers 403 (a viewer) or 404 and returns nil.
func (s *Server) findCase(w http.ResponseWriter, r *http.Request) *heed.Record {
	u := currentUser(r)
	if !u.SeesCases() {
		s.errorPage(w, r, http.StatusForbidden, "Your account can read published reports only, not cases.")
		return nil
	}
	rec, err := s.Store.FindRecordByReference(r.Context(), r.PathValue("ref"))
	if err == nil && (!u.CanSee(rec) || (rec.Voided != nil && !canRestore(u))) {
		err = heed.Errorf(heed.ENOTFOUND, "There is no case %s that you can see.", r.PathValue("ref"))
	}
	if err != nil {
		s.fail(w, r, err)
		return nil
	}
	return rec
}

// caseForm serves one form's page and takes its posts.
func (s *Server) caseForm(f *caseForm) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		rec := s.findCase(w, r)
		if rec == nil {
			return
		}
		if !f.allowed(currentUser(r), rec) {
			s.errorPage(w, r, http.StatusForbidden, "Your role cannot do this to case "+rec.Reference+".")
			return
		}
		if rec.Voided != nil {
			s.errorPage(w, r, http.StatusUnprocessableEntity, "Case "+rec.Reference+" was voided as entered in error: restore it before changing it.")
			return
		}
		if f.applies != nil {
			if why := f.applies(rec, s.rules()); why != "" {
				s.errorPage(w, r, http.StatusUnprocessableEntity, why)
				return
			}
		}
		fp, err := s.formPage(r, f, rec)
		if err != nil {
			s.fail(w, r, err)
			return
		}
		if f.path == "complete-action" && fp.Action == nil {
			s.errorPage(w, r, http.StatusNotFound, "That action is not part of case "+rec.Reference+".")
			return
		}
		if f.items != nil {
			if fp.Item = parseItem(r.FormValue("item"), f.items(rec)); fp.Item < 0 {
				s.errorPage(w, r, http.StatusNotFound, "That is not part of case "+rec.Reference+".")
				return
			}
		}
		title := f.title + " – " + rec.Reference
		if r.Method == http.MethodGet {
			fp.Values, fp.Version = url.Values{}, rec.Version
			fp.Values.Set("action_ref", r.URL.Query().Get("action"))
			f.fill(fp, fp.Values)
			s.render(w, r, http.StatusOK, f.template, page{Title: title, Nav: "cases", Data: fp})
			return
		}
		v := r.PostForm
		fp.Values = v
		fp.Version, _ = strconv.Atoi(v.Get("version"))
		if fp.Version != rec.Version {
			s.conflict(w, r, rec, fp.Version)
			return
		}
		was := rec.Clone() // the record as stored, which apply changes
		errs := f.apply(fp, v)
		reason := strings.TrimSpace(v.Get("change_reason"))
		if f.reason != nil && reason == "" {
			if msg := f.reason(was, rec); msg != "" {
				errs = append(errs, heed.FieldError{Field: "change_reason", Message: msg})
			}
		}
		if len(errs) > 0 {
			errs = append(errs, s.ruleErrors(r, was, rec, f.inputs, errs)...)
		} else {
			err = s.Store.ChangeRecord(r.Context(), actor(r), rec, reason)
			switch heed.ErrorCode(err) {
			case "":
				http.Redirect(w, r, "/cases/"+url.PathEscape(rec.Reference)+"?done="+f.done, http.StatusSeeOther)
				return
			case heed.ECONFLICT:
				s.conflict(w, r, nil, fp.Version)
				return
			case heed.EINVALID:
				errs = storeErrors(err, f.inputs)
			default:
				s.fail(w, r, err)
				return
			}
		}
		s.render(w, r, http.StatusBadRequest, f.template, page{Title: title, Nav: "cases", Errors: errs, Data: fp})
	}
}

// ruleErrors checks the changed record against the rules, as a change to
// was, the record as stored, so that a form with a gap in it also says at
// once which of its values the rules refuse. It leaves out the inputs that
// already have an error.
func (s *Server) ruleErrors(r *http.Request, was, rec *heed.Record, inputs map[string]string, have heed.FieldErrors) heed.FieldErrors {
	cal, err := s.Store.Calendar(r.Context())
	if err != nil {
		return nil
	}
	rules := s.rules()
	rules.Normalize(rec)
	broken := rules.CheckChange(cal, was, rec, s.today())
	if len(broken) == 0 {
		return nil
	}
	var out heed.FieldErrors
	for _, fe := range storeErrors(&heed.Error{Code: heed.EINVALID, Fields: broken}, inputs) {
		if fe.Field != "main-content" && !slices.ContainsFunc(have, func(h heed.FieldError) bool { return h.Field == fe.Field }) {
			out = append(out, fe)
		}
	}
	return out
}

// formPage gathers what a case form shows besides its values.
func (s *Server) formPage(r *http.Request, f *caseForm, rec *heed.Record) (*formPage, error) {
	fp := &formPage{Form: f, Record: rec, Stage: latestStage(rec), Today: s.today(), Options: staticOptions()}
	if fp.Stage != nil {
		cal, err := s.Store.Calendar(r.Context())
		if err != nil {
			return nil, err
		}
		_, fp.Latest, _ = s.rules().Limits(cal, rec, fp.Stage)
		if fp.Stage.Number == 1 {
			fp.Options["outcomes"] = fp.Options["outcomes"][:len(fp.Options["outcomes"])-1] // not progressed
		}
	}
	if f.path == "allocate" || strings.HasPrefix(f.path, "correct-stage-") {
		users, err := s.Store.Users(r.Context())
		if err != nil {
			return nil, err
		}
		opts := []option{{"", "Select an investigator"}}
		for _, u := range users {
			if u.SeesCases() && !u.Disabled {
				opts = append(opts, option{u.Username, u.Name() + " (" + u.Role.Label() + ")"})
			}
		}
		fp.Options["investigators"] = opts
	}
	if f.path == "correct-stage-1" && fp.Stage != nil && fp.Stage.Number > 1 {
		fp.Options["outcomes"] = fp.Options["outcomes"][:len(fp.Options["outcomes"])-1] // not progressed
	}
	if f.path == "correct-stage-1" && rec.Type == heed.TypeComplaint {
		// A complaint's Stage 1 may have been refused, with its reason.
		fp.Options["outcomes"] = append(slices.Clone(fp.Options["outcomes"]), option{string(heed.OutcomeRefused), heed.OutcomeRefused.Label()})
		fp.Options["refusals-or-none"] = append([]option{{"", "Not refused"}}, fp.Options["refusals"]...)
	}
	if f.path == "details" {
		names, err := s.nameLists(r, rec)
		if err != nil {
			return nil, err
		}
		fp.Names = names
	}
	lessons := []option{{"new", "A new lesson"}}
	for i, l := range rec.Lessons {
		if !l.NoLearning {
			lessons = append(lessons, option{strconv.Itoa(i + 1), "Lesson " + strconv.Itoa(i+1) + ": " + l.Text})
		}
	}
	fp.Options["lessons"] = lessons
	ref := r.FormValue("action_ref")
	if ref == "" {
		ref = r.URL.Query().Get("action")
	}
	fp.ActionID = ref
	if li, ai, ok := strings.Cut(ref, "."); ok {
		l, err1 := strconv.Atoi(li)
		a, err2 := strconv.Atoi(ai)
		if err1 == nil && err2 == nil && l >= 1 && l <= len(rec.Lessons) && a >= 1 && a <= len(rec.Lessons[l-1].Actions) {
			fp.Lesson = &rec.Lessons[l-1]
			fp.Action = &fp.Lesson.Actions[a-1]
		}
	}
	return fp, nil
}

// staticOptions are the choices every form may offer.
func staticOptions() map[string][]option {
	m := map[string][]option{}
	for _, f := range heed.Findings {
		m["findings"] = append(m["findings"], option{string(f), f.Label()})
	}
	for _, o := range []heed.Outcome{heed.OutcomeUpheld, heed.OutcomePartiallyUpheld, heed.OutcomeNotUpheld,
		heed.OutcomeWithdrawn, heed.OutcomeResolvedEarly, heed.OutcomeNotProgressed} {
		m["outcomes"] = append(m["outcomes"], option{string(o), o.Label()})
	}
	m["decisions"] = []option{{"", "Not decided yet"}}
	for _, d := range heed.OmbudsmanDecisions {
		m["decisions"] = append(m["decisions"], option{string(d), d.Label()})
	}
	m["remedies"] = []option{{"", "Select the type of remedy"}}
	for _, t := range heed.RemedyTypes {
		m["remedies"] = append(m["remedies"], option{string(t), t.Label()})
	}
	for _, r := range heed.RefusalReasons {
		m["refusals"] = append(m["refusals"], option{string(r), r.Label()})
	}
	m["faults"] = []option{{string(heed.FaultFound), "Yes, the Ombudsman found fault"},
		{string(heed.FaultNotFound), "No, no fault was found"}, {"", "Not recorded"}}
	for _, t := range heed.Redirections {
		m["redirections"] = append(m["redirections"], option{string(t), t.Label()})
	}
	for _, t := range heed.RecordTypes {
		m["types"] = append(m["types"], option{string(t), t.Label()})
	}
	m["procedures"] = []option{{"", "The usual procedure for the service"}}
	for _, p := range heed.ProcedureIDs {
		m["procedures"] = append(m["procedures"], option{string(p), p.Label()})
	}
	m["complainants"] = []option{{"", "Not recorded"}}
	for _, c := range heed.ComplainantTypes {
		m["complainants"] = append(m["complainants"], option{string(c), c.Label()})
	}
	m["advocacy"] = []option{{"", "Not recorded"}}
	for _, a := range heed.Advocacies {
		m["advocacy"] = append(m["advocacy"], option{string(a), a.Label()})
	}
	m["channels"] = []option{{"", "Not recorded"}}
	for _, c := range heed.Channels {
		m["channels"] = append(m["channels"], option{string(c), c.Label()})
	}
	return m
}

// conflict refuses a save made over someone else's change, and shows the
// case as it is now. rec is the current case, or nil to load it again.
func (s *Server) conflict(w http.ResponseWriter, r *http.Request, rec *heed.Record, yours int) {
	if rec == nil {
		if rec = s.findCase(w, r); rec == nil {
			return
		}
	}
	// The case as it is now, read without recording an opening.
	view, err := s.caseView(r, rec)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	data, err := s.caseData(r, rec, view)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	who, you, when := "Someone else", false, ""
	for i := len(data.History) - 1; i >= 0; i-- {
		if e := data.History[i]; e.Action == heed.AuditUpdated || e.Action == heed.AuditCreated {
			who, you, when = e.Actor+" ("+datetime(e.At)+")", e.Actor == actor(r).Name, datetime(e.At)
			break
		}
	}
	msg := fmt.Sprintf("Your change was not saved. %s changed case %s after you opened the form: it is now at version %d, and you were editing version %d. The case as it is now is shown below; check it, then make your change again.",
		who, rec.Reference, rec.Version, yours)
	if you {
		// The officer's own change, from a second tab or window: saying
		// that they changed it, as if someone else, puzzled them.
		msg = fmt.Sprintf("Your change was not saved. You changed this case in another tab or window at %s, after you opened this form. The case as it is now is shown below: check it, then make your change again if it is still needed.",
			when)
	}
	s.render(w, r, http.StatusConflict, "case", page{Title: rec.Type.Label() + " " + rec.Reference, Nav: "cases",
		Errors: heed.FieldErrors{{Field: "history", Message: msg}}, Data: data})
}

var (
	stagePrefix  = regexp.MustCompile(`^stage\d+_`)
	lessonNumber = regexp.MustCompile(`^lesson\d+_`)
	actionNumber = regexp.MustCompile(`^action\d+`)
	elementField = regexp.MustCompile(`^element(\d+)_summary$`)
	wordNumber   = regexp.MustCompile(`([a-z])(\d)`)
)

// inputKey is the key a form's inputs give a stored field: without its
// stage, lesson or action number, so that "stage1_extension_reason" is
// "extension_reason" and "lesson2_action3_owner" is "action_owner". An
// element's summary keeps its number apart: "stage1_element2_summary" is
// "element_summary" and 2, for the input "element-{n}-summary".
func inputKey(field string) (key string, n int) {
	key = stagePrefix.ReplaceAllString(field, "")
	if m := elementField.FindStringSubmatch(key); m != nil {
		n, _ = strconv.Atoi(m[1])
		return "element_summary", n
	}
	key = lessonNumber.ReplaceAllString(key, "")
	return actionNumber.ReplaceAllString(key, "action"), 0
}

// storeErrors turns the rules the store found broken into form errors, each
// on its input when the form has one, so that the error summary links it;
// the others are listed too, named in words. An input gets one error, the
// first: two fields that one input sets (a response date that also closes
// the case) break the same rule.
func storeErrors(err error, inputs map[string]string) heed.FieldErrors {
	fields := heed.ErrorFields(err)
	if len(fields) == 0 {
		return heed.FieldErrors{{Field: "main-content", Message: heed.ErrorMessage(err)}}
	}
	var out heed.FieldErrors
	for _, fe := range fields {
		key, n := inputKey(fe.Field)
		id, ok := inputs[key]
		if !ok {
			id = "main-content"
		}
		id = strings.ReplaceAll(id, "{n}", strconv.Itoa(n))
		if ok && slices.ContainsFunc(out, func(e heed.FieldError) bool { return e.Field == id }) {
			continue
		}
		label := wordNumber.ReplaceAllString(strings.ReplaceAll(stagePrefix.ReplaceAllString(fe.Field, ""), "_", " "), "$1 $2")
		msg := fe.Message
		switch {
		case strings.HasPrefix(msg, "is ") || strings.HasPrefix(msg, "applies ") || strings.HasPrefix(msg, "needs ") ||
			strings.HasPrefix(msg, "holds "):
			msg = capitalise(label) + " " + msg
		case strings.HasPrefix(msg, "The "):
			// A sentence that names its field already, such as the date
			// rules'.
		case !ok:
			msg = capitalise(label) + ": " + msg
		default:
			msg = capitalise(msg)
		}
		out = append(out, heed.FieldError{Field: id, Message: msg})
	}
	return out
}

// newCaseInputs maps a stored field to the new-contact form's input.
var newCaseInputs = map[string]string{
	"reference": "reference", "type": "type", "received": "received-day", "service_area": "service_area",
	"team": "team", "procedure": "procedure", "redirected_to": "redirected_to", "theme": "theme",
	"complainant_name": "complainant_name", "summary": "summary", "related_reference": "related_reference",
}

type newCaseData struct {
	Values  url.Values
	Options map[string][]option
	// Names are the service areas, teams and themes administrators keep:
	// a new contact is filed under them, never under a name typed in.
	Names nameLists
	// Email asks for the complainant's address for the acknowledgement.
	Email bool
}

// newCase records a new contact of any type. Without a reference, Heed
// numbers it.
func (s *Server) newCase(w http.ResponseWriter, r *http.Request) {
	u := currentUser(r)
	if !u.CanRecord() {
		s.errorPage(w, r, http.StatusForbidden, "Only the complaints team records new contacts.")
		return
	}
	names, err := s.nameLists(r, nil)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	data := &newCaseData{Values: url.Values{}, Options: staticOptions(), Names: names, Email: s.SendsEmail}
	const title = "Record a new contact"
	if r.Method == http.MethodGet {
		data.Values.Set("type", string(heed.TypeComplaint))
		setDate(data.Values, "received", s.today())
		s.render(w, r, http.StatusOK, "case_new", page{Title: title, Nav: "cases", Data: data})
		return
	}
	v := r.PostForm
	data.Values = v
	rec, errs := readNewCase(v, data.Options, data.Names)
	email := ""
	if s.SendsEmail {
		email = strings.TrimSpace(v.Get("ack_email"))
	}
	if email != "" {
		if msg := heed.CheckEmail(email); msg != "" {
			errs = append(errs, heed.FieldError{Field: "ack_email", Message: msg})
		}
	}
	if len(errs) == 0 {
		prefix := ""
		if rec.Reference == "" {
			prefix = s.referencePrefix(rec.Type) // see references.go
		}
		// The acknowledgement, and any allocation, are queued in the
		// record's transaction (see notices.go).
		err = s.Store.CreateAcknowledged(r.Context(), actor(r), rec, prefix, email)
		if err == nil {
			http.Redirect(w, r, "/cases/"+url.PathEscape(rec.Reference)+"?done=recorded", http.StatusSeeOther)
			return
		}
		if code := heed.ErrorCode(err); code != heed.EINVALID && code != heed.ECONFLICT {
			s.fail(w, r, err)
			return
		}
		errs = storeErrors(err, newCaseInputs)
	}
	s.render(w, r, http.StatusBadRequest, "case_new", page{Title: title, Nav: "cases", Errors: errs, Data: data})
}

// readNewCase reads the new-contact form into a record, with the form's
// own errors; the store checks the rules of the record.
func readNewCase(v url.Values, opts map[string][]option, names nameLists) (*heed.Record, heed.FieldErrors) {
	var errs heed.FieldErrors
	text := func(k string) string { return strings.TrimSpace(v.Get(k)) }
	rec := &heed.Record{
		Reference: text("reference"), Type: heed.RecordType(v.Get("type")),
		ComplainantName: text("complainant_name"), ComplainantType: heed.ComplainantType(v.Get("complainant_type")),
		YoungPerson: v.Get("young_person") == "yes", UASC: v.Get("uasc") == "yes", Advocacy: heed.Advocacy(v.Get("advocacy")),
		Channel: heed.Channel(v.Get("channel")), Summary: text("summary"), RelatedReference: text("related_reference"),
	}
	if rec.Reference != "" {
		if msg := heed.CheckReference(rec.Reference); msg != "" {
			errs = append(errs, heed.FieldError{Field: "reference", Message: msg})
		}
	}
	if !hasOption(opts["types"], string(rec.Type)) {
		errs = append(errs, heed.FieldError{Field: "type", Message: "Select what kind of contact this is"})
	}
	received, err := requiredDate(v, "received", "The date it was received")
	if err != nil {
		errs = append(errs, *err)
	}
	rec.Received = received
	if rec.Type == heed.TypeComplaint {
		rec.Procedure = heed.ProcedureID(v.Get("procedure"))
	}
	if rec.Type == heed.TypeRedirected {
		rec.RedirectedTo = heed.Redirection(v.Get("redirected_to"))
		if !hasOption(opts["redirections"], string(rec.RedirectedTo)) {
			errs = append(errs, heed.FieldError{Field: "redirected_to", Message: "Select where the contact was redirected to"})
		}
	}
	errs = append(errs, names.read(v, rec)...)
	return rec, errs
}

func capitalise(s string) string {
	if s == "" {
		return s
	}
	return strings.ToUpper(s[:1]) + s[1:]
}
