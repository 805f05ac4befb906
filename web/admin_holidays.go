package web

import (
	"errors"
	"net/http"
	"strconv"
	"strings"

	"github.com/heedhq/heed"
	"github.com/heedhq/heed/calendar"
)

// maxUpload is the largest bank-holidays.json Heed reads; GOV.UK's is
// about 20 kB.
const maxUpload = 1 << 20

// holidaysData is the bank holidays page: the list in force and the
// upload form.
type holidaysData struct {
	First, Last calendar.Date
	Count       int
	Year        int
	Holidays    []calendar.Holiday // of Year and the next
}

func (s *Server) renderHolidays(w http.ResponseWriter, r *http.Request, code int, success string, errs heed.FieldErrors) {
	cal, err := s.Store.Calendar(r.Context())
	if err != nil {
		s.fail(w, r, err)
		return
	}
	all := cal.Holidays()
	d := holidaysData{Count: len(all), Year: calendar.DateOf(s.Now().In(london)).Year()}
	d.First, d.Last = cal.Range()
	for _, h := range all {
		if y := h.Date.Year(); y == d.Year || y == d.Year+1 {
			d.Holidays = append(d.Holidays, h)
		}
	}
	s.render(w, r, code, "admin_holidays", page{Title: "Bank holidays", Nav: "admin", Success: success, Errors: errs, Data: d})
}

func (s *Server) adminHolidays(w http.ResponseWriter, r *http.Request) {
	var success string
	q := r.URL.Query()
	if moved, err := strconv.Atoi(q.Get("moved")); err == nil {
		loaded, _ := strconv.Atoi(q.Get("loaded"))
		success = "Loaded " + plural(loaded, "bank holiday") + ". " + strings.Replace(movedMessage(moved), "them", "the new list", 1)
	}
	s.renderHolidays(w, r, http.StatusOK, success, nil)
}

// adminLoadHolidays reads an uploaded bank-holidays.json (GOV.UK's format,
// the england-and-wales division) and puts it in force; open deadlines move
// to follow it.
func (s *Server) adminLoadHolidays(w http.ResponseWriter, r *http.Request) {
	fail := func(msg string) {
		s.renderHolidays(w, r, http.StatusBadRequest, "", heed.FieldErrors{{Field: "file", Message: msg}})
	}
	f, hdr, err := r.FormFile("file")
	switch {
	case errors.Is(err, http.ErrMissingFile) || (err == nil && hdr.Size == 0):
		fail("Select a bank-holidays.json file")
		return
	case err != nil:
		fail("The selected file could not be read: upload the bank-holidays.json file again")
		return
	}
	defer f.Close()
	if hdr.Size > maxUpload {
		fail("The selected file must be smaller than 1 MB: GOV.UK's bank-holidays.json is about 20 kB")
		return
	}
	list, err := calendar.ParseBankHolidaysJSON(f)
	if err != nil {
		why := strings.TrimPrefix(err.Error(), "bank-holidays.json: ")
		if strings.HasPrefix(why, "not the GOV.UK format") {
			why = "this file is not in its format"
		}
		fail("The selected file must be GOV.UK's bank-holidays.json, from www.gov.uk/bank-holidays.json: " + why)
		return
	}
	moved, err := s.Store.LoadHolidays(r.Context(), actor(r), list)
	if heed.ErrorCode(err) == heed.EINVALID {
		fail(strings.TrimSuffix(heed.ErrorMessage(err), "."))
		return
	}
	if err != nil {
		s.fail(w, r, err)
		return
	}
	http.Redirect(w, r, "/admin/holidays?loaded="+strconv.Itoa(len(list))+"&moved="+strconv.Itoa(moved), http.StatusSeeOther)
}
