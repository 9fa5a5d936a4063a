package judge

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"slices"
	"strconv"
	"time"

	"guides/internal/sample"
	"guides/runner-worker/internal/sandbox"
)

// language knows how to build and run one language's programs.
type language interface {
	// prepare turns the candidate's code into a program, compiling it in a
	// sandbox of its own where the language needs it.
	prepare(ctx context.Context, r Runner, s *sample.Sample, code string) (sandbox.Spec, compileResult, error)
	// cases completes the program's spec for running cases.
	cases(prog sandbox.Spec, s *sample.Sample, cases []sample.Case) (sandbox.Spec, error)
	// outcomes reads what a finished run said about its n cases.
	outcomes(res sandbox.Result, n int) outcomes
	// overhead is the time beyond the sample's limit a run of n cases may
	// take: starting the runtime, and for SQL a shell per case.
	overhead(n int) time.Duration
	// eachProcess reports whether the runtime reports a failed allocation
	// (rather than crash), so runs may bound each process's memory
	// (sandbox.Limits.EachProcess).
	eachProcess() bool
	// outOfMemory lists texts in which the runtime says it ran out of memory:
	// how running out is told apart from crashing where no memory cgroup
	// counts OOM kills.
	outOfMemory() []string
}

// compileResult is the outcome of a compilation; failed is a verdict, not an
// error.
type compileResult struct {
	failed bool
	output string
}

// outcomes is what a run said about its cases.
type outcomes struct {
	cases  []outcome // in order; the cases the run never reached are absent
	stderr []byte    // what the program wrote to stderr, for the candidate
	syntax string    // non-empty: the code does not parse, and this says why
}

// outcome is what a run said about one case.
type outcome struct {
	present bool
	actual  any
	err     string
	killed  bool          // the case's process was killed: the run's limits explain it
	at      time.Duration // since the command started
}

// exitSyntaxError is the status with which the launchers of interpreted
// languages report that the candidate's code does not parse.
const exitSyntaxError = 97

func (j *Judge) language(name string) (language, error) {
	switch name {
	case "python":
		return harnessed{
			name:  "python",
			files: []string{"harness.py", "candidate.py"}, launcher: "launch.py", launch: pythonLauncher,
			argv: []string{j.tc.Python, "-E", "-s", "-B", "launch.py"}, start: 300 * time.Millisecond,
			oom: []string{"MemoryError"},
		}, nil
	case "javascript":
		return harnessed{
			name:  "javascript",
			files: []string{"harness.js", "candidate.js"}, launcher: "launch.js", launch: nodeLauncher,
			argv: []string{j.tc.Node, "launch.js"}, start: 500 * time.Millisecond,
			// Node's own C++ code, short of memory, aborts with std::bad_alloc.
			oom:      []string{"heap out of memory", "Allocation failed", "Out of memory", "std::bad_alloc"},
			heapFlag: "--max-old-space-size=",
		}, nil
	case "go":
		return goLang{tc: j.tc}, nil
	case "sql":
		return sqlLang{tc: j.tc}, nil
	}
	return nil, fmt.Errorf("unsupported language %q", name)
}

// pythonLauncher checks that the candidate's code parses, so that a syntax
// error is a compile error rather than a crash of the harness, says it is
// ready (readyLine, so that the first case's time leaves out the
// interpreter's start), then runs the harness, which imports the
// candidate's module.
const pythonLauncher = `import os, sys
try:
    with open("candidate.py", "rb") as f:
        compile(f.read(), "candidate.py", "exec")
except (SyntaxError, ValueError) as e:
    import traceback
    sys.stderr.write("".join(traceback.format_exception_only(type(e), e)))
    sys.exit(97)
os.write(3, b'{"ready":true}\n')
sys.argv = ["harness.py"]
import runpy
runpy.run_path("harness.py", run_name="__main__")
`

// nodeLauncher does the same for JavaScript, compiling the candidate's file
// as Node compiles a CommonJS module.
const nodeLauncher = `'use strict';
const fs = require('fs');
const vm = require('vm');
// Node writes to a pipe asynchronously: a program printing in a loop would
// queue its output in memory until it ran out, rather than hit the output cap.
for (const s of [process.stdout, process.stderr]) {
  if (s._handle && s._handle.setBlocking) s._handle.setBlocking(true);
}
try {
  vm.compileFunction(fs.readFileSync('candidate.js', 'utf8'),
    ['exports', 'require', 'module', '__filename', '__dirname'], { filename: 'candidate.js' });
} catch (e) {
  if (!(e instanceof SyntaxError)) throw e;
  process.stderr.write(String(e.stack || e) + '\n');
  process.exit(97);
}
fs.writeSync(3, '{"ready":true}\n');
require('./harness.js');
`

