package sqlstore

import (
	"context"
	"database/sql/driver"
	_ "embed"
	"errors"
	"fmt"
)

// Opening a case is recorded in record_views, not in audit_log, and on SQLite
// in a file of its own beside the database (the database's name with
// "-views" added), attached to every connection as "views". Every commit to
// a SQLite file empties the page cache of every other connection to it, so
// that a line written for each case opened cost each of the next requests'
// queries its cache: with the lines in another file, the main file's caches
// survive them (BenchmarkWebLoad: the case page went from about 600 to 1,000
// requests a second on SQLite). Unqualified, SQLite finds record_views in the
// attached file; on PostgreSQL it is a table like any other (migration 0013).

// sqliteViewsSchema is the views file's: applied on opening, so that a views
// file lost or removed is made again, empty.
//
//go:embed sqlite_views.sql
var sqliteViewsSchema string

// viewsSuffix names the views file after the database file.
const viewsSuffix = "-views"

// attachViews opens SQLite connections with the views file attached.
type attachViews struct {
	driver.Connector
	file string
}

// Connect opens a connection and attaches the views file to it.
func (c attachViews) Connect(ctx context.Context) (driver.Conn, error) {
	conn, err := c.Connector.Connect(ctx)
	if err != nil {
		return nil, err
	}
	ex, ok := conn.(driver.ExecerContext)
	if !ok {
		conn.Close()
		return nil, errors.New("the SQLite driver's connections cannot run statements")
	}
	if _, err := ex.ExecContext(ctx, `ATTACH DATABASE $1 AS views`, []driver.NamedValue{{Ordinal: 1, Value: c.file}}); err != nil {
		conn.Close()
		return nil, fmt.Errorf("attach the record views file %s: %w", c.file, err)
	}
	return conn, nil
}
