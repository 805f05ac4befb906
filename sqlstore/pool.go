package sqlstore

import (
	"context"
	"database/sql"
	"sync"
)

// maxStatements bounds the statements a pool keeps prepared: the store's
// queries are a few hundred texts at most, and a query built with an
// unusual list of values runs unprepared rather than grow the cache.
const maxStatements = 500

// pool is a database/sql pool that runs the queries made outside a
// transaction as statements prepared once and kept, when prepare is set.
// Only queries with arguments are kept: a query without is either rare or
// has its values written in (the ids of a page of records), and would only
// fill the cache.
// SQLite's driver otherwise compiles every query afresh, which was a
// quarter of the work of a case page (BenchmarkWebLoad in web); the
// PostgreSQL driver keeps its own cache of prepared statements per
// connection, so there prepare is off.
type pool struct {
	*sql.DB
	prepare bool

	mu    sync.Mutex
	stmts map[string]*sql.Stmt
}

func newPool(db *sql.DB, prepare bool) *pool {
	return &pool{DB: db, prepare: prepare, stmts: map[string]*sql.Stmt{}}
}

// stmt returns the kept statement of query, preparing it the first time,
// or nil when statements are not kept or the cache is full.
func (p *pool) stmt(ctx context.Context, query string, args []any) (*sql.Stmt, error) {
	if !p.prepare || len(args) == 0 {
		return nil, nil
	}
	p.mu.Lock()
	defer p.mu.Unlock()
	if s, ok := p.stmts[query]; ok {
		return s, nil
	}
	if len(p.stmts) >= maxStatements {
		return nil, nil
	}
	s, err := p.DB.PrepareContext(ctx, query)
	if err != nil {
		return nil, err
	}
	p.stmts[query] = s
	return s, nil
}

// QueryContext runs a query through its kept statement.
func (p *pool) QueryContext(ctx context.Context, query string, args ...any) (*sql.Rows, error) {
	s, err := p.stmt(ctx, query, args)
	if err != nil || s == nil {
		return p.DB.QueryContext(ctx, query, args...)
	}
	return s.QueryContext(ctx, args...)
}

// QueryRowContext runs a query expected to return one row through its
// kept statement.
func (p *pool) QueryRowContext(ctx context.Context, query string, args ...any) *sql.Row {
	s, err := p.stmt(ctx, query, args)
	if err != nil || s == nil {
		return p.DB.QueryRowContext(ctx, query, args...)
	}
	return s.QueryRowContext(ctx, args...)
}

// ExecContext runs a statement through its kept statement.
func (p *pool) ExecContext(ctx context.Context, query string, args ...any) (sql.Result, error) {
	s, err := p.stmt(ctx, query, args)
	if err != nil || s == nil {
		return p.DB.ExecContext(ctx, query, args...)
	}
	return s.ExecContext(ctx, args...)
}

// Close closes the kept statements and the pool.
func (p *pool) Close() error {
	p.mu.Lock()
	for q, s := range p.stmts {
		s.Close()
		delete(p.stmts, q)
	}
	p.mu.Unlock()
	return p.DB.Close()
}
