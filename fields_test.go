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
		"pause1_2_x", "element01_summary", "pause9_a\nb", "elements1_x", "pause1__", "element99999999999999999999_x",
		"learning", "no_learning_identified", "lesson2_learning", "lesson02_no_learning_identified", "lesson_learning",
		"lesson2_", "lesson2", "lesson", "lessonx_learning", "lesson1_lesson2_learning", "action", "action2", "action_owner",
		"action2_owner", "action12_due", "action2_", "action2_ownerx", "lesson3_action4_completed", "lesson3_action_evidence",
		"actions", "xaction", "learning\n", "lesson1_learningx", "Lesson1_learning"}
	for _, k := range keys {
		n, rest, ok := splitStageKey(k)
		if m := stageKey.FindStringSubmatch(k); (m != nil) != ok || ok && (string(rune('0'+n)) != m[1] || rest != m[2]) {
			t.Errorf("splitStageKey(%q) = %d, %q, %v; the pattern gives %q", k, n, rest, ok, m)
		}
		if got, want := splitPartKey(k), partKey.FindStringSubmatch(k); !slices.Equal(got, want) {
			t.Errorf("splitPartKey(%q) = %q; the pattern gives %q", k, got, want)
		}
		if got, want := splitLessonKey(k), lessonKey.FindStringSubmatch(k); !slices.Equal(got, want) {
			t.Errorf("splitLessonKey(%q) = %q; the pattern gives %q", k, got, want)
		}
	}
}

// FuzzSplitLessonKey holds splitLessonKey to the regular expression it
// stands in for, on any key.
func FuzzSplitLessonKey(f *testing.F) {
	for _, k := range []string{"lesson2_action3_owner", "action", "lesson01_learning", "no_learning_identified", "lesson_x"} {
		f.Add(k)
	}
	f.Fuzz(func(t *testing.T, k string) {
		if got, want := splitLessonKey(k), lessonKey.FindStringSubmatch(k); !slices.Equal(got, want) {
			t.Errorf("splitLessonKey(%q) = %q; the pattern gives %q", k, got, want)
		}
	})
}
