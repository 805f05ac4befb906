package sheet

import (
	"bytes"
	"slices"
	"strings"
	"testing"

	"github.com/heedhq/heed"
)

// TestRemedyColumnsOldAndNew: a spreadsheet of the one-remedy form is still
// read (its remedy is the first), and export writes the remedies and
// recommendations in the new form, a column set for each one a record has.
func TestRemedyColumnsOldAndNew(t *testing.T) {
	old := "reference,type,received,service_area,ombudsman_decision,ombudsman_decided,ombudsman_remedy,ombudsman_remedy_amount,ombudsman_complied\n" +
		"LGO-1,ombudsman_enquiry,2015-04-10,Housing,upheld,2015-08-01,financial_payment,250.50,2015-09-01\n"
	p, err := readFile("in.csv", []byte(old))
	if err != nil {
		t.Fatal(err)
	}
	if len(p.Records) != 1 || p.Records[0].Ombudsman == nil {
		t.Fatalf("read %+v", p.Records)
	}
	want := []heed.Remedy{{Type: heed.RemedyFinancial, Pence: 25050, Complied: d("2015-09-01")}}
	if got := p.Records[0].Ombudsman.Remedies; !slices.Equal(got, want) {
		t.Errorf("remedies %+v, want %+v", got, want)
	}

	rec := p.Records[0]
	rec.Ombudsman.Remedies = append(rec.Ombudsman.Remedies, heed.Remedy{Type: heed.RemedyApology, Due: d("2015-08-15")})
	rec.Ombudsman.Recommendations = []heed.Recommendation{{Text: "Review the letters", Due: d("2015-10-01")}}
	var buf bytes.Buffer
	if err := Write("out.csv", &buf, []*heed.Record{rec}); err != nil {
		t.Fatal(err)
	}
	header := strings.Split(strings.SplitN(buf.String(), "\n", 2)[0], ",")
	for _, col := range []string{"ombudsman_remedy1_type", "ombudsman_remedy1_amount", "ombudsman_remedy1_complied",
		"ombudsman_remedy2_type", "ombudsman_remedy2_due", "ombudsman_recommendation1", "ombudsman_recommendation1_due", "ombudsman_fault"} {
		if !slices.Contains(header, col) {
			t.Errorf("the export has no column %s: %v", col, header)
		}
	}
	for _, col := range []string{"ombudsman_remedy", "ombudsman_remedy_amount", "ombudsman_complied"} {
		if slices.Contains(header, col) {
			t.Errorf("the export still writes the old column %s", col)
		}
	}
	back, err := readFile("out.csv", buf.Bytes())
	if err != nil || len(back.Records) != 1 {
		t.Fatalf("read back: %v", err)
	}
	if diff := heed.Diff(rec.Fields(), back.Records[0].Fields()); len(diff) > 0 {
		t.Errorf("export then import changed %+v", diff)
	}
}
