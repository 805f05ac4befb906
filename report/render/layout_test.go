package render

import (
	"bytes"
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/heedhq/heed"
	"github.com/heedhq/heed/calendar"
	"github.com/heedhq/heed/internal/browsertest"
	"github.com/heedhq/heed/report"
)

// longThemes is a report with many themes, some with long names (one a
// single long word), so that its charts have long labels and its theme
// table runs over several PDF pages.
func longThemes() *report.Report {
	var facts report.Facts
	for i := range 60 {
		theme := fmt.Sprintf("Theme %d", i+1)
		switch i % 3 {
		case 0:
			theme = fmt.Sprintf("Communication with parents and carers about contact arrangements and placement changes (%d)", i+1)
		case 1:
			theme = fmt.Sprintf("Safeguardingandchildprotectionprocedures%d", i+1)
		}
		facts.Themes = append(facts.Themes, theme)
		facts.Records = append(facts.Records, report.RecordFact{Bucket: 8 + i%4, Type: heed.TypeComplaint,
			ServiceArea: fmt.Sprintf("Children's Social Care and Early Help Services for Families, area %d", i%12+1),
			Procedure:   heed.ChildrenStatutory, Outcome: heed.OutcomeUpheld, Count: i%7 + 1})
		facts.ByTheme = append(facts.ByTheme, report.ThemeFact{Bucket: 8 + i%4, Theme: theme, Outcome: heed.OutcomeUpheld, Count: i%7 + 1})
	}
	return report.Build(report.Annual(2014), &facts, report.Options{Council: "Example Council",
		AsOf: calendar.MustParseDate("2015-06-30")})
}

// TestChartLabelsClearTheirBars opens the HTML report in headless
// Chromium: no label of a chart may overlap a bar, however long the theme
// or service area it names. axe-core checks the page too.
func TestChartLabelsClearTheirBars(t *testing.T) {
	var buf bytes.Buffer
	if err := HTML(&buf, longThemes()); err != nil {
		t.Fatal(err)
	}
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		w.Write(buf.Bytes())
	}))
	defer srv.Close()
	ctx := browsertest.Browser(t)
	for _, v := range browsertest.Axe(t, ctx, srv.URL) {
		t.Errorf("axe: %s", v)
	}
	tctx, cancel := context.WithTimeout(ctx, 30*time.Second)
	defer cancel()
	overlaps, err := chromedp.Run(tctx, chromedp.Evaluate[[]string](`(() => {
		const out = [];
		let bars = 0;
		for (const svg of document.querySelectorAll("svg")) {
			const rects = [...svg.querySelectorAll("rect")].map(r => r.getBoundingClientRect());
			bars += rects.length;
			for (const text of svg.querySelectorAll("text")) {
				const a = text.getBoundingClientRect();
				for (const b of rects) {
					if (b.width > 0 && a.left < b.right - 0.5 && b.left < a.right - 0.5 && a.top < b.bottom - 0.5 && b.top < a.bottom - 0.5) {
						out.push(svg.id + " " + JSON.stringify(text.textContent) + " overlaps a bar");
						break;
					}
				}
			}
		}
		if (bars < 60) out.push("only " + bars + " bars drawn");
		return out;
	})()`))
	if err != nil {
		t.Fatal(err)
	}
	for _, o := range overlaps {
		t.Error(o)
	}
	browsertest.Screenshot(t, ctx, "report-long-labels")
}

