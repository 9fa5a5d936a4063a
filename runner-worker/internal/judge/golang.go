package judge

import (
	"bytes"
	"context"
	"fmt"
	"path/filepath"
	"runtime"
	"time"

	"guides/internal/sample"
	"guides/runner-worker/internal/sandbox"
)

// goLang compiles in one sandbox and runs the binary in another. The
// compiler sees the std build cache made at install time, read-only: a
// build then takes a fraction of a second, and no candidate can poison
// another's build through a shared writable cache.
type goLang struct{ tc Toolchain }

// goCompileLimits are the limits of a compilation: a well-formed program
// builds in well under a second; bombs (huge constant arrays, deeply nested
// generics) hit these.
func goCompileLimits() sandbox.Limits {
	return sandbox.Limits{
		Wall:    10 * time.Second,
		CPU:     20 * time.Second, // the compiler uses both cores
		Memory:  768 << 20,
		Procs:   128,
		Disk:    128 << 20,
		Output:  64 << 20, // the binary comes out on stdout
		Results: 1 << 10,
	}
}

// goBuild builds the program and writes the binary to stdout: the runner
// never reads a path inside a sandbox. Where the cache holds an importcfg
// (make runner-deps writes one, with GOCACHE/ standing for the cache's
// place) it runs the compiler and the linker itself, which saves the go
// command's walk over std's sources, a third of a build; else it runs go
// build. $1 is the tool directory.
const goBuild = `if [ -f "$GOCACHE/importcfg" ]; then
  sed "s#=GOCACHE/#=$GOCACHE/#" "$GOCACHE/importcfg" > temp/importcfg &&
  "$1/compile" -p main -complete -importcfg temp/importcfg -pack -o temp/main.a harness.go candidate.go >&2 &&
  "$1/link" -s -w -importcfg temp/importcfg -buildmode=exe -o prog temp/main.a >&2
else
  go build -o prog -ldflags='-s -w' harness.go candidate.go
fi && exec cat prog`

func (g goLang) prepare(ctx context.Context, r Runner, s *sample.Sample, code string) (sandbox.Spec, compileResult, error) {
	res, err := r.Run(ctx, sandbox.Spec{
		Argv: []string{"/bin/sh", "-c", goBuild, "build", filepath.Join(g.tc.GoRoot, "pkg", "tool", runtime.GOOS+"_"+runtime.GOARCH)},
		Path: filepath.Join(g.tc.GoRoot, "bin") + ":/usr/bin:/bin",
		Env: []string{
			"GOCACHE=/gocache", "GOROOT=" + g.tc.GoRoot, "GOTOOLCHAIN=local", "GOPROXY=off",
			"GOFLAGS=-buildvcs=false", "CGO_ENABLED=0", "GOENV=off", "GOTELEMETRY=off",
			"GOPATH=/sandbox/temp/gopath", "GOTMPDIR=/sandbox/temp",
		},
		Binds: []sandbox.Bind{{Host: g.tc.GoCache, Sandbox: "/gocache"}},
		Files: []sandbox.File{
			{Name: "harness.go", Data: []byte(s.Code["go"].Harness)},
			{Name: "candidate.go", Data: []byte(code)},
		},
		Limits: goCompileLimits(),
	})
	if err != nil {
		return sandbox.Spec{}, compileResult{}, fmt.Errorf("compile: %w", err)
	}
	if res.Status != sandbox.StatusOK || !bytes.HasPrefix(res.Stdout, []byte("\x7fELF")) {
		return sandbox.Spec{}, compileResult{failed: true, output: compileFailure(res)}, nil
	}
	return sandbox.Spec{
		Argv:  []string{"./prog"},
		Files: []sandbox.File{{Name: "prog", Data: res.Stdout, Exec: true}},
	}, compileResult{output: clip(res.Stderr)}, nil
}

// compileFailure explains a failed compilation.
func compileFailure(res sandbox.Result) string {
	out := clip(res.Stderr)
	switch res.Status {
	case sandbox.StatusTimeLimit:
		out += fmt.Sprintf("\ncompilation stopped: it took longer than %v", goCompileLimits().Wall)
	case sandbox.StatusMemoryLimit:
		out += fmt.Sprintf("\ncompilation stopped: it used more than %d MiB", goCompileLimits().Memory>>20)
	case sandbox.StatusOutputLimit:
		out += "\ncompilation stopped: it wrote too much output"
	}
	return out
}

func (g goLang) cases(prog sandbox.Spec, _ *sample.Sample, cases []sample.Case) (sandbox.Spec, error) {
	return withInputs(prog, cases)
}

func (g goLang) outcomes(res sandbox.Result, n int) outcomes {
	return outcomes{cases: lineOutcomes(res, n), stderr: res.Stderr}
}

func (g goLang) overhead(int) time.Duration { return 200 * time.Millisecond }

// eachProcess: Go's runtime, refused a mapping, can die of SIGSEGV rather
// than say it ran out of memory; the cgroup bounds it.
func (g goLang) eachProcess() bool { return false }

func (g goLang) outOfMemory() []string {
	return []string{"out of memory", "cannot allocate memory"}
}
