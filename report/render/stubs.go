package render

import (
	"errors"
	"io"

	"github.com/heedhq/heed/report"
)

func HTML(w io.Writer, r *report.Report) error { return errors.New("todo") }
func XLSX(w io.Writer, r *report.Report) error { return errors.New("todo") }
func PDF(w io.Writer, r *report.Report) error  { return errors.New("todo") }
