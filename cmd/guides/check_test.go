package main

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// translationSite has one guide missing in Italian and one whose Italian
// translation is older than its English source.
var translationSite = map[string]string{
	"content/en/_index.md":    "---\ntitle: Guides\nsummary: All guides.\n---\n",
	"content/it/_index.md":    "---\ntitle: Guide\nsummary: Tutte le guide.\n---\n",
	"content/en/roles/qa.md":  "---\ntitle: QA\nfamily: engineering\nsummary: S\nupdated: 2026-11-22\n---\nBody.\n",
	"content/it/roles/qa.md":  "---\ntitle: QA\nfamily: engineering\nsummary: S\nupdated: 2026-10-01\n---\nCorpo.\n",
	"content/en/roles/ops.md": "---\ntitle: Ops\nfamily: operations\nsummary: S\nupdated: 2026-11-22\n---\nBody.\n",
}

func TestCheckReportsTranslations(t *testing.T) {
	dir := writeSite(t, translationSite)
	content := filepath.Join(dir, "content")
	code, stdout, stderr := runCLI(t, "check", "-root", root, "-content", content)
	if code != 0 {
		t.Fatalf("check exit %d, want 0 without -strict; stderr:\n%s", code, stderr)
	}
	rows := map[string]bool{}
	for _, l := range strings.Split(stdout, "\n") {
		rows[strings.Join(strings.Fields(l), " ")] = true
	}
	for _, want := range []string{
		"translations: 2 findings",
		"it missing guide " + filepath.Join(content, "it/roles/ops.md") + " not translated (source " + filepath.Join(content, "en/roles/ops.md") + ")",
		"it outdated translation " + filepath.Join(content, "it/roles/qa.md") + " en updated 2026-11-22, it updated 2026-10-01",
	} {
		if !rows[want] {
			t.Errorf("stdout lacks the row %q:\n%s", want, stdout)
		}
	}

	code, _, stderr = runCLI(t, "check", "-strict", "-root", root, "-content", content)
	if code != 1 {
		t.Fatalf("check -strict exit %d, want 1", code)
	}
	want := filepath.Join(content, "en/roles/ops.md") + ":1: not translated to it (" + filepath.Join(content, "it/roles/ops.md") + " missing)\n" +
		filepath.Join(content, "it/roles/qa.md") + ":5: outdated translation: en updated 2026-11-22, it updated 2026-10-01 (source " + filepath.Join(content, "en/roles/qa.md") + ")\n"
	if stderr != want {
		t.Errorf("check -strict stderr:\n%s\nwant:\n%s", stderr, want)
	}
}

// TestCheckReadsHiddenParts breaks a sample's hidden cases and a reference
// solution, which build never reads: build passes, check reports both, since
// runner-worker would refuse to start on them.
func TestCheckReadsHiddenParts(t *testing.T) {
	dir := writeSite(t, translationSite)
	content := filepath.Join(dir, "content")
	smp := filepath.Join(content, "samples", "debounce")
	if err := os.CopyFS(smp, os.DirFS(filepath.Join(root, "content", "samples", "debounce"))); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(smp, "tests", "hidden.yaml"), []byte("- name: late\n  input: [1\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.Remove(filepath.Join(smp, "python", "solution.py")); err != nil {
		t.Fatal(err)
	}
	if code, _, stderr := runCLI(t, "build", "-root", root, "-content", content, "-out", filepath.Join(dir, "public"), "-cache", ""); code != 0 {
		t.Fatalf("build exit %d, want 0: it reads no hidden part; stderr:\n%s", code, stderr)
	}
	code, _, stderr := runCLI(t, "check", "-root", root, "-content", content)
	if code != 1 {
		t.Fatalf("check exit %d, want 1", code)
	}
	lines := strings.Split(strings.TrimSuffix(stderr, "\n"), "\n")
	want := []string{filepath.Join(smp, "python", "solution.py") + ":1: missing file", filepath.Join(smp, "tests", "hidden.yaml") + ":2: "}
	if len(lines) != len(want) {
		t.Fatalf("check stderr has %d lines, want %d:\n%s", len(lines), len(want), stderr)
	}
	for i, w := range want {
		if !strings.HasPrefix(lines[i], w) {
			t.Errorf("check stderr line %d = %q, want it to start with %q", i+1, lines[i], w)
		}
	}
}

// TestCheckSamples runs the repository's samples through runner-worker's
// real sandbox, as `guides check -samples` does for an editor.
func TestCheckSamples(t *testing.T) {
	if os.Geteuid() != 0 {
		t.Skip("runner-worker's sandbox needs root")
	}
	if _, err := exec.LookPath("bwrap"); err != nil {
		t.Skip("no bubblewrap: make runner-deps installs it")
	}
	code, stdout, stderr := runCLI(t, "check", "-samples", "-root", root, "-content", filepath.Join(root, "content"))
	if code != 0 {
		t.Fatalf("check -samples exit %d\nstdout:\n%s\nstderr:\n%s", code, stdout, stderr)
	}
	if !strings.Contains(stdout, "every reference passes every test, every starter builds and runs") {
		t.Errorf("stdout lacks the samples' summary:\n%s", stdout)
	}
}
