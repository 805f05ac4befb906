package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/heedhq/heed/calendar"
	"github.com/heedhq/heed/sqlstore/storetest"
)

// TestImportRefusesDatesAfterTodayOrOutOfOrder: a CSV with a response
// dated tomorrow, an acknowledgement before the complaint was received and
// a Stage 2 asked for before the Stage 1 response imports nothing, on
// either database, and says which row and column hold each date. Today is
// the machine's, in Europe/London.
func TestImportRefusesDatesAfterTodayOrOutOfOrder(t *testing.T) {
	dir := t.TempDir()
	today := calendar.Today()
	tomorrow := today.AddDays(1)
	csv := "Reference,Type,Received,Service Area,Procedure,Stage1 Acknowledged,Stage1 Responded,Stage1 Outcome,Stage2 Requested\n" +
		"D-1,complaint,2026-03-02,Education,corporate,2026-03-03,2026-03-16,not_upheld,\n" +
		"D-2,complaint,2026-03-02,Education,corporate,," + tomorrow.String() + ",not_upheld,\n" +
		"D-3,complaint,2026-03-02,Education,corporate,2026-02-27,,,\n" +
		"D-4,complaint,2026-03-02,Education,corporate,2026-03-03,2026-03-16,not_upheld,2026-03-13\n"
	path := filepath.Join(dir, "dates.csv")
	if err := os.WriteFile(path, []byte(csv), 0o600); err != nil {
		t.Fatal(err)
	}
	for _, d := range storetest.Backends {
		t.Run(string(d), func(t *testing.T) {
			env := map[string]string{"HEED_DB": storetest.DSN(t, d)}
			r := heedCmd(t, dir, env, "import", path)
			for _, want := range []string{
				"row 3 (reference D-2), column Stage1 Responded: The Stage 1 response date must be today (" + today.Long() + ") or earlier, not " + tomorrow.Long(),
				"row 4 (reference D-3), column Stage1 Acknowledged: The Stage 1 acknowledgement date must be on or after the date Stage 1 started (2 March 2026)",
				"row 5 (reference D-4), column Stage2 Requested: The date Stage 2 was requested must be on or after the Stage 1 response date (16 March 2026)",
				"Nothing was imported from dates.csv",
			} {
				if !strings.Contains(r.stderr, want) {
					t.Errorf("the refusal does not say %q:\n%s", want, r.stderr)
				}
			}
			if r.code != 1 || strings.Contains(r.stderr, "row 2 ") {
				t.Errorf("exit %d, %s", r.code, r.stderr)
			}
			if n := countRecords(t, open(t, env["HEED_DB"])); n != 0 {
				t.Errorf("%d records imported from a refused file, want none", n)
			}
		})
	}
}
