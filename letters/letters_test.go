package letters

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/heedhq/heed"
	"github.com/heedhq/heed/calendar"
)

func TestBlocks(t *testing.T) {
	for _, c := range []struct {
		name, text string
		want       []Block
	}{
		{"empty", "\n \n", nil},
		{"paragraph of lines", "Sam Example\n1 Sample Street\n\nDear Sam", []Block{
			{Paragraph, []string{"Sam Example", "1 Sample Street"}}, {Paragraph, []string{"Dear Sam"}}}},
		{"heading and bullets", "# What we found\n- one\n  - two\ntext", []Block{
			{Heading, []string{"What we found"}}, {Bullet, []string{"one"}}, {Bullet, []string{"two"}}, {Paragraph, []string{"text"}}}},
		{"windows line ends", "a\r\n\r\nb\r\n", []Block{{Paragraph, []string{"a"}}, {Paragraph, []string{"b"}}}},
		{"hash without space is text", "#1 priority", []Block{{Paragraph, []string{"#1 priority"}}}},
	} {
		if got := Blocks(c.text); !reflect.DeepEqual(got, c.want) {
			t.Errorf("%s: Blocks = %+v, want %+v", c.name, got, c.want)
		}
	}
}

// TestDefaultsCheck: every default template passes the editor's check.
func TestDefaultsCheck(t *testing.T) {
	for _, k := range heed.LetterKinds {
		for _, a := range heed.LetterAudiences {
			if errs := heed.CheckLetterTemplate(Default(k, a)); errs != nil {
				t.Errorf("%s %s: %v", k, a, errs)
			}
		}
	}
}

// sampleCase is a made-up complaint at Stage 2 of the given procedure.
func sampleCase(p heed.ProcedureID) *heed.Record {
	d := calendar.MustParseDate
	return &heed.Record{Reference: "CMP-2026-00042", Type: heed.TypeComplaint, Received: d("2026-10-05"), ServiceArea: "Children's Social Care",
		Procedure: p, ComplainantName: "Robin Testperson", ComplainantType: heed.ComplainantParent, Summary: "Visits missed.",
		Stages: []heed.Stage{
			{Number: 1, Started: d("2026-10-05"), Acknowledged: d("2026-10-06"), Deadline: d("2026-10-19"), Responded: d("2026-10-16"),
				Outcome: heed.OutcomePartiallyUpheld, Elements: []heed.Element{
					{Summary: "Social worker visits were missed in September", Finding: heed.FindingUpheld},
					{Summary: "The care plan was not shared", Finding: heed.FindingNotUpheld}}},
			{Number: 2, Started: d("2026-10-30"), Acknowledged: d("2026-11-02"), Deadline: d("2026-12-07"), Responded: d("2026-12-03"),
				Outcome: heed.OutcomeUpheld, Elements: []heed.Element{{Summary: "Visits were missed again in October", Finding: heed.FindingUpheld}}},
		}}
}

// made is one letter made for the test, with what its text must hold.
type made struct {
	letter *Letter
	want   []string
	name   string // for its pictures
}

