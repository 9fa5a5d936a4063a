package judge

import (
	"context"
	"fmt"
	"regexp"
	"strings"
	"time"

	"guides/internal/sample"
	"guides/runner-worker/internal/sandbox"
)

// runCases runs cases in one sandbox and judges each. For hidden cases the
// program's output and errors are dropped here, and the tests carry only
// names, verdicts and times.
func (j *Judge) runCases(ctx context.Context, r Runner, lang language, prog sandbox.Spec, s *sample.Sample, cases []sample.Case, hidden bool) ([]Test, outcomes, error) {
	spec, err := lang.cases(prog, s, cases)
	if err != nil {
		return nil, outcomes{}, err
	}
	// The sample's time limit bounds the CPU time of the whole run, plus what
	// the runtime needs to start. Wall time gets twice as much and a margin:
	// enough for a loaded machine, and an end for programs that sleep.
	budget := time.Duration(s.Limits.TimeMS)*time.Millisecond + lang.overhead(len(cases))
	spec.Limits = sandbox.Limits{Wall: 2*budget + 500*time.Millisecond, CPU: budget, Memory: int64(s.Limits.MemoryMB) << 20,
		EachProcess: lang.eachProcess()}
	res, err := r.Run(ctx, spec)
	if err != nil {
		return nil, outcomes{}, fmt.Errorf("run cases: %w", err)
	}
	outs := lang.outcomes(res, len(cases))
	c := &caseJudge{compare: s.Compare, overCPU: res.CPU > budget, oom: lang.outOfMemory(), memory: spec.Limits.Memory,
		res: res, stderr: string(outs.stderr), n: len(cases)}
	tests := make([]Test, 0, len(cases))
	for i, tc := range cases {
		t, reached := c.judge(tc, outs.cases, i)
		if !hidden {
			t.Input, t.Expected = tc.Input, tc.Expected
		} else {
			t = Test{Name: t.Name, Verdict: t.Verdict, Time: t.Time}
		}
		t.Hidden = hidden
		tests = append(tests, t)
		if !reached {
			break // the cases after the one the run died in never ran
		}
	}
	if hidden {
		outs = outcomes{syntax: outs.syntax}
	}
	return tests, outs, nil
}

// caseJudge decides the verdicts of one run's cases.
type caseJudge struct {
	compare string
	overCPU bool // the run used more CPU time than its budget
	oom     []string
	memory  int64 // the run's memory limit in bytes
	res     sandbox.Result
	stderr  string
	n       int  // cases in the run
	charged bool // a case has been given the verdict of the run's death
}

// judge decides case i. reached is false when the run ended before it.
func (c *caseJudge) judge(tc sample.Case, outs []outcome, i int) (Test, bool) {
	t := Test{Name: tc.Name}
	if i >= len(outs) {
		t.Verdict = c.death()
		c.charged = true
		t.Time = max(c.res.Wall-c.startOf(outs, i), 0)
		if t.Verdict == RuntimeError {
			t.Error = "the program ended before this case finished"
		}
		return t, false
	}
	o := outs[i]
	t.Time = o.at - c.startOf(outs, i)
	t.Actual, t.Error = o.actual, o.err
	switch {
	case o.killed: // the run ends with this case: the ones after it never ran
		t.Verdict = c.death()
		c.charged = true
		return t, false
	case o.err != "" && c.outOfMemory(o.err):
		t.Verdict = MemoryLimitExceeded
	case o.err != "":
		t.Verdict = RuntimeError
	case sample.Equal(c.compare, tc.Expected, o.actual):
		t.Verdict = Accepted
	default:
		t.Verdict = WrongAnswer
	}
	if i == c.n-1 && !c.charged && t.Verdict == Accepted && (c.res.Status != sandbox.StatusOK || c.overCPU) {
		// Every case answered, then the program failed: charge the last.
		t.Verdict = c.death()
	}
	return t, true
}

// startOf is when case i started: when the case before it ended.
func (c caseJudge) startOf(outs []outcome, i int) time.Duration {
	if i == 0 || len(outs) == 0 {
		return 0
	}
	return outs[min(i, len(outs))-1].at
}

// death is the verdict of the case a run died in.
func (c caseJudge) death() Verdict {
	switch c.res.Status {
	case sandbox.StatusOutputLimit:
		return OutputLimitExceeded
	case sandbox.StatusTimeLimit:
		return TimeLimitExceeded
	case sandbox.StatusMemoryLimit:
		// The memory cgroup killed it. Its CPU time may be over the budget
		// too: before the kill the kernel reclaims, and refaults the
		// program's own code, on the program's time. The limit it hit is
		// memory's.
		return MemoryLimitExceeded
	case sandbox.StatusCrashed:
		if c.memory > 0 && (c.res.PeakMemory >= c.memory*9/10 || c.res.PeakMemory >= c.memory/2 && runtimeFault.MatchString(c.stderr)) {
			// It died at its memory's ceiling, or its runtime faulted
			// with half of it used: Go's runtime, short of memory, can
			// die of SIGSEGV inside the collector rather than say so.
			return MemoryLimitExceeded
		}
		if refusedSpanQueue.MatchString(c.stderr) {
			// Whatever the peak says: this fault is a mapping refused.
			return MemoryLimitExceeded
		}
	}
	if c.outOfMemory(c.stderr) {
		// Before the CPU time: a runtime that runs out of memory spends
		// its last moments collecting on every core (V8 does) and can go
		// over the budget doing it.
		return MemoryLimitExceeded
	}
	if c.overCPU {
		return TimeLimitExceeded
	}
	return RuntimeError
}

// runtimeFault matches a fatal signal in Go's runtime itself ("SIGSEGV:
// segmentation violation" then "PC=..." at line starts), not the panic a
// nil dereference in the program gives ("[signal SIGSEGV: ...]").
var runtimeFault = regexp.MustCompile(`(?m)^SIG(SEGV|BUS): [^\n]*\nPC=0x`)

// refusedSpanQueue matches Go's runtime faulting at the start of a span
// queue's ring: the collector maps each ring (newSpanSPMC, Go 1.26) and does
// not check the mapping, so a refused one faults at address 0 on first use.
// The memory bomb of the tests died so in CI with under half its memory
// counted by the cgroup.
var refusedSpanQueue = regexp.MustCompile(`(?m)^SIGSEGV: [^\n]*\nPC=0x[^\n]* addr=0x0\n\ngoroutine [^\n]*\nruntime\.\(\*spanQueue\)\.tryDrain\(`)

// outOfMemory reports whether text says the runtime ran out of memory, in
// any case: V8 says "Allocation failed" of its heap and "allocation failed"
// of an ArrayBuffer.
func (c caseJudge) outOfMemory(text string) bool {
	text = strings.ToLower(text)
	for _, m := range c.oom {
		if strings.Contains(text, strings.ToLower(m)) {
			return true
		}
	}
	return false
}
