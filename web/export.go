package web

import (
	"context"
	"encoding/csv"
	"fmt"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"

	"github.com/xuri/excelize/v2"

	"github.com/heedhq/heed"
	"github.com/heedhq/heed/calendar"
	"github.com/heedhq/heed/csvcell"
)

// exportStore is what the cases list's downloads need of the store.
type exportStore interface {
	// RecordExport writes a line to the audit log saying that the user
	// downloaded a list of cases (see sqlstore.DB.RecordExport).
	RecordExport(ctx context.Context, by heed.Actor, note string) error
}

func (s *Server) exportRoutes(mux *http.ServeMux) {
	mux.Handle("GET /cases.csv", s.user(s.exportCases("csv")))
	mux.Handle("GET /cases.xlsx", s.user(s.exportCases("xlsx")))
}

// exportPage is how many cases the download reads from the store at once.
const exportPage = 1000

// exportColumns are the download's columns.
var exportColumns = []string{"Reference", "Received", "Type", "Procedure", "Service area", "Theme",
	"Complainant", "Latest stage", "Held by", "Due", "Closed"}

// exportCases downloads the cases list, filtered and sorted as the page
// shows it, every page of it: at most heed.CaseMaxTotal cases, or it says
// to narrow the filter rather than cut the list short. Each download is a
// line of the audit log: who, the filter (never the search words, which may
// be a name), the format and how many rows.
func (s *Server) exportCases(format string) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		u := currentUser(r)
		if !u.SeesCases() {
			s.errorPage(w, r, http.StatusForbidden, "Your account can read published reports only, not cases.")
			return
		}
		q := r.URL.Query()
		f, errs := caseFilter(q)
		if len(errs) > 0 {
			s.errorPage(w, r, http.StatusBadRequest, "The filter cannot be used: "+errs[0].Message+". Go back to the cases list and correct it.")
			return
		}
		f.Today = s.today()
		restrict(u, &f)
		var cases []heed.CaseSummary
		for {
			f.Offset, f.Limit = len(cases), exportPage
			page, total, err := s.Store.ListCases(r.Context(), f)
			if err != nil {
				s.fail(w, r, err)
				return
			}
			if total > heed.CaseMaxTotal {
				s.errorPage(w, r, http.StatusUnprocessableEntity, fmt.Sprintf(
					"These filters select more than %s cases, too many to download at once. Narrow them (for example by the dates received) and download each part.",
					thousands(heed.CaseMaxTotal)))
				return
			}
			cases = append(cases, page...)
			if len(page) < exportPage || len(cases) >= total {
				break
			}
		}
		note := fmt.Sprintf("exported %s as %s; filter: %s", plural(len(cases), "case"), strings.ToUpper(format), describeFilter(q))
		if err := s.Store.RecordExport(r.Context(), actor(r), note); err != nil {
			s.fail(w, r, err)
			return
		}
		name := "cases-" + s.today().String() + "." + format
		w.Header().Set("Content-Disposition", `attachment; filename="`+name+`"`)
		if format == "csv" {
			w.Header().Set("Content-Type", "text/csv; charset=utf-8")
			if err := writeCasesCSV(w, cases); err != nil {
				s.Logger.Error("export cases", "format", format, "err", err)
			}
			return
		}
		w.Header().Set("Content-Type", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
		if err := writeCasesXLSX(w, cases); err != nil {
			s.Logger.Error("export cases", "format", format, "err", err)
		}
	}
}

// exportRow is a case's cells as text: dates as 2015-01-05, "" when none.
func exportRow(c heed.CaseSummary) []string {
	iso := func(d calendar.Date) string {
		if d.IsZero() {
			return ""
		}
		return d.String()
	}
	row := []string{c.Reference, iso(c.Received), c.Type.Label(), "", c.ServiceArea, c.Theme,
		c.ComplainantName, "", c.Holder, iso(c.Due), iso(c.Closed)}
	if c.Procedure != "" {
		row[3] = c.Procedure.Label()
	}
	if c.Stage > 0 {
		row[7] = strconv.Itoa(c.Stage)
	}
	return row
}

// writeCasesCSV writes the cases as CSV, each cell kept from being read as
// a formula (see csvcell).
func writeCasesCSV(w http.ResponseWriter, cases []heed.CaseSummary) error {
	cw := csv.NewWriter(w)
	if err := cw.Write(exportColumns); err != nil {
		return fmt.Errorf("write csv: %w", err)
	}
	for _, c := range cases {
		row := exportRow(c)
		for i := range row {
			row[i] = csvcell.Escape(row[i])
		}
		if err := cw.Write(row); err != nil {
			return fmt.Errorf("write csv: %w", err)
		}
	}
	cw.Flush()
	if err := cw.Error(); err != nil {
		return fmt.Errorf("write csv: %w", err)
	}
	return nil
}

