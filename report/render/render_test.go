package render

import (
	"bytes"
	"encoding/json"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"github.com/heedhq/heed"
	"github.com/heedhq/heed/calendar"
	"github.com/heedhq/heed/report"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata")

// small is a fixed, small set of facts: a few records in 2014/15 and the
// year before, enough to fill every table.
func small(publish bool) *report.Report {
	// Buckets 0-3 are 2012/13, 4-7 2013/14, 8-11 2014/15.
	rf := func(bucket int, t heed.RecordType, area string, n int, opts ...func(*report.RecordFact)) report.RecordFact {
		f := report.RecordFact{Bucket: bucket, Type: t, ServiceArea: area, Count: n}
		if t == heed.TypeComplaint {
			f.Procedure, f.Timing, f.Outcome = heed.ChildrenStatutory, report.TimingInTime, heed.OutcomeNotUpheld
			f.Responded, f.ResponseDays = n, 9*n
		}
		for _, o := range opts {
			o(&f)
		}
		return f
	}
	upheld := func(f *report.RecordFact) { f.Outcome = heed.OutcomeUpheld }
	late := func(f *report.RecordFact) { f.Timing = report.TimingLate; f.ResponseDays = 14 * f.Count }
	young := func(f *report.RecordFact) { f.YoungPerson, f.Advocacy = true, heed.AdvocacyProvided }
	corporate := func(f *report.RecordFact) { f.Procedure = heed.Corporate }
	facts := &report.Facts{
		Records: []report.RecordFact{
			rf(8, heed.TypeComplaint, "Children's Social Care", 6),
			rf(8, heed.TypeComplaint, "Children's Social Care", 2, upheld, young),
			rf(9, heed.TypeComplaint, "Children's Social Care", 3, late),
			rf(10, heed.TypeComplaint, "Education", 4, corporate),
			rf(11, heed.TypeComplaint, "Education", 1, corporate, func(f *report.RecordFact) {
				f.Outcome, f.Timing, f.Responded, f.ResponseDays = "", report.TimingPending, 0, 0
			}),
			rf(8, heed.TypeCompliment, "Education", 7),
			rf(9, heed.TypeMPEnquiry, "Children's Social Care", 2, young),
			rf(10, heed.TypeOmbudsmanEnquiry, "Children's Social Care", 1, func(f *report.RecordFact) { f.Decision = heed.DecisionPremature }),
			rf(4, heed.TypeComplaint, "Children's Social Care", 12),
			rf(5, heed.TypeComplaint, "Children's Social Care", 3, upheld),
			rf(6, heed.TypeCompliment, "Education", 9),
			rf(1, heed.TypeComplaint, "Children's Social Care", 10),
		},
		Stages: []report.StageFact{
			{Bucket: 9, Procedure: heed.ChildrenStatutory, Number: 2, Outcome: heed.OutcomeNotUpheld, Count: 1, Responded: 1, ResponseDays: 30},
			{Bucket: 10, Procedure: heed.ChildrenStatutory, Number: 2, Outcome: heed.OutcomeNotProgressed, Count: 1},
		},
		Responses: []report.ResponseFact{{YearsBefore: 0, Procedure: heed.ChildrenStatutory, Count: 10}, {YearsBefore: 1, Procedure: heed.ChildrenStatutory, Count: 15}},
		Learning: report.Learning{Lessons: 2, NoLearning: 1, Actions: 3, Completed: 1, Overdue: 1,
			Examples: []report.LessonExample{{Reference: "CS-2014-000001", ServiceArea: "Children's Social Care", Text: "Explain the reason for a visit before it happens.", Actions: 2, Completed: 1}}},
		Themes: []string{"Confidentiality", "Lack of Action", "Quality of Service"},
		Refused: []report.RefusedFact{{YearsBefore: 0, Reason: heed.RefusedOutOfTime, Count: 2},
			{YearsBefore: 0, Reason: heed.RefusedNotAComplaint, Count: 1}, {YearsBefore: 1, Reason: heed.RefusedOutOfTime, Count: 4}},
		Ombudsman: []report.OmbudsmanFact{
			{YearsBefore: 0, ServiceArea: "Children's Social Care", Decision: heed.DecisionUpheld, Count: 2},
			{YearsBefore: 0, ServiceArea: "Children's Social Care", Decision: heed.DecisionPremature, Count: 1},
			{YearsBefore: 0, ServiceArea: "Education", Decision: heed.DecisionNotUpheld, Count: 1},
			{YearsBefore: 1, ServiceArea: "Education", Decision: heed.DecisionNotUpheld, Fault: heed.FaultFound, Count: 1},
		},
		Remedies: []report.RemedyFact{
			{YearsBefore: 0, ServiceArea: "Children's Social Care", Type: heed.RemedyApology, Count: 2},
			{YearsBefore: 0, ServiceArea: "Children's Social Care", Type: heed.RemedyFinancial, Count: 1, Complied: 1, PaidPence: 25050},
		},
		Recommendations: []report.RecommendationFact{{YearsBefore: 0, ServiceArea: "Children's Social Care", Count: 2, OnTime: 1}},
	}
	// The complaints' themes follow their procedure.
	for _, f := range facts.Records {
		if f.Type == heed.TypeComplaint {
			theme := map[heed.ProcedureID]string{heed.ChildrenStatutory: "Lack of Action", heed.Corporate: "Quality of Service"}[f.Procedure]
			facts.ByTheme = append(facts.ByTheme, report.ThemeFact{Bucket: f.Bucket, Theme: theme, Outcome: f.Outcome, Count: f.Count})
		}
	}
	text := &heed.Narrative{Period: "2014-15", Sections: []heed.NarrativeSection{
		{Heading: "Introduction", BeforeFigures: true, Text: "This report sets out the complaints the council received in 2014/15.\n\nIt goes to the Corporate Committee."},
		{Heading: "Conclusions", Text: "Fewer complaints were upheld than the year before."},
		{Heading: "Recommendations", Text: "The committee is asked to note the report."},
		{Heading: "Not yet written"},
	}}
	return report.Build(report.Annual(2014), facts, report.Options{Council: "Example Council", Publish: publish,
		AsOf: calendar.MustParseDate("2015-06-30"), Narrative: text})
}

func golden(t *testing.T, name string, got []byte) {
	t.Helper()
	path := filepath.Join("testdata", name)
	if *update {
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test ./report/render -update to create it)", err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("%s differs from the golden file; if the change is meant, run go test ./report/render -update and read the diff", name)
	}
}

