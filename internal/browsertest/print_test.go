package browsertest

import (
	"bytes"
	"context"
	"regexp"
	"testing"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"
)

var roles = []string{"backend-engineer", "data-engineer", "engineering-manager", "frontend-engineer", "site-reliability-engineer"}

// TestPrint prints every real guide and interview kit to PDF in both
// locales, as a hiring manager does with nothing ticked (every question
// printed), and counts the A4 pages: a kit is an interview plan of one or
// two; a guide keeps its content (not only its header) on paper, in print
// type rather than shrunk to fit, with nothing cut at the paper's edge.
func TestPrint(t *testing.T) {
	ctx := tab(t)
	for _, tc := range []struct {
		page     string // below /<locale>/roles/<role>/
		min, max int
	}{
		{"kit.html", 1, 2},
		{"", 4, 16},
	} {
		for _, loc := range []string{"en", "it"} {
			for _, role := range roles {
				path := "/" + loc + "/roles/" + role + "/" + tc.page
				do(t, ctx, chromedp.Navigate(env.site.URL+path))
				if n := printedPages(t, ctx); n < tc.min || n > tc.max {
					t.Errorf("%s prints on %d pages, want %d to %d", path, n, tc.min, tc.max)
				}
				for _, cut := range cutOnPaper(t, ctx) {
					t.Errorf("%s in print: %s", path, cut)
				}
			}
		}
	}
}

// a4Width is the width inside print.css's A4 margins (210 - 2×14 mm) in
// CSS pixels: the widest the paper holds before Chromium shrinks the page.
const a4Width = 182 * 96 * 10 / 254

// cutOnPaper lays the page out for print at the A4 width and names what
// would not fit: an element past the right margin, or one that scrolls
// (a scrolling box prints only what it shows).
func cutOnPaper(t *testing.T, ctx context.Context) []string {
	t.Helper()
	do(t, ctx, chromedp.Func(func(ctx context.Context, tg *chromedp.Target) error {
		if _, err := cdp.Call(ctx, tg, emulation.SetEmulatedMedia, emulation.SetEmulatedMediaParams{Media: "print"}); err != nil {
			return err
		}
		_, err := cdp.Call(ctx, tg, emulation.SetDeviceMetricsOverride, emulation.SetDeviceMetricsOverrideParams{
			Width: int64(a4Width), Height: 1000, DeviceScaleFactor: 1})
		return err
	}))
	defer do(t, ctx, chromedp.Func(func(ctx context.Context, tg *chromedp.Target) error {
		if _, err := cdp.Call(ctx, tg, emulation.ClearDeviceMetricsOverride, cdp.Empty{}); err != nil {
			return err
		}
		_, err := cdp.Call(ctx, tg, emulation.SetEmulatedMedia, emulation.SetEmulatedMediaParams{})
		return err
	}))
	return eval[[]string](t, ctx, `(() => {
		const width = document.documentElement.clientWidth, out = [];
		const name = e => e.tagName.toLowerCase() + (e.id ? "#" + e.id : "") + (e.className ? "." + [...e.classList].join(".") : "") +
			" (" + JSON.stringify(e.textContent.trim().slice(0, 40)) + ")";
		for (const e of document.querySelectorAll("main *")) {
			if (e.getClientRects().length === 0) continue;
			if (e.getBoundingClientRect().right > width + 1) out.push(name(e) + " runs past the right margin");
			else if (e.clientWidth > 1 && e.scrollWidth > e.clientWidth + 1 && getComputedStyle(e).overflowX !== "visible") out.push(name(e) + " scrolls");
			if (out.length >= 5) break;
		}
		return out;
	})()`)
}

// pdfPage matches a page object of the PDF Chromium writes (not /Pages).
var pdfPage = regexp.MustCompile(`/Type\s*/Page[^s]`)

// printedPages prints the page to PDF at the size its @page rule asks for
// (A4) and counts the pages.
func printedPages(t *testing.T, ctx context.Context) int {
	t.Helper()
	var pdf []byte
	do(t, ctx, chromedp.Func(func(ctx context.Context, tg *chromedp.Target) error {
		prefer := true
		res, err := cdp.Call(ctx, tg, page.PrintToPDF, page.PrintToPDFParams{PreferCSSPageSize: &prefer})
		pdf = res.Data
		return err
	}))
	if !bytes.HasPrefix(pdf, []byte("%PDF")) {
		t.Fatalf("not a PDF: %.20q", pdf)
	}
	return len(pdfPage.FindAll(pdf, -1))
}
