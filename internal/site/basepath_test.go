package site

import (
	"os"
	"strings"
	"testing"

	"guides/internal/output"
)

func TestWithBasePath(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{`<a href="/en/">`, `<a href="/guides/en/">`},
		{`<a class="x" href="/en/roles/x/#a">`, `<a class="x" href="/guides/en/roles/x/#a">`},
		{"<a\nhref=\"/en/\">", "<a\nhref=\"/guides/en/\">"},
		{`<script src="/assets/try.js"></script><link href="/assets/app.css">`, `<script src="/guides/assets/try.js"></script><link href="/guides/assets/app.css">`},
		{`<form action="/it/search/">`, `<form action="/guides/it/search/">`},
		{`<div data-bundle="/pagefind/">`, `<div data-bundle="/guides/pagefind/">`},
		{`<a href="/">`, `<a href="/guides/">`},
		{`<a href="//cdn.example/x">`, `<a href="//cdn.example/x">`},
		{`<a href="https://example.org/en/">`, `<a href="https://example.org/en/">`},
		{`<a href="#top">`, `<a href="#top">`},
		{`<a href="../x/">`, `<a href="../x/">`},
		{`<a data-href="/en/" title="/en/">`, `<a data-href="/en/" title="/en/">`},
		{`<code>&lt;a href=&#34;/en/&#34;&gt;</code>`, `<code>&lt;a href=&#34;/en/&#34;&gt;</code>`},
		{`<p>href="/en/"</p>`, `<p>href="/en/"</p>`},
		{`href="/`, `href="/`},
		{`<a href="/`, `<a href="/guides/`},
		{`="/`, `="/`},
	} {
		if got := string(withBasePath(nil, []byte(tc.in), "/guides")); got != tc.want {
			t.Errorf("withBasePath(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}

func TestBasePathOf(t *testing.T) {
	for in, want := range map[string]string{
		"https://guides.example":             "",
		"https://guides.example/":            "",
		"https://example.org/guides":         "/guides",
		"https://example.org/guides/":        "/guides",
		"https://example.org/a/b/":           "/a/b",
		"https://example.org/caf%C3%A9/":     "/caf%C3%A9",
		"https://example.org/with%20space/":  "/with%20space",
		"https://example.org/quote%22tag%3C": "/quote%22tag%3C",
	} {
		if got := basePath(in); got != want {
			t.Errorf("basePath(%q) = %q, want %q", in, got, want)
		}
	}
}

// TestBuildBelowAPath builds the real content for a site published below
// a path of its host: every page links every other, its assets, its search
// bundle and its translations below that path, and all of them resolve.
func TestBuildBelowAPath(t *testing.T) {
	cfg := testConfig(nil)
	cfg.Content = os.DirFS("../../content")
	cfg.BaseURL = "https://example.org/hiring/"
	res, mem := buildConfig(t, cfg)
	if res.Base != "/hiring" {
		t.Fatalf("Result.Base = %q, want /hiring", res.Base)
	}
	if errs := CheckLinks(res, mem); len(errs) > 0 {
		t.Fatalf("CheckLinks:\n%v", errs)
	}
	for file, want := range map[string][]string{
		"index.html":                           {`url=/hiring/en/"`, `href="/hiring/it/"`},
		"en/index.html":                        {`<link rel="canonical" href="https://example.org/hiring/en/">`, `href="/hiring/en/roles/backend-engineer/"`, `action="/hiring/en/search/"`},
		"en/roles/backend-engineer/index.html": {`src="/hiring/assets/try-`, `hreflang="it" href="https://example.org/hiring/it/roles/backend-engineer/"`},
		"it/search/index.html":                 {`data-bundle="/hiring/pagefind/"`},
		"404.html":                             {`href="/hiring/en/"`},
		"sitemap.xml":                          {`<loc>https://example.org/hiring/en/roles/backend-engineer/</loc>`},
		"robots.txt":                           {"Sitemap: https://example.org/hiring/sitemap.xml"},
		"en/feed.xml":                          {`href="https://example.org/hiring/en/roles/backend-engineer/"`},
	} {
		got := outputFile(t, mem, file)
		for _, w := range want {
			if !strings.Contains(got, w) {
				t.Errorf("%s lacks %s", file, w)
			}
		}
	}
}

// TestBasePathIsEscaped: a base path is a URL's, so it may hold characters
// an HTML attribute escapes; the links and the canonical URL agree on it.
func TestBasePathIsEscaped(t *testing.T) {
	cfg := testConfig(nil)
	cfg.Content = os.DirFS("../../content")
	cfg.BaseURL = "https://example.org/q&a/"
	res, mem := buildConfig(t, cfg)
	if errs := CheckLinks(res, mem); len(errs) > 0 {
		t.Fatalf("CheckLinks:\n%v", errs)
	}
	got := outputFile(t, mem, "en/index.html")
	for _, want := range []string{`<a class="brand" href="/q&amp;a/en/">`, `<link rel="canonical" href="https://example.org/q&amp;a/en/">`} {
		if !strings.Contains(got, want) {
			t.Errorf("en/index.html lacks %s", want)
		}
	}
}

// TestCheckLinksBelowAPath: on a site below a path, a site path without it
// leaves the site.
func TestCheckLinksBelowAPath(t *testing.T) {
	mem := output.NewMemory()
	mustWrite(t, mem, "en/index.html", `<a href="/hiring/en/x/">ok</a><a href="x/">ok</a><a href="/en/x/">out</a><a href="../">up</a><a href="../../">out</a>`)
	mustWrite(t, mem, "en/x/index.html", `<p>x</p>`)
	mustWrite(t, mem, "index.html", `<p>root</p>`)
	res := &Result{Base: "/hiring", Pages: []*Rendered{
		{URL: "/en/", File: "en/index.html"},
		{URL: "/en/x/", File: "en/x/index.html"},
		{URL: "/", File: "index.html"},
	}}
	want := []string{
		"public/en/index.html:1: page /en/: link ../../ leaves the site, which is served below /hiring/",
		"public/en/index.html:1: page /en/: link /en/x/ leaves the site, which is served below /hiring/",
	}
	wantLinkErrors(t, CheckLinks(res, mem), want)
}
