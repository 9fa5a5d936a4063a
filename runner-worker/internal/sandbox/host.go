package sandbox

import (
	"errors"
	"fmt"
	"os"
	"os/exec"
	"sync"

	"guides/runner-worker/internal/cgroup"
	"guides/runner-worker/internal/seccomp"
)

// Mode is how a host isolates runs.
type Mode string

const (
	// ModeCgroup is bubblewrap with rlimits, cgroup v1 memory and pids groups.
	ModeCgroup Mode = "bwrap+cgroup"
	// ModeRlimit is bubblewrap with rlimits only: memory is bounded per
	// process (RLIMIT_DATA) and processes per uid (RLIMIT_NPROC).
	ModeRlimit Mode = "bwrap+rlimit"
	// ModeNone runs programs bare, as the runner's own user, for development
	// only.
	ModeNone Mode = "none"
)

// DefaultUIDBase is the first uid a slot may lease. It is far from the
// ranges Debian, systemd and subuid allocations use.
const DefaultUIDBase = 4_000_000

// Options choose how a Host isolates runs.
type Options struct {
	// Insecure runs programs bare, without any sandbox. Development only.
	Insecure bool
	// NoCgroups uses rlimits even where cgroups are usable.
	NoCgroups bool
	// UIDBase is the first uid slots lease; 0 means DefaultUIDBase.
	UIDBase int
}

// Host is this machine's way to sandbox a program, probed once.
type Host struct {
	mode    Mode
	reason  string // why cgroups are not used, if they are not
	bwrap   string
	prlimit string
	sh      string
	filter  []byte
	cgroups cgroup.Hierarchy
	uidBase int
}

// NewHost probes the machine. Without bubblewrap it fails unless
// opts.Insecure is set; without usable cgroups it falls back to rlimits and
// says why in Reason.
func NewHost(opts Options) (*Host, error) {
	h := &Host{mode: ModeNone, uidBase: opts.UIDBase, sh: "/bin/sh"}
	if h.uidBase == 0 {
		h.uidBase = DefaultUIDBase
	}
	if err := closeInherited(); err != nil {
		return nil, fmt.Errorf("descriptors inherited at start: %v", err)
	}
	if opts.Insecure {
		return h, nil
	}
	var err error
	if h.bwrap, err = exec.LookPath("bwrap"); err != nil {
		return nil, errors.New("bubblewrap (bwrap) is not installed: install it (make runner-deps) or start with -insecure-no-sandbox for development")
	}
	if h.prlimit, err = exec.LookPath("prlimit"); err != nil {
		return nil, errors.New("prlimit (util-linux) is not installed")
	}
	if os.Geteuid() != 0 {
		return nil, errors.New("the sandbox must start as root to run each worker slot as a uid of its own")
	}
	if h.filter, err = seccomp.Program(); err != nil {
		return nil, err
	}
	h.mode, h.reason = ModeRlimit, "disabled by option"
	if !opts.NoCgroups {
		h.probeCgroups()
	}
	return h, nil
}

// probeCgroups switches to ModeCgroup if a child group can be made and
// limited under the runner's own groups.
func (h *Host) probeCgroups() {
	hier, err := cgroup.Find()
	if err != nil {
		h.reason = err.Error()
		return
	}
	g, err := hier.NewGroup(fmt.Sprintf("guides-runner-probe-%d", os.Getpid()))
	if err != nil {
		h.reason = err.Error()
		return
	}
	err = g.SetLimits(64<<20, 16)
	if rerr := g.Remove(); err == nil {
		err = rerr
	}
	if err != nil {
		h.reason = err.Error()
		return
	}
	h.mode, h.reason, h.cgroups = ModeCgroup, "", hier
}

// Mode returns how this host isolates runs.
func (h *Host) Mode() Mode { return h.mode }

// Reason says why the host does not use cgroups, or is empty.
func (h *Host) Reason() string { return h.reason }

// Slot is one worker's place to run programs, one at a time.
type Slot struct {
	host  *Host
	lease *uidLease
	group *cgroup.Group
	mu    sync.Mutex
}

// NewSlot leases a uid and, in ModeCgroup, makes the slot's cgroups.
func (h *Host) NewSlot() (*Slot, error) {
	s := &Slot{host: h}
	if h.mode == ModeNone {
		return s, nil
	}
	var err error
	if s.lease, err = leaseUID(h.uidBase); err != nil {
		return nil, err
	}
	if h.mode == ModeCgroup {
		s.group, err = h.cgroups.NewGroup(fmt.Sprintf("guides-runner-uid%d", s.lease.uid))
		if err != nil {
			return nil, errors.Join(err, s.lease.release())
		}
	}
	return s, nil
}

// UID returns the uid the slot's programs run as, or -1 in ModeNone.
func (s *Slot) UID() int {
	if s.lease == nil {
		return -1
	}
	return s.lease.uid
}

// Close kills anything left in the slot, removes its cgroups and releases
// its uid.
func (s *Slot) Close() error {
	s.mu.Lock()
	defer s.mu.Unlock()
	var err error
	if s.group != nil {
		err = s.group.Remove()
	}
	if s.lease != nil {
		err = errors.Join(err, s.lease.release())
	}
	return err
}
