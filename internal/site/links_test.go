package site

import (
	"os"
	"regexp"
	"strings"
	"testing"

	"guides/internal/content"
)

// TestLayoutIDsAreReserved holds layoutIDs to the templates: every ID that
// base.html, guide.html and kit.html (which shows a guide's questions)
// write is reserved on a guide page, and every ID home.html writes is
// reserved on a home page, so that no Markdown heading can take one.
func TestLayoutIDsAreReserved(t *testing.T) {
	attr := regexp.MustCompile(`\bid="([^"]*)"`)
	for _, tc := range []struct {
		kind      content.Kind
		templates []string
	}{
		{content.Guide, []string{"base.html", "guide.html", "kit.html"}},
		{content.Home, []string{"base.html", "home.html"}},
	} {
		taken := layoutIDs(tc.kind)
		for _, name := range tc.templates {
			src, err := os.ReadFile("../../templates/" + name)
			if err != nil {
				t.Fatal(err)
			}
			for _, m := range attr.FindAllStringSubmatch(string(src), -1) {
				// An ID made by an action is checked by its literal start.
				id, _, dynamic := strings.Cut(m[1], "{{")
				if dynamic && id == "" {
					continue // home.html's filter inputs: filterOption IDs, checked below
				}
				if !taken(id) && !(dynamic && taken(id+"x")) {
					t.Errorf("templates/%s writes id=%q, which a heading of a page of kind %d may take", name, m[1], tc.kind)
				}
			}
		}
	}
	if taken := layoutIDs(content.Home); !taken("filter-family-0") || !taken("filter-tag-0") {
		t.Error("a home page's filter IDs (filters.go) are not reserved")
	}
	if taken := layoutIDs(content.Guide); !taken("pick-question-1") || !taken("pick-question-1-text") {
		t.Error("a kit's question IDs (kit.go's Pick) are not reserved on guide pages")
	}
	if taken := layoutIDs(content.Guide); taken("family-x") || taken("install") {
		t.Error("a guide page reserves IDs its layout does not have")
	}
}

// TestPanelIDsAreReserved holds panelIDs to try.html: a sample statement's
// heading may take no ID the panel around it gives its own elements, unless
// it is one no heading can have (with a dot).
func TestPanelIDsAreReserved(t *testing.T) {
	src, err := os.ReadFile("../../templates/try.html")
	if err != nil {
		t.Fatal(err)
	}
	fill := strings.NewReplacer("{{.ID}}", "demo", "{{$.ID}}", "demo", "{{$l.ID}}", "go")
	taken := panelIDs("demo")
	for _, m := range regexp.MustCompile(`\bid="([^"]*)"`).FindAllStringSubmatch(string(src), -1) {
		if id := fill.Replace(m[1]); !taken(id) && !strings.Contains(id, ".") {
			t.Errorf("templates/try.html writes id=%q (%s), which a statement heading may take", m[1], id)
		}
	}
	if taken("demo--what-to-write") {
		t.Error("panelIDs reserves a statement heading's own ID")
	}
}
