package sample

import (
	"encoding/json"
	"io/fs"
	"os"
	"path"
	"slices"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/google/go-cmp/cmp"

	"guides/internal/diag"
)

// demoDir is where the test samples live in their MapFS.
const demoDir = "samples/demo"

// demoYAML and demoPublic are the demo sample's sample.yaml and
// tests/public.yaml. Their line numbers matter: the cases below edit them and
// expect problems at those lines.
const (
	demoYAML = `id: demo
title: {en: Demo, it: Esempio}
summary: {en: A demo sample., it: Un esempio.}
languages: [python, go]
limits: {time_ms: 1000, memory_mb: 64}
compare: exact
`
	demoPublic = `- name: one
  input: {n: 1}
  expected: 2
- name: two
  input: {n: 2}
  expected: 3
`
)

// demoFiles returns a small valid sample in python and go with every file
// present, under demoDir.
func demoFiles() fstest.MapFS {
	files := map[string]string{
		"sample.yaml":        demoYAML,
		"statement.en.md":    "Add one.\n",
		"statement.it.md":    "Aggiungi uno.\n",
		"tests/public.yaml":  demoPublic,
		"tests/hidden.yaml":  "- name: {en: zero, it: nessuno}\n  input: {n: 0}\n  expected: 1\n",
		"python/starter.py":  "def add_one(n):\n    return 0\n",
		"python/solution.py": "def add_one(n):\n    return n + 1\n",
		"python/harness.py":  "import candidate\n",
		"go/starter.go":      "package main\n",
		"go/solution.go":     "package main\n\nfunc AddOne(n int) int { return n + 1 }\n",
		"go/harness.go":      "package main\n\nfunc main() {}\n",
	}
	fsys := fstest.MapFS{}
	for name, text := range files {
		fsys[path.Join(demoDir, name)] = &fstest.MapFile{Data: []byte(text)}
	}
	return fsys
}

// problem is an expected diagnostic: its file (relative to the sample), its
// line (0 when the file as a whole is meant) and a part of its message.
type problem struct {
	file string
	line int
	msg  string
}

