package sandbox

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"math"
	"os"
	"os/exec"
	"sync"
	"syscall"
	"time"
)

// Run runs spec in the slot and waits until every process it made is gone.
// A program that fails, floods, loops or runs out of memory is a Result; an
// error means the sandbox itself failed or ctx ended the run.
func (s *Slot) Run(ctx context.Context, spec Spec) (Result, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	lim := spec.Limits.withDefaults()
	if s.host.mode == ModeNone {
		return s.runBare(ctx, spec, lim)
	}
	return s.runSandboxed(ctx, spec, lim)
}

// runSandboxed runs spec under prlimit and bubblewrap as the slot's uid.
func (s *Slot) runSandboxed(ctx context.Context, spec Spec, lim Limits) (Result, error) {
	p, err := newPlumbing(spec, s.host.filter, true)
	if err != nil {
		return Result{}, err
	}
	defer p.close()
	cmd := exec.Command(s.host.prlimit, s.host.command(spec, lim, p)...)
	cmd.Env = []string{"PATH=/usr/bin:/bin"}
	cmd.Dir = "/"
	uid := uint32(s.lease.uid)
	cmd.SysProcAttr = &syscall.SysProcAttr{
		Credential: &syscall.Credential{Uid: uid, Gid: uid, Groups: []uint32{}},
		Setpgid:    true,
		Pdeathsig:  syscall.SIGKILL,
	}
	if s.group != nil {
		if err := s.group.SetLimits(lim.Memory, lim.Procs); err != nil {
			p.closeAll()
			return Result{}, err
		}
	}
	e := &execution{cmd: cmd, p: p, lim: lim, slot: s}
	return e.run(ctx, spec.Stdin)
}

// execution is one started program and what watches it.
type execution struct {
	cmd  *exec.Cmd
	p    *plumbing
	lim  Limits
	slot *Slot // nil in ModeNone

	killOnce sync.Once
	mu       sync.Mutex
	timedOut bool        // set before kill by the wall timer
	init     *os.Process // the sandbox's pid 1, held by a pidfd
	backstop *time.Timer // kills bwrap itself if the sandbox outlives a kill
}

func (e *execution) run(ctx context.Context, stdin []byte) (Result, error) {
	c := &capture{outputCap: e.lim.Output, resultsCap: e.lim.Results, onFlood: e.kill}
	oomBefore, err := e.oomKills()
	if err != nil {
		e.p.closeAll()
		return Result{}, err
	}
	spawned := time.Now()
	if err := e.start(c, stdin); err != nil {
		return Result{}, err
	}
	placeErr := e.place()
	if placeErr != nil {
		e.kill()
	}
	stop := e.watch(ctx)
	waitErr := e.cmd.Wait()
	stop()
	e.release()
	res, err := e.collect(c, spawned, oomBefore)
	return res, e.failure(ctx, res, errors.Join(placeErr, unexpected(waitErr), err))
}

// start spawns the sandbox and starts reading its pipes.
func (e *execution) start(c *capture, stdin []byte) error {
	e.cmd.Stdin = newStdin(stdin)
	e.cmd.Stdout, e.cmd.Stderr = e.p.stdoutW, e.p.stderrW
	e.cmd.ExtraFiles = e.p.extra
	if err := e.cmd.Start(); err != nil {
		e.p.closeAll()
		return fmt.Errorf("start sandbox: %w", err)
	}
	e.p.closeChildEnds()
	c.follow(e.p.stdoutR, e.p.stderrR, e.p.resultsR, e.p.startedR)
	if e.slot == nil {
		c.markStarted() // a bare command starts as soon as it is spawned
	}
	return nil
}

// release stops the backstop and lets go of the sandbox's init.
func (e *execution) release() {
	e.mu.Lock()
	defer e.mu.Unlock()
	if e.backstop != nil {
		e.backstop.Stop()
	}
	if e.init != nil {
		e.init.Release()
	}
}

