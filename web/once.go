package web

import (
	"context"
	"crypto/rand"
	"net/http"
	"time"
)

// Every form page carries a one-time token of its own (formTokenField,
// drawn afresh each time a page is rendered: see page.FormToken), besides
// the session's CSRF token. The first post that carries a token claims it
// in the store; when that post saves and leads on (a redirect), the store
// remembers where to. The same form posted again (the browser's back
// button, a double click) then leads there too, without saving twice. A
// post that saves nothing (a form with errors) gives its token back, and
// the page it shows carries a new one.
//
// Any form that includes the field gets this: every case form does
// (through the template caseFormHidden), and the new-contact form.

// formTokenField is the name of the hidden input holding a form's token.
const formTokenField = "form_token"

// formTokenWait is how long a second post waits for the first to finish.
const formTokenWait = 10 * time.Second

// onceStore is what one-time form tokens need of the store (see
// sqlstore.DB.ClaimFormPost).
type onceStore interface {
	ClaimFormPost(ctx context.Context, userID int64, tokenHash string) (claimed bool, location string, err error)
	FormPostLocation(ctx context.Context, userID int64, tokenHash string) (string, error)
	FinishFormPost(ctx context.Context, tokenHash, location string) error
	ReleaseFormPost(ctx context.Context, tokenHash string) error
}

// newFormToken draws a form's one-time token.
func newFormToken() string { return rand.Text() }

// redirectRecorder passes a response on, noting a redirect's address.
type redirectRecorder struct {
	http.ResponseWriter
	location string
}

func (rr *redirectRecorder) WriteHeader(code int) {
	if code == http.StatusSeeOther || code == http.StatusFound {
		rr.location = rr.Header().Get("Location")
	}
	rr.ResponseWriter.WriteHeader(code)
}

// postOnce runs next for the first post of a form whose token is token,
// and sends any later post of it where the first one led.
func (s *Server) postOnce(w http.ResponseWriter, r *http.Request, token string, next http.HandlerFunc) {
	u := currentUser(r)
	hash := tokenHash(token)
	claimed, location, err := s.Store.ClaimFormPost(r.Context(), u.ID, hash)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	if !claimed {
		s.samePostAgain(w, r, hash, location)
		return
	}
	// The first post may be cut short by its own browser (a double click
	// abandons it for the second): what it did is still recorded.
	ctx := context.WithoutCancel(r.Context())
	rr := &redirectRecorder{ResponseWriter: w}
	finished := false
	defer func() {
		if !finished {
			if err := s.Store.ReleaseFormPost(ctx, hash); err != nil {
				s.Logger.Error("release a form's token", "path", r.URL.Path, "err", err)
			}
		}
	}()
	next(rr, r)
	if rr.location != "" {
		if err := s.Store.FinishFormPost(ctx, hash, rr.location); err != nil {
			s.Logger.Error("remember a form's post", "path", r.URL.Path, "err", err)
			return
		}
		finished = true
	}
}

// samePostAgain answers a form posted again: it goes where the first post
// led, waiting for that post to finish when it has not yet.
func (s *Server) samePostAgain(w http.ResponseWriter, r *http.Request, hash, location string) {
	if location == "" {
		tick := time.NewTicker(100 * time.Millisecond)
		defer tick.Stop()
		deadline := time.After(formTokenWait)
	wait:
		for {
			select {
			case <-r.Context().Done():
				return
			case <-deadline:
				break wait
			case <-tick.C:
			}
			var err error
			if location, err = s.Store.FormPostLocation(r.Context(), currentUser(r).ID, hash); err != nil {
				s.fail(w, r, err)
				return
			}
			if location != "" {
				break
			}
		}
	}
	if location == "" {
		s.errorPage(w, r, http.StatusConflict, "This form was sent twice, and Heed is still saving the first. Check the case in a moment before sending it again.")
		return
	}
	http.Redirect(w, r, location, http.StatusSeeOther)
}
