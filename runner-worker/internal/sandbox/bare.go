package sandbox

import (
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
)

// runBare runs spec without isolation, as the runner's own user, in a fresh
// temporary directory that stands for /sandbox. Development only: nothing
// stops the program from reading, writing or reaching anything the runner
// can. Limits on wall time and output still apply.
func (s *Slot) runBare(ctx context.Context, spec Spec, lim Limits) (Result, error) {
	dir, err := os.MkdirTemp("", "guides-runner-bare-")
	if err != nil {
		return Result{}, err
	}
	defer os.RemoveAll(dir)
	if err := os.Mkdir(filepath.Join(dir, "temp"), 0o755); err != nil {
		return Result{}, err
	}
	for _, f := range spec.Files {
		perm := os.FileMode(0o644)
		if f.Exec {
			perm = 0o755
		}
		if err := os.WriteFile(filepath.Join(dir, f.Name), f.Data, perm); err != nil {
			return Result{}, fmt.Errorf("write %s: %w", f.Name, err)
		}
	}
	p, err := newPlumbing(Spec{}, nil, false)
	if err != nil {
		return Result{}, err
	}
	defer p.close()
	p.startedW.Close() // a bare command starts as soon as it is spawned
	p.extra = p.extra[:1]
	localize := bareLocalizer(dir, spec.Binds)
	argv := make([]string, len(spec.Argv))
	for i, a := range spec.Argv {
		argv[i] = localize(a)
	}
	cmd := exec.Command(argv[0], argv[1:]...) // a relative path is relative to Dir
	cmd.Dir = dir
	for _, kv := range sandboxEnv(spec) {
		cmd.Env = append(cmd.Env, kv[0]+"="+localize(kv[1]))
	}
	cmd.SysProcAttr = &syscall.SysProcAttr{Setpgid: true, Pdeathsig: syscall.SIGKILL}
	e := &execution{cmd: cmd, p: p, lim: lim}
	res, err := e.run(ctx, spec.Stdin)
	res.Started = true
	return res, err
}

// bareLocalizer maps sandbox paths in arguments and environment values to
// the host paths they stand for.
func bareLocalizer(dir string, binds []Bind) func(string) string {
	pairs := []string{workDir, dir}
	for _, b := range binds {
		pairs = append(pairs, b.Sandbox, b.Host)
	}
	r := strings.NewReplacer(pairs...)
	return r.Replace
}
