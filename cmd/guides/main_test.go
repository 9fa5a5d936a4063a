package main

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// root is the repository, where templates/, locales/ and assets/ live.
const root = "../.."

// writeSite writes files (path → content) under a new temp dir and returns it.
func writeSite(t *testing.T, files map[string]string) string {
	t.Helper()
	dir := t.TempDir()
	for name, data := range files {
		p := filepath.Join(dir, name)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(data), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

var validSite = map[string]string{
	"content/en/_index.md":     "---\ntitle: Guides\nsummary: All guides.\n---\n",
	"content/it/_index.md":     "---\ntitle: Guide\nsummary: Tutte le guide.\n---\n",
	"content/en/roles/qa.md":   "---\ntitle: QA\nfamily: quality\nsummary: S\nupdated: 2026-11-22\n---\n## Why\n",
	"content/it/roles/qa.md":   "---\ntitle: QA\nfamily: quality\nsummary: S\nupdated: 2026-11-22\n---\n## Perché\n",
	"content/en/roles/ops.md":  "---\ntitle: Ops\nfamily: operations\nsummary: S\nupdated: 2026-11-22\n---\nBody.\n",
	"content/it/roles/ops.md":  "---\ntitle: Ops\nfamily: operations\nsummary: S\nupdated: 2026-11-22\n---\nCorpo.\n",
	"content/en/roles/lead.md": "---\ntitle: Lead\nfamily: management\nsummary: S\nupdated: 2026-11-22\ndraft: true\n---\nBody.\n",
}

func runCLI(t *testing.T, args ...string) (code int, stdout, stderr string) {
	t.Helper()
	var out, errb bytes.Buffer
	code = run(context.Background(), args, &out, &errb)
	return code, out.String(), errb.String()
}

func TestBuildWritesSite(t *testing.T) {
	dir := writeSite(t, validSite)
	out := filepath.Join(dir, "public")
	code, stdout, stderr := runCLI(t, "build", "-root", root, "-content", filepath.Join(dir, "content"), "-out", out, "-minify")
	if code != 0 {
		t.Fatalf("build exit %d, stderr:\n%s", code, stderr)
	}
	if !strings.Contains(stdout, "built") {
		t.Errorf("stdout = %q, want a summary", stdout)
	}
	for _, f := range []string{"index.html", "404.html", "sitemap.xml", "robots.txt", "en/index.html", "it/roles/qa/index.html", "en/404.html"} {
		if _, err := os.Stat(filepath.Join(out, f)); err != nil {
			t.Errorf("missing %s: %v", f, err)
		}
	}
	if _, err := os.Stat(filepath.Join(out, "en/roles/lead/index.html")); err == nil {
		t.Error("a draft was published")
	}
	if leftovers, _ := filepath.Glob(filepath.Join(dir, ".public.staging-*")); len(leftovers) > 0 {
		t.Errorf("staging directories left behind: %v", leftovers)
	}
}

// TestFailedBuildLeavesOutput proves a content error changes nothing in the
// published directory, and that errors are sorted, one per line, with exit 1.
func TestFailedBuildLeavesOutput(t *testing.T) {
	dir := writeSite(t, validSite)
	out := filepath.Join(dir, "public")
	content := filepath.Join(dir, "content")
	if code, _, stderr := runCLI(t, "build", "-root", root, "-content", content, "-out", out); code != 0 {
		t.Fatalf("first build failed: %s", stderr)
	}
	before := snapshot(t, out)
	writeSite2(t, dir, map[string]string{
		"content/it/roles/qa.md":  "---\ntitle: QA\nfamily: quality\nsummary: S\nupdated: 2026-11-22\nskils: [x]\n---\n",
		"content/en/roles/ops.md": "---\ntitle: Ops\nfamily: operations\nsummary: S\nupdated: 2026-11-22\n---\n:::nope\n:::\n",
	})
	code, _, stderr := runCLI(t, "build", "-root", root, "-content", content, "-out", out)
	if code != 1 {
		t.Fatalf("exit %d, want 1", code)
	}
	want := filepath.ToSlash(content) + "/en/roles/ops.md:7: unknown directive :::nope (known: question, try; strong and weak inside either)\n" +
		filepath.ToSlash(content) + "/it/roles/qa.md:6: unknown field \"skils\": did you mean \"skills\"?\n"
	if stderr != want {
		t.Errorf("stderr =\n%s\nwant\n%s", stderr, want)
	}
	if after := snapshot(t, out); after != before {
		t.Error("the failed build changed the output directory")
	}
	if leftovers, _ := filepath.Glob(filepath.Join(dir, ".public.staging-*")); len(leftovers) > 0 {
		t.Errorf("staging directories left behind: %v", leftovers)
	}
}

func writeSite2(t *testing.T, dir string, files map[string]string) {
	t.Helper()
	for name, data := range files {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(data), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

// snapshot lists every file with its size and modification time.
func snapshot(t *testing.T, dir string) string {
	t.Helper()
	var b strings.Builder
	err := filepath.Walk(dir, func(p string, info os.FileInfo, err error) error {
		if err != nil {
			return err
		}
		fmt.Fprintf(&b, "%s %s %d\n", p, info.ModTime(), info.Size())
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return b.String()
}

func TestUsageErrors(t *testing.T) {
	dir := writeSite(t, validSite)
	content := filepath.Join(dir, "content")
	for _, tc := range []struct {
		name string
		args []string
		want string
	}{
		{"no command", nil, "usage: guides"},
		{"unknown command", []string{"deploy"}, `unknown command "deploy"`},
		{"unknown flag", []string{"build", "-root", root, "-content", content, "-verbose"}, "flag provided but not defined: -verbose"},
		{"leftover argument", []string{"build", "-root", root, "-content", content, "extra"}, `unexpected argument "extra"`},
		{"flag after argument", []string{"check", "-root", root, "./site", "-content", content}, `unexpected argument "./site"`},
		{"empty content", []string{"check", "-root", root, "-content", ""}, "-content is empty: give it a directory"},
		{"empty out", []string{"build", "-root", root, "-content", content, "-out="}, "-out is empty: give it a directory"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			code, _, stderr := runCLI(t, tc.args...)
			if code != 2 {
				t.Errorf("exit %d, want 2", code)
			}
			if !strings.Contains(stderr, tc.want) {
				t.Errorf("stderr = %q, want it to contain %q", stderr, tc.want)
			}
			if len(tc.args) > 1 && !strings.Contains(stderr, "Usage") && !strings.Contains(stderr, "usage") {
				t.Errorf("stderr has no usage: %q", stderr)
			}
		})
	}
}

// TestHelp: asked for, a command's help is no error: it goes to stdout,
// exit status 0, and the command does nothing else.
func TestHelp(t *testing.T) {
	for _, args := range [][]string{
		{"build", "-h"}, {"build", "-out", "x", "--help"}, {"check", "-help"}, {"serve", "-h"}, {"new", "role", "x", "-h"}, {"help"},
	} {
		t.Run(strings.Join(args, " "), func(t *testing.T) {
			code, stdout, stderr := runCLI(t, args...)
			if code != 0 || stderr != "" {
				t.Errorf("exit %d, stderr %q; want 0 and nothing", code, stderr)
			}
			if !strings.Contains(stdout, "-content") && !strings.Contains(stdout, "commands:") {
				t.Errorf("stdout has no usage: %q", stdout)
			}
		})
	}
}

func TestCheckFindsTemplateLevelProblemsAndPasses(t *testing.T) {
	dir := writeSite(t, validSite)
	code, stdout, stderr := runCLI(t, "check", "-root", root, "-content", filepath.Join(dir, "content"))
	if code != 0 {
		t.Fatalf("check exit %d:\n%s", code, stderr)
	}
	if !strings.Contains(stdout, "no problems") {
		t.Errorf("stdout = %q", stdout)
	}
	if _, err := os.Stat(filepath.Join(dir, "public")); err == nil {
		t.Error("check wrote output")
	}
}

// TestErrorPathsAsGiven: an error's path starts the way -content was
// written, "./" and all, though the build cleans it to join paths.
func TestErrorPathsAsGiven(t *testing.T) {
	dir := writeSite(t, validSite)
	writeSite2(t, dir, map[string]string{"content/it/roles/qa.md": "---\ntitle: QA\nfamily: quality\nsummary: S\nupdated: 2026-11-22\nskils: [x]\n---\n"})
	given := filepath.ToSlash(dir) + "/./content/"
	code, _, stderr := runCLI(t, "check", "-root", root, "-content", given)
	want := filepath.ToSlash(dir) + "/./content/it/roles/qa.md:6: "
	if code != 1 || !strings.HasPrefix(stderr, want) {
		t.Errorf("exit %d, stderr %q; want 1 and a line starting %q", code, stderr, want)
	}
}

func TestAsGiven(t *testing.T) {
	for _, tc := range []struct {
		file string
		dirs []string
		want string
	}{
		{"content/en/a.md", []string{"content", "."}, "content/en/a.md"},
		{"x/content/en/a.md", []string{"./x/content", "."}, "./x/content/en/a.md"},
		{"x/content/en/a.md", []string{"x//content/", "."}, "x//content/en/a.md"},
		{"x/templates/base.html", []string{"./x/content", "./x"}, "./x/templates/base.html"},
		{"x/content/en/a.md", []string{"x/content", "./x"}, "x/content/en/a.md"}, // the longest directory it is in decides
		{"en/a.md", []string{".", "."}, "en/a.md"},
		{"/en/a.md", []string{"/", "."}, "/en/a.md"},
		{"other/a.md", []string{"./x", "."}, "other/a.md"},
	} {
		if got := asGiven(tc.file, tc.dirs...); got != tc.want {
			t.Errorf("asGiven(%q, %q) = %q, want %q", tc.file, tc.dirs, got, tc.want)
		}
	}
}

func TestMissingContentDir(t *testing.T) {
	code, _, stderr := runCLI(t, "build", "-root", root, "-content", filepath.Join(t.TempDir(), "nope"), "-out", filepath.Join(t.TempDir(), "p"))
	if code != 1 || !strings.Contains(stderr, "content directory") {
		t.Errorf("exit %d, stderr %q", code, stderr)
	}
}

// TestOutsideTheProject: each command that builds, run where there are no
// templates, locales or assets, says so and how to fix it, instead of
// failing later on what is missing (or, serve, waiting forever).
func TestOutsideTheProject(t *testing.T) {
	empty := t.TempDir()
	content := filepath.Join(root, "content")
	for _, args := range [][]string{
		{"build", "-root", empty, "-content", content, "-out", filepath.Join(t.TempDir(), "p")},
		{"check", "-root", empty, "-content", content},
		{"serve", "-root", empty, "-content", content, "-addr", "127.0.0.1:0"},
	} {
		code, _, stderr := runCLI(t, args...)
		for _, d := range []string{"templates", "locales", "assets"} {
			want := filepath.Join(empty, d) + ": no such file or directory: run guides from the project root, or give it with -root"
			if code != 1 || !strings.Contains(stderr, want) {
				t.Errorf("guides %s: exit %d, stderr %q; want 1 and %q", args[0], code, stderr, want)
			}
		}
	}
}

// TestMain gives the tests a user cache directory of their own, so the
// search index cache that build keeps there by default is never the user's;
// the go command (check -samples runs it) keeps the user's build cache.
func TestMain(m *testing.M) {
	dir, err := os.MkdirTemp("", "guides-test-cache-")
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	if user, err := os.UserCacheDir(); err == nil && os.Getenv("GOCACHE") == "" {
		os.Setenv("GOCACHE", filepath.Join(user, "go-build"))
	}
	os.Setenv("XDG_CACHE_HOME", dir)
	code := m.Run()
	os.RemoveAll(dir)
	os.Exit(code)
}

// TestRebuildsPublishExactlyTheSite builds into the same directory three
// times; from the third on, build stages into the site before last (kept
// beside the output): a guide removed in between must not survive there,
// and the search index, when Pagefind is installed, must be whole.
func TestRebuildsPublishExactlyTheSite(t *testing.T) {
	dir := writeSite(t, validSite)
	out := filepath.Join(dir, "public")
	content := filepath.Join(dir, "content")
	build := func() {
		t.Helper()
		code, _, stderr := runCLI(t, "build", "-root", root, "-content", content, "-out", out, "-cache", filepath.Join(dir, "cache"))
		if code != 0 {
			t.Fatalf("build exit %d:\n%s", code, stderr)
		}
	}
	build()
	build()
	for _, f := range []string{"content/en/roles/ops.md", "content/it/roles/ops.md"} {
		if err := os.Remove(filepath.Join(dir, f)); err != nil {
			t.Fatal(err)
		}
	}
	build()
	for _, gone := range []string{"en/roles/ops/index.html", "it/roles/ops/kit.html", "en/questions/role/ops.html"} {
		if _, err := os.Stat(filepath.Join(out, gone)); !os.IsNotExist(err) {
			t.Errorf("%s survived the guide's removal (%v)", gone, err)
		}
	}
	if _, err := os.Stat(filepath.Join(out, "en/roles/qa/index.html")); err != nil {
		t.Error(err)
	}
	if _, err := os.Stat(filepath.Join(root, "node_modules/.bin/pagefind")); err == nil {
		// Only the guides left are indexed: qa in both locales, not the
		// removed guide that the reused site still held when the build began.
		raw, err := os.ReadFile(filepath.Join(out, "pagefind/pagefind-entry.json"))
		var entry struct {
			Languages map[string]struct {
				PageCount int `json:"page_count"`
			} `json:"languages"`
		}
		if err != nil || json.Unmarshal(raw, &entry) != nil {
			t.Fatalf("no search index after the rebuild: %v", err)
		}
		for lang, l := range entry.Languages {
			if l.PageCount != 1 {
				t.Errorf("search index of %s holds %d pages, want 1 (qa)", lang, l.PageCount)
			}
		}
	}
	if leftovers, _ := filepath.Glob(filepath.Join(dir, ".public.staging-*")); len(leftovers) > 0 {
		t.Errorf("staging directories left behind: %v", leftovers)
	}
}
