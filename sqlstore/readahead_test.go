package sqlstore

import (
	"context"
	"errors"
	"fmt"
	"testing"

	"github.com/heedhq/heed"
)

// countingSource gives n records, and then fails with end (when not nil),
// counting the records it gave.
type countingSource struct {
	n     int
	end   error
	given int
}

func (s *countingSource) Records(fn func(*heed.Record, int) error) error {
	for i := range s.n {
		s.given++
		if err := fn(&heed.Record{Reference: fmt.Sprintf("R-%d", i)}, i+2); err != nil {
			return err
		}
	}
	return s.end
}

// TestReadAhead: every record reaches each, in order, made ready and with
// its row; each's error stops the reading and is returned; the reading's
// own error comes after each has had every record read when it lists rows
// that could not be read, and without the last batch when it is another
// failure.
func TestReadAhead(t *testing.T) {
	unreadable := &heed.Error{Code: heed.EINVALID, Message: "unreadable", Problems: heed.Problems{{Row: 9, Message: "cannot be read"}}}
	failed := errors.New("the file changed")
	refused := errors.New("refused")
	for _, tt := range []struct {
		name     string
		records  int
		end      error
		failAt   int // each fails at its batch holding this record (-1 never)
		want     error
		wantSeen int // records each was given
	}{
		{"empty", 0, nil, -1, nil, 0},
		{"one short batch", 7, nil, -1, nil, 7},
		{"many batches", 3*importBatch + 5, nil, -1, nil, 3*importBatch + 5},
		{"rows cannot be read", importBatch + 3, unreadable, -1, unreadable, importBatch + 3},
		{"reading fails at the end", importBatch + 3, failed, -1, failed, importBatch},
		{"each fails", 10 * importBatch, nil, importBatch, refused, 2 * importBatch},
	} {
		t.Run(tt.name, func(t *testing.T) {
			src := &countingSource{n: tt.records, end: tt.end}
			seen, prepared := 0, 0
			err := readAhead(context.Background(), src, func(r *heed.Record) { r.Summary = "ready"; prepared++ },
				func(batch []numbered) error {
					if len(batch) > importBatch {
						t.Errorf("a batch of %d", len(batch))
					}
					for _, r := range batch {
						if want := fmt.Sprintf("R-%d", seen); r.rec.Reference != want || r.row != seen+2 || r.rec.Summary != "ready" {
							t.Fatalf("record %d: %s row %d %q, want %s row %d ready", seen, r.rec.Reference, r.row, r.rec.Summary, want, seen+2)
						}
						if seen == tt.failAt {
							seen += len(batch)
							return refused
						}
						seen++
					}
					return nil
				})
			if !errors.Is(err, tt.want) || (tt.want == nil && err != nil) {
				t.Fatalf("err = %v, want %v", err, tt.want)
			}
			if seen != tt.wantSeen {
				t.Errorf("each was given %d records, want %d", seen, tt.wantSeen)
			}
			if tt.failAt >= 0 && src.given >= tt.records {
				t.Errorf("each failed, yet the whole source was read (%d records)", src.given)
			}
		})
	}
}

// TestReadAheadCancelled: a cancelled import stops reading.
func TestReadAheadCancelled(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	src := &countingSource{n: 100 * importBatch}
	err := readAhead(ctx, src, func(*heed.Record) {}, func([]numbered) error { cancel(); return nil })
	if !errors.Is(err, context.Canceled) {
		t.Fatalf("err = %v, want context.Canceled", err)
	}
	if src.given >= src.n {
		t.Errorf("the whole source was read after the import was cancelled")
	}
}
