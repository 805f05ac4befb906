package render

import (
	"bytes"
	"image/png"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// TestPDFShowsItsTables opens the PDF with a real reader (poppler's
// pdftotext and pdftoppm, Debian's poppler-utils, which make test installs):
// its text holds the tables and their figures, and its first page renders
// to an image with ink on it. With HEED_SCREENSHOTS=DIR the image is kept
// there for a person to look at.
func TestPDFShowsItsTables(t *testing.T) {
	for _, tool := range []string{"pdftotext", "pdftoppm"} {
		if _, err := exec.LookPath(tool); err != nil {
			if os.Getenv("CI") != "" {
				t.Fatalf("%s is missing (Debian's poppler-utils; make deps installs it)", tool)
			}
			t.Skipf("%s is missing (Debian's poppler-utils)", tool)
		}
	}
	dir := t.TempDir()
	var buf bytes.Buffer
	if err := PDF(&buf, small(false)); err != nil {
		t.Fatal(err)
	}
	pdf := filepath.Join(dir, "report.pdf")
	if err := os.WriteFile(pdf, buf.Bytes(), 0o600); err != nil {
		t.Fatal(err)
	}

	out, err := exec.Command("pdftotext", "-layout", pdf, "-").Output()
	if err != nil {
		t.Fatalf("pdftotext cannot read the PDF: %v", err)
	}
	text := string(out)
	for _, want := range []string{"Complaints received, by service area", "Complaints upheld at Stage 1", "Children's Social Care", "Total", "Complaints rose by 1 (6.7%)"} {
		if !strings.Contains(text, want) {
			t.Errorf("the PDF's text lacks %q", want)
		}
	}

	if out, err := exec.Command("pdftoppm", "-png", "-r", "60", "-f", "1", "-l", "2", pdf, filepath.Join(dir, "page")).CombinedOutput(); err != nil {
		t.Fatalf("pdftoppm cannot render the PDF: %v: %s", err, out)
	}
	pages, _ := filepath.Glob(filepath.Join(dir, "page-*.png"))
	if len(pages) != 2 {
		t.Fatalf("rendered %d pages, want 2", len(pages))
	}
	for _, p := range pages {
		f, err := os.Open(p)
		if err != nil {
			t.Fatal(err)
		}
		img, err := png.Decode(f)
		f.Close()
		if err != nil {
			t.Fatal(err)
		}
		b := img.Bounds()
		dark := 0
		for y := b.Min.Y; y < b.Max.Y; y++ {
			for x := b.Min.X; x < b.Max.X; x++ {
				if r, g, bl, _ := img.At(x, y).RGBA(); r+g+bl < 3*0x8000 {
					dark++
				}
			}
		}
		// Text and table rules cover a few per cent of a page; a blank page
		// has none.
		if share := float64(dark) / float64(b.Dx()*b.Dy()); share < 0.005 {
			t.Errorf("%s: only %.2f%% of the page has ink", filepath.Base(p), 100*share)
		}
		if keep := os.Getenv("HEED_SCREENSHOTS"); keep != "" {
			data, _ := os.ReadFile(p)
			os.WriteFile(filepath.Join(keep, "report-"+filepath.Base(p)), data, 0o644)
		}
	}
}
