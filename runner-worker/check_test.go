package main

import (
	"bytes"
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestCheckSamplesRepository judges the repository's own samples through the
// real sandbox: every reference passes, every starter runs.
func TestCheckSamplesRepository(t *testing.T) {
	needSandbox(t)
	var out, errb bytes.Buffer
	err := run(t.Context(), []string{"-check-samples", "-samples", samplesDir, "-uid-base", "4200000"}, &out, &errb)
	if err != nil {
		t.Fatalf("-check-samples: %v\nstdout:\n%s\nstderr:\n%s", err, out.String(), errb.String())
	}
	if lines := strings.Split(strings.TrimSpace(out.String()), "\n"); len(lines) != 1 || !strings.Contains(lines[0], "every reference passes") {
		t.Errorf("stdout = %q, want one summary line", out.String())
	}
}

// TestCheckSamplesBroken breaks a copy of the judge's fixture sample in every
// way the check must catch, and in one it must let pass.
func TestCheckSamplesBroken(t *testing.T) {
	needSandbox(t)
	dir := t.TempDir()
	copyDir(t, "internal/judge/testdata/samples/double", filepath.Join(dir, "double"))
	write := func(name, data string) {
		t.Helper()
		if err := os.WriteFile(filepath.Join(dir, "double", name), []byte(data), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	// Passes the public cases, fails the hidden ones.
	write("python/solution.py", "def double(n):\n    return 2 * n if abs(n) < 1000 else 0\n")
	// Fails a public case.
	write("javascript/solution.js", "module.exports = { double: (n) => n + 1 };\n")
	// A starter that does not compile.
	write("go/starter.go", "package main\n\nfunc Double(n int) int {\n\treturn undefinedName\n}\n")
	// A starter that kills the harness before it answers.
	write("python/starter.py", "import os\nos._exit(3)\n")
	// A starter that throws on every case: the harness reports it, as
	// a candidate's wrong code; not a problem.
	write("javascript/starter.js", "module.exports = { double: () => { throw new Error('todo'); } };\n")

	// A second sample whose Python starter is the reference: it gives the
	// answer away. Its JavaScript starter passes the public cases only, as
	// a starter may.
	copyDir(t, "internal/judge/testdata/samples/double", filepath.Join(dir, "twice"))
	yaml, err := os.ReadFile(filepath.Join(dir, "twice", "sample.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	write("../twice/sample.yaml", strings.Replace(string(yaml), "id: double", "id: twice", 1))
	write("../twice/python/starter.py", "def double(n):\n    return 2 * n\n")
	write("../twice/javascript/starter.js", "module.exports = { double: (n) => (Math.abs(n) < 1000 ? 2 * n : 0) };\n")

	var out, errb bytes.Buffer
	err = run(t.Context(), []string{"-check-samples", "-samples", dir, "-uid-base", "4200000"}, &out, &errb)
	if !errors.Is(err, errProblems) {
		t.Fatalf("-check-samples = %v, want errProblems\nstdout:\n%s\nstderr:\n%s", err, out.String(), errb.String())
	}
	got := out.String()
	t.Logf("stdout:\n%s", got)
	sol := func(lang, ext string) string { return filepath.Join(dir, "double", lang, "solution."+ext) }
	start := func(lang, ext string) string { return filepath.Join(dir, "double", lang, "starter."+ext) }
	want := []string{
		sol("javascript", "js") + `:1: reference fails public test "twenty-one": wrong_answer: expected 42, got 22`,
		sol("python", "py") + `:1: reference fails hidden test "secret zero": wrong_answer`,
		sol("python", "py") + `:1: reference fails hidden test "secret negative": wrong_answer`,
		start("go", "go") + `:4: starter does not compile: undefined: undefinedName`,
		start("python", "py") + `:1: starter crashes the harness on public test "one"`,
		filepath.Join(dir, "twice", "python", "starter.py") + `:1: starter passes every test, public and hidden: it must fail at least one`,
		"checked 2 samples in 6 languages",
	}
	for _, w := range want {
		if !strings.Contains(got, w) {
			t.Errorf("stdout lacks %q", w)
		}
	}
	if strings.Contains(got, "javascript/starter.js") || strings.Contains(got, "twice/go") {
		t.Error("a starter whose errors the harness reports was reported")
	}
	for _, secret := range []string{"7770001", "15540002", "7770002", "15540004"} {
		if strings.Contains(got+errb.String(), secret) {
			t.Errorf("the output reveals hidden value %s", secret)
		}
	}
}

// TestCheckSamplesFormat wants every problem with the samples' files
// printed as path:line: message, as judging problems are, and nothing
// judged; it needs no sandbox, since it stops before making one.
func TestCheckSamplesFormat(t *testing.T) {
	dir := t.TempDir()
	copyDir(t, "internal/judge/testdata/samples/double", filepath.Join(dir, "double"))
	hidden := filepath.Join(dir, "double", "tests", "hidden.yaml")
	if err := os.WriteFile(hidden, []byte("- name: zero\n  input: 0\n- name: one\n  input: 1\n  expected: 2\n  note: x\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	var out, errb bytes.Buffer
	err := run(t.Context(), []string{"-check-samples", "-samples", dir}, &out, &errb)
	if !errors.Is(err, errProblems) {
		t.Fatalf("-check-samples = %v, want errProblems\nstdout:\n%s\nstderr:\n%s", err, out.String(), errb.String())
	}
	want := hidden + `:1: case "zero": missing field "expected" (write expected: null for none)` + "\n" +
		hidden + `:6: unknown field "note"` + "\n" +
		"the samples' files have 2 problems: nothing was judged\n"
	if out.String() != want {
		t.Errorf("stdout =\n%s\nwant\n%s", out.String(), want)
	}
}

func copyDir(t *testing.T, from, to string) {
	t.Helper()
	err := filepath.WalkDir(from, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(from, p)
		if d.IsDir() {
			return os.MkdirAll(filepath.Join(to, rel), 0o755)
		}
		b, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		return os.WriteFile(filepath.Join(to, rel), b, 0o644)
	})
	if err != nil {
		t.Fatal(err)
	}
}
