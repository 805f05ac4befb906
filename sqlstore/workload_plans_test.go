package sqlstore

import (
	"context"
	"database/sql"
	"fmt"
	"strings"

	"github.com/heedhq/heed"
)

// DashboardPlans returns how the database runs each of the dashboard's
// queries (EXPLAIN QUERY PLAN on SQLite, EXPLAIN on PostgreSQL), for the
// benchmark to show.
func (d *DB) DashboardPlans(ctx context.Context, q heed.DashboardQuery) ([]string, error) {
	type query struct {
		text string
		args []any
	}
	var queries []query
	if _, err := d.dashboard(ctx, q, func(text string, args []any) { queries = append(queries, query{text, args}) }); err != nil {
		return nil, err
	}
	explain := "EXPLAIN QUERY PLAN "
	if d.dialect == Postgres {
		explain = "EXPLAIN "
	}
	var plans []string
	for _, qq := range queries {
		var lines []string
		rows, err := d.db.QueryContext(ctx, explain+qq.text, qq.args...)
		if err != nil {
			return nil, fmt.Errorf("explain: %w", err)
		}
		cols, _ := rows.Columns()
		for rows.Next() {
			vals := make([]any, len(cols))
			for i := range vals {
				vals[i] = new(sql.NullString)
			}
			if err := rows.Scan(vals...); err != nil {
				rows.Close()
				return nil, err
			}
			lines = append(lines, vals[len(vals)-1].(*sql.NullString).String)
		}
		rows.Close()
		plans = append(plans, strings.Join(lines, "\n"))
	}
	return plans, nil
}