// harnessed is an interpreted language whose sample harness calls the
// candidate's module.
type harnessed struct {
	name     string
	files    []string // harness file, candidate file
	launcher string
	launch   string
	argv     []string
	start    time.Duration
	oom      []string
	// heapFlag, when set, is the runtime's flag for its heap's size in MiB,
	// which prepare sets to three quarters of the sample's memory: V8 near
	// its process's limit would collect garbage again and again, for
	// seconds, before it failed; at its own limit it fails at once.
	heapFlag string
}

func (h harnessed) prepare(_ context.Context, _ Runner, s *sample.Sample, code string) (sandbox.Spec, compileResult, error) {
	argv := h.argv
	if h.heapFlag != "" && s.Limits.MemoryMB > 0 {
		argv = slices.Insert(slices.Clone(argv), 1, h.heapFlag+strconv.Itoa(s.Limits.MemoryMB*3/4))
	}
	return sandbox.Spec{
		Argv: argv,
		Files: []sandbox.File{
			{Name: h.files[0], Data: []byte(s.Code[h.name].Harness)},
			{Name: h.files[1], Data: []byte(code)},
			{Name: h.launcher, Data: []byte(h.launch)},
		},
	}, compileResult{}, nil
}

func (h harnessed) cases(prog sandbox.Spec, _ *sample.Sample, cases []sample.Case) (sandbox.Spec, error) {
	return withInputs(prog, cases)
}

func (h harnessed) outcomes(res sandbox.Result, n int) outcomes {
	o := outcomes{cases: lineOutcomes(res, n), stderr: res.Stderr}
	if res.Status == sandbox.StatusCrashed && res.ExitCode == exitSyntaxError && len(res.Lines) == 0 {
		// The launcher found a syntax error before it said it was ready.
		o.syntax = string(res.Stderr)
	}
	return o
}

func (h harnessed) overhead(int) time.Duration { return h.start }
func (h harnessed) outOfMemory() []string      { return h.oom }
func (h harnessed) eachProcess() bool          { return true }

// withInputs gives a harness the cases' inputs, as a JSON array on stdin.
func withInputs(prog sandbox.Spec, cases []sample.Case) (sandbox.Spec, error) {
	inputs := make([]any, len(cases))
	for i, c := range cases {
		inputs[i] = c.Input
	}
	b, err := json.Marshal(inputs)
	if err != nil {
		return prog, fmt.Errorf("encode inputs: %w", err)
	}
	prog.Stdin = b
	return prog, nil
}

// readyLine is what a launcher writes to fd 3 just before the harness runs.
const readyLine = `{"ready":true}`

// lineOutcomes reads the harness protocol: one JSON line per case on fd 3,
// {"actual": value} or {"error": "text"}. A line that is neither is the
// case's error. Times count from the launcher's ready line, if there is one.
func lineOutcomes(res sandbox.Result, n int) []outcome {
	outs := make([]outcome, 0, n)
	lines := res.Lines
	var ready time.Duration
	if len(lines) > 0 && string(lines[0].Data) == readyLine {
		ready, lines = lines[0].At, lines[1:]
	}
	for _, l := range lines {
		if len(outs) == n {
			break
		}
		o := outcome{present: true, at: l.At - ready}
		var msg struct {
			Actual json.RawMessage `json:"actual"`
			Error  *string         `json:"error"`
		}
		switch err := json.Unmarshal(l.Data, &msg); {
		case err != nil:
			o.err = "the harness wrote an unreadable result line"
		case msg.Error != nil:
			o.err = *msg.Error
		default:
			o.actual = decodeValue(msg.Actual)
		}
		outs = append(outs, o)
	}
	return outs
}

// decodeValue decodes JSON as the sample package decodes expected values.
func decodeValue(b []byte) any {
	d := json.NewDecoder(bytes.NewReader(b))
	d.UseNumber()
	var v any
	if d.Decode(&v) != nil {
		return nil
	}
	return v
}