func TestGolden(t *testing.T) {
	for _, publish := range []bool{false, true} {
		for _, format := range Formats {
			name := "small." + format
			if publish {
				name = "small.published." + format
			}
			t.Run(name, func(t *testing.T) {
				var buf bytes.Buffer
				if err := Write(&buf, format, small(publish)); err != nil {
					t.Fatal(err)
				}
				if format == "docx" {
					// The zip's compression may change with Go; its main
					// part, the document's text and tables, is compared.
					golden(t, name+".xml", docxOf(small(publish)).DocumentXML())
					return
				}
				golden(t, name, buf.Bytes())
			})
		}
	}
}

func TestJSONContract(t *testing.T) {
	var buf bytes.Buffer
	if err := JSON(&buf, small(false)); err != nil {
		t.Fatal(err)
	}
	var doc struct {
		Period map[string]string `json:"period"`
		Tables []struct {
			ID      string
			Columns []string
			Rows    []struct {
				Key    string
				Label  string
				Values []*float64
			}
			Comparisons []struct {
				Label  string
				Values []*float64
			}
		}
		Measures []map[string]any
	}
	if err := json.Unmarshal(buf.Bytes(), &doc); err != nil {
		t.Fatal(err)
	}
	if doc.Period["from"] != "2014-04-01" || doc.Period["to"] != "2015-03-31" || doc.Period["label"] != "2014/15" {
		t.Errorf("period %v", doc.Period)
	}
	ids := map[string]bool{}
	for _, tb := range doc.Tables {
		ids[tb.ID] = true
		for _, row := range tb.Rows {
			if row.Key == "" {
				t.Errorf("%s: row %q has no key in the JSON", tb.ID, row.Label)
			}
		}
		if strings.HasSuffix(tb.ID, "_by_service") && tb.ID != "escalation_by_service" && tb.ID != "ombudsman_by_service" {
			if strings.Join(tb.Columns, ",") != "Q1,Q2,Q3,Q4,Year" || tb.Rows[len(tb.Rows)-1].Label != "Total" || len(tb.Comparisons) != 2 {
				t.Errorf("%s: columns %v, last row %q, %d comparisons", tb.ID, tb.Columns, tb.Rows[len(tb.Rows)-1].Label, len(tb.Comparisons))
			}
			if tb.Rows[0].Label != "Children's Social Care" || tb.Rows[1].Label != "Education" {
				t.Errorf("%s: rows not alphabetical: %q, %q", tb.ID, tb.Rows[0].Label, tb.Rows[1].Label)
			}
		}
	}
	for _, id := range []string{"feedback_by_service", "complaints_by_service", "upheld_by_service", "partially_upheld_by_service",
		"in_time_by_service", "in_extended_time_by_service", "compliments_by_service", "comments_by_service", "mp_enquiries_by_service",
		"councillor_enquiries_by_service", "ombudsman_enquiries_by_service", "complaints_by_theme", "stages_by_procedure",
		"stage1_outcomes_by_procedure", "young_people", "ombudsman_decisions", "corrective_action", "escalation_by_service",
		"late_responses_stage1", "late_responses_stage2", "late_responses_stage3", "timescales_by_stage", "timescales_by_service",
		"enquiries_timeliness", "refused", "ombudsman_by_service", "ombudsman_remedies_by_type"} {
		if !ids[id] {
			t.Errorf("no table %s", id)
		}
	}
	measures := map[string]map[string]any{}
	for _, m := range doc.Measures {
		measures[m["id"].(string)] = m
		for _, k := range []string{"label", "value", "previous", "change", "change_percent"} {
			if _, ok := m[k]; !ok {
				t.Errorf("measure %v lacks %s", m["id"], k)
			}
		}
	}
	for _, id := range []string{"complaints", "compliments", "comments", "mp_enquiries", "councillor_enquiries", "ombudsman_enquiries",
		"children_statutory_stage1", "children_statutory_stage2", "children_statutory_stage3", "corporate_stage1", "corporate_stage2",
		"adult_social_care_stage1", "housing_stage1", "housing_stage2", "in_time_percent", "upheld_percent",
		"partially_upheld_percent", "escalation_rate_percent", "complaints_from_children", "uasc_complaints", "advocacy_provided",
		"corrective_action", "no_corrective_action", "refused", "ombudsman_investigations", "ombudsman_fault_found"} {
		if measures[id] == nil {
			t.Errorf("no measure %s", id)
		}
	}
	// 3 refused this year, 4 last; 3 decisions after investigation, 2 of
	// them finding fault, against 1 and 1.
	for id, want := range map[string][2]float64{"refused": {3, 4}, "ombudsman_investigations": {3, 1}, "ombudsman_fault_found": {2, 1}} {
		if m := measures[id]; m["value"] != want[0] || m["previous"] != want[1] {
			t.Errorf("%s measure %v, want %v", id, m, want)
		}
	}
	// 16 complaints this year, 15 last: +1, +6.7%.
	if m := measures["complaints"]; m["value"] != 16.0 || m["previous"] != 15.0 || m["change"] != 1.0 || m["change_percent"] != 6.7 {
		t.Errorf("complaints measure %v", m)
	}
	// 12 of 15 timed complaints in time (the pending one is neither).
	if m := measures["in_time_percent"]; m["value"] != 80.0 {
		t.Errorf("in_time_percent %v, want 80", m["value"])
	}
	// 1 Stage 2 started for 10 Stage 1 responses.
	if m := measures["escalation_rate_percent"]; m["value"] != 10.0 {
		t.Errorf("escalation rate %v, want 10", m["value"])
	}
}

