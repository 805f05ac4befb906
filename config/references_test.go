package config

import (
	"maps"
	"strings"
	"testing"

	"github.com/heedhq/heed"
)

// TestReferencePrefixes reads [reference_prefixes]: a type left out keeps
// its default, and an unknown type or a prefix outside the pattern is
// named with its line.
func TestReferencePrefixes(t *testing.T) {
	t.Chdir(t.TempDir())
	cfg, err := Load("", env(nil))
	if err != nil {
		t.Fatal(err)
	}
	if !maps.Equal(cfg.ReferencePrefixes, heed.DefaultReferencePrefixes) {
		t.Errorf("without a file: %v", cfg.ReferencePrefixes)
	}
	if cfg, err = Load(write(t, Example()), env(nil)); err != nil || !maps.Equal(cfg.ReferencePrefixes, heed.DefaultReferencePrefixes) {
		t.Errorf("the example: %v, %v", cfg.ReferencePrefixes, err)
	}
	cfg, err = Load(write(t, "[reference_prefixes]\ncomplaint = \"COMP\"\nsar = \"DSAR\"\n"), env(nil))
	if err != nil {
		t.Fatal(err)
	}
	if cfg.ReferencePrefixes[heed.TypeComplaint] != "COMP" || cfg.ReferencePrefixes[heed.TypeSAR] != "DSAR" ||
		cfg.ReferencePrefixes[heed.TypeCompliment] != "CPL" {
		t.Errorf("prefixes: %v", cfg.ReferencePrefixes)
	}
	if heed.DefaultReferencePrefixes[heed.TypeComplaint] != "CMP" {
		t.Error("the file changed the defaults")
	}
	_, err = Load(write(t, "council_name = \"X\"\n[reference_prefixes]\ncomplaint = \"cmp-\"\nletter = \"L\"\n"), env(nil))
	msg := ""
	if err != nil {
		msg = err.Error()
	}
	for _, want := range []string{"line 3", "reference_prefixes.complaint", "capital letters", "line 4", `no record type "letter"`} {
		if !strings.Contains(msg, want) {
			t.Errorf("the error %q does not say %q", msg, want)
		}
	}
}
