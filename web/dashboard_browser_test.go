package web

import (
	"testing"

	"github.com/chromedp/chromedp"

	"github.com/heedhq/heed/sqlstore"
)

// TestDashboardInTheBrowser opens the dashboard in a real Chromium as an
// officer, a manager and a viewer, at 1280 and at 320 CSS pixels: axe-core
// finds nothing, the page does not scroll sideways, and at 320 pixels each
// chart is drawn at least 280 pixels wide, so that its 14 pixel text stays
// readable (13.5 pixels or more).
func TestDashboardInTheBrowser(t *testing.T) {
	app := newTestApp(t, sqlstore.SQLite)
	for _, user := range []string{"officer", "manager", "viewer"} {
		b := newBrowserSession(t, app)
		b.signIn(user)
		for _, width := range []int64{1280, 320} {
			b.prefix = "dashboard-" + user + "-"
			if width < 1280 {
				b.prefix += "narrow-"
			}
			b.do(chromedp.EmulateViewport(width, 900, chromedp.EmulateScale(1)))
			b.visit("page", "/dashboard", "Dashboard")
			assertNoSidewaysScroll(t, b)
			charts, err := chromedp.Run(b.ctx, chromedp.Evaluate[[]float64](
				`[...document.querySelectorAll("main svg.heed-chart")].map(s => s.getBoundingClientRect().width)`))
			if err != nil {
				t.Fatal(err)
			}
			if len(charts) == 0 && user != "viewer" {
				t.Errorf("%sno chart is drawn", b.prefix)
			}
			for _, w := range charts {
				if w < 280 || w > 300 {
					t.Errorf("%sa chart is %.0f pixels wide, want 280 to 300", b.prefix, w)
				}
			}
		}
	}
}
