package main

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/heedhq/heed"
	"github.com/heedhq/heed/calendar"
	"github.com/heedhq/heed/generate"
	"github.com/heedhq/heed/sheet"
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
	fmt.Fprintf(a.stdout, "The %s database %s is up to date.\n", db.Dialect(), displayDB(cfg.Database))
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
	start := time.Now()
	sum, err := db.ImportFrom(ctx, a.actor(), src, heed.ImportOptions{
		Update: *update, NewNames: *newNames, Note: "import of " + src.Name()})
	if err != nil {
		return importRefused(src, fs.Arg(0), err)
	}
	elapsed := time.Since(start)
	fmt.Fprintf(a.stdout, "Imported %s: %s created, %s updated, in %s.\n", src.Name(),
		count(sum.Created, "record", "records"), count(sum.Updated, "record", "records"), elapsed.Round(time.Millisecond))
	list := func(label string, names []string) {
		if len(names) > 0 {
			fmt.Fprintf(a.stdout, "New %s (%d): %s\n", label, len(names), strings.Join(names, "; "))
		}
	}
	list("service areas", sum.NewServiceAreas)
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
	return &heed.Error{Code: e.Code, Message: fmt.Sprintf("Nothing was imported from %s:\n%s", filepath.Base(name), ps), Problems: ps}
}

// count is n and the noun for n: "1 record", "2 records".
func count(n int, one, many string) string {
	if n == 1 {
		return "1 " + one
	}
	return fmt.Sprintf("%d %s", n, many)
}

func (a *app) export(ctx context.Context, args []string) error {
	fs := a.flags("export")
	out := fs.String("out", "", "file to write, .csv or .xlsx (default: CSV to standard output)")
	if err := fs.Parse(args); err != nil {
		return err
	}
	_, db, err := a.openStore(ctx)
	if err != nil {
		return err
	}
	defer db.Close()
	if strings.EqualFold(filepath.Ext(*out), ".xlsx") {
		var recs []*heed.Record
		if err := db.EachRecord(ctx, func(r *heed.Record) error { recs = append(recs, r); return nil }); err != nil {
			return err
		}
		return writeFile(*out, func(f *os.File) error { return sheet.Write(*out, f, recs) })
	}
	return writeCSV(*out, func(fn func(*heed.Record) error) error { return db.EachRecord(ctx, fn) })
}

// writeCSV streams the records each yields as CSV to the file out, or to
// standard output when out is empty. It goes over the records twice: first
// to find the columns in use, then to write them.
func writeCSV(out string, each func(func(*heed.Record) error) error) error {
	used := map[string]bool{}
	if err := each(func(r *heed.Record) error {
		for k := range r.Fields() {
			used[k] = true
		}
		return nil
	}); err != nil {
		return err
	}
	write := func(f *os.File) error {
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
		return write(os.Stdout)
	}
	return writeFile(out, write)
}

// writeFile writes a file whole or not at all: to a temporary file renamed
// into place when complete.
func writeFile(name string, fn func(*os.File) error) error {
	f, err := os.CreateTemp(filepath.Dir(name), ".heed-*")
	if err != nil {
		return err
	}
	defer os.Remove(f.Name())
	if err := fn(f); err != nil {
		f.Close()
		return err
	}
	if err := f.Close(); err != nil {
		return err
	}
	return os.Rename(f.Name(), name)
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
	last := calendar.Today()
	if *end != "" {
		var err error
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
	if strings.EqualFold(filepath.Ext(*out), ".xlsx") {
		var recs []*heed.Record
		if err := generate.Records(opts, cfg.Rules(), cal, func(r *heed.Record) error { recs = append(recs, r); return nil }); err != nil {
			return err
		}
		return writeFile(*out, func(f *os.File) error { return sheet.Write(*out, f, recs) })
	}
	each := func(fn func(*heed.Record) error) error { return generate.Records(opts, cfg.Rules(), cal, fn) }
	if *out == "" {
		return writeCSV("", each)
	}
	if err := writeCSV(*out, each); err != nil {
		return err
	}
	fmt.Fprintf(a.stderr, "Wrote %d synthetic records over %d financial years to %s.\n", *n, *years, *out)
	return nil
}
