package main

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestNewRole scaffolds a role into a copy of the real content, then checks
// and builds it as it stands: the draft passes check, and with -drafts every
// section is on the page.
func TestNewRole(t *testing.T) {
	dir := t.TempDir()
	content := filepath.Join(dir, "content")
	if err := os.CopyFS(content, os.DirFS(filepath.Join(root, "content"))); err != nil {
		t.Fatal(err)
	}
	code, stdout, stderr := runCLI(t, "new", "role", "qa-lead", "-family", "quality", "-content", content)
	if code != 0 {
		t.Fatalf("new: exit %d: %s", code, stderr)
	}
	for _, loc := range []string{"en", "it"} {
		p := filepath.Join(content, loc, "roles", "qa-lead.md")
		data, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		if !strings.Contains(stdout, p) {
			t.Errorf("stdout does not name %s:\n%s", p, stdout)
		}
		for _, want := range []string{"\ndraft: true\n", "\nfamily: quality\n", "\nupdated: ", "\nstack: ", "\nskills:\n", "\nprocess:\n", "slug: qa-lead"} {
			if !strings.Contains(string(data), want) {
				t.Errorf("%s lacks %q", p, want)
			}
		}
	}
	if code, _, stderr := runCLI(t, "check", "-root", root, "-content", content); code != 0 {
		t.Fatalf("check of the new draft: exit %d:\n%s", code, stderr)
	}
	out := filepath.Join(dir, "public")
	if code, _, stderr := runCLI(t, "build", "-root", root, "-content", content, "-out", out, "-drafts"); code != 0 {
		t.Fatalf("build -drafts: exit %d:\n%s", code, stderr)
	}
	sections := []string{"why-hard", "what-to-look-for", "interview-structure", "questions", "common-mistakes", "red-flags", "tips", "question-1"}
	for _, page := range []string{"en/roles/qa-lead/index.html", "it/roles/qa-lead/index.html"} {
		html, err := os.ReadFile(filepath.Join(out, page))
		if err != nil {
			t.Fatal(err)
		}
		for _, id := range sections {
			if !strings.Contains(string(html), `id="`+id+`"`) {
				t.Errorf("%s has no #%s", page, id)
			}
		}
	}
}

// TestNewRolePublishedTooSoon: a scaffolded guide set to draft: false with
// its placeholders left fails the build, at every placeholder's line.
func TestNewRolePublishedTooSoon(t *testing.T) {
	content := filepath.Join(t.TempDir(), "content")
	if err := os.CopyFS(content, os.DirFS(filepath.Join(root, "content"))); err != nil {
		t.Fatal(err)
	}
	if code, _, stderr := runCLI(t, "new", "role", "qa-lead", "-content", content); code != 0 {
		t.Fatalf("new: exit %d: %s", code, stderr)
	}
	var want []string
	for loc, marker := range map[string]string{"en": "TODO", "it": "DA FARE"} {
		p := filepath.Join(content, loc, "roles", "qa-lead.md")
		data, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		for i, line := range strings.Split(string(data), "\n") {
			if strings.Contains(line, marker) && !strings.HasPrefix(line, "#") {
				want = append(want, fmt.Sprintf("%s:%d: placeholder %q left by guides new", p, i+1, marker))
			}
		}
		if err := os.WriteFile(p, []byte(strings.Replace(string(data), "\ndraft: true\n", "\ndraft: false\n", 1)), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	code, _, stderr := runCLI(t, "build", "-root", root, "-content", content, "-out", filepath.Join(filepath.Dir(content), "public"), "-cache", "")
	if code != 1 {
		t.Fatalf("build: exit %d, want 1:\n%s", code, stderr)
	}
	if len(want) < 20 {
		t.Fatalf("the drafts hold %d placeholders; the test expects the scaffold's many", len(want))
	}
	for _, w := range want {
		if !strings.Contains(stderr, w) {
			t.Errorf("stderr lacks %q", w)
		}
	}
}

func TestNewRoleRefusesToOverwrite(t *testing.T) {
	content := filepath.Join(writeSite(t, validSite), "content")
	existing := filepath.Join(content, "en", "roles", "qa.md")
	before, _ := os.ReadFile(existing)
	code, _, stderr := runCLI(t, "new", "role", "qa", "-content", content)
	if code != 1 || !strings.Contains(stderr, existing+" already exists") {
		t.Errorf("new role over an existing guide: exit %d, stderr %q; want 1 naming %s", code, stderr, existing)
	}
	if after, _ := os.ReadFile(existing); string(after) != string(before) {
		t.Error("the existing guide was changed")
	}
}

func TestNewUsageErrors(t *testing.T) {
	content := filepath.Join(writeSite(t, validSite), "content")
	for _, tc := range []struct {
		name string
		args []string
		want string
	}{
		{"no kind", []string{"new"}, "usage: guides new role"},
		{"unknown kind", []string{"new", "page", "x"}, "usage: guides new role"},
		{"no slug", []string{"new", "role"}, "usage: guides new role"},
		{"two slugs", []string{"new", "role", "a", "b"}, "usage: guides new role"},
		{"upper case slug", []string{"new", "role", "QA-Lead"}, `slug "QA-Lead"`},
		{"underscore", []string{"new", "role", "qa_lead"}, `slug "qa_lead"`},
		{"double dash", []string{"new", "role", "qa--lead"}, `slug "qa--lead"`},
		{"path", []string{"new", "role", "../qa"}, `slug "../qa"`},
		{"bad family", []string{"new", "role", "qa-lead", "-family", "Quality Assurance"}, `family "Quality Assurance"`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			code, _, stderr := runCLI(t, append(tc.args, "-content", content)...)
			if code != 2 || !strings.Contains(stderr, tc.want) {
				t.Errorf("exit %d, stderr %q; want 2 and %q", code, stderr, tc.want)
			}
			if _, err := os.Stat(filepath.Join(content, "en", "roles", "qa-lead.md")); err == nil {
				t.Error("a file was created")
			}
		})
	}
}
