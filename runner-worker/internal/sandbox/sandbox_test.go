package sandbox

import (
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"
)

const python = "/usr/bin/python3"

// newSlot returns a slot of a host probed with opts, closed when the test
// ends, after checking that nothing of its runs is left.
func newSlot(t *testing.T, opts Options) *Slot {
	t.Helper()
	if !opts.Insecure {
		if _, err := exec.LookPath("bwrap"); err != nil {
			t.Skip("bubblewrap is not installed: these tests need the real sandbox (make runner-deps installs it)")
		}
		if os.Geteuid() != 0 {
			t.Skip("the sandbox needs root to run slots as their own uids")
		}
	}
	h, err := NewHost(opts)
	if err != nil {
		t.Fatal(err)
	}
	s, err := h.NewSlot()
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		if s.UID() >= 0 {
			if left := processesOf(s.UID()); len(left) > 0 {
				ps, _ := exec.Command("ps", "-o", "pid,ppid,stat,wchan:24,pidns,etime,args", "-u", strconv.Itoa(s.UID())).CombinedOutput()
				t.Errorf("processes of uid %d left behind: %v\n%s", s.UID(), left, ps)
			}
		}
		if err := s.Close(); err != nil {
			t.Errorf("close slot: %v", err)
		}
	})
	return s
}

// modes are the isolating modes this machine offers.
func modes(t *testing.T) map[string]Options {
	t.Helper()
	out := map[string]Options{"rlimit": {NoCgroups: true}}
	if h, err := NewHost(Options{}); err == nil && h.Mode() == ModeCgroup {
		out["cgroup"] = Options{}
	}
	return out
}

// processesOf lists the pids of every process running as uid.
func processesOf(uid int) []int {
	var out []int
	dirs, _ := filepath.Glob("/proc/[0-9]*/status")
	for _, f := range dirs {
		b, err := os.ReadFile(f)
		if err != nil {
			continue
		}
		for line := range strings.Lines(string(b)) {
			if fields := strings.Fields(line); len(fields) > 1 && fields[0] == "Uid:" && fields[1] == strconv.Itoa(uid) {
				pid, _ := strconv.Atoi(filepath.Base(filepath.Dir(f)))
				out = append(out, pid)
			}
		}
	}
	return out
}

// pyFile returns a Spec running a Python program given as a file.
func pyFile(src string) Spec {
	return Spec{
		Argv:  []string{python, "-I", "main.py"},
		Files: []File{{Name: "main.py", Data: []byte(src)}},
	}
}

// healthy checks that the slot still runs a program normally.
func healthy(t *testing.T, s *Slot) {
	t.Helper()
	r, err := s.Run(t.Context(), pyFile("import os\nos.write(3, b'fine\\n')\nprint('hello')"))
	if err != nil {
		t.Fatalf("slot broken after the attack: %v", err)
	}
	if r.Status != StatusOK || string(r.Stdout) != "hello\n" || len(r.Lines) != 1 || string(r.Lines[0].Data) != "fine" {
		t.Fatalf("slot broken after the attack: status %s, stdout %q, lines %v, stderr %q", r.Status, r.Stdout, r.Lines, r.Stderr)
	}
}

func TestRunBasics(t *testing.T) {
	all := modes(t)
	all["none"] = Options{Insecure: true}
	for name, opts := range all {
		t.Run(name, func(t *testing.T) {
			s := newSlot(t, opts)
			tests := []struct {
				name   string
				spec   Spec
				status Status
				exit   int
				stdout string
				lines  []string
			}{
				{"hello", pyFile("print('hi')"), StatusOK, 0, "hi\n", nil},
				{"results on fd 3", pyFile("import os\nos.write(3, b'a\\nb\\n')"), StatusOK, 0, "", []string{"a", "b"}},
				{"stdin", Spec{Argv: []string{"/bin/cat"}, Stdin: []byte("in")}, StatusOK, 0, "in", nil},
				{"exit code", Spec{Argv: []string{"/bin/sh", "-c", "exit 3"}}, StatusCrashed, 3, "", nil},
				{"killed by a signal", Spec{Argv: []string{"/bin/sh", "-c", "kill -SEGV $$"}}, StatusCrashed, 139, "", nil},
				{"environment is minimal", Spec{Argv: []string{"/bin/sh", "-c", "env | sort"}, Env: []string{"X=1"}}, StatusOK, 0, "", nil},
			}
			for _, tt := range tests {
				r, err := s.Run(t.Context(), tt.spec)
				if err != nil {
					t.Fatalf("%s: %v", tt.name, err)
				}
				if r.Status != tt.status || r.ExitCode != tt.exit {
					t.Errorf("%s: status %s exit %d, want %s exit %d (stderr %q)", tt.name, r.Status, r.ExitCode, tt.status, tt.exit, r.Stderr)
				}
				if tt.stdout != "" && string(r.Stdout) != tt.stdout {
					t.Errorf("%s: stdout %q, want %q", tt.name, r.Stdout, tt.stdout)
				}
				var lines []string
				for _, l := range r.Lines {
					lines = append(lines, string(l.Data))
				}
				if strings.Join(lines, "|") != strings.Join(tt.lines, "|") {
					t.Errorf("%s: lines %q, want %q", tt.name, lines, tt.lines)
				}
				if tt.name == "environment is minimal" {
					for _, kv := range strings.Fields(string(r.Stdout)) {
						k, _, _ := strings.Cut(kv, "=")
						switch k {
						case "PATH", "HOME", "TMPDIR", "LANG", "X", "PWD", "SHLVL", "OLDPWD", "_":
						default:
							t.Errorf("unexpected variable in the sandbox: %s", kv)
						}
					}
				}
			}
		})
	}
}

func TestCancelEndsRun(t *testing.T) {
	for name, opts := range modes(t) {
		t.Run(name, func(t *testing.T) {
			s := newSlot(t, opts)
			ctx, cancel := context.WithTimeout(t.Context(), 300*time.Millisecond)
			defer cancel()
			start := time.Now()
			_, err := s.Run(ctx, Spec{Argv: []string{"/bin/sh", "-c", "sleep 30 & sleep 30"}})
			if err == nil {
				t.Fatal("Run of a cancelled run returned no error")
			}
			if d := time.Since(start); d > 2*time.Second {
				t.Errorf("cancelled run took %v", d)
			}
			healthy(t, s)
		})
	}
}

// TestBareRunsCleanUp checks that a bare run, even one that times out with
// children and leaves files, removes its temporary directory.
func TestBareRunsCleanUp(t *testing.T) {
	tmp := t.TempDir()
	t.Setenv("TMPDIR", tmp)
	s := newSlot(t, Options{Insecure: true})
	spec := Spec{Argv: []string{"/bin/sh", "-c", "mkdir -p d/e && echo x > d/e/f && sleep 30 & sleep 30"}, Limits: Limits{Wall: 300 * time.Millisecond}}
	r, err := s.Run(t.Context(), spec)
	if err != nil {
		t.Fatal(err)
	}
	if r.Status != StatusTimeLimit {
		t.Errorf("status %s, want time_limit", r.Status)
	}
	if left, _ := os.ReadDir(tmp); len(left) > 0 {
		t.Errorf("bare run left %v in TMPDIR", left)
	}
}
