package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestDueUnderAProcedure: heed due --procedure counts a stage by the
// targets in force on the day it started, and says which set applied and
// why; a heed.toml's earlier targets are used.
func TestDueUnderAProcedure(t *testing.T) {
	tests := []struct {
		name   string
		toml   string
		args   []string
		prefix string
		says   []string
	}{
		{"stage 1 started 31 March 2026", "", []string{"--from", "2026-03-31", "--procedure", "corporate"}, "2026-04-16 (extendable to 2026-04-30)\n",
			[]string{"Received 31 March 2026: the council's corporate timescales before the Code apply, as the stage started before 1 April 2026."}},
		{"stage 1 started 1 April 2026", "", []string{"--from", "2026-04-01", "--procedure", "corporate"}, "2026-04-24",
			[]string{"Received 1 April 2026: the Complaint Handling Code's timescales apply", "No acknowledgement is recorded"}},
		{"stage 2 after 1 April on a complaint received before", "",
			[]string{"--from", "2026-04-02", "--procedure", "corporate", "--stage", "2", "--received", "12/03/2026", "--acknowledged", "2026-04-07"}, "2026-05-06",
			[]string{"Stage 2 started 2 April 2026: the Complaint Handling Code's timescales apply", "The complaint was received on 12 March 2026, before them"}},
		{"the file's earlier targets", "[[procedures.corporate.before]]\n[procedures.corporate.before.stage1]\ntarget_working_days = 15\n",
			[]string{"--from", "2026-03-31", "--procedure", "corporate"}, "2026-04-23",
			[]string{"the council's corporate timescales before the Code apply"}},
		{"a procedure with one set of targets", "", []string{"--from", "2026-03-31", "--procedure", "children_statutory"}, "2026-04-16", nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := t.TempDir()
			if tt.toml != "" {
				if err := os.WriteFile(filepath.Join(dir, "heed.toml"), []byte(tt.toml), 0o600); err != nil {
					t.Fatal(err)
				}
			}
			r := heedCmd(t, dir, nil, append([]string{"due"}, tt.args...)...)
			if r.code != 0 || !strings.HasPrefix(r.stdout, tt.prefix) {
				t.Fatalf("exit %d, want %q first:\n%s%s", r.code, tt.prefix, r.stdout, r.stderr)
			}
			for _, want := range tt.says {
				if !strings.Contains(r.stdout, want) {
					t.Errorf("output lacks %q:\n%s", want, r.stdout)
				}
			}
			if tt.says == nil && strings.Contains(r.stdout, " apply") {
				t.Errorf("a procedure with one set of targets explains which applied:\n%s", r.stdout)
			}
			if _, err := os.Stat(filepath.Join(dir, "heed.db")); err == nil {
				t.Error("heed due created a database")
			}
		})
	}
	for _, tt := range []struct {
		args []string
		want string
	}{
		{[]string{"--from", "2026-04-01", "--procedure", "schools"}, `there is no procedure "schools"`},
		{[]string{"--from", "2026-04-01", "--procedure", "corporate", "--stage", "3"}, "Corporate has 2 stages"},
		{[]string{"--from", "2026-04-01", "--procedure", "corporate", "--working-days", "10"}, "cannot be used with"},
		{[]string{"--from", "2026-04-01", "--procedure", "corporate", "--acknowledged", "soon"}, `--acknowledged: "soon" is not a date`},
		{[]string{"--from", "2026-04-01", "--procedure", "corporate", "--stage", "2", "--received", "2026-05-01"}, "is after the stage started"},
	} {
		r := heedCmd(t, t.TempDir(), nil, append([]string{"due"}, tt.args...)...)
		if r.code != 2 || !strings.Contains(r.stderr, tt.want) {
			t.Errorf("%v: exit %d, %q, want %q", tt.args, r.code, r.stderr, tt.want)
		}
	}
}
