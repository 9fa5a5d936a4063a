package site

import (
	"bytes"
	"encoding/xml"
	"fmt"
	"maps"
	"slices"
	"strings"
	"testing"
)

// A sitemap over sitemaps.org's limits (50,000 URLs, 50 MB) is rejected
// whole by search engines: past them sitemap.xml becomes an index of parts
// that each keep within both, and lists every page once, in order.
func TestSitemapSplitsPastItsLimits(t *testing.T) {
	const root = "https://example.org/hiring/"
	urls := func(n int) []smURL {
		var out []smURL
		for i := range n {
			out = append(out, smURL{Loc: fmt.Sprintf("%sen/roles/r%d/", root, i), LastMod: fmt.Sprintf("2026-0%d-01", 1+i%9),
				Links: []smLink{{Rel: "alternate", HrefLang: "en", Href: fmt.Sprintf("%sen/roles/r%d/", root, i)}}})
		}
		return out
	}
	entry := len(mustEncode(t, urls(2))) - len(mustEncode(t, urls(1))) // the bytes one more URL adds
	tests := []struct {
		name              string
		urls              int
		maxURLs, maxBytes int
		parts             []int // URLs per part; nil: sitemap.xml lists them itself
	}{
		{"within both limits", 3, 5, 1 << 20, nil},
		{"no pages", 0, 5, 1 << 20, nil},
		{"exactly the URL limit", 5, 5, 1 << 20, nil},
		{"past the URL limit", 5, 2, 1 << 20, []int{2, 2, 1}},
		{"past the byte limit", 4, 10, len(mustEncode(t, urls(2))) + entry/2, []int{2, 2}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			in := urls(tt.urls)
			files, err := splitSitemap(in, root, tt.maxURLs, tt.maxBytes)
			if err != nil {
				t.Fatal(err)
			}
			if tt.parts == nil {
				if len(files) != 1 {
					t.Fatalf("files %v, want sitemap.xml alone", slices.Sorted(maps.Keys(files)))
				}
				if got := decodeURLs(t, files["sitemap.xml"]); !slices.Equal(got, locs(in)) {
					t.Errorf("sitemap.xml lists %v, want %v", got, locs(in))
				}
				return
			}
			var index sitemapIndex
			if err := xml.Unmarshal(files["sitemap.xml"], &index); err != nil {
				t.Fatalf("sitemap.xml is no sitemap index: %v\n%s", err, files["sitemap.xml"])
			}
			if len(index.Sitemaps) != len(tt.parts) || len(files) != len(tt.parts)+1 {
				t.Fatalf("index lists %d parts of %d files, want %d parts", len(index.Sitemaps), len(files), len(tt.parts))
			}
			var all []string
			for i, s := range index.Sitemaps {
				name := strings.TrimPrefix(s.Loc, root)
				part := files[name]
				if name != fmt.Sprintf("sitemap-%d.xml", i+1) || part == nil {
					t.Fatalf("part %d is at %s, want %ssitemap-%d.xml, written", i+1, s.Loc, root, i+1)
				}
				if len(part) > tt.maxBytes {
					t.Errorf("%s is %d bytes, over %d", name, len(part), tt.maxBytes)
				}
				got := decodeURLs(t, part)
				if len(got) != tt.parts[i] {
					t.Errorf("%s lists %d URLs, want %d", name, len(got), tt.parts[i])
				}
				if want := newestMod(in[len(all) : len(all)+len(got)]); s.LastMod != want {
					t.Errorf("%s lastmod %q, want its newest page's %q", name, s.LastMod, want)
				}
				all = append(all, got...)
			}
			if !slices.Equal(all, locs(in)) {
				t.Errorf("the parts list %v, want %v", all, locs(in))
			}
		})
	}
}

func TestSitemapReportsAnEntryOverTheByteLimit(t *testing.T) {
	long := smURL{Loc: "https://example.org/" + strings.Repeat("a", 500) + "/"}
	if _, err := splitSitemap([]smURL{long}, "https://example.org/", 10, 400); err == nil {
		t.Error("a URL longer than a sitemap may be gave no error")
	}
}

func mustEncode(t *testing.T, urls []smURL) []byte {
	t.Helper()
	return urlset{NS: sitemapNS, XHTML: xhtmlNS, URLs: urls}.encode()
}

func TestSitemapEncodersMatchEncodingXML(t *testing.T) {
	odd := "https://example.org/it/ruoli/perché-è-importante/?a=1&b=<2>\"'\t\n"
	sets := map[string]urlset{
		"empty": {},
		"one":   {URLs: []smURL{{Loc: "https://example.org/en/"}}},
		"full": {URLs: []smURL{
			{Loc: odd, LastMod: "2026-12-04", Links: []smLink{{Rel: "alternate", HrefLang: "it", Href: odd}, {Rel: "alternate", HrefLang: "x-default", Href: "https://example.org/en/"}}},
			{Loc: "https://example.org/en/roles/x/", LastMod: "2026-01-02"},
		}},
	}
	for name, set := range sets {
		set.NS, set.XHTML = sitemapNS, xhtmlNS
		if got, want := set.encode(), marshal(t, set); !bytes.Equal(got, want) {
			t.Errorf("%s urlset:\n got %s\nwant %s", name, got, want)
		}
	}
	for name, index := range map[string]sitemapIndex{
		"empty": {},
		"two":   {Sitemaps: []smLocation{{Loc: odd, LastMod: "2026-12-04"}, {Loc: "https://example.org/sitemap-2.xml"}}},
	} {
		index.NS = sitemapNS
		if got, want := index.encode(), marshal(t, index); !bytes.Equal(got, want) {
			t.Errorf("%s index:\n got %s\nwant %s", name, got, want)
		}
	}
}

// marshal is what encoding/xml writes for v, as a sitemap file.
func marshal(t *testing.T, v any) []byte {
	t.Helper()
	out, err := xml.MarshalIndent(v, "", "  ")
	if err != nil {
		t.Fatal(err)
	}
	return append([]byte(xml.Header), append(out, '\n')...)
}

func decodeURLs(t *testing.T, data []byte) []string {
	t.Helper()
	var set urlset
	if err := xml.Unmarshal(data, &set); err != nil {
		t.Fatalf("not a urlset: %v\n%s", err, data)
	}
	if set.NS != sitemapNS {
		t.Errorf("urlset namespace %q", set.NS)
	}
	return locs(set.URLs)
}

func locs(urls []smURL) []string {
	out := []string{}
	for _, u := range urls {
		out = append(out, u.Loc)
	}
	return out
}