// TestPDFPagesKeepHeadingsAndHeaders opens the PDF of a report whose theme
// table runs over several pages with poppler's pdftotext: no heading is the
// last thing on its page (at least a header row and a row, or a chart's
// bars, follow it there), and every page that carries rows of the theme
// table carries its header row above them.
func TestPDFPagesKeepHeadingsAndHeaders(t *testing.T) {
	r := longThemes()
	pages := pdfPages(t, r)
	if len(pages) < 4 {
		t.Fatalf("the PDF has %d pages, want the theme table to run over several", len(pages))
	}
	titles := []string{"Summary", "Headline measures", "How the figures are counted"}
	for _, tb := range r.Tables {
		titles = append(titles, tb.Title)
	}
	for _, title := range titles {
		found := false
		for n, lines := range pages {
			for i := range lines {
				rest, ok := startsHeading(lines, i, title)
				if !ok {
					continue
				}
				found = true
				if len(lines)-rest < 2 {
					t.Errorf("page %d: the heading %q is alone at the foot of the page", n+1, title)
				}
				break
			}
			if found {
				break
			}
		}
		if !found {
			t.Errorf("the heading %q is not in the PDF", title)
		}
	}
	themeRow := regexp.MustCompile(`(\s+\d+){7}$`)
	// The theme table ends where a table after it begins: rows of seven
	// figures or more after that are another table's.
	var later []string
	for i, tb := range r.Tables {
		if tb.ID == "complaints_by_theme" {
			for _, x := range r.Tables[i+1:] {
				later = append(later, x.Title)
			}
		}
	}
	after := false
	pagesWithRows := 0
	for n, lines := range pages {
		header := false
		for _, line := range lines {
			if strings.Contains(line, "Q1") && strings.Contains(line, "Upheld") {
				header = true
			}
			if slices.ContainsFunc(later, func(title string) bool { return strings.Contains(line, title) }) {
				after = true
			}
			if themeRow.MatchString(line) && !after {
				if !header {
					t.Errorf("page %d has rows of the theme table without its header row above them: %q", n+1, line)
				}
				pagesWithRows++
				break
			}
		}
	}
	if pagesWithRows < 2 {
		t.Errorf("the theme table's rows are on %d pages, want several", pagesWithRows)
	}
}

// startsHeading reports whether title starts at lines[i], on one line or
// two, and the index of the line after it.
func startsHeading(lines []string, i int, title string) (int, bool) {
	line := lines[i]
	if line == title {
		return i + 1, true
	}
	if strings.HasPrefix(title, line+" ") && i+1 < len(lines) && lines[i+1] == strings.TrimPrefix(title, line+" ") {
		return i + 2, true
	}
	return 0, false
}

// pdfPages writes r as a PDF and reads it back with pdftotext: each page's
// non-empty lines, trimmed, without its footer.
func pdfPages(t *testing.T, r *report.Report) [][]string {
	t.Helper()
	if _, err := exec.LookPath("pdftotext"); err != nil {
		if os.Getenv("CI") != "" {
			t.Fatal("pdftotext is missing (Debian's poppler-utils; make deps installs it)")
		}
		t.Skip("pdftotext is missing (Debian's poppler-utils)")
	}
	var buf bytes.Buffer
	if err := PDF(&buf, r); err != nil {
		t.Fatal(err)
	}
	file := filepath.Join(t.TempDir(), "report.pdf")
	if err := os.WriteFile(file, buf.Bytes(), 0o600); err != nil {
		t.Fatal(err)
	}
	if dir := os.Getenv("HEED_SCREENSHOTS"); dir != "" {
		os.WriteFile(filepath.Join(dir, "report-long-labels.pdf"), buf.Bytes(), 0o644)
	}
	out, err := exec.Command("pdftotext", "-layout", file, "-").Output()
	if err != nil {
		t.Fatalf("pdftotext cannot read the PDF: %v", err)
	}
	var pages [][]string
	for _, page := range strings.Split(strings.TrimRight(string(out), "\f\n"), "\f") {
		var lines []string
		for _, l := range strings.Split(page, "\n") {
			if l = strings.TrimSpace(l); l != "" && !strings.Contains(l, "Complaints and feedback report "+r.Period.Label+"  ") &&
				!strings.HasPrefix(l, r.Council+"  ·") && !strings.HasPrefix(l, r.Council+" ·") {
				lines = append(lines, l)
			}
		}
		pages = append(pages, lines)
	}
	return pages
}
