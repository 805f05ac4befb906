package render

import (
	"bytes"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/heedhq/heed"
	"github.com/heedhq/heed/report"
)

// TestDOCXOpensInLibreOffice opens the DOCX in a real word processor,
// LibreOffice Writer from Debian, which converts it to PDF, and reads that
// back with poppler's pdftotext: the title, the officers' text in its
// place, and every row of every table with its figures, the two previous
// years included, are there as the report model has them. In the
// published version the suppressed counts read *.
func TestDOCXOpensInLibreOffice(t *testing.T) {
	for _, tool := range []string{"soffice", "pdftotext"} {
		if _, err := exec.LookPath(tool); err != nil {
			if os.Getenv("CI") != "" {
				t.Fatalf("%s is missing (make deps installs it)", tool)
			}
			t.Skipf("%s is missing (./scripts/ensure-libreoffice.sh, ./scripts/ensure-poppler.sh)", tool)
		}
	}
	for _, publish := range []bool{false, true} {
		t.Run(fmt.Sprintf("published=%v", publish), func(t *testing.T) {
			r := small(publish)
			lines := docxLines(t, r)
			text := strings.Join(lines, "\n")
			order := []string{r.Council, "Complaints and feedback report 2014/15", "Introduction", "It goes to the Corporate Committee.",
				"Summary", "Headline measures", "Conclusions", "Recommendations", "How the figures are counted"}
			at := 0
			for _, want := range order {
				i := strings.Index(text[at:], want)
				if i < 0 {
					t.Fatalf("%q is missing, or out of order", want)
				}
				at += i + len(want)
			}
			has := map[string]bool{}
			for _, l := range lines {
				has[l] = true
			}
			rows := 0
			for _, tab := range r.Tables {
				for _, group := range []struct {
					prefix string
					rows   []report.Row
				}{{"", tab.Rows}, {"Total ", tab.Comparisons}} {
					for _, row := range group.rows {
						want := strings.Join(cellsOf(row, group.prefix), " ")
						if !has[want] {
							t.Errorf("table %s: no line reads %q", tab.ID, want)
						}
						rows++
					}
				}
			}
			for _, m := range r.Measures {
				cells := []string{m.Label}
				for _, c := range measureCells(m) {
					cells = append(cells, c.Text)
				}
				// A long label wraps: its first line carries the figures.
				figures := " " + strings.Join(cells[1:], " ")
				if !slices.ContainsFunc(lines, func(l string) bool {
					return strings.HasSuffix(l, figures) && strings.HasPrefix(m.Label, strings.TrimSuffix(l, figures))
				}) {
					t.Errorf("headline measures: no line reads %q", strings.Join(cells, " "))
				}
			}
			if rows < 50 {
				t.Errorf("only %d rows checked", rows)
			}
			if publish != strings.Contains(strings.Join(lines, " "), "Published version: small numbers are not shown.") {
				t.Errorf("published %v, but the document says otherwise", publish)
			}
		})
	}
}

// docxLines writes r as a DOCX, has LibreOffice convert it to PDF, and
// returns the PDF's lines as pdftotext lays them out, spaces collapsed.
func docxLines(t *testing.T, r *report.Report) []string {
	t.Helper()
	dir := t.TempDir()
	var buf bytes.Buffer
	if err := DOCX(&buf, r); err != nil {
		t.Fatal(err)
	}
	file := filepath.Join(dir, "report.docx")
	if err := os.WriteFile(file, buf.Bytes(), 0o600); err != nil {
		t.Fatal(err)
	}
	// A profile of its own, so that tests and a running LibreOffice do not
	// share one.
	cmd := exec.CommandContext(t.Context(), "soffice", "-env:UserInstallation=file://"+filepath.Join(dir, "profile"),
		"--headless", "--convert-to", "pdf", "--outdir", dir, file)
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("LibreOffice cannot convert the DOCX: %v\n%s", err, out)
	}
	pdf := filepath.Join(dir, "report.pdf")
	if dir := os.Getenv("HEED_SCREENSHOTS"); dir != "" {
		b, _ := os.ReadFile(pdf)
		os.WriteFile(filepath.Join(dir, "report-docx.pdf"), b, 0o644)
	}
	out, err := exec.Command("pdftotext", "-layout", pdf, "-").Output()
	if err != nil {
		t.Fatalf("pdftotext cannot read LibreOffice's PDF: %v", err)
	}
	var lines []string
	for _, l := range strings.Split(string(out), "\n") {
		if l = strings.Join(strings.Fields(l), " "); l != "" {
			lines = append(lines, l)
		}
	}
	return lines
}

// TestDOCXCodeSections: a Code report's DOCX has its self-assessment, with
// Heed's figure beside each requirement, the findings, the governing
// body's response and the service improvements, as its PDF has them.
func TestDOCXCodeSections(t *testing.T) {
	r := small(false)
	r.Title = "Complaints performance and service improvement report"
	r.SelfAssessment = &report.SelfAssessment{Code: heed.CodeLGSCO, GoverningResponse: "The committee noted the report.",
		Requirements: []report.AssessedRequirement{{ID: "5.1", Section: "The complaint handling process", Text: "We acknowledge within 5 working days.",
			Compliant: heed.PartiallyCompliant, Evidence: "Sampled monthly.", Figure: "209 of 235 (88.9%)"}}}
	r.Improvements = []report.ImprovementLine{{ServiceArea: "Education", Action: "Call parents back within a day.", Completed: "2015-01-12"}}
	doc := string(docxOf(r).DocumentXML())
	for _, want := range []string{"Complaints performance and service improvement report 2014/15", "Self-assessment against the Code",
		"5.1 The complaint handling process: We acknowledge within 5 working days.", "Partly", "209 of 235 (88.9%)", "Sampled monthly.",
		"Findings of non-compliance", "None recorded.", "The committee noted the report.", "Service improvements made",
		"Call parents back within a day.", "12 January 2015"} {
		if !strings.Contains(doc, want) {
			t.Errorf("the Code report's DOCX lacks %q", want)
		}
	}
	if plain := string(docxOf(small(false)).DocumentXML()); strings.Contains(plain, "Self-assessment") {
		t.Error("the annual report's DOCX has a self-assessment")
	}
}