func TestLoadReportsProblemsAtTheirPosition(t *testing.T) {
	tests := []struct {
		name   string
		set    map[string]string // files to add or replace, relative to the sample
		remove []string          // files to delete, relative to the sample
		want   []problem
	}{
		{name: "a valid sample"},
		{
			name: "unknown field in sample.yaml",
			set:  map[string]string{"sample.yaml": strings.Replace(demoYAML, "compare: exact\n", "compare: exact\nentry: main\n", 1)},
			want: []problem{{"sample.yaml", 7, `unknown field "entry"`}},
		},
		{
			name: "a field's mistake hides no other in the sample",
			set: map[string]string{
				"sample.yaml":       strings.Replace(demoYAML, "compare: exact\n", "compare: fuzzy\nentry: main\n", 1),
				"tests/public.yaml": strings.Replace(demoPublic, "expected: 2", "expectd: 2", 1),
			},
			remove: []string{"go/harness.go"},
			want: []problem{
				{"go/harness.go", 1, "missing file"},
				{"sample.yaml", 6, `compare must be exact or unordered, not "fuzzy"`},
				{"sample.yaml", 7, `unknown field "entry"`},
				{"tests/public.yaml", 3, `unknown field "expectd"`},
			},
		},
		{
			name: "a wrong type is not also reported missing",
			set:  map[string]string{"sample.yaml": strings.Replace(demoYAML, "languages: [python, go]", "languages: python", 1)},
			want: []problem{{"sample.yaml", 4, "field \"languages\" has the wrong type: got text `python`, want a list"}},
		},
		{
			name: "wrong type in sample.yaml",
			set:  map[string]string{"sample.yaml": strings.Replace(demoYAML, "time_ms: 1000", "time_ms: fast", 1)},
			want: []problem{{"sample.yaml", 5, "field \"limits.time_ms\" has the wrong type: got text `fast`, want a whole number"}},
		},
		{
			name: "a list where a map belongs",
			set:  map[string]string{"sample.yaml": strings.Replace(demoYAML, "title: {en: Demo, it: Esempio}", "title: [Demo]", 1)},
			want: []problem{{"sample.yaml", 2, "field \"title\" has the wrong type: got a list, want a mapping"}},
		},
		{
			name: "id not matching the directory",
			set:  map[string]string{"sample.yaml": strings.Replace(demoYAML, "id: demo", "id: demo-2", 1)},
			want: []problem{{"sample.yaml", 1, `id "demo-2" does not match the directory name "demo"`}},
		},
		{
			name: "unknown language",
			set:  map[string]string{"sample.yaml": strings.Replace(demoYAML, "[python, go]", "[python, go, rust]", 1)},
			want: []problem{{"sample.yaml", 4, `unknown language "rust"`}},
		},
		{
			name: "language twice",
			set:  map[string]string{"sample.yaml": strings.Replace(demoYAML, "[python, go]", "[python, go, python]", 1)},
			want: []problem{{"sample.yaml", 4, `language "python" listed twice: remove one`}},
		},
		{
			name: "no languages",
			set:  map[string]string{"sample.yaml": strings.Replace(demoYAML, "[python, go]", "[]", 1)},
			want: []problem{{"sample.yaml", 4, "no languages"}},
		},
		{
			name: "zero time limit",
			set:  map[string]string{"sample.yaml": strings.Replace(demoYAML, "time_ms: 1000", "time_ms: 0", 1)},
			want: []problem{{"sample.yaml", 5, "must be positive"}},
		},
		{
			name: "negative memory limit",
			set:  map[string]string{"sample.yaml": strings.Replace(demoYAML, "memory_mb: 64", "memory_mb: -64", 1)},
			want: []problem{{"sample.yaml", 5, "must be positive"}},
		},
		{
			name: "no limits at all",
			set:  map[string]string{"sample.yaml": strings.Replace(demoYAML, "limits: {time_ms: 1000, memory_mb: 64}\n", "", 1)},
			want: []problem{{"sample.yaml", 1, "must be positive"}},
		},
		{
			name: "unknown compare mode",
			set:  map[string]string{"sample.yaml": strings.Replace(demoYAML, "compare: exact", "compare: sorted", 1)},
			want: []problem{{"sample.yaml", 6, `not "sorted"`}},
		},
		{
			name: "missing English title",
			set:  map[string]string{"sample.yaml": strings.Replace(demoYAML, "{en: Demo, it: Esempio}", "{it: Esempio}", 1)},
			want: []problem{{"sample.yaml", 2, "missing title.en"}},
		},
		{
			name: "unknown locale in the summary",
			set:  map[string]string{"sample.yaml": strings.Replace(demoYAML, "it: Un esempio.", "fr: Un exemple.", 1)},
			want: []problem{{"sample.yaml", 3, `unknown locale "fr" in summary`}},
		},
		{
			name:   "missing starter",
			remove: []string{"go/starter.go"},
			want:   []problem{{"go/starter.go", 1, "missing file"}},
		},
		{
			name:   "missing harness",
			remove: []string{"python/harness.py"},
			want:   []problem{{"python/harness.py", 1, "missing file"}},
		},
		{
			name:   "missing solution",
			remove: []string{"python/solution.py"},
			want:   []problem{{"python/solution.py", 1, "missing file"}},
		},
		{
			name: "statement not UTF-8",
			set:  map[string]string{"statement.en.md": "# Demo\n\nLatin-1 caf\xe9.\n"},
			want: []problem{{"statement.en.md", 3, "text is not UTF-8"}},
		},
		{
			name:   "missing English statement",
			remove: []string{"statement.en.md"},
			want:   []problem{{"statement.en.md", 1, "missing English statement"}},
		},
		{
			name:   "a missing Italian statement is allowed",
			remove: []string{"statement.it.md"},
		},
		{
			name:   "missing public tests",
			remove: []string{"tests/public.yaml"},
			want:   []problem{{"tests/public.yaml", 1, "missing file"}},
		},
		{
			name:   "missing hidden tests",
			remove: []string{"tests/hidden.yaml"},
			want:   []problem{{"tests/hidden.yaml", 1, "missing file"}},
		},
		{
			name: "tests file that is a map, not a list",
			set:  map[string]string{"tests/public.yaml": "name: one\ninput: {n: 1}\nexpected: 2\n"},
			want: []problem{{"tests/public.yaml", 1, "wrong type: got a mapping, want a list"}},
		},
		{
			name: "tests file that is a scalar",
			set:  map[string]string{"tests/hidden.yaml": "just some text\n"},
			want: []problem{{"tests/hidden.yaml", 1, "wrong type: got text"}},
		},
		{
			name: "tests file with an empty list",
			set:  map[string]string{"tests/public.yaml": "[]\n"},
			want: []problem{{"tests/public.yaml", 1, "no test cases"}},
		},
		{
			name: "tests file that does not parse",
			set:  map[string]string{"tests/public.yaml": "- name: one\n  input: [1, 2\n"},
			want: []problem{{"tests/public.yaml", 2, "the list opened with [ is not closed"}},
		},
		{
			name: "a case without a name",
			set:  map[string]string{"tests/public.yaml": strings.Replace(demoPublic, "- name: two\n  input", "- input", 1)},
			want: []problem{{"tests/public.yaml", 4, "case 2 without a name"}},
		},
		{
			name: "a case named in Italian only",
			set:  map[string]string{"tests/public.yaml": strings.Replace(demoPublic, "name: two", "name: {it: due}", 1)},
			want: []problem{{"tests/public.yaml", 4, "case 2: its name has no en"}},
		},
		{
			name: "a case named in an unknown locale",
			set:  map[string]string{"tests/public.yaml": strings.Replace(demoPublic, "name: two", "name: {en: two, de: zwei}", 1)},
			want: []problem{{"tests/public.yaml", 4, `case "two": unknown locale "de" in name (known: en, it)`}},
		},
		{
			name: "a case named by a list",
			set:  map[string]string{"tests/public.yaml": strings.Replace(demoPublic, "name: two", "name: [two]", 1)},
			want: []problem{{"tests/public.yaml", 4, `name`}},
		},
		{
			name: "duplicate case names",
			set:  map[string]string{"tests/public.yaml": strings.Replace(demoPublic, "name: two", "name: one", 1)},
			want: []problem{{"tests/public.yaml", 4, `duplicate case name "one"`}},
		},
		{
			name: "unknown case field",
			set:  map[string]string{"tests/public.yaml": strings.Replace(demoPublic, "  expected: 3\n", "  expect: 3\n", 1)},
			want: []problem{{"tests/public.yaml", 6, "expect"}},
		},
		{
			name: "a case without its expected value",
			set:  map[string]string{"tests/hidden.yaml": "- name: zero\n  input: 0\n"},
			want: []problem{{"tests/hidden.yaml", 1, `case "zero": missing field "expected" (write expected: null for none)`}},
		},
		{
			name: "a case without its input, or its expected value",
			set:  map[string]string{"tests/public.yaml": "- name: nothing\n"},
			want: []problem{
				{"tests/public.yaml", 1, `case "nothing": missing field "expected"`},
				{"tests/public.yaml", 1, `case "nothing": missing field "input"`},
			},
		},
		{
			name: "null is a value",
			set:  map[string]string{"tests/hidden.yaml": "- name: zero\n  input: null\n  expected: ~\n"},
		},
		{
			name: "a case that is not a map",
			set:  map[string]string{"tests/hidden.yaml": "- zero\n"},
			want: []problem{{"tests/hidden.yaml", 1, "zero"}},
		},
		{
			name: "input that JSON cannot carry",
			set:  map[string]string{"tests/hidden.yaml": "- name: zero\n  input: .inf\n  expected: 1\n"},
			want: []problem{{"tests/hidden.yaml", 1, `case "zero": not representable as JSON`}},
		},
		{
			name: "one problem does not hide the next",
			set: map[string]string{
				"sample.yaml":       strings.Replace(demoYAML, "id: demo", "id: other", 1),
				"tests/public.yaml": strings.Replace(demoPublic, "name: two", "name: one", 1),
			},
			remove: []string{"go/harness.go"},
			want: []problem{
				{"go/harness.go", 1, "missing file"},
				{"sample.yaml", 1, "does not match"},
				{"tests/public.yaml", 4, "duplicate case name"},
			},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			fsys := demoFiles()
			for name, text := range tt.set {
				fsys[path.Join(demoDir, name)] = &fstest.MapFile{Data: []byte(text)}
			}
			for _, name := range tt.remove {
				delete(fsys, path.Join(demoDir, name))
			}
			s, errs := Load(fsys, demoDir, Options{Secrets: true})
			checkProblems(t, demoDir, errs, tt.want)
			// Only a sample.yaml that cannot be read or decoded leaves no sample.
			if s == nil && !slices.ContainsFunc(errs, func(e *diag.Error) bool {
				return e.Pos.File == path.Join(demoDir, "sample.yaml")
			}) {
				t.Errorf("Load returned no sample, yet sample.yaml has no problem")
			}
		})
	}
}

