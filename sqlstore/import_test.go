package sqlstore_test

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/heedhq/heed"
	"github.com/heedhq/heed/sqlstore"
	"github.com/heedhq/heed/sqlstore/storetest"
)

// changingSource gives its records on the first reading, and on the second
// fails after giving them all, as a file changed between the readings
// would.
type changingSource struct {
	recs   []*heed.Record
	second []*heed.Record // what the second reading gives, if not recs
	reads  int
}

func (s *changingSource) Records(fn func(*heed.Record, int) error) error {
	s.reads++
	recs := s.recs
	if s.reads > 1 && s.second != nil {
		recs = s.second
	}
	for i, r := range recs {
		c := *r
		if err := fn(&c, i+2); err != nil {
			return err
		}
	}
	if s.reads > 1 {
		return errors.New("the file changed while it was imported")
	}
	return nil
}

// problemSource gives one good record and reports a row it could not read.
type problemSource struct{}

func (problemSource) Records(fn func(*heed.Record, int) error) error {
	if err := fn(complaintIn("P-1", "Education", ""), 2); err != nil {
		return err
	}
	return &heed.Error{Code: heed.EINVALID, Message: "unreadable", Problems: heed.Problems{
		{Row: 3, Column: "Received", Message: "expected a date such as 2015-03-02"}}}
}

func countRecords(t *testing.T, db *sqlstore.DB) int {
	t.Helper()
	n := 0
	if err := db.EachRecord(context.Background(), func(*heed.Record) error { n++; return nil }); err != nil {
		t.Fatal(err)
	}
	return n
}

// TestImportListsEveryProblemByRow: an import reports every broken rule,
// reference used twice or already stored, and row its source could not
// read, each by its row, and saves nothing.
func TestImportListsEveryProblemByRow(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *sqlstore.DB) {
		ctx := context.Background()
		if err := db.CreateRecord(ctx, storetest.Actor, complaintIn("S-1", "Education", "")); err != nil {
			t.Fatal(err)
		}
		bad := complaintIn("B-2", "Education", "")
		bad.Received = d("1985-01-01")
		recs := heed.RecordList{complaintIn("B-1", "Education", ""), bad, complaintIn("s-1", "Education", ""), complaintIn("b-1", "Education", "")}
		_, err := db.ImportFrom(ctx, storetest.Actor, recs, heed.ImportOptions{})
		ps := heed.ErrorProblems(err)
		if heed.ErrorCode(err) != heed.EINVALID || len(ps) != 3 {
			t.Fatalf("import: %v, want three problems", err)
		}
		for i, want := range []struct {
			row   int
			field string
			text  string
		}{{0, "reference", "a record with this reference already exists: s-1 (row 3)"}, {2, "received", "1990"}, {4, "reference", "already used on row 1"}} {
			if ps[i].Row != want.row || ps[i].Field != want.field || !strings.Contains(ps[i].Message, want.text) {
				t.Errorf("problem %d: %+v, want row %d, %s, %q", i, ps[i], want.row, want.field, want.text)
			}
		}
		_, err = db.ImportFrom(ctx, storetest.Actor, problemSource{}, heed.ImportOptions{})
		if ps := heed.ErrorProblems(err); len(ps) != 1 || ps[0].Row != 3 || ps[0].Column != "Received" {
			t.Errorf("a row the source could not read: %v, want it listed", err)
		}
		if n := countRecords(t, db); n != 1 {
			t.Errorf("%d records after refused imports, want 1", n)
		}
	})
}

// TestImportManyProblemsIsBounded: past heed.MaxProblems the list ends
// with how many more there are.
func TestImportManyProblemsIsBounded(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *sqlstore.DB) {
		var recs heed.RecordList
		for i := range heed.MaxProblems + 5 {
			r := complaintIn(fmt.Sprintf("M-%d", i), "Education", "")
			r.Received = d("1985-01-01")
			recs = append(recs, r)
		}
		_, err := db.ImportFrom(context.Background(), storetest.Actor, recs, heed.ImportOptions{})
		ps := heed.ErrorProblems(err)
		if len(ps) != heed.MaxProblems || !strings.HasSuffix(err.Error(), "\nand 5 more problems") {
			t.Fatalf("%d problems, message ends %q: want %d and a last line of 5 more", len(ps), err.Error()[max(0, len(err.Error())-40):], heed.MaxProblems)
		}
	})
}

// TestImportIsAllOrNothingAcrossBatches: a source that fails its second
// reading after several batches were written leaves nothing saved.
func TestImportIsAllOrNothingAcrossBatches(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *sqlstore.DB) {
		src := &changingSource{}
		for i := range 2500 {
			src.recs = append(src.recs, complaintIn(fmt.Sprintf("C-%d", i), fmt.Sprintf("Area %d", i%3), ""))
		}
		_, err := db.ImportFrom(context.Background(), storetest.Actor, src, heed.ImportOptions{})
		if err == nil || !strings.Contains(err.Error(), "changed") || src.reads != 2 {
			t.Fatalf("import: %v after %d readings, want the second reading's failure", err, src.reads)
		}
		if n := countRecords(t, db); n != 0 {
			t.Errorf("%d records saved, want none", n)
		}
		if got := areaNames(t, db); len(got) != 0 {
			t.Errorf("areas %q saved, want none", got)
		}
	})
}

