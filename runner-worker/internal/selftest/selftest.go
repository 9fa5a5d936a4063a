// Package selftest proves at start-up that the sandbox holds on this
// machine and that every sample's reference solution passes through it.
// The runner is not ready until it has: a probe must fail to read a host
// file, reach the network (the runner's own loopback included) and see the
// runner's environment, and must be stopped when it exceeds its memory.
package selftest

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net"
	"slices"
	"sort"
	"strings"
	"sync/atomic"
	"time"

	"guides/internal/sample"
	"guides/runner-worker/internal/judge"
	"guides/runner-worker/internal/sandbox"
)

// Report is what the self-test measured.
type Report struct {
	Overhead   time.Duration            // a sandboxed /bin/true, median of 5
	References map[string]time.Duration // "sample/language" → time to judge the reference
}

// Config is what the self-test needs.
type Config struct {
	Slot     *sandbox.Slot
	Mode     sandbox.Mode
	Python   string
	HostFile string // a file on the host the sandbox must not read
	Judge    *judge.Judge
	Samples  map[string]*sample.Sample
}

// Run runs the self-test. In ModeNone it skips the isolation probes, which
// would fail by design.
func Run(ctx context.Context, cfg Config) (Report, error) {
	var rep Report
	var err error
	if rep.Overhead, err = Sandbox(ctx, cfg); err != nil {
		return rep, err
	}
	rep.References, err = references(ctx, cfg)
	return rep, err
}

// Sandbox is the part of Run that proves the sandbox, without the samples:
// the isolation and memory probes (skipped in ModeNone), then the overhead
// of a sandboxed /bin/true, which it returns.
func Sandbox(ctx context.Context, cfg Config) (time.Duration, error) {
	if cfg.Mode != sandbox.ModeNone {
		if err := isolation(ctx, cfg); err != nil {
			return 0, fmt.Errorf("isolation probe: %w", err)
		}
		if err := memory(ctx, cfg); err != nil {
			return 0, fmt.Errorf("memory probe: %w", err)
		}
	}
	return overhead(ctx, cfg.Slot)
}

// probe tries what the sandbox must refuse and writes one JSON line per
// attempt to fd 3.
const probe = `import json, os, socket, sys
def attempt(what, fn):
    try:
        detail, ok = str(fn())[:200], True
    except Exception as e:
        detail, ok = repr(e), False
    os.write(3, (json.dumps({"what": what, "ok": ok, "detail": detail}) + "\n").encode())
def read(p):
    with open(p, "rb") as f:
        return f.read(100)
def connect(family, addr):
    s = socket.socket(family, socket.SOCK_STREAM)
    s.settimeout(1)
    s.connect(addr)
    return "connected"
attempt("read a host file", lambda: read(sys.argv[1]))
attempt("read /etc/shadow", lambda: read("/etc/shadow"))
attempt("connect to the runner's loopback", lambda: connect(socket.AF_INET, ("127.0.0.1", int(sys.argv[2]))))
attempt("open an internet socket", lambda: socket.socket(socket.AF_INET6, socket.SOCK_DGRAM))
attempt("write outside the work directory", lambda: open("/usr/probe", "w"))
try:
    env = open("/proc/1/environ", "rb").read().split(b"\0")
except OSError:
    env = []
os.write(3, (json.dumps({"what": "environ", "keys": sorted(e.split(b"=")[0].decode() for e in env if e)}) + "\n").encode())
`

