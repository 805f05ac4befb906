package heed

import (
	"fmt"
	"regexp"
	"strings"

	"github.com/heedhq/heed/calendar"
)

// A record's history is kept field by field (see Fields and Diff); these
// functions write a change in words, as the case page and the timeline show
// it: "Stage 1 response date changed from 20 December 2026 to 10 December
// 2026".

// fieldWords are the words for a record's own fields.
var fieldWords = map[string]string{
	"reference": "Reference", "type": "Type", "received": "Date received", "service_area": "Service area",
	"team": "Team", "procedure": "Procedure", "theme": "Theme", "complainant_name": "Complainant's name",
	"complainant_type": "Who the complainant is", "young_person": "Child or young person", "uasc": "Unaccompanied asylum-seeking child", "advocacy": "Advocacy",
	"channel": "How it reached the council", "summary": "Summary", "related_reference": "Related case",
	"redirected_to": "Redirected to", "closed": "Date closed",
	"ombudsman_reference": "Ombudsman's reference", "ombudsman_decision": "Ombudsman's decision",
	"ombudsman_decided": "Date of the Ombudsman's decision", "ombudsman_remedy": "Ombudsman's remedy",
	"ombudsman_remedy_amount": "Ombudsman's financial remedy", "ombudsman_complied": "Date the council complied",
	"ombudsman_fault": "Ombudsman's finding of fault",
}

// stageWords are the words for a stage's fields, after "Stage 1 ".
var stageFieldWords = map[string]string{
	"requested": "request date", "acknowledged": "acknowledgement date", "investigator": "investigator",
	"extended_to": "extended deadline", "extension_reason": "reason for the extension", "responded": "response date",
	"outcome": "outcome", "corrective_action": "corrective action", "refusal_reason": "reason for refusal", "statement_agreed": "date the statement of complaint was agreed",
	"independent_person": "Independent Person", "adjudicator": "adjudicating officer", "panel_met": "review panel's meeting date",
	"panel_reported": "review panel's report date",
}

// FieldWords names a field key in words: "stage1_responded" is "Stage 1
// response date" on a complaint, and "Response date" on a record with one
// reply.
func FieldWords(t RecordType, key string) string {
	if w, ok := fieldWords[key]; ok {
		return w
	}
	if m := stageKey.FindStringSubmatch(key); m != nil {
		prefix := "Stage " + m[1] + " "
		if t != TypeComplaint {
			prefix = ""
		}
		rest := m[2]
		if p := partKey.FindStringSubmatch(rest); p != nil {
			part := map[string]string{"element": "element", "pause": "pause"}[p[1]]
			what := map[string]string{"summary": "", "finding": " finding", "from": " start", "to": " end", "reason": " reason"}[p[3]]
			return capitalise(prefix + part + " " + p[2] + what)
		}
		if w, ok := stageFieldWords[rest]; ok {
			return capitalise(prefix + w)
		}
		return capitalise(prefix + strings.ReplaceAll(rest, "_", " "))
	}
	if m := ombudsmanPartKey.FindStringSubmatch(key); m != nil {
		what := map[string]string{"type": "", "amount": ": amount", "due": ": due date", "complied": ": date complied with"}[m[3]]
		return "Ombudsman's " + m[1] + " " + m[2] + what
	}
	if m := lessonKey.FindStringSubmatch(key); m != nil {
		lesson := "Lesson 1"
		if m[1] != "" {
			lesson = "Lesson " + m[1]
		}
		switch {
		case m[2] == "learning":
			return lesson
		case m[2] == "no_learning_identified":
			return lesson + ": no learning identified"
		}
		action := "action 1"
		if m[3] != "" {
			action = "action " + m[3]
		}
		what := map[string]string{"": "", "owner": " owner", "due": " due date", "completed": " completion date", "evidence": " evidence"}[m[4]]
		return lesson + ", " + action + what
	}
	return capitalise(strings.ReplaceAll(key, "_", " "))
}

// ombudsmanPartKey matches the keys of the Ombudsman's remedies and
// recommendations: ombudsman_remedy2_due, ombudsman_recommendation1.
var ombudsmanPartKey = regexp.MustCompile(`^ombudsman_(remedy|recommendation)([0-9]+)(?:_(type|amount|due|complied))?$`)

// ValueWords writes a field's value in words: a date as "5 January 2015",
// a code as its label.
func ValueWords(key, v string) string {
	if v == "" {
		return ""
	}
	if d, err := calendar.ParseDate(v); err == nil && len(v) == 10 {
		return d.Long()
	}
	short := key
	if m := ombudsmanPartKey.FindStringSubmatch(key); m != nil {
		short = "ombudsman_" + m[1] + "_" + m[3]
	}
	if m := stageKey.FindStringSubmatch(key); m != nil {
		short = m[2]
		if p := partKey.FindStringSubmatch(short); p != nil {
			short = p[1] + "_" + p[3]
		}
	}
	switch short {
	case "type":
		return RecordType(v).Label()
	case "procedure":
		return ProcedureID(v).Label()
	case "complainant_type":
		return ComplainantType(v).Label()
	case "advocacy":
		return Advocacy(v).Label()
	case "channel":
		return Channel(v).Label()
	case "redirected_to":
		return Redirection(v).Label()
	case "outcome":
		return Outcome(v).Label()
	case "corrective_action":
		return CorrectiveAction(v).Label()
	case "refusal_reason":
		return RefusalReason(v).Label()
	case "ombudsman_fault":
		return Fault(v).Label()
	case "ombudsman_remedy_type":
		return RemedyType(v).Label()
	case "element_finding":
		return Finding(v).Label()
	case "ombudsman_decision":
		return OmbudsmanDecision(v).Label()
	case "ombudsman_remedy":
		return RemedyType(v).Label()
	case "ombudsman_remedy_amount":
		return "£" + v
	}
	return v
}

// ChangeWords writes one change in words: "Stage 1 response date changed
// from 20 December 2026 to 10 December 2026", "Theme recorded: Delay",
// "Team removed (was Fostering)".
func ChangeWords(t RecordType, c Change) string {
	field := FieldWords(t, c.Field)
	old, now := ValueWords(c.Field, c.Old), ValueWords(c.Field, c.New)
	switch {
	case old == "":
		return fmt.Sprintf("%s recorded: %s", field, now)
	case now == "":
		return fmt.Sprintf("%s removed (was %s)", field, old)
	}
	return fmt.Sprintf("%s changed from %s to %s", field, old, now)
}

// capitalise puts the first letter in upper case.
func capitalise(s string) string {
	if s == "" || s[0] < 'a' || s[0] > 'z' {
		return s
	}
	return string(s[0]-'a'+'A') + s[1:]
}

// CheckReason says what is wrong with the reason given for a correction,
// or "".
func CheckReason(reason string) string {
	if msg := textProblem(kindShort, reason); msg != "" {
		return "The reason " + msg
	}
	return ""
}
