package site

import (
	"context"
	"os"
	"strings"
	"testing"

	"guides/internal/content"
	"guides/internal/output"
)

// TestRealContent builds the project's own guides in every locale and checks
// every internal link and anchor of the rendered pages.
func TestRealContent(t *testing.T) {
	cfg := testConfig(nil)
	cfg.Content = os.DirFS("../../content")
	b, errs := New(cfg)
	if len(errs) > 0 {
		t.Fatalf("New: %v", errs)
	}
	mem := output.NewMemory()
	res, errs := b.Build(context.Background(), mem)
	if len(errs) > 0 {
		t.Fatalf("Build:\n%v", errs)
	}
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
	if misses := b.Catalog().Misses(); len(misses) > 0 {
		t.Errorf("templates asked for messages a locale lacks: %v", misses)
	}
	for _, r := range res.Pages {
		html, _ := mem.Get(r.File)
		if r.Doc != nil && len(r.Doc.Samples) == 0 && strings.Contains(string(html), "<script type=\"module\"") {
			t.Errorf("%s has no try block but loads a script", r.URL)
		}
	}
}
