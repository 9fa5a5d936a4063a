package site

import (
	"os"
	"regexp"
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

// TestAdjacentCellsKeepASpace: in every real page, minified or not, table
// headers and definition terms that follow one another are parted by white
// space. Pagefind starts a new word only at the elements it takes for
// blocks (td, but not th, dt or dd), so without the space it would index
// "Case", "Input" and "Expected" as one word.
func TestAdjacentCellsKeepASpace(t *testing.T) {
	glued := regexp.MustCompile(`</(th|dt|dd)><(th|dt|dd)[\s>]`)
	for _, minify := range []bool{false, true} {
		cfg := testConfig(nil)
		cfg.Content, cfg.Minify = os.DirFS("../../content"), minify
		res, mem := buildConfig(t, cfg)
		for _, r := range res.Pages {
			html, _ := mem.Get(r.File)
			if m := glued.Find(html); m != nil {
				t.Errorf("%s (minify %v): %s", r.File, minify, m)
			}
		}
	}
}
