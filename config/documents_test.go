package config

import (
	"errors"
	"slices"
	"strings"
	"testing"

	"github.com/heedhq/heed/doctype"
)

// TestDocuments reads [documents], and names the line of a bad value.
func TestDocuments(t *testing.T) {
	cfg, err := Load(write(t, Example()), env(nil))
	if err != nil {
		t.Fatal(err)
	}
	if cfg.Documents.MaxSize != 20<<20 || !slices.Equal(cfg.Documents.Kinds, doctype.Kinds) {
		t.Errorf("the example's documents: %+v", cfg.Documents)
	}
	cfg, err = Load(write(t, "[documents]\nmax_size_mb = 5\nkinds = [\"PDF\", \"image\"]\n"), env(nil))
	if err != nil || cfg.Documents.MaxSize != 5<<20 || !slices.Equal(cfg.Documents.Kinds, []doctype.Kind{doctype.PDF, doctype.Image}) {
		t.Errorf("documents = %+v, %v", cfg.Documents, err)
	}
	for _, tt := range []struct {
		file, key string
		line      int
		says      string
	}{
		{"[documents]\nmax_size_mb = 500\n", "documents.max_size_mb", 2, "between 1 and 100"},
		{"[documents]\nmax_size_mb = 10\nkinds = [\"pdf\", \"exe\"]\n", "documents.kinds", 3, `"exe"`},
		{"[documents]\nkinds = []\n", "documents.kinds", 2, "at least one"},
	} {
		_, err := Load(write(t, tt.file), env(nil))
		var errs Errors
		if !errors.As(err, &errs) || len(errs) != 1 || errs[0].Key != tt.key || errs[0].Line != tt.line ||
			!strings.Contains(errs[0].Message, tt.says) {
			t.Errorf("%q: %v", tt.file, err)
		}
	}
}