// writeCasesXLSX writes the cases as a spreadsheet of one sheet, "Cases":
// a bold header row, dates as real dates shown as "5 January 2015", and
// the stage as a number.
func writeCasesXLSX(w http.ResponseWriter, cases []heed.CaseSummary) error {
	f := excelize.NewFile()
	defer f.Close()
	const sheet = "Cases"
	if err := f.SetSheetName("Sheet1", sheet); err != nil {
		return fmt.Errorf("write xlsx: %w", err)
	}
	bold, err := f.NewStyle(&excelize.Style{Font: &excelize.Font{Bold: true}})
	if err != nil {
		return fmt.Errorf("write xlsx: %w", err)
	}
	longDate := "d mmmm yyyy"
	// Dates stand left, as their headings and the text beside them do.
	day, err := f.NewStyle(&excelize.Style{CustomNumFmt: &longDate, Alignment: &excelize.Alignment{Horizontal: "left"}})
	if err != nil {
		return fmt.Errorf("write xlsx: %w", err)
	}
	// The stage's number stands left, clear of who holds it beside.
	left, err := f.NewStyle(&excelize.Style{Alignment: &excelize.Alignment{Horizontal: "left"}})
	if err != nil {
		return fmt.Errorf("write xlsx: %w", err)
	}
	// Printed, the sheet is one A4 page wide, in landscape.
	fit, wide, long, landscape, a4 := true, 1, 0, "landscape", 9
	if err := f.SetSheetProps(sheet, &excelize.SheetPropsOptions{FitToPage: &fit}); err != nil {
		return fmt.Errorf("write xlsx: %w", err)
	}
	if err := f.SetPageLayout(sheet, &excelize.PageLayoutOptions{FitToWidth: &wide, FitToHeight: &long, Orientation: &landscape, Size: &a4}); err != nil {
		return fmt.Errorf("write xlsx: %w", err)
	}
	sw, err := f.NewStreamWriter(sheet)
	if err != nil {
		return fmt.Errorf("write xlsx: %w", err)
	}
	for i, width := range []float64{20, 18, 22, 30, 26, 26, 26, 12, 26, 18, 18} {
		if err := sw.SetColWidth(i+1, i+1, width); err != nil {
			return fmt.Errorf("write xlsx: %w", err)
		}
	}
	header := make([]any, len(exportColumns))
	for i, c := range exportColumns {
		header[i] = excelize.Cell{StyleID: bold, Value: c}
	}
	if err := sw.SetRow("A1", header, excelize.RowOpts{}); err != nil {
		return fmt.Errorf("write xlsx: %w", err)
	}
	date := func(d calendar.Date) any {
		if d.IsZero() {
			return nil
		}
		return excelize.Cell{StyleID: day, Value: time.Date(d.Year(), d.Month(), d.Day(), 0, 0, 0, 0, time.UTC)}
	}
	for i, c := range cases {
		text := exportRow(c)
		row := []any{text[0], date(c.Received), text[2], text[3], text[4], text[5], text[6], nil, text[8], date(c.Due), date(c.Closed)}
		if c.Stage > 0 {
			row[7] = excelize.Cell{StyleID: left, Value: c.Stage}
		}
		cell, _ := excelize.CoordinatesToCellName(1, i+2)
		if err := sw.SetRow(cell, row); err != nil {
			return fmt.Errorf("write xlsx: %w", err)
		}
	}
	if err := sw.Flush(); err != nil {
		return fmt.Errorf("write xlsx: %w", err)
	}
	if _, err := f.WriteTo(w); err != nil {
		return fmt.Errorf("write xlsx: %w", err)
	}
	return nil
}

// describeFilter says in words which filter a list was downloaded with,
// for the audit log: never the search words, which may be a person's name.
func describeFilter(q url.Values) string {
	var parts []string
	add := func(label, key string) {
		if v := strings.TrimSpace(q.Get(key)); v != "" {
			parts = append(parts, label+" "+strconv.Quote(v))
		}
	}
	if strings.TrimSpace(q.Get("q")) != "" {
		parts = append(parts, "search words (not recorded)")
	}
	add("type", "type")
	add("procedure", "procedure")
	add("latest stage", "stage")
	add("service area", "service_area")
	add("team", "team")
	add("theme", "theme")
	add("status", "status")
	for _, d := range []struct{ label, name string }{{"received from", "from"}, {"received to", "to"}} {
		if v := strings.Trim(q.Get(d.name+"-year")+"-"+q.Get(d.name+"-month")+"-"+q.Get(d.name+"-day"), "-"); v != "" {
			parts = append(parts, d.label+" "+strconv.Quote(v))
		}
	}
	if q.Get("overdue") == "yes" {
		parts = append(parts, "overdue only")
	}
	if q.Get("unallocated") == "yes" {
		parts = append(parts, "unallocated only")
	}
	add("sorted by", "sort")
	add("order", "order")
	if len(parts) == 0 {
		return "none (every case the user may see)"
	}
	return strings.Join(parts, ", ")
}
