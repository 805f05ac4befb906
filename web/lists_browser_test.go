package web

import (
	"context"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/heedhq/heed"
	"github.com/heedhq/heed/sqlstore"
	"github.com/heedhq/heed/sqlstore/storetest"
)

// TestWorkListsInTheBrowser sorts and pages "Your work" and the cases list
// by their header links and pagination, filters the cases list to
// unallocated stages, and sends the new-contact form twice, at 1280 and
// 320 px, with axe-core on every page and state.
func TestWorkListsInTheBrowser(t *testing.T) {
	app := newTestApp(t, sqlstore.SQLite)
	var recs []*heed.Record
	for i := range 60 {
		recs = append(recs, &heed.Record{Reference: fmt.Sprintf("HW-Q%02d", i), Type: heed.TypeComplaint,
			Received: d("2015-01-05").AddDays(i), ServiceArea: []string{"Highways", "Waste"}[i%2], Procedure: heed.Corporate,
			Stages: []heed.Stage{{Number: 1}}})
	}
	if _, err := app.Store.ImportRecords(t.Context(), storetest.Actor, recs, heed.ImportOptions{}); err != nil {
		t.Fatal(err)
	}
	b := newBrowserSession(t, app)
	b.signIn("officer")
	firstRow := func(table string) string {
		return strings.Fields(b.text("#" + table + "-table tbody tr:first-child td:first-child"))[0]
	}
	for i, width := range []int64{1280, 320} {
		stages := 61 + i // CS-EXT, the 60 above, and a contact recorded at each width
		b.prefix = fmt.Sprintf("%d-", width)
		b.do(chromedp.EmulateViewport(width, 900, chromedp.EmulateScale(1)))

		b.visit("work", "/", fmt.Sprintf("Showing 1 to 25 of %d stages", stages))
		if got, want := firstRow("queue"), []string{"HW-Q00", "CMP-2015-00001"}[i]; got != want { // the contact received on 2 January
			t.Errorf("%dpx: earliest due first: %s", width, got)
		}
		// Sorted by date received, newest first: two clicks on its header.
		b.leave(chromedp.Click(chromedp.CSS(`#queue-table th:nth-child(3) a`)), `#queue-table th[aria-sort="ascending"]`)
		b.leave(chromedp.Click(chromedp.CSS(`#queue-table th:nth-child(3) a`)), `#queue-table th[aria-sort="descending"]`)
		if got := firstRow("queue"); got != "CS-EXT" {
			t.Errorf("%dpx: newest received first: %s", width, got)
		}
		b.check("work-sorted")
		// The next page keeps the order.
		b.leave(chromedp.Click(chromedp.CSS(`nav[aria-label="Pages of Waiting to be allocated"] a[rel=next]`)), `#queue-table`)
		if got := b.main(); !strings.Contains(got, fmt.Sprintf("Showing 26 to 50 of %d stages", stages)) {
			t.Errorf("%dpx: the queue's second page: %q", width, got)
		}
		if got := firstRow("queue"); got != "HW-Q35" {
			t.Errorf("%dpx: the second page, newest first: %s", width, got)
		}
		b.check("work-page-2")

		// The cases list: unallocated only, then by service area.
		b.visit("cases", "/cases")
		b.do(chromedp.Click(chromedp.CSS("#unallocated")))
		b.leave(chromedp.Click(chromedp.Search(`//button[normalize-space(.)="Apply filters"]`)), "#main-content table")
		if got := b.main(); !strings.Contains(got, fmt.Sprintf("of %d cases", stages)) || strings.Contains(got, "CS-OPEN") {
			t.Errorf("%dpx: unallocated cases: %q", width, got)
		}
		b.leave(chromedp.Click(chromedp.Search(`//th//a[contains(., "Service area")]`)), `th[aria-sort="ascending"]`)
		if got := b.text("main table tbody tr:first-child td:nth-child(4)"); got != "Children's Social Care" {
			t.Errorf("%dpx: by service area: %q", width, got)
		}
		b.leave(chromedp.Click(chromedp.Search(`//th//a[contains(., "Service area")]`)), `th[aria-sort="descending"]`)
		if got := b.text("main table tbody tr:first-child td:nth-child(4)"); got != "Waste" {
			t.Errorf("%dpx: by service area, Z to A: %q", width, got)
		}
		b.check("cases-sorted")
		if href := b.attr("#download-xlsx", "href"); !strings.Contains(href, "unallocated=yes") || !strings.Contains(href, "sort=area") {
			t.Errorf("%dpx: the download does not follow the list: %q", width, href)
		}

		// The new-contact form sent twice, as a double click does: the
		// first post's answer is abandoned, the second leads to the case
		// the first recorded, and says so.
		_, before, _ := app.Store.ListCases(t.Context(), heed.CaseFilter{})
		b.visit("new", "/cases/new")
		summary := fmt.Sprintf("Synthetic double click at %d px", width)
		b.do(b.fill(map[string]string{"#service_area": "Highways", "#summary": summary})...)
		b.do(b.date("received", "2", "1", "2015")...)
		b.do(chromedp.Evaluate[chromedp.Void](`(() => { const f = document.querySelector("main form");
			const x = new XMLHttpRequest(); x.open("POST", location.href, false);
			x.setRequestHeader("Content-Type", "application/x-www-form-urlencoded");
			x.send(new URLSearchParams(new FormData(f)).toString()); })()`))
		if _, after, _ := app.Store.ListCases(t.Context(), heed.CaseFilter{}); after != before+1 {
			t.Fatalf("%dpx: the first post recorded %d contacts", width, after-before)
		}
		b.submit(false)
		if _, after, _ := app.Store.ListCases(t.Context(), heed.CaseFilter{}); after != before+1 {
			t.Errorf("%dpx: the form sent twice recorded %d contacts", width, after-before)
		}
		if got := b.main(); !strings.Contains(got, "CMP-2015-") || !strings.Contains(got, "This form had been sent already") {
			t.Errorf("%dpx: after the second post: %q", width, got)
		}
		b.check("new-sent-twice")
		recorded := b.text("main h1")

		// Back to the form, loaded afresh with what was typed filled in
		// again, and sent again: still one contact, and the same case.
		b.do(chromedp.Evaluate[chromedp.Void](`history.back()`))
		b.waitFor(`location.pathname == "/cases/new" && document.readyState == "complete" && !!document.querySelector("#summary")`)
		if got := b.attr("#summary", "value"); got != "" && got != summary {
			t.Errorf("%dpx: the form after going back: %q", width, got)
		}
		b.do(b.fill(map[string]string{"#summary": summary})...)
		b.submit(false)
		if _, after, _ := app.Store.ListCases(t.Context(), heed.CaseFilter{}); after != before+1 {
			t.Errorf("%dpx: back and sent again: %d contacts recorded", width, after-before)
		}
		if got := b.text("main h1"); got != recorded {
			t.Errorf("%dpx: back and sent again led to %q, not %q", width, got, recorded)
		}
	}
}

// waitFor waits until the script's condition holds on the page, through a
// navigation that replaces the page it is evaluated in.
func (b *browserSession) waitFor(condition string) {
	b.t.Helper()
	ctx, cancel := context.WithTimeout(b.ctx, 30*time.Second)
	defer cancel()
	for ctx.Err() == nil {
		// An evaluation cut short by the page being replaced fails; the
		// next one runs in the new page.
		if ok, err := chromedp.Run(ctx, chromedp.Poll[bool](condition)); err == nil && ok {
			return
		}
	}
	b.t.Fatalf("the page never came to %s", condition)
}

// attr returns an attribute of the first element sel selects.
func (b *browserSession) attr(sel, name string) string {
	b.t.Helper()
	v, err := chromedp.Run(b.ctx, chromedp.AttributeValue(chromedp.CSS(sel), name))
	if err != nil {
		b.t.Fatal(err)
	}
	return v.Value
}
