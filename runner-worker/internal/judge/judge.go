// Package judge runs a candidate's code for a sample against its test cases
// in a sandbox and decides a verdict for each case and for the whole run.
//
// Every case of one kind (public or hidden) runs in one sandboxed process:
// the sample's harness reads all the inputs on stdin, calls the candidate's
// code on each and writes one result line per case to fd 3 (see package
// sample). Expected outputs never enter the sandbox; the judge compares. The
// time a case took is the time between its result line and the one before
// (or the start of the command, for the first case); the sample's time limit
// bounds the CPU time of a whole run. Hidden cases run in a
// sandbox of their own, and nothing they print or raise leaves the judge:
// only their names and verdicts.
//
// A submission runs the public cases, then, only if they all pass, the
// hidden ones.
package judge

import (
	"context"
	"fmt"
	"time"

	"guides/internal/sample"
	"guides/runner-worker/internal/sandbox"
)

// Verdict is the outcome of a case or a run, named as judges name them.
type Verdict string

// The verdicts.
const (
	Accepted            Verdict = "accepted"
	WrongAnswer         Verdict = "wrong_answer"
	TimeLimitExceeded   Verdict = "time_limit_exceeded"
	MemoryLimitExceeded Verdict = "memory_limit_exceeded"
	RuntimeError        Verdict = "runtime_error"
	CompileError        Verdict = "compile_error"
	OutputLimitExceeded Verdict = "output_limit_exceeded"
)

// Mode says which cases to run.
type Mode string

// The modes.
const (
	ModeRun    Mode = "run"    // public cases
	ModeSubmit Mode = "submit" // public cases, then hidden ones if they all pass
)

// Runner runs one program in a sandbox; *sandbox.Slot is one.
type Runner interface {
	Run(ctx context.Context, spec sandbox.Spec) (sandbox.Result, error)
}

var _ Runner = (*sandbox.Slot)(nil)

// Request is one candidate's code to judge.
type Request struct {
	Sample   *sample.Sample
	Language string
	Code     string
	Mode     Mode
}

// Report is the judge's answer. Hidden cases carry only their name, verdict
// and time.
type Report struct {
	Verdict       Verdict
	Tests         []Test
	CompileOutput string
	Stderr        string // of the public run only
}

// Test is the result of one case.
type Test struct {
	Name    string
	Hidden  bool
	Verdict Verdict
	Time    time.Duration
	// Input, Expected, Actual and Error are set for public cases only.
	Input, Expected, Actual any
	Error                   string
}

// Judge runs requests with a toolchain.
type Judge struct {
	tc Toolchain
}

// New returns a judge that uses tc.
func New(tc Toolchain) *Judge { return &Judge{tc: tc} }

// Run judges req in r. A failure of the candidate's code is a verdict in
// the report; an error means the sandbox or the toolchain failed, or ctx
// ended the run.
func (j *Judge) Run(ctx context.Context, r Runner, req Request) (Report, error) {
	lang, err := j.language(req.Language)
	if err != nil {
		return Report{}, err
	}
	s := req.Sample
	prog, compile, err := lang.prepare(ctx, r, s, req.Code)
	if err != nil {
		return Report{}, fmt.Errorf("prepare %s: %w", req.Language, err)
	}
	if compile.failed {
		return Report{Verdict: CompileError, CompileOutput: compile.output}, nil
	}
	rep := Report{CompileOutput: compile.output}
	public, outs, err := j.runCases(ctx, r, lang, prog, s, s.Public, false)
	if err != nil {
		return Report{}, err
	}
	if outs.syntax != "" {
		return Report{Verdict: CompileError, CompileOutput: clip([]byte(outs.syntax))}, nil
	}
	rep.Tests, rep.Stderr = public, clip(outs.stderr)
	if req.Mode == ModeSubmit && allAccepted(public) {
		hidden, _, err := j.runCases(ctx, r, lang, prog, s, s.Hidden, true)
		if err != nil {
			return Report{}, err
		}
		rep.Tests = append(rep.Tests, hidden...)
	}
	rep.Verdict = overall(rep.Tests)
	return rep, nil
}

func allAccepted(tests []Test) bool {
	for _, t := range tests {
		if t.Verdict != Accepted {
			return false
		}
	}
	return true
}

// overall is the verdict of the first case that did not pass.
func overall(tests []Test) Verdict {
	for _, t := range tests {
		if t.Verdict != Accepted {
			return t.Verdict
		}
	}
	return Accepted
}

// maxText bounds the program output a report carries.
const maxText = 32 << 10

func clip(b []byte) string {
	if len(b) <= maxText {
		return string(b)
	}
	return string(b[:maxText]) + "\n… (truncated)"
}
