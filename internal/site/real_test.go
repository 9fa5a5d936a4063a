package site

import (
	"strings"
	"testing"

	"guides/internal/content"
)

// TestRealContent builds the project's own guides in every locale and checks
// every internal link and anchor of the rendered pages.
func TestRealContent(t *testing.T) {
	res, mem := buildFS(t, nil)
	if errs := CheckLinks(res, mem); len(errs) > 0 {
		t.Fatalf("CheckLinks:\n%v", errs)
	}
	guides := map[string]int{}
	for _, p := range res.Site.Pages {
		if p.Kind == content.Guide {
			guides[p.Locale]++
		}
	}
	for _, loc := range res.Site.Locales {
		if guides[loc] < 5 {
			t.Errorf("locale %s has %d guides, want at least 5", loc, guides[loc])
		}
	}
	for _, r := range res.Pages {
		html, _ := mem.Get(r.File)
		if r.Doc != nil && len(r.Doc.Samples) == 0 && strings.Contains(string(html), "<script type=\"module\"") {
			t.Errorf("%s has no try block but loads a script", r.URL)
		}
	}
}