func isolation(ctx context.Context, cfg Config) error {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return err
	}
	defer l.Close()
	var accepted atomic.Int32
	go func() {
		for {
			c, err := l.Accept()
			if err != nil {
				return
			}
			accepted.Add(1)
			c.Close()
		}
	}()
	port := l.Addr().(*net.TCPAddr).Port
	res, err := cfg.Slot.Run(ctx, sandbox.Spec{
		Argv:  []string{cfg.Python, "-I", "probe.py", cfg.HostFile, fmt.Sprint(port)},
		Files: []sandbox.File{{Name: "probe.py", Data: []byte(probe)}},
	})
	if err != nil {
		return err
	}
	var errs []error
	if res.Status != sandbox.StatusOK {
		errs = append(errs, fmt.Errorf("probe ended %s: %s", res.Status, res.Stderr))
	}
	for _, line := range res.Lines {
		var a struct {
			What   string   `json:"what"`
			OK     bool     `json:"ok"`
			Detail string   `json:"detail"`
			Keys   []string `json:"keys"`
		}
		if err := json.Unmarshal(line.Data, &a); err != nil {
			errs = append(errs, fmt.Errorf("probe output %q: %w", line.Data, err))
			continue
		}
		if a.OK {
			errs = append(errs, fmt.Errorf("the sandbox let a program %s (%s)", a.What, a.Detail))
		}
		for _, k := range a.Keys {
			// Every variable a sandbox's init may have; bwrap sets PWD.
			if !slices.Contains([]string{"HOME", "LANG", "PATH", "PWD", "TMPDIR"}, k) {
				errs = append(errs, fmt.Errorf("the sandbox's init has %s in its environment", k))
			}
		}
	}
	if len(res.Lines) != 6 {
		errs = append(errs, fmt.Errorf("probe made %d reports, want 6: %s", len(res.Lines), res.Stderr))
	}
	if n := accepted.Load(); n > 0 {
		errs = append(errs, fmt.Errorf("the runner's loopback port got %d connections from the sandbox", n))
	}
	return errors.Join(errs...)
}

// memory checks that a program allocating past its limit is stopped: by the
// memory cgroup, or by RLIMIT_DATA making the allocation fail.
func memory(ctx context.Context, cfg Config) error {
	res, err := cfg.Slot.Run(ctx, sandbox.Spec{
		Argv:   []string{cfg.Python, "-I", "-c", "x = bytearray(256 << 20)\nprint('allocated')"},
		Limits: sandbox.Limits{Memory: 64 << 20, Wall: 5 * time.Second},
	})
	if err != nil {
		return err
	}
	switch {
	case res.Status == sandbox.StatusMemoryLimit:
		return nil
	case cfg.Mode == sandbox.ModeRlimit && res.Status == sandbox.StatusCrashed && strings.Contains(string(res.Stderr), "MemoryError"):
		return nil
	}
	return fmt.Errorf("a program allocating 256 MiB under a 64 MiB limit ended %s: %q", res.Status, res.Stdout)
}

func overhead(ctx context.Context, slot *sandbox.Slot) (time.Duration, error) {
	var times []time.Duration
	for range 5 {
		res, err := slot.Run(ctx, sandbox.Spec{Argv: []string{"/bin/true"}})
		if err != nil {
			return 0, fmt.Errorf("run /bin/true: %w", err)
		}
		if res.Status != sandbox.StatusOK {
			return 0, fmt.Errorf("/bin/true ended %s: %s", res.Status, res.Stderr)
		}
		times = append(times, res.Wall)
	}
	slices.Sort(times)
	return times[len(times)/2], nil
}

// references judges every sample's reference solution on its public cases.
func references(ctx context.Context, cfg Config) (map[string]time.Duration, error) {
	out := map[string]time.Duration{}
	ids := make([]string, 0, len(cfg.Samples))
	for id := range cfg.Samples {
		ids = append(ids, id)
	}
	sort.Strings(ids)
	for _, id := range ids {
		s := cfg.Samples[id]
		for _, lang := range s.Languages {
			start := time.Now()
			rep, err := cfg.Judge.Run(ctx, cfg.Slot, judge.Request{Sample: s, Language: lang, Code: s.Code[lang].Solution, Mode: judge.ModeRun})
			if err != nil {
				return out, fmt.Errorf("%s/%s: %w", id, lang, err)
			}
			if rep.Verdict != judge.Accepted {
				return out, fmt.Errorf("%s/%s: the reference solution got %s: %s%s", id, lang, rep.Verdict, rep.CompileOutput, rep.Stderr)
			}
			out[id+"/"+lang] = time.Since(start)
		}
	}
	return out, nil
}
