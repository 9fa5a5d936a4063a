package selftest

import (
	"context"
	"encoding/json"
	"fmt"
	"maps"
	"regexp"
	"slices"
	"strconv"
	"strings"

	"guides/runner-worker/internal/judge"
)

// Problem is one way a sample's code fails: a reference solution that does
// not pass every case, or a starter that does not build or run.
type Problem struct {
	Sample   string // the sample's ID
	Language string
	File     string // "solution" or "starter"
	Line     int    // the line the compiler named in File; 0 when it named none
	Msg      string // names hidden cases, never their inputs or expected values
}

// CheckSamples judges the code of every sample in every language:
//
//   - the reference solution runs as a submission, on every case, public and
//     hidden, and must pass them all (hidden cases run only once the public
//     ones pass, as for a candidate);
//   - the starter runs on the public cases and must build and run: a compile
//     error, or a run the harness does not finish (a crash, a time, memory
//     or output limit) is a problem. Wrong answers, and errors the harness
//     catches and reports for a case, are what a starter is expected to get;
//     a starter that passes every case, hidden ones included, is a problem.
//
// A problem of the code is a Problem; an error means the sandbox or the
// toolchain failed. Problems come sorted by sample, language and file.
func CheckSamples(ctx context.Context, cfg Config) ([]Problem, error) {
	var out []Problem
	for _, id := range slices.Sorted(maps.Keys(cfg.Samples)) {
		s := cfg.Samples[id]
		langs := slices.Sorted(slices.Values(s.Languages))
		for _, lang := range langs {
			code := s.Code[lang]
			for _, c := range []struct {
				file, code string
				mode       judge.Mode
				verdicts   func(judge.Report) []string
			}{
				{"solution", code.Solution, judge.ModeSubmit, referenceFailures},
				{"starter", code.Starter, judge.ModeRun, starterFailures},
			} {
				rep, err := cfg.Judge.Run(ctx, cfg.Slot, judge.Request{Sample: s, Language: lang, Code: c.code, Mode: c.mode})
				if err != nil {
					return out, fmt.Errorf("%s/%s %s: %w", id, lang, c.file, err)
				}
				what := "reference"
				if c.file == "starter" {
					what = "starter"
				}
				if rep.Verdict == judge.CompileError {
					line, msg := compileError(rep.CompileOutput)
					out = append(out, Problem{Sample: id, Language: lang, File: c.file, Line: line, Msg: what + " does not compile: " + msg})
					continue
				}
				msgs := c.verdicts(rep)
				if c.file == "starter" && rep.Verdict == judge.Accepted {
					if msgs, err = solvedStarter(ctx, cfg, judge.Request{Sample: s, Language: lang, Code: c.code, Mode: judge.ModeSubmit}); err != nil {
						return out, fmt.Errorf("%s/%s %s: %w", id, lang, c.file, err)
					}
				}
				for _, msg := range msgs {
					out = append(out, Problem{Sample: id, Language: lang, File: c.file, Msg: what + " " + msg})
				}
			}
		}
	}
	return out, nil
}

// referenceFailures describes every case a reference did not pass.
func referenceFailures(rep judge.Report) []string {
	var out []string
	for _, t := range rep.Tests {
		if t.Verdict == judge.Accepted {
			continue
		}
		if t.Hidden {
			out = append(out, fmt.Sprintf("fails hidden test %q: %s", t.Name, t.Verdict))
			continue
		}
		msg := fmt.Sprintf("fails public test %q: %s", t.Name, t.Verdict)
		switch {
		case t.Verdict == judge.WrongAnswer:
			msg += fmt.Sprintf(": expected %s, got %s", value(t.Expected), value(t.Actual))
		case t.Error != "":
			msg += ": " + firstLine(t.Error)
		case rep.Stderr != "":
			msg += ": " + firstLine(lastLines(rep.Stderr))
		}
		out = append(out, msg)
	}
	if len(out) == 0 && rep.Verdict != judge.Accepted {
		out = append(out, fmt.Sprintf("got %s", rep.Verdict))
	}
	return out
}

// solvedStarter submits a starter that passed every public case: it must
// still fail a hidden one, or it gives the answer away.
func solvedStarter(ctx context.Context, cfg Config, req judge.Request) ([]string, error) {
	rep, err := cfg.Judge.Run(ctx, cfg.Slot, req)
	if err != nil || rep.Verdict != judge.Accepted {
		return nil, err
	}
	return []string{"passes every test, public and hidden: it must fail at least one"}, nil
}

// starterFailures describes the run of a starter that did not finish: the
// harness crashed or hit a limit.
func starterFailures(rep judge.Report) []string {
	for _, t := range rep.Tests {
		switch t.Verdict {
		case judge.Accepted, judge.WrongAnswer:
			continue
		case judge.RuntimeError:
			if t.Error != "" && !strings.Contains(t.Error, endedEarly) {
				continue // the harness caught the starter's error and reported it for this case
			}
			msg := fmt.Sprintf("crashes the harness on public test %q", t.Name)
			if rep.Stderr != "" {
				msg += ": " + firstLine(lastLines(rep.Stderr))
			}
			return []string{msg}
		default: // a limit: the run never finished
			return []string{fmt.Sprintf("does not finish public test %q: %s", t.Name, t.Verdict)}
		}
	}
	return nil
}

// endedEarly is how the judge explains a case its run never finished.
const endedEarly = "ended before this case finished"

// compileLine finds the line a compiler names in the candidate's file: Go's
// "candidate.go:12:3:", Node's "candidate.js:12", Python's `File
// "candidate.py", line 12`.
var compileLine = regexp.MustCompile(`candidate\.(?:go|js|py|sql)(?::|", line )(\d+)(?::\d+)?:?\s*`)

// compileError returns the line a compile error names (0: none) and its
// most telling line of text.
func compileError(out string) (int, string) {
	out = strings.TrimSpace(out)
	if out == "" {
		return 0, "no compiler output"
	}
	lines := strings.Split(out, "\n")
	for _, l := range lines {
		m := compileLine.FindStringSubmatchIndex(l)
		if m == nil {
			continue
		}
		n, _ := strconv.Atoi(l[m[2]:m[3]])
		msg := strings.TrimSpace(l[m[1]:])
		if msg == "" || strings.HasPrefix(l, "  File ") {
			// Python puts the error last, after the source line and caret.
			msg = strings.TrimSpace(lines[len(lines)-1])
		}
		return n, msg
	}
	return 0, firstLine(out)
}

func firstLine(s string) string {
	s = strings.TrimSpace(s)
	if i := strings.IndexByte(s, '\n'); i >= 0 {
		s = s[:i]
	}
	const max = 200
	if len(s) > max {
		s = s[:max] + "…"
	}
	return s
}

// lastLines returns the last non-empty line of s: where an interpreter's
// traceback says what went wrong.
func lastLines(s string) string {
	lines := strings.Split(strings.TrimSpace(s), "\n")
	return lines[len(lines)-1]
}

func value(v any) string {
	s := fmt.Sprintf("%v", v)
	if b, err := json.Marshal(v); err == nil {
		s = string(b)
	}
	if len(s) > 120 {
		s = s[:120] + "…"
	}
	return s
}
