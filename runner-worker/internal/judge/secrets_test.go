package judge

import (
	"encoding/json"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"guides/internal/sample"
	"guides/runner-worker/internal/leakcheck"
)

// TestHiddenCasesStayHidden checks that nothing a hidden case holds or
// makes leaves the judge: its input and expected value, the program's
// output and errors while it ran, and its actual value.
func TestHiddenCasesStayHidden(t *testing.T) {
	s := loadSamples(t, fixtures)["double"]
	needToolchain(t, DefaultToolchain(), "python")
	slot := newSlot(t)
	j := New(DefaultToolchain())
	tests := []struct {
		name, code string
		want       Verdict
	}{
		{"prints its inputs", "import sys\ndef double(n):\n    print('saw', n)\n    print('saw', n, file=sys.stderr)\n    return 2 * n\n", Accepted},
		{"wrong on hidden", "def double(n):\n    return 2 * n if abs(n) < 100 else n\n", WrongAnswer},
		{"raises with its input", "def double(n):\n    if abs(n) < 100:\n        return 2 * n\n    raise ValueError('input was %d' % n)\n", RuntimeError},
		{"crashes with its input", "import sys, os\ndef double(n):\n    if abs(n) < 100:\n        return 2 * n\n    print(n, file=sys.stderr)\n    os._exit(1)\n", RuntimeError},
	}
	for _, tt := range tests {
		rep, err := j.Run(t.Context(), slot, Request{Sample: s, Language: "python", Code: tt.code, Mode: ModeSubmit})
		if err != nil {
			t.Fatalf("%s: %v", tt.name, err)
		}
		if rep.Verdict != tt.want {
			t.Errorf("%s: verdict %s, want %s", tt.name, rep.Verdict, tt.want)
		}
		hidden := 0
		for _, tc := range rep.Tests {
			if !tc.Hidden {
				continue
			}
			hidden++
			if tc.Input != nil || tc.Expected != nil || tc.Actual != nil || tc.Error != "" {
				t.Errorf("%s: hidden case %q carries %+v", tt.name, tc.Name, tc)
			}
		}
		if hidden == 0 {
			t.Errorf("%s: no hidden case ran", tt.name)
		}
		assertNoSecrets(t, tt.name, rep, s)
	}
}

// assertNoSecrets fails if the report, as JSON, contains any of the
// sample's secrets.
func assertNoSecrets(t *testing.T, what string, rep Report, s *sample.Sample) {
	t.Helper()
	b, err := json.Marshal(rep)
	if err != nil {
		t.Fatal(err)
	}
	if found := leakcheck.Find(string(b), leakcheck.Secrets(s)); len(found) > 0 {
		t.Errorf("%s: the report gives away %q", what, found)
	}
}

// snoop is a Python candidate for the rate-limiter sample that looks for the
// sample's secrets on every path it can think of, and hands back whatever it
// found as its answer, on stdout and on stderr.
const snoop = `import os, sys
found = []
def grab(p):
    try:
        with open(p, errors="replace") as f:
            found.append(p + ": " + f.read(2000))
    except Exception as e:
        pass
for p in sys_paths:
    grab(p)
for root, dirs, files in os.walk("/"):
    dirs[:] = [d for d in dirs if os.path.join(root, d) not in ("/usr", "/proc", "/sys", "/dev")]
    for f in files:
        grab(os.path.join(root, f))
for p in ["/proc/1/environ", "/proc/self/environ", "/proc/1/cmdline"]:
    grab(p)
text = "\n".join(found)
print(text[:200000], file=sys.stderr)
print(text[:200000])

class Limiter:
    def __init__(self, rate, burst):
        pass
    def allow(self, now):
        return text
`

// TestCandidateCannotReadSecrets runs a snooping candidate against every
// real sample in Python (the language every sample's harness tolerates an
// odd answer from) and checks that its report gives nothing away.
func TestCandidateCannotReadSecrets(t *testing.T) {
	samples := loadSamples(t, samplesDir)
	needToolchain(t, DefaultToolchain(), "python")
	slot := newSlot(t)
	j := New(DefaultToolchain())
	abs, err := filepath.Abs(samplesDir)
	if err != nil {
		t.Fatal(err)
	}
	var paths []string
	for id, s := range samples {
		paths = append(paths, filepath.Join(abs, id, "tests", "hidden.yaml"))
		for _, lang := range s.Languages {
			ext, _ := sample.Ext(lang)
			paths = append(paths, filepath.Join(abs, id, lang, "solution."+ext))
		}
	}
	pathsPy, _ := json.Marshal(paths)
	code := "sys_paths = " + string(pathsPy) + "\n" + snoop
	for _, id := range sortedIDs(samples) {
		s := samples[id]
		lang := "python"
		if !slices.Contains(s.Languages, lang) {
			continue
		}
		rep, err := j.Run(t.Context(), slot, Request{Sample: s, Language: lang, Code: code, Mode: ModeSubmit})
		if err != nil {
			t.Fatalf("%s: %v", id, err)
		}
		if !strings.Contains(rep.Stderr, "/proc/1/environ") {
			t.Errorf("%s: the snoop did not run: %s %q", id, rep.Verdict, rep.Stderr)
		}
		for _, other := range samples {
			assertNoSecrets(t, id, rep, other)
		}
	}
}