// checkProblems reports a test failure unless errs holds exactly the wanted
// problems, each at its file (relative to dir) and line with its message.
func checkProblems(t *testing.T, dir string, errs diag.List, want []problem) {
	t.Helper()
	got := slices.Clone(errs).Sort()
	if len(got) != len(want) {
		t.Fatalf("got %d problems, want %d:\n%v", len(got), len(want), got)
	}
	for i, w := range want {
		g := got[i]
		file := path.Join(dir, w.file)
		if g.Pos.File != file || g.Pos.Line != w.line || !strings.Contains(g.Msg, w.msg) {
			t.Errorf("problem %d = %v, want %s:%d: …%s…", i, g, file, w.line, w.msg)
		}
	}
}

// TestLoadEmptyTestsFile wants an empty or comment-only tests file reported
// like an empty list, at line 1. The YAML decoder rejects a stream with no
// document before the loader's own "no test cases" check can run, so today the
// problem reads "yaml: no documents in stream" and has no line.
func TestLoadEmptyTestsFile(t *testing.T) {
	for _, src := range []string{"", "# cases to come\n"} {
		fsys := demoFiles()
		fsys[path.Join(demoDir, "tests/public.yaml")] = &fstest.MapFile{Data: []byte(src)}
		_, errs := Load(fsys, demoDir, Options{})
		checkProblems(t, demoDir, errs, []problem{{"tests/public.yaml", 1, "no test cases"}})
	}
}

