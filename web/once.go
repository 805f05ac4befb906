package web

import (
	"context"
	"crypto/rand"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io"
	"maps"
	"net/http"
	"net/url"
	"slices"
	"time"
)

// Every form page carries a one-time token of its own (formTokenField,
// drawn afresh each time a page is rendered: see page.FormToken), besides
// the session's CSRF token. The first post that carries a token claims it
// in the store; when that post saves and leads on (a redirect), the store
// remembers where to. The same form posted again (a double click, or the
// back button to a page the browser kept) then leads there too, without
// saving twice. A post that saves nothing (a form with errors) gives its
// token back, and the page it shows carries a new one.
//
// A browser that does not keep the page loads the form afresh on "Back",
// with a new token, and fills in again what was typed. So the post also
// claims what it says (contentKey: the user, the address and every value
// but the tokens) for sameContentFor: the same values sent again by the
// same user to the same form within that time are the same post. A case
// form's values include the case's version, which the first post changed,
// so only a repeat matches; two new contacts identical in every field
// within ten minutes are taken for one, and the page says so (see
// againLocation).
//
// Any form that includes the field gets this: every case form does
// (through the template caseFormHidden), and the new-contact form.

// formTokenField is the name of the hidden input holding a form's token.
const formTokenField = "form_token"

// formTokenWait is how long a second post waits for the first to finish.
const formTokenWait = 10 * time.Second

// formTokenLifetime is how long a token is remembered; sameContentFor is
// how long what a post says is.
const (
	formTokenLifetime = 24 * time.Hour
	sameContentFor    = 10 * time.Minute
)

// onceStore is what one-time form tokens need of the store (see
// sqlstore.DB.ClaimFormPost).
type onceStore interface {
	ClaimFormPost(ctx context.Context, userID int64, tokenHash string, within time.Duration) (claimed bool, location string, err error)
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
	keys := []string{tokenHash(token), contentKey(u.ID, r)}
	for i, within := range []time.Duration{formTokenLifetime, sameContentFor} {
		claimed, location, err := s.Store.ClaimFormPost(r.Context(), u.ID, keys[i], within)
		if err != nil {
			s.release(r, keys[:i])
			s.fail(w, r, err)
			return
		}
		if !claimed {
			s.release(r, keys[:i])
			s.samePostAgain(w, r, keys[i], location)
			return
		}
	}
	// The first post may be cut short by its own browser (a double click
	// abandons it for the second): what it did is still recorded.
	ctx := context.WithoutCancel(r.Context())
	rr := &redirectRecorder{ResponseWriter: w}
	finished := false
	defer func() {
		if !finished {
			s.release(r, keys)
		}
	}()
	next(rr, r)
	if rr.location == "" {
		return
	}
	for _, key := range keys {
		if err := s.Store.FinishFormPost(ctx, key, rr.location); err != nil {
			s.Logger.Error("remember a form's post", "path", r.URL.Path, "err", err)
			return
		}
	}
	finished = true
}

// release gives back the keys a post claimed, when it saved nothing.
func (s *Server) release(r *http.Request, keys []string) {
	ctx := context.WithoutCancel(r.Context())
	for _, key := range keys {
		if err := s.Store.ReleaseFormPost(ctx, key); err != nil {
			s.Logger.Error("release a form's token", "path", r.URL.Path, "err", err)
		}
	}
}

// contentKey identifies what a post says: its user, its address, every
// value of its form but the tokens, and any file sent with it, as a hash.
func contentKey(userID int64, r *http.Request) string {
	h := sha256.New()
	fmt.Fprintf(h, "%d\x00%s\x00", userID, r.URL.Path)
	names := slices.Sorted(maps.Keys(r.PostForm))
	for _, name := range names {
		if name == "csrf" || name == formTokenField {
			continue
		}
		fmt.Fprintf(h, "%q", name)
		for _, v := range r.PostForm[name] {
			fmt.Fprintf(h, "=%q", v)
		}
		h.Write([]byte{0})
	}
	// A file's name and content count too: two documents differ by them.
	if r.MultipartForm != nil {
		for _, name := range slices.Sorted(maps.Keys(r.MultipartForm.File)) {
			for _, fh := range r.MultipartForm.File[name] {
				fmt.Fprintf(h, "%q:%q:%d:", name, fh.Filename, fh.Size)
				if f, err := fh.Open(); err == nil {
					io.Copy(h, f)
					f.Close()
				}
			}
		}
	}
	return "content:" + hex.EncodeToString(h.Sum(nil))
}

// againLocation is where a form sent again goes: where the first post
// led, with the page's banner saying that the form was sent twice and
// saved once.
func againLocation(location string) string {
	u, err := url.Parse(location)
	if err != nil {
		return location
	}
	q := u.Query()
	if q.Get("done") == "" {
		return location
	}
	q.Set("done", "again")
	u.RawQuery = q.Encode()
	return u.String()
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
	http.Redirect(w, r, againLocation(location), http.StatusSeeOther)
}