// sampleLetters makes the acknowledgement and both response letters, in
// both versions, the children's procedure's through the LGSCO and a
// housing one through the Housing Ombudsman.
func sampleLetters(t *testing.T) []made {
	var out []made
	for _, p := range []heed.ProcedureID{heed.ChildrenStatutory, heed.Housing} {
		rec := sampleCase(p)
		stages := 3
		if p == heed.Housing {
			stages = 2
		}
		for _, k := range []heed.LetterKind{heed.LetterAcknowledgement, heed.LetterStage1, heed.LetterStage2} {
			for _, a := range heed.LetterAudiences {
				req := &heed.LetterCase{Kind: k, Audience: a, Date: calendar.MustParseDate("2026-12-04"), Council: "Example Borough Council",
					Officer: "Jo Officer", Address: "1 Sample Street\nExampletown\nEX1 2MP", Remedy: "We will pay £150 for the missed visits.",
					Explanation: "We read the visit records."}
				f, err := heed.NewLetterFields(calendar.EnglandAndWales(), rec, stages, req)
				if err != nil {
					t.Fatal(err)
				}
				text, err := heed.ExecuteLetter(Default(k, a), f)
				if err != nil {
					t.Fatal(err)
				}
				want := []string{"Example Borough Council", "CMP-2026-00042", "Robin Testperson", "EX1 2MP", "4 December 2026", "Jo Officer"}
				if p == heed.Housing {
					want = append(want, "Housing Ombudsman Service", "PO Box 1484", "PR2 0ET", "0300 111 3000", "www.housing-ombudsman.org.uk")
				} else {
					want = append(want, "Local Government and Social Care Ombudsman", "PO Box 4771", "CV4 0EH", "0300 061 0614", "www.lgo.org.uk")
				}
				switch k {
				case heed.LetterStage1:
					want = append(want, "Social worker visits were missed in September", "The care plan was not shared", "£150",
						"6 January 2027") // the letter's day, 4 December, + 20 working days (the response was recorded on 16 October)
				case heed.LetterStage2:
					want = append(want, "Visits were missed again in October", "Upheld")
				}
				if k == heed.LetterStage2 && p == heed.ChildrenStatutory {
					want = append(want, "6 January 2027") // the letter's day, 4 December (a day after the response), + 20 working days, past Christmas and New Year
				}
				out = append(out, made{&Letter{Kind: k, Audience: a, Council: req.Council, Reference: rec.Reference, Text: text,
					Made: time.Date(2026, 12, 4, 10, 0, 0, 0, time.UTC)}, want, "letter-" + string(p) + "-" + string(k) + "-" + string(a)})
			}
		}
	}
	return out
}

func needTools(t *testing.T, tools ...string) {
	for _, tool := range tools {
		if _, err := exec.LookPath(tool); err != nil {
			if os.Getenv("CI") != "" {
				t.Fatalf("%s is missing", tool)
			}
			t.Skipf("%s is missing (./scripts/ensure-libreoffice.sh, ./scripts/ensure-poppler.sh)", tool)
		}
	}
}

// pdfText is the text of a PDF as pdftotext reads it, spaces collapsed.
func pdfText(t *testing.T, file string) string {
	out, err := exec.Command("pdftotext", "-layout", file, "-").Output()
	if err != nil {
		t.Fatalf("pdftotext cannot read %s: %v", file, err)
	}
	return strings.Join(strings.Fields(string(out)), " ")
}

// keepPages renders a PDF's pages to PNG in HEED_SCREENSHOTS, when set.
func keepPages(t *testing.T, file, name string) {
	dir := os.Getenv("HEED_SCREENSHOTS")
	if dir == "" {
		return
	}
	if out, err := exec.Command("pdftoppm", "-png", "-r", "70", file, filepath.Join(dir, name)).CombinedOutput(); err != nil {
		t.Errorf("pdftoppm cannot render %s: %v: %s", file, err, out)
	}
}

