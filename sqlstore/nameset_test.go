package sqlstore

import (
	"fmt"
	"testing"

	"github.com/heedhq/heed"
)

// TestNameSetRemembersFewKeys: a file with a million different names does
// not make the import remember a million keys, and every key is still
// right.
func TestNameSetRemembersFewKeys(t *testing.T) {
	s := newNameSet()
	for i := range rememberKeys + 100 {
		name := fmt.Sprintf("Theme  %d", i)
		if got, want := s.key(name), heed.NameKey(name); got != want {
			t.Fatalf("key(%q) = %q, want %q", name, got, want)
		}
	}
	if len(s.keys) != rememberKeys {
		t.Errorf("the set remembers %d keys, want at most %d", len(s.keys), rememberKeys)
	}
	if got, want := s.key("Theme  5"), "theme 5"; got != want {
		t.Errorf("a remembered key = %q, want %q", got, want)
	}
}
