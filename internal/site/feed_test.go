package site

import (
	"encoding/xml"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
)

// TestFeeds reads each locale's feed back as Atom: its own guides only,
// newest first, with absolute links and RFC 3339 dates.
func TestFeeds(t *testing.T) {
	_, mem := buildReaders(t)
	type entry struct{ Title, Href, Updated string }
	for _, tc := range []struct {
		loc     string
		updated string
		want    []entry
	}{
		{"en", "2026-11-22T00:00:00Z", []entry{
			{"How to hire a Backend Engineer", "https://guides.example/en/roles/backend-engineer/", "2026-11-22T00:00:00Z"},
			{"How to hire a Tester", "https://guides.example/en/roles/tester/", "2026-11-20T00:00:00Z"},
		}},
		{"it", "2026-11-23T00:00:00Z", []entry{
			{"Come assumere un Backend Engineer", "https://guides.example/it/roles/ingegnere-backend/", "2026-11-23T00:00:00Z"},
		}},
	} {
		t.Run(tc.loc, func(t *testing.T) {
			var f atomFeed
			if err := xml.Unmarshal([]byte(outputFile(t, mem, tc.loc+"/feed.xml")), &f); err != nil {
				t.Fatalf("feed is not XML: %v", err)
			}
			if f.XMLName.Space != "http://www.w3.org/2005/Atom" || f.Lang != tc.loc {
				t.Errorf("feed element %v lang %q, want an Atom feed in %q", f.XMLName, f.Lang, tc.loc)
			}
			if f.Updated != tc.updated || f.ID != "https://guides.example/"+tc.loc+"/" || f.Author.Name == "" {
				t.Errorf("feed updated %q id %q author %q", f.Updated, f.ID, f.Author.Name)
			}
			var got []entry
			for _, e := range f.Entries {
				if _, err := time.Parse(time.RFC3339, e.Updated); err != nil {
					t.Errorf("entry %q: %v", e.Title, err)
				}
				got = append(got, entry{e.Title, e.Link.Href, e.Updated})
			}
			if diff := cmp.Diff(tc.want, got); diff != "" {
				t.Errorf("entries mismatch (-want +got):\n%s", diff)
			}
		})
	}
}
