package main

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"runtime/debug"
	"strings"
	"time"

	"github.com/heedhq/heed"
	"github.com/heedhq/heed/calendar"
	"github.com/heedhq/heed/generate"
	"github.com/heedhq/heed/sheet"
	"github.com/heedhq/heed/sqlstore"
)

func (a *app) migrate(ctx context.Context, args []string) error {
	fs := a.flags("migrate")
	if err := fs.Parse(args); err != nil {
		return err
	}
	cfg, err := a.loadConfig()
	if err != nil {
		return err
	}
	_, db, err := a.openStore(ctx)
	if err != nil {
		return err
	}
	defer db.Close()
	fmt.Fprintf(a.stdout, "The %s database %s is up to date.\n", db.Dialect(), sqlstore.Describe(cfg.Database))
	return nil
}

func (a *app) importFile(ctx context.Context, args []string) error {
	fs := a.flags("import")
	update := fs.Bool("update", false, "replace records whose reference already exists")
	newNames := fs.Bool("new-names", false, "allow new service areas, teams and themes that look like existing ones")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if fs.NArg() != 1 {
		return usageError("expected one file: heed import [--update] [--new-names] FILE.csv|FILE.xlsx")
	}
	src, err := sheet.Open(fs.Arg(0))
	if err != nil {
		return importRefused(src, fs.Arg(0), err)
	}
	_, db, err := a.openStore(ctx)
	if err != nil {
		return err
	}
	defer db.Close()
	// An import's Go heap stays small (under 20 MB at a million records)
	// while it allocates at a great rate: collecting garbage a quarter as
	// often took a sixth off its processor time, for some 20 MB more. The
	// limit keeps the heap within 100 MB when the import holds more (the
	// report counts it gathers, see sqlstore's countsHeld): five times
	// what it holds took the process past 300 MB.
	defer debug.SetGCPercent(debug.SetGCPercent(400))
	defer debug.SetMemoryLimit(debug.SetMemoryLimit(100 << 20))
	start := time.Now()
	sum, err := db.ImportFrom(ctx, a.actor(), src, heed.ImportOptions{
		Update: *update, NewNames: *newNames, Note: "import of " + src.Name()})
	if err != nil {
		return importRefused(src, fs.Arg(0), err)
	}
	elapsed := time.Since(start)
	unchanged := ""
	if sum.Unchanged > 0 {
		unchanged = fmt.Sprintf(", %s unchanged", plural(sum.Unchanged, "record", "records"))
	}
	fmt.Fprintf(a.stdout, "Imported %s: %s created, %s updated%s, in %s.\n", src.Name(),
		plural(sum.Created, "record", "records"), plural(sum.Updated, "record", "records"), unchanged, elapsed.Round(time.Millisecond))
	list := func(label string, names []string) {
		if len(names) > 0 {
			fmt.Fprintf(a.stdout, "New %s (%d): %s\n", label, len(names), strings.Join(names, "; "))
		}
	}
	list("service areas", sum.NewServiceAreas)
	list("directorates of service areas", sum.Directorates)
	list("teams", sum.NewTeams)
	list("themes", sum.NewThemes)
	if ignored := src.Ignored(); len(ignored) > 0 {
		fmt.Fprintf(a.stdout, "Columns ignored (not Heed columns): %s\n", strings.Join(ignored, ", "))
	}
	return nil
}

// importRefused says why nothing was imported: each problem by row and by
// the column as the file's header writes it.
func importRefused(src *sheet.Source, name string, err error) error {
	var e *heed.Error
	if !errors.As(err, &e) || e.Problems == nil {
		return err
	}
	ps := append(heed.Problems(nil), e.Problems...)
	for i := range ps {
		if src != nil && ps[i].Column == "" && ps[i].Field != "" {
			ps[i].Column = src.Column(ps[i].Field)
		}
	}
	return &heed.Error{Code: e.Code, Message: fmt.Sprintf("Nothing was imported from %s:\n%s", filepath.Base(name), heed.ProblemsText(ps, e.More)),
		Problems: ps, More: e.More}
}

func (a *app) export(ctx context.Context, args []string) error {
	fs := a.flags("export")
	out := fs.String("out", "", "file to write, .csv or .xlsx (default: CSV to standard output)")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if fs.NArg() > 0 {
		return usageError("expected no file name but --out: heed export --out records.csv")
	}
	xlsx, err := sheetOut(*out)
	if err != nil {
		return err
	}
	_, db, err := a.openExisting(ctx)
	if err != nil {
		return err
	}
	defer db.Close()
	if xlsx {
		var recs []*heed.Record
		if err := db.EachRecord(ctx, func(r *heed.Record) error { recs = append(recs, r); return nil }); err != nil {
			return err
		}
		return writeFile(*out, func(f *os.File) error { return sheet.Write(*out, f, recs) })
	}
	return writeCSV(*out, a.stdout, func(fn func(*heed.Record) error) error { return db.EachRecord(ctx, fn) })
}

