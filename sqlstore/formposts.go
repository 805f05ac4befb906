package sqlstore

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"
)

// formPostLifetime is the longest a form's post is remembered: a working
// day, as long as a session.
const formPostLifetime = 24 * time.Hour

// ClaimFormPost claims a key of a form's post (the hash of its one-time
// token, or of what it says) for the post that carries it first; a claim
// older than within is forgotten first. claimed is true for that post. For
// a later post of the same form, location is where the first one led, or ""
// while it is still being saved (or was made by another user, which a
// token drawn at random never is).
func (d *DB) ClaimFormPost(ctx context.Context, userID int64, tokenHash string, within time.Duration) (claimed bool, location string, err error) {
	now := d.now().UTC()
	if _, err := d.w.ExecContext(ctx, `DELETE FROM form_posts WHERE token_hash = $1 AND created_at < $2`, tokenHash, now.Add(-within)); err != nil {
		return false, "", fmt.Errorf("claim form post: %w", err)
	}
	res, err := d.w.ExecContext(ctx, `INSERT INTO form_posts (token_hash, user_id, location, created_at) VALUES ($1, $2, '', $3)
		ON CONFLICT (token_hash) DO NOTHING`, tokenHash, userID, now)
	if err != nil {
		return false, "", fmt.Errorf("claim form post: %w", err)
	}
	if n, err := res.RowsAffected(); err != nil {
		return false, "", fmt.Errorf("claim form post: %w", err)
	} else if n == 1 {
		// Tokens older than a day are cleared as new ones are claimed.
		if _, err := d.w.ExecContext(ctx, `DELETE FROM form_posts WHERE created_at < $1`, now.Add(-formPostLifetime)); err != nil {
			return false, "", fmt.Errorf("clear old form posts: %w", err)
		}
		return true, "", nil
	}
	location, err = d.FormPostLocation(ctx, userID, tokenHash)
	return false, location, err
}

// FormPostLocation returns where the first post of a form led, "" while it
// is being saved or when the user did not post it.
func (d *DB) FormPostLocation(ctx context.Context, userID int64, tokenHash string) (string, error) {
	var location string
	err := d.w.QueryRowContext(ctx, `SELECT location FROM form_posts WHERE token_hash = $1 AND user_id = $2`, tokenHash, userID).Scan(&location)
	if errors.Is(err, sql.ErrNoRows) {
		return "", nil
	}
	if err != nil {
		return "", fmt.Errorf("read form post: %w", err)
	}
	return location, nil
}

// FinishFormPost remembers where the first post of a form led.
func (d *DB) FinishFormPost(ctx context.Context, tokenHash, location string) error {
	if _, err := d.w.ExecContext(ctx, `UPDATE form_posts SET location = $1 WHERE token_hash = $2`, location, tokenHash); err != nil {
		return fmt.Errorf("finish form post: %w", err)
	}
	return nil
}

// ReleaseFormPost forgets a claimed token whose post saved nothing (a
// form with errors), so that the same form can be sent again.
func (d *DB) ReleaseFormPost(ctx context.Context, tokenHash string) error {
	if _, err := d.w.ExecContext(ctx, `DELETE FROM form_posts WHERE token_hash = $1 AND location = ''`, tokenHash); err != nil {
		return fmt.Errorf("release form post: %w", err)
	}
	return nil
}
