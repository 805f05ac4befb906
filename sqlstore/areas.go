package sqlstore

import (
	"context"
	"database/sql"
	"fmt"
	"slices"
	"time"

	"github.com/heedhq/heed"
)

// ServiceAreas returns the names of every service area, in order, as kept
// for a while (see areaNamesCache).
func (d *DB) ServiceAreas(ctx context.Context) ([]string, error) {
	d.mu.Lock()
	c := d.areas
	d.mu.Unlock()
	if c.names != nil && d.now().Sub(c.read) < areaNamesFor {
		return slices.Clone(c.names), nil
	}
	out := []string{}
	read := d.now()
	err := eachRow(ctx, d.db, `SELECT name FROM service_areas`, func(r *sql.Rows) error {
		var s string
		err := r.Scan(&s)
		out = append(out, s)
		return err
	})
	if err != nil {
		return nil, fmt.Errorf("read service areas: %w", err)
	}
	heed.SortNames(out)
	d.mu.Lock()
	if d.areas.forgotten == c.forgotten { // not changed while read
		d.areas.names, d.areas.read = out, read
	}
	d.mu.Unlock()
	return slices.Clone(out), nil
}

// areaNamesCache keeps the service areas' names: the cases list's filter
// shows them on every page, and reading them cost the page a round trip to
// PostgreSQL. The store forgets them when it adds or renames an area; one
// that another process adds shows within areaNamesFor.
type areaNamesCache struct {
	names     []string
	read      time.Time
	forgotten int // how many times they were forgotten
}

// areaNamesFor is how long the service areas' names are kept.
const areaNamesFor = 30 * time.Second

// forgetAreas forgets the service areas' names, after a change to them
// is committed.
func (d *DB) forgetAreas() {
	d.mu.Lock()
	d.areas.names = nil
	d.areas.forgotten++
	d.mu.Unlock()
}