// writeCSV streams the records each yields as CSV to the file out, or to
// stdout when out is empty. It goes over the records twice: first to find
// the columns in use, then to write them.
func writeCSV(out string, stdout io.Writer, each func(func(*heed.Record) error) error) error {
	used := map[string]bool{}
	if err := each(func(r *heed.Record) error {
		for k := range r.Fields() {
			used[k] = true
		}
		return nil
	}); err != nil {
		return err
	}
	write := func(f io.Writer) error {
		bw := bufio.NewWriterSize(f, 1<<20)
		w := sheet.NewCSVWriter(bw, sheet.ColumnsFor(used))
		if err := each(w.Write); err != nil {
			return err
		}
		if err := w.Flush(); err != nil {
			return err
		}
		return bw.Flush()
	}
	if out == "" {
		return write(stdout)
	}
	return writeFile(out, func(f *os.File) error { return write(f) })
}

// sheetOut checks the --out of a command that writes records: a .csv or
// .xlsx file, or "" for CSV on standard output. It reports whether out is
// an XLSX file, and that its folder can be written in.
func sheetOut(out string) (xlsx bool, err error) {
	if out == "" {
		return false, nil
	}
	switch strings.ToLower(filepath.Ext(out)) {
	case ".csv":
	case ".xlsx":
		xlsx = true
	default:
		return false, usageError(fmt.Sprintf("cannot write %s: --out takes a file ending .csv or .xlsx (or no --out, for CSV on standard output)", out))
	}
	return xlsx, checkWritable(out)
}

// checkWritable tells, before any work, whether the file out can be
// written: its folder exists and Heed may create files in it.
func checkWritable(out string) error {
	dir := filepath.Dir(out)
	f, err := os.CreateTemp(dir, ".heed-*")
	if err != nil {
		return cannotWrite(out, err)
	}
	f.Close()
	return os.Remove(f.Name())
}

// cannotWrite explains why the file out cannot be written.
func cannotWrite(out string, err error) error {
	dir := filepath.Dir(out)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return fmt.Errorf("cannot write %s: there is no folder %s", out, dir)
	case errors.Is(err, fs.ErrPermission):
		return fmt.Errorf("cannot write %s: you may not create files in the folder %s", out, dir)
	}
	return fmt.Errorf("cannot write %s: %w", out, err)
}

// writeFile writes a file whole or not at all: to a temporary file, private
// to the user (0600), renamed into place when complete.
func writeFile(name string, fn func(*os.File) error) error {
	f, err := os.CreateTemp(filepath.Dir(name), ".heed-*")
	if err != nil {
		return cannotWrite(name, err)
	}
	defer os.Remove(f.Name())
	if err := fn(f); err != nil {
		f.Close()
		return err
	}
	if err := f.Close(); err != nil {
		return cannotWrite(name, err)
	}
	if err := os.Rename(f.Name(), name); err != nil {
		return cannotWrite(name, err)
	}
	return nil
}

func (a *app) generate(ctx context.Context, args []string) error {
	fs := a.flags("generate")
	n := fs.Int("records", 1000, "how many records")
	years := fs.Int("years", 3, "how many financial years, ending with the current one")
	seed := fs.Uint64("seed", 1, "random seed: the same seed gives the same file")
	out := fs.String("out", "", "file to write, .csv or .xlsx (default: CSV to standard output)")
	end := fs.String("end", "", "last possible received date (default today)")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if *n < 1 || *years < 1 {
		return usageError("--records and --years must be at least 1")
	}
	if fs.NArg() > 0 {
		return usageError("expected no file name but --out: heed generate --out records.csv")
	}
	xlsx, err := sheetOut(*out)
	if err != nil {
		return err
	}
	last := calendar.Today()
	if *end != "" {
		if last, err = calendar.ParseDate(*end); err != nil {
			return usageError("--end: " + err.Error())
		}
	}
	cfg, err := a.loadConfig()
	if err != nil {
		return err
	}
	opts := generate.Options{Records: *n, Years: *years, End: last, Seed: *seed}
	cal := calendar.EnglandAndWales()
	each := func(fn func(*heed.Record) error) error { return generate.Records(opts, cfg.Rules(), cal, fn) }
	switch {
	case *out == "":
		return writeCSV("", a.stdout, each)
	case xlsx:
		var recs []*heed.Record
		if err := each(func(r *heed.Record) error { recs = append(recs, r); return nil }); err != nil {
			return err
		}
		err = writeFile(*out, func(f *os.File) error { return sheet.Write(*out, f, recs) })
	default:
		err = writeCSV(*out, a.stdout, each)
	}
	if err != nil {
		return err
	}
	fmt.Fprintf(a.stderr, "Wrote %s over %s to %s.\n",
		plural(*n, "synthetic record", "synthetic records"), plural(*years, "financial year", "financial years"), *out)
	return nil
}
