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

// TestKitsPrintOnOneOrTwoPages prints every real interview kit to PDF, as a
// hiring manager does with nothing ticked (every question printed), and
// counts its A4 pages.
func TestKitsPrintOnOneOrTwoPages(t *testing.T) {
	ctx := tab(t)
	for _, loc := range []string{"en", "it"} {
		for _, role := range roles {
			path := "/" + loc + "/roles/" + role + "/kit/"
			do(t, ctx, chromedp.Navigate(env.site.URL+path))
			if n := printedPages(t, ctx); n < 1 || n > 2 {
				t.Errorf("%s prints on %d pages, want 1 or 2", path, n)
			}
		}
	}
}

// TestGuidesPrint prints every real guide: the print stylesheet must leave
// the page's content (not only its header) on paper.
func TestGuidesPrint(t *testing.T) {
	ctx := tab(t)
	for _, loc := range []string{"en", "it"} {
		for _, role := range roles {
			path := "/" + loc + "/roles/" + role + "/"
			do(t, ctx, chromedp.Navigate(env.site.URL+path))
			if n := printedPages(t, ctx); n < 2 {
				t.Errorf("%s prints on %d pages: its content is missing", path, n)
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
