package site

import (
	"os"
	"regexp"
	"strings"
	"testing"

	"guides/internal/content"
)

// TestLayoutIDsAreReserved holds layoutIDs to the templates: every ID that
// base.html and guide.html write is reserved on a guide page, and every ID
// home.html writes is reserved on a home page, so that no Markdown heading
// can take one.
func TestLayoutIDsAreReserved(t *testing.T) {
	attr := regexp.MustCompile(`\bid="([^"]*)"`)
	for _, tc := range []struct {
		kind      content.Kind
		templates []string
	}{
		{content.Guide, []string{"base.html", "guide.html"}},
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
	if taken := layoutIDs(content.Guide); taken("family-x") || taken("install") {
		t.Error("a guide page reserves IDs its layout does not have")
	}
}