// TestImportOfAChangedFile: a small file (one batch) that changed between
// its readings, so that its second reading has a reference twice, is
// refused as changed: the rows of its second reading are never written
// unchecked.
func TestImportOfAChangedFile(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *sqlstore.DB) {
		src := &changingSource{
			recs:   []*heed.Record{complaintIn("CH-1", "Education", ""), complaintIn("CH-2", "Education", "")},
			second: []*heed.Record{complaintIn("CH-1", "Education", ""), complaintIn("CH-1", "Education", "")},
		}
		_, err := db.ImportFrom(context.Background(), storetest.Actor, src, heed.ImportOptions{})
		if err == nil || !strings.Contains(err.Error(), "changed") {
			t.Fatalf("import: %v, want the file found changed", err)
		}
		if n := countRecords(t, db); n != 0 {
			t.Errorf("%d records saved, want none", n)
		}
	})
}

// schemaNames lists the store's indexes and triggers on SQLite (nil on
// PostgreSQL, whose imports set nothing aside).
func schemaNames(t *testing.T, db *sqlstore.DB) []string {
	t.Helper()
	query := `SELECT type || ' ' || name || ' ' || COALESCE(sql, '') FROM sqlite_master WHERE type IN ('index', 'trigger') ORDER BY 1`
	if db.Dialect() == sqlstore.Postgres {
		query = `SELECT indexdef FROM pg_indexes WHERE schemaname = current_schema()
			UNION ALL SELECT conrelid::regclass::text || ' ' || conname || ' ' || pg_get_constraintdef(oid) FROM pg_constraint
			WHERE connamespace = current_schema()::regnamespace ORDER BY 1`
	}
	rows, err := db.SQL().Query(query)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	var names []string
	for rows.Next() {
		var n string
		rows.Scan(&n)
		names = append(names, n)
	}
	return names
}

// TestLargeImportKeepsSearchAndIndexes: an import large enough to be a bulk
// load (its search index filled at the end, reading indexes and foreign
// keys made anew) leaves every index, trigger and constraint as it was, the
// search index merging as before, and every record searchable, open or
// closed; a failed one leaves them too.
func TestLargeImportKeepsSearchAndIndexes(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *sqlstore.DB) {
		ctx := context.Background()
		before := schemaNames(t, db)
		var recs heed.RecordList
		for i := range 20001 {
			r := complaintIn(fmt.Sprintf("L-%d", i), "Education", "")
			r.Summary = "synthetic summary"
			switch i {
			case 17:
				r.Summary += " kingfisher"
			case 20000:
				r.Summary += " heron"
			}
			if i%2 == 1 {
				r.Closed = d("2015-06-01")
			}
			recs = append(recs, r)
		}
		failing := &changingSource{recs: recs}
		if _, err := db.ImportFrom(ctx, storetest.Actor, failing, heed.ImportOptions{}); err == nil {
			t.Fatal("an import whose second reading fails was saved")
		}
		if after := schemaNames(t, db); !slices.Equal(before, after) {
			t.Fatalf("after a failed import the schema is %v, want %v", after, before)
		}
		if _, err := db.ImportFrom(ctx, storetest.Actor, recs, heed.ImportOptions{}); err != nil {
			t.Fatal(err)
		}
		if after := schemaNames(t, db); !slices.Equal(before, after) {
			t.Errorf("after an import the schema is %v, want %v", after, before)
		}
		checkKeptCounts(t, db) // gathered across the import's batches
		if db.Dialect() == sqlstore.SQLite {
			// Filled without merging as it went, then merged: later writes
			// merge as FTS5 does by default again.
			var automerge int
			err := db.SQL().QueryRowContext(ctx, `SELECT v FROM records_search_config WHERE k = 'automerge'`).Scan(&automerge)
			if err != nil || automerge != 4 {
				t.Errorf("the search index's automerge after a bulk load: %d %v, want 4", automerge, err)
			}
		}
		for _, tt := range []struct {
			f    heed.CaseFilter
			want string
		}{
			{heed.CaseFilter{Search: "kingfisher", Limit: 5}, "L-17"},
			{heed.CaseFilter{Search: "heron", Status: heed.StatusOpen, Limit: 5}, "L-20000"},
			{heed.CaseFilter{Search: "L-19999", Status: heed.StatusClosed, Limit: 5}, "L-19999"},
		} {
			list, _, err := db.ListCases(ctx, tt.f)
			if err != nil || len(list) != 1 || list[0].Reference != tt.want {
				t.Errorf("search %+v: %v %v, want %s", tt.f, list, err, tt.want)
			}
		}
		// A record made afterwards is searchable too: the triggers are back.
		later := complaintIn("L-LATER", "Education", "")
		later.Summary = "afterwards"
		if err := db.CreateRecord(ctx, storetest.Actor, later); err != nil {
			t.Fatal(err)
		}
		if list, _, err := db.ListCases(ctx, heed.CaseFilter{Search: "afterwards", Status: heed.StatusOpen, Limit: 5}); err != nil || len(list) != 1 {
			t.Errorf("a later record: %v %v", list, err)
		}
	})
}