// TestLettersOpenInReaders: each letter's PDF opens in poppler and its
// DOCX in LibreOffice, both with the case's details and the Ombudsman's
// address. HEED_SCREENSHOTS=DIR keeps their pages as PNG.
func TestLettersOpenInReaders(t *testing.T) {
	needTools(t, "pdftotext", "pdftoppm", "soffice")
	dir := t.TempDir()
	letters := sampleLetters(t)
	var docxFiles []string
	for i, m := range letters {
		files, err := Files(m.letter)
		if err != nil {
			t.Fatal(err)
		}
		if len(files) != 2 || files[0].Document.Type != PDFType || files[1].Document.Type != DOCXType ||
			!strings.HasSuffix(files[1].Document.Name, ".docx") {
			t.Fatalf("files = %+v", files)
		}
		base := filepath.Join(dir, "letter"+string(rune('a'+i)))
		if err := os.WriteFile(base+".pdf", files[0].Content, 0o600); err != nil {
			t.Fatal(err)
		}
		if err := os.MkdirAll(base, 0o700); err != nil {
			t.Fatal(err)
		}
		docx := filepath.Join(base, "letter.docx")
		if err := os.WriteFile(docx, files[1].Content, 0o600); err != nil {
			t.Fatal(err)
		}
		docxFiles = append(docxFiles, docx)
	}
	for i, m := range letters {
		pdf := filepath.Join(dir, "letter"+string(rune('a'+i))+".pdf")
		text := pdfText(t, pdf)
		for _, w := range m.want {
			if !strings.Contains(text, w) {
				t.Errorf("%s %s PDF lacks %q:\n%s", m.letter.Kind, m.letter.Audience, w, text)
			}
		}
		keepPages(t, pdf, m.name+"-pdf")
	}
	// LibreOffice converts each DOCX (one process for them all), and
	// poppler reads what it made.
	for i, docx := range docxFiles {
		cmd := exec.CommandContext(t.Context(), "soffice", "-env:UserInstallation=file://"+filepath.Join(dir, "profile"),
			"--headless", "--convert-to", "pdf", "--outdir", filepath.Dir(docx), docx)
		if out, err := cmd.CombinedOutput(); err != nil {
			t.Fatalf("LibreOffice cannot convert the DOCX: %v\n%s", err, out)
		}
		m := letters[i]
		pdf := strings.TrimSuffix(docx, ".docx") + ".pdf"
		text := pdfText(t, pdf)
		// The footer, with the page numbers Word and LibreOffice fill in,
		// as the PDF letter has it.
		for _, w := range append(m.want, "Our reference: "+m.letter.Reference, "Page 1 of ") {
			if !strings.Contains(text, w) {
				t.Errorf("%s %s DOCX lacks %q:\n%s", m.letter.Kind, m.letter.Audience, w, text)
			}
		}
		keepPages(t, pdf, m.name+"-docx")
	}
}

// TestPDFSameBytes: the same letter gives the same PDF.
func TestPDFSameBytes(t *testing.T) {
	l := sampleLetters(t)[2].letter
	var a, b bytes.Buffer
	if err := PDF(&a, l); err != nil {
		t.Fatal(err)
	}
	if err := PDF(&b, l); err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(a.Bytes(), b.Bytes()) {
		t.Error("the same letter gave two different PDFs")
	}
}

// TestPDFNames: a name outside the PDF core fonts' characters (Polish,
// Turkish, Welsh) prints as written, in the embedded Go fonts; an English
// one keeps Helvetica.
func TestPDFNames(t *testing.T) {
	needTools(t, "pdftotext", "pdffonts")
	for _, c := range []struct {
		text, font string
	}{
		{"Dear Zoë O’Brien-Smith, £150 – paid", "Helvetica"},
		{"Dear Łukasz Wiśniewski, Ayşe Şahin and Siôn Ŵyn", "utf8go"},
	} {
		dir := t.TempDir()
		var b bytes.Buffer
		if err := PDF(&b, &Letter{Kind: heed.LetterStage1, Council: "Example Council", Reference: "CMP-1", Text: c.text}); err != nil {
			t.Fatal(err)
		}
		file := filepath.Join(dir, "letter.pdf")
		if err := os.WriteFile(file, b.Bytes(), 0o600); err != nil {
			t.Fatal(err)
		}
		if got := pdfText(t, file); !strings.Contains(got, c.text) {
			t.Errorf("the PDF reads %q, want %q in it", got, c.text)
		}
		fonts, err := exec.Command("pdffonts", file).Output()
		if err != nil {
			t.Fatal(err)
		}
		if !strings.Contains(string(fonts), c.font) {
			t.Errorf("%q is set in\n%s\nwant %s", c.text, fonts, c.font)
		}
	}
}

// BenchmarkFiles times making one letter's PDF and Word document, as
// "Make a letter" does after reading the case.
func BenchmarkFiles(b *testing.B) {
	t := &testing.T{}
	l := sampleLetters(t)[2].letter
	for b.Loop() {
		if _, err := Files(l); err != nil {
			b.Fatal(err)
		}
	}
}