func TestPublishedSuppressesSmallCounts(t *testing.T) {
	r := small(true)
	yp := r.Table("young_people")
	if !yp.Rows[0].Values[0].Suppressed || len(yp.Notes) == 0 || !strings.Contains(yp.Notes[len(yp.Notes)-1], "1 to 4") {
		t.Errorf("young people not suppressed: %+v", yp)
	}
	if c := r.Table("complaints_by_service"); c.Rows[0].Values[0].Suppressed {
		t.Error("a table by service area and quarter was suppressed")
	}
	if len(r.Lessons) != 0 {
		t.Error("the published report has lesson texts")
	}
	var buf bytes.Buffer
	JSON(&buf, r)
	if !strings.Contains(buf.String(), "null") {
		t.Error("no null in published JSON")
	}
	for _, tb := range small(false).Tables {
		for _, rows := range [][]report.Row{tb.Rows, tb.Comparisons} {
			for _, row := range rows {
				for _, v := range row.Values {
					if v.Suppressed {
						t.Errorf("the unpublished report has a suppressed value in %s, %s", tb.ID, row.Label)
					}
				}
			}
		}
	}
}

func TestXLSXHasNumbers(t *testing.T) {
	var buf bytes.Buffer
	if err := XLSX(&buf, small(false)); err != nil {
		t.Fatal(err)
	}
	f, err := excelize.OpenReader(&buf)
	if err != nil {
		t.Fatal(err)
	}
	sheets := f.GetSheetList()
	if sheets[0] != "Summary" || len(sheets) < 18 {
		t.Errorf("sheets %v", sheets)
	}
	// complaints_by_service: row 3 is Children's Social Care, Q1 in B3.
	typ, _ := f.GetCellType("Complaints received, by…", "B3")
	v, _ := f.GetCellValue("Complaints received, by…", "B3")
	label, _ := f.GetCellValue("Complaints received, by…", "A3")
	if label != "Children's Social Care" || v != "8" || typ != excelize.CellTypeNumber && typ != excelize.CellTypeUnset {
		t.Errorf("A3 %q B3 %q type %v", label, v, typ)
	}
	summary, _ := f.GetCellValue("Summary", "A4")
	if !strings.HasPrefix(summary, "Complaints rose by 1 (6.7%)") {
		t.Errorf("summary sentence %q", summary)
	}
}

func TestPDF(t *testing.T) {
	var buf bytes.Buffer
	if err := PDF(&buf, small(false)); err != nil {
		t.Fatal(err)
	}
	b := buf.Bytes()
	if !bytes.HasPrefix(b, []byte("%PDF-")) || !bytes.Contains(b[len(b)-32:], []byte("%%EOF")) || bytes.Count(b, []byte("/Type /Page\n")) < 3 {
		t.Errorf("not a PDF of several pages (%d bytes, %d pages)", len(b), bytes.Count(b, []byte("/Type /Page\n")))
	}
}