// TestCaseProblemsSpeakTheEditorsLanguage wants problems inside a case worded
// like those of sample.yaml ("unknown field", "wrong type"), a wrong type
// placed in its case and field.
func TestCaseProblemsSpeakTheEditorsLanguage(t *testing.T) {
	tests := []struct {
		name, hidden string
		want         problem
	}{
		{"unknown field", "- name: zero\n  expect: 1\n", problem{"tests/hidden.yaml", 2, `unknown field "expect"`}},
		{"wrong type", "- zero\n", problem{"tests/hidden.yaml", 1, "case 1 has the wrong type: got text `zero`, want a mapping of fields (name: ..., input: ..., expected: ...)"}},
		{"name that is a list", "- name: [a, b]\n", problem{"tests/hidden.yaml", 1, "case 1: field \"name\" has the wrong type: got a list, want text"}},
		{"second case's input", "- name: a\n  input: 1\n  expected: 1\n- name: [b]\n", problem{"tests/hidden.yaml", 4, "case 2: field \"name\" has the wrong type"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			fsys := demoFiles()
			fsys[path.Join(demoDir, "tests/hidden.yaml")] = &fstest.MapFile{Data: []byte(tt.hidden)}
			_, errs := Load(fsys, demoDir, Options{Secrets: true})
			checkProblems(t, demoDir, errs, []problem{tt.want})
		})
	}
}

func TestLoadWithoutSampleYAML(t *testing.T) {
	fsys := demoFiles()
	delete(fsys, path.Join(demoDir, "sample.yaml"))
	s, errs := Load(fsys, demoDir, Options{})
	if s != nil {
		t.Errorf("Load without sample.yaml returned a sample: %+v", s)
	}
	checkProblems(t, demoDir, errs, []problem{{"sample.yaml", 1, "missing file"}})
}

func TestLoadWithoutSecretsStillRequiresHiddenCases(t *testing.T) {
	fsys := demoFiles()
	delete(fsys, path.Join(demoDir, "tests/hidden.yaml"))
	_, errs := Load(fsys, demoDir, Options{})
	checkProblems(t, demoDir, errs, []problem{{"tests/hidden.yaml", 1, "missing hidden test cases"}})
}

// recordingFS is an fs.FS that remembers which files were opened or read.
// Stat is not a read: it tells whether a file exists without its contents.
type recordingFS struct {
	fsys fstest.MapFS
	read map[string]bool
}

var (
	_ fs.ReadFileFS = recordingFS{}
	_ fs.StatFS     = recordingFS{}
)

func (r recordingFS) Open(name string) (fs.File, error) {
	r.read[name] = true
	return r.fsys.Open(name)
}

func (r recordingFS) ReadFile(name string) ([]byte, error) {
	r.read[name] = true
	return r.fsys.ReadFile(name)
}

func (r recordingFS) Stat(name string) (fs.FileInfo, error) { return r.fsys.Stat(name) }