// collect makes sure nothing of the run is left, then puts together what
// it did.
func (e *execution) collect(c *capture, spawned time.Time, oomBefore int64) (Result, error) {
	res := Result{Wall: time.Since(spawned)}
	err := errors.Join(e.reap(), c.wait(2*time.Second))
	c.fill(&res, spawned)
	res.fromState(e.cmd.ProcessState, c.flooded, e.wasTimedOut())
	if err == nil {
		err = e.account(&res, oomBefore)
	}
	res.decide(e.lim)
	return res, err
}

// failure says what went wrong on the runner's side, if anything: the
// sandbox, or ctx ending the run. Whatever the program did is not a failure.
func (e *execution) failure(ctx context.Context, res Result, err error) error {
	switch {
	case err != nil:
		return fmt.Errorf("%w (sandbox stderr: %q)", err, clipped(res.Stderr))
	case ctx.Err() != nil:
		return fmt.Errorf("run ended early: %w", context.Cause(ctx))
	case !res.Started && res.ExitCode != 0 && !res.limitHit():
		return fmt.Errorf("sandbox failed to set up (exit %d): %s", res.ExitCode, clipped(res.Stderr))
	}
	return nil
}

// unexpected keeps an error from Wait unless it only reports a non-zero
// exit, which is the program's business.
func unexpected(err error) error {
	var ee *exec.ExitError
	if err == nil || errors.As(err, &ee) {
		return nil
	}
	return fmt.Errorf("wait for sandbox: %w", err)
}

func clipped(b []byte) []byte {
	if len(b) > 500 {
		return b[:500]
	}
	return b
}

// oomKills reads the slot's OOM kill counter, or 0 without cgroups.
func (e *execution) oomKills() (int64, error) {
	if e.slot == nil || e.slot.group == nil {
		return 0, nil
	}
	n, err := e.slot.group.OOMKills()
	if err != nil {
		return 0, fmt.Errorf("read oom kills: %w", err)
	}
	return n, nil
}

// account adds what the cgroups saw of the run.
func (e *execution) account(r *Result, oomBefore int64) error {
	if e.slot == nil || e.slot.group == nil {
		return nil
	}
	r.PeakMemory = e.slot.group.PeakMemory()
	n, err := e.oomKills()
	r.memoryKilled = n > oomBefore
	return err
}

// place takes hold of the sandbox before it may go on: bwrap says the
// sandbox's pid on --info-fd and waits on --block-fd. While it waits the pid
// cannot be reused, so a pidfd on it is sure to name the sandbox's init; and
// in ModeCgroup the init moves into the slot's cgroups, where everything it
// starts will be from birth.
func (e *execution) place() error {
	if e.p.infoR == nil {
		return nil
	}
	defer e.p.blockW.Close()
	e.p.infoR.SetReadDeadline(time.Now().Add(5 * time.Second))
	b, err := io.ReadAll(e.p.infoR)
	if err != nil {
		return fmt.Errorf("read sandbox info: %w", err)
	}
	var info struct {
		ChildPID int `json:"child-pid"`
	}
	if err := json.Unmarshal(b, &info); err != nil || info.ChildPID <= 0 {
		return fmt.Errorf("sandbox did not start (info %q)", b)
	}
	init, err := os.FindProcess(info.ChildPID) // a pidfd on Linux
	if err != nil {
		return fmt.Errorf("hold sandbox init: %w", err)
	}
	e.mu.Lock()
	e.init = init
	e.mu.Unlock()
	if e.slot.group != nil {
		if err := e.slot.group.Add(info.ChildPID); err != nil {
			return err
		}
	}
	if _, err := e.p.blockW.Write([]byte{1}); err != nil {
		return fmt.Errorf("release sandbox: %w", err)
	}
	return nil
}

// watch kills the run when its wall time is up or ctx ends. The returned
// function stops watching.
func (e *execution) watch(ctx context.Context) func() {
	timer := time.AfterFunc(e.lim.Wall, func() {
		e.mu.Lock()
		e.timedOut = true
		e.mu.Unlock()
		e.kill()
	})
	stopCtx := context.AfterFunc(ctx, e.kill)
	return func() {
		timer.Stop()
		stopCtx()
	}
}

func (e *execution) wasTimedOut() bool {
	e.mu.Lock()
	defer e.mu.Unlock()
	return e.timedOut
}

