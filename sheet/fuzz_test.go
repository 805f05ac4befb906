package sheet

import (
	"bytes"
	"testing"

	"github.com/heedhq/heed"
)

// checkParsed holds for anything readFile accepts: each record was checked
// (it passes the rules again) and sits on a row past the header.
func checkParsed(t *testing.T, p *parsed, err error) {
	if err != nil {
		if heed.ErrorProblems(err) == nil {
			t.Fatalf("an error without problems: %v", err)
		}
		return
	}
	for i, rec := range p.Records {
		if p.Rows[i] < 2 {
			t.Fatalf("record on row %d", p.Rows[i])
		}
		if errs := rules.Check(cal, rec, today); len(errs) > 0 {
			t.Fatalf("row %d was accepted yet breaks %v", p.Rows[i], errs)
		}
	}
}

func FuzzReadCSV(f *testing.F) {
	var buf bytes.Buffer
	if err := Write("seed.csv", &buf, records()); err != nil {
		f.Fatal(err)
	}
	f.Add(buf.Bytes())
	f.Add([]byte("\ufeffreference,type,received\nC-1,compliment,05/01/2015\n"))
	f.Add([]byte("reference,type,received\n\"C-1,complaint\n"))
	f.Add([]byte("reference,type,received,service_area\nC-1,complaint,2015-01-05,Edu\u200bcation\nc-1,complaint,2015-01-05,x\n"))
	f.Add([]byte("a,b\n1,2,3\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		p, err := readFile("in.csv", data)
		checkParsed(t, p, err)
	})
}

func FuzzReadXLSX(f *testing.F) {
	var buf bytes.Buffer
	if err := Write("seed.xlsx", &buf, records()); err != nil {
		f.Fatal(err)
	}
	whole := buf.Bytes()
	f.Add(whole)
	f.Add(whole[:len(whole)/2])
	f.Add([]byte("PK\x03\x04"))
	f.Fuzz(func(t *testing.T, data []byte) {
		p, err := readFile("in.xlsx", data)
		checkParsed(t, p, err)
	})
}
