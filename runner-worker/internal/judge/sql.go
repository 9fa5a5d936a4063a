package judge

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"
	"time"

	"guides/internal/sample"
	"guides/runner-worker/internal/sandbox"
)

// sqlLang runs each case in a fresh in-memory SQLite database: the case's
// setup, then the candidate's query, through the sqlite3 shell in safe mode
// (no .shell, .system, .read, ATTACH, extensions, readfile or writefile)
// with JSON output. Safe mode leaves the shell's fsdir(), which lists and
// reads files: a query that names it is refused before it runs (the sandbox
// shows it nothing but the system's files and the case's own, but a query
// has no business with either). All
// the cases of a run share one sandbox; a script runs the shell once per
// case and marks where each case's output ends.
type sqlLang struct{ tc Toolchain }

// sqlRunner runs sqlite3 ($1) on each case file that follows. After each
// case it writes a record separator (0x1e) and the shell's exit status to
// fd 3, where the rows went; before each case it writes a separator and the
// case's file name to stderr. SQLite's JSON output escapes control
// characters, so the candidate's rows cannot contain a bare separator. A
// case killed by a signal (a limit) ends the run, as it would in any other
// language: the cases after it would only add to its time.
const sqlRunner = `sqlite=$1; shift
for f in "$@"; do
  printf '\036%s\n' "$f" >&2
  "$sqlite" -safe -bail -json :memory: < "$f" >&3
  s=$?
  printf '\036%d\n' "$s" >&3
  [ "$s" -gt 128 ] && exit "$s"
done
exit 0
`

func (q sqlLang) prepare(_ context.Context, _ Runner, _ *sample.Sample, code string) (sandbox.Spec, compileResult, error) {
	if strings.Contains(strings.ToLower(code), "fsdir") {
		return sandbox.Spec{}, compileResult{failed: true, output: "fsdir() reads the file system and is not available: query the case's tables"}, nil
	}
	return sandbox.Spec{
		Argv:  []string{"/bin/sh", "run.sh", q.tc.SQLite},
		Files: []sandbox.File{{Name: "run.sh", Data: []byte(sqlRunner)}, {Name: "query.sql", Data: []byte(code)}},
	}, compileResult{}, nil
}

// cases writes one file per case: its setup, then the candidate's query.
func (q sqlLang) cases(prog sandbox.Spec, _ *sample.Sample, cases []sample.Case) (sandbox.Spec, error) {
	query := prog.Files[1].Data
	spec := prog
	spec.Files = []sandbox.File{prog.Files[0]}
	spec.Argv = append([]string(nil), prog.Argv...)
	for i, c := range cases {
		in, _ := c.Input.(map[string]any)
		setup, ok := in["setup"].(string)
		if !ok {
			return spec, fmt.Errorf("case %q: input has no setup text", c.Name)
		}
		name := fmt.Sprintf("case%d.sql", i)
		data := setup + "\n;\n" + string(query) + "\n"
		spec.Files = append(spec.Files, sandbox.File{Name: name, Data: []byte(data)})
		spec.Argv = append(spec.Argv, name)
	}
	return spec, nil
}

func (q sqlLang) outcomes(res sandbox.Result, n int) outcomes {
	errs, stderr := splitStderr(res.Stderr)
	o := outcomes{stderr: stderr}
	var rows []byte
	for _, l := range res.Lines {
		status, ok := bytes.CutPrefix(l.Data, []byte{0x1e})
		if !ok {
			rows = append(append(rows, l.Data...), '\n')
			continue
		}
		if len(o.cases) == n {
			break
		}
		c := outcome{present: true, at: l.At}
		code, _ := strconv.Atoi(string(status))
		switch {
		case code > 128: // killed by a signal: a limit of the run
			c.killed = true
		case code != 0:
			c.err = errs[len(o.cases)]
			if c.err == "" {
				c.err = fmt.Sprintf("sqlite3 exited with status %d", code)
			}
		default:
			if c.actual, ok = decodeRows(rows); !ok {
				c.err = "the query's output is not JSON"
			}
		}
		o.cases = append(o.cases, c)
		rows = nil
	}
	if len(o.cases) > 0 && strings.HasPrefix(o.cases[0].err, "Parse error") {
		o.syntax = o.cases[0].err
	}
	return o
}

// splitStderr splits the runner script's stderr at its case markers: what
// each case wrote, and the whole without the markers.
func splitStderr(b []byte) (map[int]string, []byte) {
	per := map[int]string{}
	var clean []byte
	i := -1
	for line := range bytes.Lines(b) {
		if rest, ok := bytes.CutPrefix(line, []byte("\x1ecase")); ok {
			i, _ = strconv.Atoi(strings.TrimSuffix(strings.TrimSpace(string(rest)), ".sql"))
			continue
		}
		per[i] += string(line)
		clean = append(clean, line...)
	}
	for k, v := range per {
		per[k] = strings.TrimSpace(v)
	}
	return per, clean
}

// decodeRows reads the JSON the shell printed for a query: nothing for no
// rows, an array of row objects, or one array per statement that returned
// rows.
func decodeRows(b []byte) (any, bool) {
	d := json.NewDecoder(bytes.NewReader(b))
	d.UseNumber()
	var sets []any
	for {
		var v any
		err := d.Decode(&v)
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			return nil, false
		}
		sets = append(sets, v)
	}
	switch len(sets) {
	case 0:
		return []any{}, true
	case 1:
		return sets[0], true
	}
	return sets, true
}

func (q sqlLang) overhead(n int) time.Duration {
	return 100*time.Millisecond + time.Duration(n)*20*time.Millisecond
}
func (q sqlLang) outOfMemory() []string { return []string{"out of memory"} }
func (q sqlLang) eachProcess() bool     { return true }
