package judge

import (
	"strings"
	"testing"

	"guides/runner-worker/internal/sandbox"
)

// fixtures are this package's tiny samples: double (python, javascript,
// go: return twice n) and rows (sql: names ordered by id).
const fixtures = "testdata/samples"

func TestVerdicts(t *testing.T) {
	samples := loadSamples(t, fixtures)
	j := New(DefaultToolchain())
	tests := map[string][]struct {
		name   string
		code   string
		want   Verdict
		output string // in the compile output, or the first failing case's error
		ran    ran    // whether every case ran
	}{
		"python": {
			{"accepted", "def double(n):\n    return 2 * n\n", Accepted, "", all},
			{"wrong answer", "def double(n):\n    return n\n", WrongAnswer, "", all},
			{"exception in a case", "def double(n):\n    raise ValueError('boom')\n", RuntimeError, "ValueError: boom", all},
			{"exit at import", "import sys\nsys.exit(3)\n", RuntimeError, "", some},
			{"syntax error", "def double(n) return n\n", CompileError, "SyntaxError", all},
			{"infinite loop", "def double(n):\n    while True: pass\n", TimeLimitExceeded, "", some},
			{"memory bomb", "def double(n):\n    x = bytearray(1 << 30)\n    return len(x)\n", MemoryLimitExceeded, "", either}, // MemoryError: the harness reports it and goes on
			{"output flood", "def double(n):\n    while True: print('x' * 1000)\n", OutputLimitExceeded, "", some},
		},
		"javascript": {
			{"accepted", "exports.double = (n) => 2 * n;\n", Accepted, "", all},
			{"wrong answer", "exports.double = (n) => n + 1;\n", WrongAnswer, "", all},
			{"exception in a case", "exports.double = () => { throw new Error('boom'); };\n", RuntimeError, "Error: boom", all},
			{"exit at load", "process.exit(3);\n", RuntimeError, "", some},
			{"syntax error", "exports.double = (n) => {;\n", CompileError, "SyntaxError", all},
			{"infinite loop", "exports.double = () => { for (;;) {} };\n", TimeLimitExceeded, "", some},
			{"memory bomb", "exports.double = () => { const a = []; for (;;) a.push(new Array(1e6).fill(1)); };\n", MemoryLimitExceeded, "", some},
			{"memory bomb of buffers", "exports.double = () => { const a = []; for (;;) { const b = Buffer.alloc(64 << 20); b.fill(1); a.push(b); } };\n", MemoryLimitExceeded, "", either}, // the harness reports the RangeError and goes on
			{"output flood", "exports.double = () => { for (;;) console.log('x'.repeat(1000)); };\n", OutputLimitExceeded, "", some},
		},
		"go": {
			{"accepted", "package main\n\nfunc Double(n int) int { return 2 * n }\n", Accepted, "", all},
			{"wrong answer", "package main\n\nfunc Double(n int) int { return -n }\n", WrongAnswer, "", all},
			{"panic in a case", "package main\n\nfunc Double(n int) int { panic(\"boom\") }\n", RuntimeError, "panic: boom", all},
			{"exit at init", "package main\n\nimport \"os\"\n\nfunc init() { os.Exit(3) }\n\nfunc Double(n int) int { return 2 * n }\n", RuntimeError, "", some},
			{"syntax error", "package main\n\nfunc Double(n int) int { return 2 * }\n", CompileError, "candidate.go:3", all},
			{"compile-time bomb", "package main\n\nvar x = [...]byte{1 << 33: 1}\n\nfunc Double(n int) int { return int(x[0]) }\n", CompileError, "", all},
			{"infinite loop", "package main\n\nfunc Double(n int) int {\n\tfor {\n\t}\n}\n", TimeLimitExceeded, "", some},
			{"memory bomb", "package main\n\nfunc Double(n int) int {\n\tb := make([]byte, 1<<30)\n\tfor i := range b {\n\t\tb[i] = 1\n\t}\n\treturn int(b[n])\n}\n", MemoryLimitExceeded, "", some},
			{"output flood", "package main\n\nimport \"fmt\"\n\nfunc Double(n int) int {\n\tfor {\n\t\tfmt.Println(\"xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx\")\n\t}\n}\n", OutputLimitExceeded, "", some},
		},
		"sql": {
			{"accepted", "SELECT name FROM t ORDER BY id;", Accepted, "", all},
			{"wrong answer", "SELECT name FROM t ORDER BY id DESC;", WrongAnswer, "", all},
			{"syntax error", "SELEC name FROM t;", CompileError, "syntax error", all},
			{"runtime error", "SELECT name FROM t ORDER BY id; SELECT abs(-9223372036854775807 - 1);", RuntimeError, "integer overflow", all},
			{"endless query", "WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c) SELECT count(*) FROM c;", TimeLimitExceeded, "", some}, // the case killed ends the run
			{"memory bomb", "SELECT length(hex(zeroblob(400000000)));", MemoryLimitExceeded, "", all},
			{"output flood", "WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c) SELECT x AS name FROM c;", OutputLimitExceeded, "", some},
			{"shell escape", ".shell echo pwned\nSELECT name FROM t ORDER BY id;", RuntimeError, "", all},
			{"file system function", "SELECT name FROM \"FSDIR\"('/usr/local/etc');", CompileError, "fsdir() reads the file system", all},
		},
	}
	sampleOf := map[string]string{"python": "double", "javascript": "double", "go": "double", "sql": "rows"}
	for lang, cases := range tests {
		t.Run(lang, func(t *testing.T) {
			t.Parallel()
			needToolchain(t, j.tc, lang)
			slot := newSlot(t)
			s := samples[sampleOf[lang]]
			// A memory bomb gets time enough that, on a machine loaded with
			// other tests, memory ends it, not the clock: growing a heap to
			// its limit is garbage collection and page faults on its time.
			roomy := *s
			roomy.Limits.TimeMS = 5000
			for _, tt := range cases {
				s := s
				if strings.HasPrefix(tt.name, "memory bomb") {
					s = &roomy
				}
				rep, err := j.Run(t.Context(), slot, Request{Sample: s, Language: lang, Code: tt.code, Mode: ModeRun})
				if err != nil {
					t.Fatalf("%s: %v", tt.name, err)
				}
				if rep.Verdict != tt.want {
					t.Errorf("%s: verdict %s, want %s; tests %+v; compile output %q; stderr %q", tt.name, rep.Verdict, tt.want, rep.Tests, rep.CompileOutput, clipText(rep.Stderr))
					continue
				}
				if tt.ran != either && tt.want != CompileError && (len(rep.Tests) == len(s.Public)) != (tt.ran == all) {
					t.Errorf("%s: %d tests of %d cases", tt.name, len(rep.Tests), len(s.Public))
				}
				if tt.output != "" && !strings.Contains(rep.CompileOutput+firstError(rep), tt.output) {
					t.Errorf("%s: compile output %q and error %q do not mention %q", tt.name, rep.CompileOutput, firstError(rep), tt.output)
				}
			}
		})
	}
}