func TestLoadWithoutSecretsNeverReadsThem(t *testing.T) {
	fsys := recordingFS{fsys: demoFiles(), read: map[string]bool{}}
	s, errs := Load(fsys, demoDir, Options{Secrets: false})
	if len(errs) != 0 {
		t.Fatalf("Load: %v", errs)
	}
	if s.Hidden != nil {
		t.Errorf("Hidden = %v, want nil without Secrets", s.Hidden)
	}
	for lang, code := range s.Code {
		if code.Solution != "" {
			t.Errorf("Code[%q].Solution = %q, want empty without Secrets", lang, code.Solution)
		}
		if code.Starter == "" || code.Harness == "" {
			t.Errorf("Code[%q] = %+v, want its starter and harness", lang, code)
		}
	}
	for name := range fsys.read {
		if strings.HasSuffix(name, "/tests/hidden.yaml") || strings.Contains(path.Base(name), "solution.") {
			t.Errorf("Load without Secrets read %s", name)
		}
	}
	if len(s.Public) != 2 {
		t.Errorf("len(Public) = %d, want 2", len(s.Public))
	}
}

func TestLoadWithSecretsReadsEverything(t *testing.T) {
	s, errs := Load(demoFiles(), demoDir, Options{Secrets: true})
	if len(errs) != 0 {
		t.Fatalf("Load: %v", errs)
	}
	want := &Sample{
		ID:        "demo",
		Dir:       demoDir,
		Title:     map[string]string{"en": "Demo", "it": "Esempio"},
		Summary:   map[string]string{"en": "A demo sample.", "it": "Un esempio."},
		Languages: []string{"python", "go"},
		Limits:    Limits{TimeMS: 1000, MemoryMB: 64},
		Compare:   "exact",
		Statements: map[string]string{
			"en": "Add one.\n",
			"it": "Aggiungi uno.\n",
		},
		Public: []Case{
			{Name: "one", Input: map[string]any{"n": 1.0}, Expected: 2.0, Line: 1},
			{Name: "two", Input: map[string]any{"n": 2.0}, Expected: 3.0, Line: 4},
		},
		Hidden: []Case{{Name: "zero", Names: map[string]string{"en": "zero", "it": "nessuno"}, Input: map[string]any{"n": 0.0}, Expected: 1.0, Line: 1}},
		Code: map[string]Code{
			"python": {
				Starter:  "def add_one(n):\n    return 0\n",
				Solution: "def add_one(n):\n    return n + 1\n",
				Harness:  "import candidate\n",
			},
			"go": {
				Starter:  "package main\n",
				Solution: "package main\n\nfunc AddOne(n int) int { return n + 1 }\n",
				Harness:  "package main\n\nfunc main() {}\n",
			},
		},
	}
	if diff := cmp.Diff(want, s); diff != "" {
		t.Errorf("Load mismatch (-want +got):\n%s", diff)
	}
}

func TestLoadAll(t *testing.T) {
	fsys := demoFiles()
	for name, f := range demoFiles() {
		other := strings.Replace(name, demoDir, "samples/other", 1)
		fsys[other] = &fstest.MapFile{Data: f.Data}
	}
	fsys["samples/README.md"] = &fstest.MapFile{Data: []byte("not a sample\n")}
	samples, errs := LoadAll(fsys, "samples", Options{})
	checkProblems(t, "samples/other", errs, []problem{{"sample.yaml", 1, `id "demo" does not match the directory name "other"`}})
	if got := len(samples); got != 2 {
		t.Errorf("LoadAll found %d samples, want 2 (a bad one is still returned)", got)
	}

	none, errs := LoadAll(fsys, "nowhere", Options{})
	if len(none) != 0 || len(errs) != 0 {
		t.Errorf("LoadAll of a missing root = %v, %v; want no samples and no problems", none, errs)
	}
}

