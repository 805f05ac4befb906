package sqlstore

import (
	"context"
	"path/filepath"
	"testing"
)

// TestUnmappedReaders: the server's readers map the SQLite file; a
// command's (Options.Unmapped) read through the page cache, so that its
// memory does not grow with every page it reads; the writer never maps it.
func TestUnmappedReaders(t *testing.T) {
	ctx := context.Background()
	file := filepath.Join(t.TempDir(), "heed.db")
	for _, c := range []struct {
		unmapped bool
		want     int64
	}{{false, 2147418112}, {true, 0}} {
		d, err := Open(ctx, file, Options{Unmapped: c.unmapped})
		if err != nil {
			t.Fatal(err)
		}
		var got, writer int64
		if err := d.db.QueryRowContext(ctx, `PRAGMA mmap_size`).Scan(&got); err != nil {
			t.Fatal(err)
		}
		if err := d.w.QueryRowContext(ctx, `PRAGMA mmap_size`).Scan(&writer); err != nil {
			t.Fatal(err)
		}
		d.Close()
		if got != c.want {
			t.Errorf("Unmapped %v: the readers map %d bytes, want %d", c.unmapped, got, c.want)
		}
		if writer != 0 {
			t.Errorf("Unmapped %v: the writer maps %d bytes, want none: it reads through its page cache", c.unmapped, writer)
		}
	}
}
