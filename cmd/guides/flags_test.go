package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestRejectsBadURLs gives build and serve URLs the site cannot append its
// paths to: each is a usage error, and build writes nothing.
func TestRejectsBadURLs(t *testing.T) {
	dir := writeSite(t, validSite)
	content := filepath.Join(dir, "content")
	const site, runner = "give one such as https://guides.example.com", "give one such as http://127.0.0.1:8090"
	for _, tc := range []struct {
		cmd, flag, value, want string
	}{
		{"build", "base-url", ":::", `-base-url ":::" is not an absolute http or https URL (missing protocol scheme): ` + site},
		{"build", "base-url", "foo", `-base-url "foo" is not an absolute http or https URL: ` + site},
		{"build", "base-url", `"><script>`, `-base-url "\"><script>" is not an absolute http or https URL: ` + site},
		{"build", "base-url", "//example.com/guides/", `-base-url "//example.com/guides/" is not an absolute http or https URL: ` + site},
		{"build", "base-url", "ftp://example.com/", `-base-url "ftp://example.com/" is not an absolute http or https URL: ` + site},
		{"build", "base-url", "https:///guides/", `-base-url "https:///guides/" has no host: ` + site},
		{"build", "base-url", "https://example.com/?lang=en", `-base-url "https://example.com/?lang=en" has a query, which would come before the paths the site appends: remove it`},
		{"build", "base-url", "https://example.com/#top", `-base-url "https://example.com/#top" has a fragment, which would come before the paths the site appends: remove it`},
		{"build", "base-url", "https://example.com/a/../guides/", `-base-url "https://example.com/a/../guides/" has a path with empty, . or .. segments: give it as https://example.com/guides/`},
		{"build", "base-url", "https://example.com//guides", `-base-url "https://example.com//guides" has a path with empty, . or .. segments: give it as https://example.com/guides/`},
		{"build", "base-url", "https://example.com/./", `-base-url "https://example.com/./" has a path with empty, . or .. segments: give it as https://example.com/`},
		{"build", "base-url", "https://example.com/a%20b//c/", `-base-url "https://example.com/a%20b//c/" has a path with empty, . or .. segments: give it as https://example.com/a%20b/c/`},
		{"build", "base-url", "https://me:secret@example.com/", `-base-url "https://me:secret@example.com/" has a user name or password, which every page would publish: remove it`},
		{"build", "runner-url", "localhost:8090", `-runner-url "localhost:8090" is not an absolute http or https URL: ` + runner},
		{"build", "runner-url", "http://:8090", `-runner-url "http://:8090" has no host: ` + runner},
		{"serve", "runner-url", "127.0.0.1:8090", `-runner-url "127.0.0.1:8090" is not an absolute http or https URL (first path segment in URL cannot contain colon): ` + runner},
		{"serve", "runner-url", `"><script>`, `-runner-url "\"><script>" is not an absolute http or https URL: ` + runner},
	} {
		t.Run(tc.cmd+" "+tc.flag+" "+tc.value, func(t *testing.T) {
			before := snapshot(t, dir)
			args := []string{tc.cmd, "-root", root, "-content", content, "-" + tc.flag, tc.value}
			if tc.cmd == "build" {
				args = append(args, "-out", filepath.Join(dir, "public"), "-cache", "")
			} else {
				args = append(args, "-addr", "127.0.0.1:0")
			}
			code, stdout, stderr := runCLI(t, args...)
			wantUsageError(t, tc.cmd, code, stdout, stderr, tc.want)
			if after := snapshot(t, dir); after != before {
				t.Errorf("the rejected %s changed %s:\nbefore:\n%s\nafter:\n%s", tc.cmd, dir, before, after)
			}
		})
	}
}

// TestAcceptsURLs builds with a base URL with a trailing slash and a
// runner URL under a path, and serves with a runner URL of its own.
func TestAcceptsURLs(t *testing.T) {
	dir := writeSite(t, validSite)
	content, out := filepath.Join(dir, "content"), filepath.Join(dir, "public")
	code, _, stderr := runCLI(t, "build", "-root", root, "-content", content, "-out", out, "-cache", "",
		"-base-url", "https://guides.example.com/", "-runner-url", "https://example.com/runner/")
	if code != 0 {
		t.Fatalf("build exit %d:\n%s", code, stderr)
	}
	html, err := os.ReadFile(filepath.Join(out, "en/roles/qa/index.html"))
	if err != nil {
		t.Fatal(err)
	}
	if want := `<link rel="canonical" href="https://guides.example.com/en/roles/qa/">`; !strings.Contains(string(html), want) {
		t.Errorf("the page lacks %s", want)
	}
	_, stop := startServe(t, "-root", root, "-content", content, "-runner-url", "https://runner.example.com/")
	stop()
}

// TestWarnsOfLoopbackRunner: a site built for a public host whose try
// blocks would post to the visitor's own machine builds, with a warning.
func TestWarnsOfLoopbackRunner(t *testing.T) {
	for _, tc := range []struct {
		base, runner string
		warn         bool
	}{
		{"https://guides.example.com", "http://127.0.0.1:8090", true},
		{"https://guides.example.com", "https://runner.example.com", false},
		{"http://localhost:1313", "http://127.0.0.1:8090", false},
	} {
		code, _, stderr := runCLI(t, "build", "-root", root, "-content", filepath.Join(root, "content"), "-out", filepath.Join(t.TempDir(), "p"), "-cache=",
			"-base-url", tc.base, "-runner-url", tc.runner)
		if code != 0 || strings.Contains(stderr, "warning: the site is for") != tc.warn {
			t.Errorf("-base-url %s -runner-url %s: exit %d, stderr %q; want a warning: %v", tc.base, tc.runner, code, stderr, tc.warn)
		}
	}
}