// ran says how many of a run's cases ran.
type ran int

const (
	all    ran = iota // every case ran
	some              // the run died in one: later cases are absent
	either            // depends on timing
)

func firstError(r Report) string {
	for _, t := range r.Tests {
		if t.Error != "" {
			return t.Error
		}
	}
	return ""
}

func clipText(s string) string {
	if len(s) > 200 {
		return s[:200] + "..."
	}
	return s
}

// What Go's runtime prints when it faults inside itself: on a span queue's
// ring it could not map, as in a memory bomb's run in CI, and elsewhere; and
// what it prints when the program dereferences nil.
const (
	goSpanQueueFault = "SIGSEGV: segmentation violation\nPC=0x4319dd m=3 sigcode=1 addr=0x0\n\ngoroutine 0 gp=0x2ff68ffb4f00 m=3 mp=0x2ff68ffe3008 [idle]:\nruntime.(*spanQueue).tryDrain(0x2ff600000400?, 0x43a165?, 0x5e5008?)\n"
	goRuntimeFault   = "SIGSEGV: segmentation violation\nPC=0x41a2b3 m=2 sigcode=1 addr=0x18\n\ngoroutine 0 gp=0x17c9b3b5cf00 m=2 [idle]:\nruntime.scanobject(0x17c9b3b00000, 0x17c9b3a2f750)\n"
	goNilPanic       = "panic: runtime error: invalid memory address or nil pointer dereference\n[signal SIGSEGV: segmentation violation code=0x1 addr=0x0 pc=0x47e0a5]\n\ngoroutine 1 [running]:\n"
)

// TestDeathAtTheMemoryCeiling: a run that crashed with its memory at the
// limit ran out of memory, whatever its runtime said (Go's can die of
// SIGSEGV), and so did one whose runtime faulted with half of it used, or
// faulted on a span queue it could not map; one that crashed otherwise well
// under it did not.
func TestDeathAtTheMemoryCeiling(t *testing.T) {
	const limit = 64 << 20
	for _, tc := range []struct {
		peak   int64
		want   Verdict
		stderr string
	}{
		{limit, MemoryLimitExceeded, ""},
		{limit * 95 / 100, MemoryLimitExceeded, ""},
		{limit / 2, RuntimeError, ""},
		{limit * 6 / 10, MemoryLimitExceeded, goRuntimeFault},
		{limit / 4, RuntimeError, goRuntimeFault},
		{limit / 4, MemoryLimitExceeded, goSpanQueueFault},
		{0, MemoryLimitExceeded, goSpanQueueFault},
		{limit * 6 / 10, RuntimeError, goNilPanic},
	} {
		c := caseJudge{memory: limit, stderr: tc.stderr, res: sandbox.Result{Status: sandbox.StatusCrashed, PeakMemory: tc.peak}}
		if got := c.death(); got != tc.want {
			t.Errorf("crashed at %d of %d bytes, stderr %.40q: %s, want %s", tc.peak, limit, tc.stderr, got, tc.want)
		}
	}
}

// TestDeathOfARuntimeOutOfMemory: a runtime that says it ran out of memory
// did, though collecting on every core took it over its CPU time (V8), and
// whether it says so in the words of its heap or of its C++ code.
func TestDeathOfARuntimeOutOfMemory(t *testing.T) {
	oom := []string{"heap out of memory", "std::bad_alloc"}
	for _, tc := range []struct {
		stderr  string
		overCPU bool
		want    Verdict
	}{
		{"FATAL ERROR: Reached heap limit Allocation failed - JavaScript heap out of memory", true, MemoryLimitExceeded},
		{"terminate called after throwing an instance of 'std::bad_alloc'\n  what():  std::bad_alloc", false, MemoryLimitExceeded},
		{"Error: boom", true, TimeLimitExceeded},
		{"Error: boom", false, RuntimeError},
	} {
		c := caseJudge{oom: oom, overCPU: tc.overCPU, stderr: tc.stderr, res: sandbox.Result{Status: sandbox.StatusCrashed}}
		if got := c.death(); got != tc.want {
			t.Errorf("stderr %.40q, over CPU %v: %s, want %s", tc.stderr, tc.overCPU, got, tc.want)
		}
	}
}
