package report

import (
	"fmt"
	"regexp"
	"strconv"
	"time"

	"github.com/heedhq/heed"
	"github.com/heedhq/heed/calendar"
)

// Period is what a report covers, split into columns (quarters).
type Period struct {
	From, To calendar.Date
	Label    string   // "2014/15", "2014/15 Q3", or "1 May 2014 to 31 July 2014"
	Columns  []Column // the quarters, or parts of quarters, in the period
	// YearLabel heads the column of the whole period: "Year", or "Total"
	// for a period that is not a financial year.
	YearLabel string
	kind      string // annual, quarterly or custom
}

// Column is one quarter (or the part of one) within a period.
type Column struct {
	Label    string
	From, To calendar.Date
}

// Annual is the financial year starting 1 April of startYear.
func Annual(startYear int) Period {
	from := calendar.NewDate(startYear, time.April, 1)
	p := Period{From: from, To: from.AddMonths(12).AddDays(-1), Label: calendar.FinancialYearLabel(startYear), YearLabel: "Year", kind: "annual"}
	p.Columns = quarters(p.From, p.To)
	return p
}

var quarterName = regexp.MustCompile(`^(\d{4})Q([1-4])$`)

// Quarterly is one financial quarter, named as 2014Q3 (October to December
// 2014).
func Quarterly(name string) (Period, error) {
	m := quarterName.FindStringSubmatch(name)
	if m == nil {
		return Period{}, heed.Errorf(heed.EINVALID, "%q is not a quarter: expected the financial year's first year and the quarter, such as 2014Q3 (October to December 2014)", name)
	}
	year, _ := strconv.Atoi(m[1])
	q, _ := strconv.Atoi(m[2])
	from := calendar.NewDate(year, time.April, 1).AddMonths(3 * (q - 1))
	p := Period{From: from, To: from.AddMonths(3).AddDays(-1), YearLabel: "Total", kind: "quarterly",
		Label: fmt.Sprintf("%s Q%d", calendar.FinancialYearLabel(year), q)}
	p.Columns = quarters(p.From, p.To)
	return p, nil
}

// Custom is any period of a year or less.
func Custom(from, to calendar.Date) (Period, error) {
	if from.IsZero() || to.IsZero() || to.Before(from) {
		return Period{}, heed.Errorf(heed.EINVALID, "a period needs a start and an end on or after it")
	}
	if to.After(from.AddMonths(12).AddDays(-1)) {
		return Period{}, heed.Errorf(heed.EINVALID, "a report covers a year at most, so that it compares with the two years before")
	}
	if from.Month() == time.April && from.Day() == 1 && to.Equal(from.AddMonths(12).AddDays(-1)) {
		return Annual(from.Year()), nil
	}
	p := Period{From: from, To: to, Label: from.Long() + " to " + to.Long(), YearLabel: "Total", kind: "custom"}
	p.Columns = quarters(from, to)
	return p, nil
}

// quarters splits [from, to] at the financial quarters.
func quarters(from, to calendar.Date) []Column {
	var cols []Column
	for d := from; !d.After(to); {
		q := d.Quarter()
		// The first day of the next quarter.
		next := calendar.NewDate(d.Year(), d.Month()-time.Month((int(d.Month())-1)%3), 1).AddMonths(3)
		end := next.AddDays(-1)
		if end.After(to) {
			end = to
		}
		cols = append(cols, Column{Label: fmt.Sprintf("Q%d", q), From: d, To: end})
		d = next
	}
	return cols
}

// shifted is the same period n years earlier, labelled as such.
func (p Period) shifted(n int) Period {
	s := Period{From: p.From.AddMonths(-12 * n), To: p.To.AddMonths(-12 * n), YearLabel: p.YearLabel, kind: p.kind}
	for _, c := range p.Columns {
		s.Columns = append(s.Columns, Column{Label: c.Label, From: c.From.AddMonths(-12 * n), To: c.To.AddMonths(-12 * n)})
	}
	switch p.kind {
	case "annual":
		s.Label = calendar.FinancialYearLabel(s.From.FinancialYear())
	case "quarterly":
		s.Label = fmt.Sprintf("%s %s", calendar.FinancialYearLabel(s.From.FinancialYear()), p.Columns[0].Label)
	default:
		s.Label = s.From.Long() + " to " + s.To.Long()
	}
	return s
}

// query is the facts a report on p needs: its columns, then those of the
// two years before.
func (p Period) query(asOf calendar.Date) Query {
	q := Query{Current: Bucket{p.From, p.To}, AsOf: asOf}
	for n := 2; n >= 0; n-- {
		s := p.shifted(n)
		for _, c := range s.Columns {
			q.Buckets = append(q.Buckets, Bucket{c.From, c.To})
		}
		q.Years = append(q.Years, Bucket{s.From, s.To})
	}
	return q
}

// bucket returns which year (0 this period, 1 and 2 the years before) and
// which column a bucket index of p.query means.
func (p Period) bucket(i int) (year, col int) {
	n := len(p.Columns)
	return 2 - i/n, i % n
}

// QueryFor is the query of facts a report on p needs: for benchmarks and
// tools that run the store's queries themselves.
func QueryFor(p Period, asOf calendar.Date) Query { return p.query(asOf) }
