package sqlstore_test

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/heedhq/heed"
	"github.com/heedhq/heed/sqlstore"
	"github.com/heedhq/heed/sqlstore/storetest"
)

// TestSearchWordsAsPostgreSQLMadeThem: the words Heed stores for a
// record's search are those PostgreSQL's expression before migration 46
// made of the same text (to_tsvector('simple') after every run of
// characters other than letters and digits became a space), but for
// words too long for a tsvector, which both leave out.
func TestSearchWordsAsPostgreSQLMadeThem(t *testing.T) {
	ctx := context.Background()
	db, err := sqlstore.Open(ctx, storetest.DSN(t, sqlstore.Postgres), sqlstore.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	long := strings.Repeat("a", 2047) + " " + strings.Repeat("é", 1024) + " " + strings.Repeat("b", 2048)
	for _, rec := range []heed.Record{
		{Reference: "LI-1", ComplainantName: "Siobhán O'Brien-Ngata", Summary: "Pothole outside the library; the library's van (ref. 12/345) hit it."},
		{Reference: "CSC/2026/0001", ComplainantName: "ÉMILIE Dupont", Summary: "Visits cancelled twice—no reason given. e-mail: a_b@example.org"},
		{Reference: "X1", Summary: "café CAFÉ Straße ΣΊΣΥΦΟΣ 123abc 1.5 x_y"},
		{Reference: "L-2", Summary: "short " + long + " word"},
		{Reference: "E-3"},
	} {
		var want []string
		err := db.SQL().QueryRowContext(ctx, `SELECT COALESCE(array_agg(w ORDER BY w COLLATE "C"), '{}') FROM unnest(tsvector_to_array(to_tsvector('simple',
			regexp_replace($1 || ' ' || $2 || ' ' || $3, '[^[:alnum:]]+', ' ', 'g')))) AS w`,
			rec.Reference, rec.ComplainantName, rec.Summary).Scan(pgArray(&want))
		if err != nil {
			t.Fatal(err)
		}
		if got := sqlstore.SearchWords(&rec); !slices.Equal(got, want) {
			t.Errorf("%s: Heed's words %q, PostgreSQL's %q", rec.Reference, got, want)
		}
	}
}

// pgArray scans a PostgreSQL text[] into *s.
type pgStrings struct{ s *[]string }

func pgArray(s *[]string) pgStrings { return pgStrings{s} }

func (p pgStrings) Scan(v any) error {
	var text string
	switch v := v.(type) {
	case string:
		text = v
	case []byte:
		text = string(v)
	default:
		return fmt.Errorf("a text[] read as %T", v)
	}
	text = strings.TrimSuffix(strings.TrimPrefix(text, "{"), "}")
	*p.s = nil
	for w := range strings.SplitSeq(text, ",") {
		if w != "" {
			*p.s = append(*p.s, strings.Trim(w, `"`))
		}
	}
	return nil
}

// TestUpgradeToWrittenSearch: records stored before migration 46, whose
// search words PostgreSQL computed, are still found; records saved after
// it, by the form or an import, are found by their words, a change by its
// new words alone, and a word too long to index does not stop a save.
func TestUpgradeToWrittenSearch(t *testing.T) {
	for _, dialect := range storetest.Backends {
		t.Run(string(dialect), func(t *testing.T) {
			ctx := context.Background()
			old, dsn := migratedTo(t, dialect, 45)
			before := complaintIn("WS-1", "Highways", "")
			before.Summary = "pothole outside the library"
			if _, err := old.ImportRecords(ctx, storetest.Actor, heed.RecordList{before}, heed.ImportOptions{NewNames: true}); err != nil {
				t.Fatal(err)
			}
			db := reopened(t, old, dsn)
			created := complaintIn("WS-2", "Highways", "")
			created.Summary = "Streetlight out on Mill Lane " + strings.Repeat("y", 2047) + " " + strings.Repeat("z", 3000)
			if err := db.CreateRecord(ctx, storetest.Actor, created); err != nil {
				t.Fatal(err)
			}
			imported := complaintIn("WS-3", "Highways", "")
			imported.ComplainantName, imported.Summary = "Siobhán O'Brien", "Bins missed"
			if _, err := db.ImportRecords(ctx, storetest.Actor, heed.RecordList{imported}, heed.ImportOptions{}); err != nil {
				t.Fatal(err)
			}
			for words, want := range map[string]string{"pothole libr": "WS-1", "ws-1": "WS-1", "mill street": "WS-2",
				"ws-2": "WS-2", "siobhán": "WS-3", "o'brien bins": "WS-3", "brien": "WS-3",
				strings.Repeat("y", 2047): "WS-2"} {
				if got := searched(t, db, words); !slices.Equal(got, []string{want}) {
					t.Errorf("search %q: %v, want %s", words, got, want)
				}
			}
			rec := mustFind(t, db, "WS-1")
			rec.Summary = "graffiti on the bridge " + strings.Repeat("x", 2047)
			if err := db.UpdateRecord(ctx, storetest.Actor, rec); err != nil {
				t.Fatal(err)
			}
			if got := searched(t, db, "pothole"); len(got) != 0 {
				t.Errorf("search for a changed record's old words: %v, want none", got)
			}
			if got := searched(t, db, "graffiti"); !slices.Equal(got, []string{"WS-1"}) {
				t.Errorf("search for a changed record's new words: %v, want WS-1", got)
			}
		})
	}
}

// searched lists, in order, the references of the cases a search for
// words finds (at most five).
func searched(t *testing.T, db *sqlstore.DB, words string) []string {
	t.Helper()
	list, _, err := db.ListCases(context.Background(), heed.CaseFilter{Search: words, Limit: 5})
	if err != nil {
		t.Fatal(err)
	}
	var refs []string
	for _, c := range list {
		refs = append(refs, c.Reference)
	}
	slices.Sort(refs)
	return refs
}