// backstopDelay is how long a killed sandbox may take to die before bwrap
// itself is killed. Dying takes long only on a machine overloaded by fork
// bombs; killing bwrap sooner would let Wait return while the pid namespace
// is still being torn down.
const backstopDelay = 5 * time.Second

// kill ends the run. It kills the sandbox's init first, which takes its
// whole pid namespace with it, and every process in the slot's cgroups; bwrap
// then reaps the init and exits by itself, so no zombie is left for the
// host's init to collect. Bwrap's process group is killed only when there is
// no init to kill yet, or as a backstop if the run outlives the kill.
func (e *execution) kill() {
	e.killOnce.Do(func() {
		e.mu.Lock()
		defer e.mu.Unlock()
		killGroup := func() {
			if e.cmd.Process != nil {
				_ = syscall.Kill(-e.cmd.Process.Pid, syscall.SIGKILL)
			}
		}
		if e.init == nil {
			killGroup()
			return
		}
		_ = e.init.Kill()
		if e.slot != nil && e.slot.group != nil {
			if pids, err := e.slot.group.Procs(); err == nil {
				for _, pid := range pids {
					_ = syscall.Kill(pid, syscall.SIGKILL)
				}
			}
		}
		e.backstop = time.AfterFunc(backstopDelay, killGroup)
	})
}

// reap makes sure nothing of the run is left: the cgroups must be empty
// before the slot runs anything else.
func (e *execution) reap() error {
	if e.slot == nil || e.slot.group == nil {
		return nil
	}
	return e.slot.group.Kill()
}

// newStdin returns the command's standard input: nil reads /dev/null.
func newStdin(b []byte) io.Reader {
	if len(b) == 0 {
		return nil
	}
	return bytes.NewReader(b)
}

// fromState reads the exit and resource use of the finished process.
func (r *Result) fromState(st *os.ProcessState, flooded, timedOut bool) {
	r.flooded, r.timedOut = flooded, timedOut
	if st == nil {
		r.ExitCode = -1
		return
	}
	r.ExitCode = st.ExitCode()
	if ws, ok := st.Sys().(syscall.WaitStatus); ok && ws.Signaled() {
		r.ExitCode = 128 + int(ws.Signal())
	}
	if ru, ok := st.SysUsage().(*syscall.Rusage); ok {
		r.CPU = time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
		r.PeakMemory = ru.Maxrss << 10
	}
}

// Exit codes of a command killed by SIGXCPU and SIGXFSZ, as sh reports them.
const (
	exitCPULimit  = 128 + int(syscall.SIGXCPU)
	exitFileLimit = 128 + int(syscall.SIGXFSZ)
)

// decide sets Status; the first rule that applies wins. A memory kill
// comes before the clocks: short of memory, the kernel reclaims and
// refaults the program's own code before it kills, which can take seconds
// of the program's time on a loaded machine.
func (r *Result) decide(lim Limits) {
	switch {
	case r.flooded || r.ExitCode == exitFileLimit:
		r.Status = StatusOutputLimit
	case r.memoryKilled:
		r.Status = StatusMemoryLimit
	case r.timedOut || r.ExitCode == exitCPULimit || r.cpuKilled(lim):
		r.Status = StatusTimeLimit
	case r.ExitCode != 0:
		r.Status = StatusCrashed
	default:
		r.Status = StatusOK
	}
}

// cpuKilled tells a process the kernel killed at RLIMIT_CPU's hard limit
// (one that ignored SIGXCPU) from one killed otherwise; decide has ruled
// out a memory kill already. RLIMIT_CPU counts per process, so the tree's
// total is only a hint; it is never enough alone.
func (r *Result) cpuKilled(lim Limits) bool {
	return r.ExitCode == 128+int(syscall.SIGKILL) && r.CPU >= cpuLimit(lim)+time.Second
}

// cpuLimit is the CPU time RLIMIT_CPU enforces: whole seconds.
func cpuLimit(lim Limits) time.Duration {
	return time.Duration(math.Ceil(lim.CPU.Seconds())) * time.Second
}

func (r *Result) limitHit() bool { return r.flooded || r.timedOut || r.memoryKilled }
