package web

import (
	"context"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/heedhq/heed"
	"github.com/heedhq/heed/sqlstore"
	"github.com/heedhq/heed/sqlstore/storetest"
)

// TestLayoutInTheBrowser opens pages at the widths people use them at: the
// case pages at 320 CSS pixels (a phone, or a desktop zoomed to 400%, WCAG
// 1.4.10) must not scroll sideways, and the cases list at 1280 pixels must
// show every column whole, its Due column included. axe-core checks each
// page at that width.
func TestLayoutInTheBrowser(t *testing.T) {
	app := newTestApp(t, sqlstore.SQLite)
	sar := &heed.Record{Reference: "SAR-2015-00001", Type: heed.TypeSAR, Received: d("2015-03-02"),
		ComplainantName: "Eve Sample", Summary: "Every record about me"}
	// An email address recorded where the name is not known: it has no
	// place to break a line.
	long := &heed.Record{Reference: "HSG-2015-00042", Type: heed.TypeComplaint, Received: d("2015-03-03"),
		ServiceArea: "Housing", Procedure: heed.Housing, ComplainantName: "alexandra.featherstonehaugh@example.org",
		Summary: "Damp in the bathroom"}
	if _, err := app.Store.ImportRecords(t.Context(), storetest.Actor, []*heed.Record{sar, long}, heed.ImportOptions{}); err != nil {
		t.Fatal(err)
	}
	b := newBrowserSession(t, app)
	b.signIn("officer")

	b.do(chromedp.EmulateViewport(320, 640))
	for _, ref := range []string{"CS-OPEN", "CS-EXT", "HW-1", "COMP-1", "SAR-2015-00001", "HSG-2015-00042"} {
		b.visit("case-320-"+ref, "/cases/"+ref)
		b.noSidewaysScroll("case " + ref)
	}

	// The forms a subject access request offers for its deadline, and the
	// page that refuses a stale save made in another tab.
	for _, path := range []string{"/cases/SAR-2015-00001/extend", "/cases/SAR-2015-00001/respond"} {
		b.visit("form-320"+strings.ReplaceAll(path, "/", "-"), path)
		b.noSidewaysScroll(path)
	}
	b.visit("allocate-320", "/cases/CS-OPEN/allocate")
	other := app.client(t)
	other.signIn("officer")
	if res := other.submit("/cases/CS-OPEN/allocate", url.Values{"investigator": {"manager"}}); res.Code != http.StatusSeeOther {
		t.Fatalf("save in the other tab: %d", res.Code)
	}
	b.do(chromedp.SetValue(chromedp.CSS("#investigator"), "officer"))
	b.submit(true)
	if got := b.text(".govuk-error-summary"); !strings.Contains(got, "You changed this case in another tab or window") {
		t.Errorf("the conflict page says %q", got)
	}
	b.check("conflict-320")
	b.noSidewaysScroll("the conflict page")

	b.do(chromedp.EmulateViewport(1280, 800))
	b.visit("cases-1280", "/cases")
	cells := evaluate[[]struct{ Left, Right, Box float64 }](b, `(() => {
		const wrap = document.querySelector("main .heed-table-wrapper") || document.querySelector("main table");
		const box = wrap.getBoundingClientRect();
		const col = [...document.querySelectorAll("main table thead th")].findIndex(th => th.textContent.trim() === "Due");
		return [...document.querySelectorAll("main table tr")].map(tr => {
			const r = tr.children[col].getBoundingClientRect();
			return {Left: r.left, Right: r.right, Box: Math.min(box.right, document.documentElement.clientWidth)};
		});
	})()`)
	if len(cells) < 2 {
		t.Fatalf("the cases list has %d rows", len(cells))
	}
	for i, c := range cells {
		if c.Right > c.Box+0.5 {
			t.Errorf("row %d of the cases list at 1280 px: its Due cell runs from %.0f to %.0f px, past the table's visible edge at %.0f px", i, c.Left, c.Right, c.Box)
		}
	}
}

// noSidewaysScroll fails the test when the page is wider than the window.
func (b *browserSession) noSidewaysScroll(what string) {
	b.t.Helper()
	got := evaluate[struct{ Scroll, Client int }](b, `({Scroll: document.documentElement.scrollWidth, Client: document.documentElement.clientWidth})`)
	if got.Scroll > got.Client {
		b.t.Errorf("%s scrolls sideways: %d px wide in a %d px window (%s)", what, got.Scroll, got.Client, b.widest())
	}
}

// widest names the element of the page that reaches furthest right, for a
// message.
func (b *browserSession) widest() string {
	return evaluate[string](b, `(() => {
		let w = null, right = 0;
		for (const e of document.querySelectorAll("main *")) {
			const r = e.getBoundingClientRect().right;
			if (r > right) { right = r; w = e; }
		}
		return w ? w.tagName.toLowerCase() + "." + [...w.classList].join(".") + " to " + Math.round(right) + " px" : "";
	})()`)
}

// evaluate runs a JavaScript expression on the page and returns its value.
func evaluate[T any](b *browserSession, expr string) T {
	b.t.Helper()
	ctx, cancel := context.WithTimeout(b.ctx, 30*time.Second)
	defer cancel()
	v, err := chromedp.Run(ctx, chromedp.Evaluate[T](expr))
	if err != nil {
		b.t.Fatal(err)
	}
	return v
}
