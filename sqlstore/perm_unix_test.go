//go:build unix

package sqlstore_test

import (
	"bytes"
	"context"
	"io/fs"
	"log/slog"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"

	"github.com/heedhq/heed"
	"github.com/heedhq/heed/sqlstore"
	"github.com/heedhq/heed/sqlstore/storetest"
)

// withUmask runs the test under the common umask 022, with which a file
// created with mode 0666 is readable by every user of the machine.
func withUmask(t *testing.T) {
	old := syscall.Umask(0o022)
	t.Cleanup(func() { syscall.Umask(old) })
}

// filesIn returns the mode of each file in dir.
func filesIn(t *testing.T, dir string) map[string]fs.FileMode {
	t.Helper()
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	modes := map[string]fs.FileMode{}
	for _, e := range entries {
		info, err := e.Info()
		if err != nil {
			t.Fatal(err)
		}
		modes[e.Name()] = info.Mode().Perm()
	}
	return modes
}

// TestNewDatabaseFilesArePrivate opens a new SQLite database, writes a
// record and an opening (so that the -wal and -shm files of both the
// database and its views file exist) and checks that every file Heed made
// is readable by its owner only.
func TestNewDatabaseFilesArePrivate(t *testing.T) {
	withUmask(t)
	dir := t.TempDir()
	file := filepath.Join(dir, "heed.db")
	ctx := context.Background()
	db, err := sqlstore.Open(ctx, file, sqlstore.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	if !db.Created() {
		t.Error("Created() is false for a new file")
	}
	rec := fullComplaint("CS-1")
	if err := db.CreateRecord(ctx, storetest.Actor, rec); err != nil {
		t.Fatal(err)
	}
	if _, err := db.OpenCase(ctx, heed.Actor{Name: "viewer"}, rec, heed.CaseFilter{}); err != nil {
		t.Fatal(err)
	}
	modes := filesIn(t, dir)
	for _, name := range []string{"heed.db", "heed.db-wal", "heed.db-shm", "heed.db-views", "heed.db-views-wal", "heed.db-views-shm"} {
		if _, ok := modes[name]; !ok {
			t.Errorf("no %s among %v", name, modes)
		}
	}
	for name, mode := range modes {
		if mode != 0o600 {
			t.Errorf("%s has mode %04o, want 0600", name, mode)
		}
	}
}

// TestWiderFilesAreTightened opens a database whose files a copy left
// readable by everyone: they become 0600, with a warning that names the
// file and no personal data.
func TestWiderFilesAreTightened(t *testing.T) {
	withUmask(t)
	dir := t.TempDir()
	file := filepath.Join(dir, "heed.db")
	ctx := context.Background()
	db, err := sqlstore.Open(ctx, file, sqlstore.Options{})
	if err != nil {
		t.Fatal(err)
	}
	if err := db.CreateRecord(ctx, storetest.Actor, fullComplaint("CS-1")); err != nil {
		t.Fatal(err)
	}
	db.Close()
	for name := range filesIn(t, dir) {
		if err := os.Chmod(filepath.Join(dir, name), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	var logged bytes.Buffer
	db, err = sqlstore.Open(ctx, file, sqlstore.Options{Logger: slog.New(slog.NewTextHandler(&logged, nil))})
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	if db.Created() {
		t.Error("Created() is true for an existing file")
	}
	for name, mode := range filesIn(t, dir) {
		if mode != 0o600 {
			t.Errorf("%s has mode %04o after opening, want 0600", name, mode)
		}
	}
	if !strings.Contains(logged.String(), "level=WARN") || !strings.Contains(logged.String(), file) {
		t.Errorf("no warning naming the file: %q", logged.String())
	}
	if strings.Contains(logged.String(), "Test Person") {
		t.Errorf("the warning holds personal data: %q", logged.String())
	}
}
