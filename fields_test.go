package heed

import (
	"slices"
	"testing"
)

// TestSplitKeysMatchPatterns holds the hand-written key matchers to the
// regular expressions they stand in for.
func TestSplitKeysMatchPatterns(t *testing.T) {
	keys := []string{"stage1_responded", "stage2_outcome", "stage3_x", "stage4_responded", "stage0_x", "stage1_", "stage1",
		"stage12_x", "stage1_a\nb", "Stage1_x", "stage1__", "xstage1_y", "stage1_element2_summary", "",
		"element1_summary", "element12_finding", "pause3_from", "pause_from", "element1_", "element1", "elementa_x",
		"pause1_2_x", "element01_summary", "pause9_a\nb", "elements1_x", "pause1__", "element99999999999999999999_x"}
	for _, k := range keys {
		n, rest, ok := splitStageKey(k)
		if m := stageKey.FindStringSubmatch(k); (m != nil) != ok || ok && (string(rune('0'+n)) != m[1] || rest != m[2]) {
			t.Errorf("splitStageKey(%q) = %d, %q, %v; the pattern gives %q", k, n, rest, ok, m)
		}
		if got, want := splitPartKey(k), partKey.FindStringSubmatch(k); !slices.Equal(got, want) {
			t.Errorf("splitPartKey(%q) = %q; the pattern gives %q", k, got, want)
		}
	}
}
