package browsertest

import (
	"bytes"
	"context"
	"regexp"
	"testing"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"
)

var roles = []string{"backend-engineer", "data-engineer", "engineering-manager", "frontend-engineer", "site-reliability-engineer"}

// TestPrint prints every real guide and interview kit to PDF in both
// locales, as a hiring manager does with nothing ticked (every question
// printed), and counts the A4 pages: a kit is an interview plan of one or
// two; a guide keeps its content (not only its header) on paper.
func TestPrint(t *testing.T) {
	ctx := tab(t)
	for _, tc := range []struct {
		page     string // below /<locale>/roles/<role>/
		min, max int
	}{
		{"kit/", 1, 2},
		{"", 2, 100},
	} {
		for _, loc := range []string{"en", "it"} {
			for _, role := range roles {
				path := "/" + loc + "/roles/" + role + "/" + tc.page
				do(t, ctx, chromedp.Navigate(env.site.URL+path))
				if n := printedPages(t, ctx); n < tc.min || n > tc.max {
					t.Errorf("%s prints on %d pages, want %d to %d", path, n, tc.min, tc.max)
				}
			}
		}
	}
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