func TestEqual(t *testing.T) {
	// decode parses JSON as the runner does, numbers as json.Number.
	decode := func(s string) any {
		d := json.NewDecoder(strings.NewReader(s))
		d.UseNumber()
		var v any
		if err := d.Decode(&v); err != nil {
			t.Fatalf("decode %s: %v", s, err)
		}
		return v
	}
	tests := []struct {
		compare, expected, actual string
		want                      bool
	}{
		{"exact", `[true, false]`, `[true, false]`, true},
		{"exact", `[true, false]`, `[false, true]`, false},
		{"exact", `2`, `2.0`, true},
		{"exact", `2`, `2.5`, false},
		{"exact", `2`, `"2"`, false},
		{"exact", `1`, `true`, false},
		{"exact", `null`, `[]`, false},
		{"exact", `[]`, `[]`, true},
		{"exact", `{"id": 1, "email": "a"}`, `{"email": "a", "id": 1.0}`, true},
		{"exact", `{"id": 1}`, `{"id": 1, "extra": null}`, false},
		{"exact", `[{"p50": 1e2}]`, `[{"p50": 100}]`, true},
		{"", `[1, 2]`, `[2, 1]`, false},
		{"unordered", `[1, 2, 2]`, `[2, 1, 2]`, true},
		{"unordered", `[1, 2, 2]`, `[2, 1, 1]`, false},
		{"unordered", `[1, 2]`, `[1, 2, 2]`, false},
		{"unordered", `[{"id": 1}, {"id": 2.0}]`, `[{"id": 2}, {"id": 1}]`, true},
		{"unordered", `[[1, 2]]`, `[[2, 1]]`, false},
		{"unordered", `3`, `3.0`, true},
		{"unordered", `[]`, `null`, false},
	}
	for _, tt := range tests {
		got := Equal(tt.compare, decode(tt.expected), decode(tt.actual))
		if got != tt.want {
			t.Errorf("Equal(%q, %s, %s) = %v, want %v", tt.compare, tt.expected, tt.actual, got, tt.want)
		}
	}
}

// TestEqualLoadedExpected checks that expected values as the loader stores
// them match results as the runner decodes them.
func TestEqualLoadedExpected(t *testing.T) {
	fsys := demoFiles()
	fsys[path.Join(demoDir, "tests/public.yaml")] = &fstest.MapFile{Data: []byte(`- name: rows
  input: {}
  expected: [{id: 1, email: a@example.com, score: 2.5, ok: true, note: null}]
`)}
	s, errs := Load(fsys, demoDir, Options{})
	if len(errs) != 0 {
		t.Fatalf("Load: %v", errs)
	}
	d := json.NewDecoder(strings.NewReader(`[{"note": null, "ok": true, "score": 2.50, "email": "a@example.com", "id": 1}]`))
	d.UseNumber()
	var actual any
	if err := d.Decode(&actual); err != nil {
		t.Fatal(err)
	}
	if !Equal(s.Compare, s.Public[0].Expected, actual) {
		t.Errorf("Equal(%v, %v) = false, want true", s.Public[0].Expected, actual)
	}
}

// TestRealSamples loads every sample under content/samples with its secrets:
// the content the site and the runner ship must load without a problem.
func TestRealSamples(t *testing.T) {
	fsys := os.DirFS("../../content")
	samples, errs := LoadAll(fsys, "samples", Options{Secrets: true})
	for _, e := range errs {
		t.Errorf("%v", e)
	}
	if len(samples) < 4 {
		t.Errorf("found %d samples, want at least 4", len(samples))
	}
	for id, s := range samples {
		for _, loc := range Locales {
			if strings.TrimSpace(s.Statements[loc]) == "" {
				t.Errorf("%s: no %s statement", id, loc)
			}
			if s.Title[loc] == "" || s.Summary[loc] == "" {
				t.Errorf("%s: no %s title or summary", id, loc)
			}
		}
		if n := len(s.Public); n < 3 || n > 6 {
			t.Errorf("%s: %d public cases, want 3 to 6", id, n)
		}
		if n := len(s.Hidden); n < 5 || n > 12 {
			t.Errorf("%s: %d hidden cases, want 5 to 12", id, n)
		}
		for _, lang := range s.Languages {
			code := s.Code[lang]
			if code.Starter == "" || code.Solution == "" || (lang != "sql") != (code.Harness != "") {
				t.Errorf("%s/%s: starter, solution or harness missing or unexpected", id, lang)
			}
		}
	}
}

// TestIDIsASlug: the pages name a try panel's elements after its sample's
// id with "--" between, so an id with dots, capitals or double dashes could
// make two elements of one page share an ID.
func TestIDIsASlug(t *testing.T) {
	for _, id := range []string{"db.text", "Rate-limiter", "a--b"} {
		fsys := fstest.MapFS{}
		for name, f := range demoFiles() {
			data := f.Data
			if strings.HasSuffix(name, "sample.yaml") {
				data = []byte(strings.Replace(string(data), "id: demo", "id: "+id, 1))
			}
			fsys[strings.Replace(name, demoDir, "samples/"+id, 1)] = &fstest.MapFile{Data: data}
		}
		_, errs := Load(fsys, "samples/"+id, Options{})
		checkProblems(t, "samples/"+id, errs, []problem{{"sample.yaml", 1, `id "` + id + `" is not a slug: use lowercase letters and digits, with single dashes between words, e.g. rate-limiter`}})
	}
}
