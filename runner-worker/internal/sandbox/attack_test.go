package sandbox

import (
	"encoding/json"
	"errors"
	"fmt"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"sync/atomic"
	"syscall"
	"testing"
	"time"
)

// The attack tests run hostile programs in the real sandbox and check that
// each is contained: the run ends in the expected way and in bounded time,
// nothing of it is left (newSlot checks the slot's uid and cgroups when the
// test ends), and the slot still works afterwards.

// attackLimits keep the attacks short.
var attackLimits = Limits{Wall: 2 * time.Second, CPU: time.Second, Memory: 128 << 20, Procs: 32}

// floodBound is how long a flood of output may take to be stopped. Its
// status, output_limit, shows that the output limit stopped it; the bound
// shows it did not hang. A second was too little while other tests loaded
// both cores: writing the limit's megabytes then took 1.7 s.
const floodBound = 3 * time.Second

// memoryAttackLimits give the memory attacks time enough that, even on a
// machine loaded with other tests, the memory limit is what ends them, not
// the clocks: short of memory, the kernel reclaims and refaults on the
// program's time before the cgroup kills, and page faults are dear here.
var memoryAttackLimits = Limits{Wall: 8 * time.Second, CPU: 6 * time.Second, Memory: 128 << 20, Procs: 32}

// memoryBound is how long a memory attack may take: its wall limit, and the
// same 2 s for the kill and the reaping that the other attacks get past
// theirs. One the clocks end is contained too.
var memoryBound = memoryAttackLimits.Wall + 2*time.Second

func TestAttacksAreContained(t *testing.T) {
	for name, opts := range modes(t) {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			s := newSlot(t, opts)
			memoryStatus := StatusMemoryLimit
			if name == "rlimit" {
				memoryStatus = StatusCrashed // RLIMIT_DATA: the runtime fails its allocation
			}
			spreadStatus := StatusMemoryLimit // processes each under RLIMIT_DATA, together over the cgroup's limit
			if name == "rlimit" {
				spreadStatus = "" // each is bounded alone
			}
			mem := func(s Spec) Spec { s.Limits = memoryAttackLimits; return s }
			each := func(s Spec) Spec { s = mem(s); s.Limits.EachProcess = true; return s }
			tests := []struct {
				name    string
				spec    Spec
				status  Status // "" for any: a fork bomb may end either way
				maxWall time.Duration
			}{
				{"fork bomb", Spec{Argv: []string{"/bin/sh", "-c", "b() { b | b & }; b; sleep 5"}}, "", 4 * time.Second},
				{"python fork bomb", pyFile("import os\nwhile True:\n    try: os.fork()\n    except OSError: pass"), StatusTimeLimit, 4 * time.Second},
				{"memory bomb", mem(pyFile("x = bytearray(2 << 30)")), memoryStatus, memoryBound},
				{"growing memory", mem(pyFile("x = []\nwhile True: x.append(bytearray(1 << 20))")), memoryStatus, memoryBound},
				{"memory bomb, each process bounded", each(pyFile("x = bytearray(2 << 30)")), StatusCrashed, memoryBound},
				{"growing memory, each process bounded", each(pyFile("x = []\nwhile True: x.append(bytearray(1 << 20))")), StatusCrashed, memoryBound},
				{"memory spread over processes, each bounded", each(pyFile(memorySpread)), spreadStatus, memoryBound},
				{"infinite loop", pyFile("while True: pass"), StatusTimeLimit, 3 * time.Second},
				{"sleep past the wall limit", Spec{Argv: []string{"/bin/sleep", "60"}}, StatusTimeLimit, 3 * time.Second},
				{"children sleeping past the limit", Spec{Argv: []string{"/bin/sh", "-c", "sleep 60 & (sleep 60 &) ; setsid sleep 60 & nohup sleep 60 & wait"}}, StatusTimeLimit, 3 * time.Second},
				{"children left running after a clean exit", Spec{Argv: []string{"/bin/sh", "-c", "(sleep 60 &); setsid sleep 60 & exit 0"}}, StatusOK, time.Second},
				{"kill every process it can", Spec{Argv: []string{"/bin/sh", "-c", "kill -9 -1; echo survived"}}, StatusOK, time.Second},
				{"output flood", Spec{Argv: []string{"/usr/bin/yes"}}, StatusOutputLimit, floodBound},
				{"stderr flood", Spec{Argv: []string{"/bin/sh", "-c", "yes >&2"}}, StatusOutputLimit, floodBound},
				{"results flood", Spec{Argv: []string{"/bin/sh", "-c", "yes >&3"}}, StatusOutputLimit, floodBound},
				{"file bigger than RLIMIT_FSIZE", Spec{Argv: []string{"/bin/sh", "-c", "exec head -c 100000000 /dev/zero > big"}}, StatusOutputLimit, 2 * time.Second},
				{"disk fill", pyFile(diskFill), StatusOK, 3 * time.Second},
				{"foreign-arch syscall", pyFile(int80), StatusCrashed, time.Second},
			}
			for _, tt := range tests {
				if tt.spec.Limits == (Limits{}) {
					tt.spec.Limits = attackLimits
				}
				r, err := s.Run(t.Context(), tt.spec)
				if err != nil {
					t.Fatalf("%s: %v", tt.name, err)
				}
				if tt.status != "" && r.Status != tt.status {
					t.Errorf("%s: status %s (exit %d), want %s; stderr %q", tt.name, r.Status, r.ExitCode, tt.status, clip(r.Stderr))
				}
				if r.Wall > tt.maxWall {
					t.Errorf("%s: took %v, want at most %v", tt.name, r.Wall, tt.maxWall)
				}
				if tt.name == "disk fill" && !strings.Contains(string(r.Stdout), "full") {
					t.Errorf("disk fill: the sandbox's disk did not fill up: %q %q", r.Stdout, clip(r.Stderr))
				}
				if tt.name == "foreign-arch syscall" && r.ExitCode != foreignArchExit(t) {
					t.Errorf("foreign-arch syscall: exit %d, want %d; stderr %q", r.ExitCode, foreignArchExit(t), r.Stderr)
				}
				t.Logf("%s: %s in %v", tt.name, r.Status, r.Wall)
				noLeftovers(t, tt.name, s)
				healthy(t, s)
			}
		})
	}
}

// memorySpread forks four processes that each fill 96 MiB, under the
// 128 MiB limit of one process and far over that of the tree, and waits
// for them.
const memorySpread = `
import os, time
for i in range(4):
    if os.fork() == 0:
        x = bytearray(96 << 20)
        time.sleep(2)
        os._exit(0)
for i in range(4):
    os.wait()
`

// diskFill writes 5 MiB files until the 64 MiB tmpfs is full.
const diskFill = `
for i in range(100):
    try:
        with open("f%d" % i, "wb") as f:
            f.write(b"x" * (5 << 20))
    except OSError as e:
        print("full", e.errno)
        break
`

// int80 makes a system call through the 32-bit entry point, whose numbers
// differ from x86_64's: a filter that did not check the arch would judge it
// by the wrong table.
const int80 = `
import ctypes, mmap
code = bytes([0xb8, 20, 0, 0, 0, 0xcd, 0x80, 0xc3])  # mov eax, 20 (getpid); int 0x80; ret
m = mmap.mmap(-1, 4096, prot=mmap.PROT_READ | mmap.PROT_WRITE | mmap.PROT_EXEC)
m.write(code)
addr = ctypes.addressof(ctypes.c_char.from_buffer(m))
ctypes.CFUNCTYPE(ctypes.c_int)(addr)()
print("int 0x80 returned")
`

// foreignArchExit is the exit status the int80 program must end with in the
// sandbox: 159 (SIGSYS, the seccomp filter's kill) where the kernel has a
// 32-bit entry point, which is what a bare run tells; where it has none
// (ia32 emulation compiled out or disabled) even a bare run dies of SIGSEGV
// before any filter sees the call, and so must the sandboxed one.
func foreignArchExit(t *testing.T) int {
	t.Helper()
	err := exec.Command("python3", "-c", int80).Run()
	var exit *exec.ExitError
	if errors.As(err, &exit) && exit.Sys().(syscall.WaitStatus).Signal() == syscall.SIGSEGV {
		t.Log("foreign-arch syscall: this kernel has no 32-bit entry point (a bare run gets SIGSEGV)")
		return 128 + int(syscall.SIGSEGV)
	}
	return 128 + int(syscall.SIGSYS)
}

// noLeftovers checks that nothing of a run is left once Run returned: no
// process of the slot's uid, none in its cgroups. (A sandboxed run makes no
// temporary file on the host at all: its files live in the sandbox's tmpfs.)
func noLeftovers(t *testing.T, what string, s *Slot) {
	t.Helper()
	if left := processesOf(s.UID()); len(left) > 0 {
		t.Errorf("%s: processes of uid %d left: %v", what, s.UID(), left)
	}
	if s.group != nil {
		if procs, err := s.group.Procs(); err != nil || len(procs) > 0 {
			t.Errorf("%s: processes left in the slot's cgroups: %v %v", what, procs, err)
		}
	}
}

func clip(b []byte) string {
	if len(b) > 300 {
		return string(b[:300]) + "..."
	}
	return string(b)
}

// probe is a Python program that tries what a sandbox must refuse and
// writes one JSON line per attempt to fd 3: {"what": ..., "ok": bool,
// "detail": ...}, ok meaning the attempt succeeded.
const probe = `
import ctypes, json, os, socket, sys, signal
def report(what, fn):
    try:
        detail = fn()
        ok = True
    except Exception as e:
        detail, ok = repr(e), False
    os.write(3, (json.dumps({"what": what, "ok": ok, "detail": str(detail)[:200]}) + "\n").encode())

def read(p):
    with open(p, "rb") as f:
        return f.read(200)

def write(p):
    with open(p, "w") as f:
        f.write("x")
    return p

def connect(family, addr):
    s = socket.socket(family, socket.SOCK_STREAM)
    s.settimeout(1)
    s.connect(addr)
    return "connected"

def environ1():
    env = read("/proc/1/environ") + read("/proc/self/environ")
    if SECRET.encode() in env:
        return "secret seen"
    raise Exception("no secret in " + repr(env))

def kill(pid):
    os.kill(pid, signal.SIGKILL)
    return "killed"

libc = ctypes.CDLL(None, use_errno=True)
def syscall(nr, *args):
    if libc.syscall(nr, *args) == -1:
        raise OSError(ctypes.get_errno(), os.strerror(ctypes.get_errno()))
    return "allowed"

SECRET, HOSTFILE, PORT, RUNNERPID, SLEEPER = sys.argv[1], sys.argv[2], int(sys.argv[3]), int(sys.argv[4]), int(sys.argv[5])
report("read host file", lambda: read(HOSTFILE))
report("read /etc/shadow", lambda: read("/etc/shadow"))
report("read /etc/passwd", lambda: read("/etc/passwd"))
report("list /root", lambda: os.listdir("/root"))
report("list /home", lambda: os.listdir("/home"))
report("see the runner's environment", environ1)
report("connect to 1.1.1.1:53", lambda: connect(socket.AF_INET, ("1.1.1.1", 53)))
report("connect to the runner on loopback", lambda: connect(socket.AF_INET, ("127.0.0.1", PORT)))
report("connect to the runner on ::1", lambda: connect(socket.AF_INET6, ("::1", PORT)))
report("open an AF_VSOCK socket", lambda: socket.socket(40, socket.SOCK_STREAM))
report("open an AF_NETLINK socket", lambda: socket.socket(socket.AF_NETLINK, socket.SOCK_RAW))
report("open an AF_PACKET socket", lambda: socket.socket(17, socket.SOCK_RAW))
report("connect to an abstract unix socket of the host", lambda: connect(socket.AF_UNIX, "\0guides-runner/uid/%d" % os.getuid()))
for p in ["/usr/pwned", "/etc/pwned", "/pwned", "/tmp/pwned", "/dev/shm/pwned", "/dev/pwned", "/proc/pwned"]:
    report("write " + p, lambda p=p: write(p))
report("write in the work dir (allowed)", lambda: write("/sandbox/mine"))
report("kill the runner", lambda: kill(RUNNERPID))
report("kill a host process", lambda: kill(SLEEPER))
report("ptrace", lambda: syscall(101, 0, 0, 0, 0))
report("unshare a user namespace", lambda: syscall(272, 0x10000000))
report("io_uring_setup", lambda: syscall(425, 1, ctypes.create_string_buffer(120)))
report("bpf", lambda: syscall(321, 0, 0, 0))
report("keyctl", lambda: syscall(250, 0, 0, 0))
report("mount", lambda: syscall(165, b"none", b"/sandbox", b"tmpfs", 0, 0))
report("setuid 0", lambda: os.setuid(0) or "root")
`

type attempt struct {
	What   string `json:"what"`
	OK     bool   `json:"ok"`
	Detail string `json:"detail"`
}

func TestIsolation(t *testing.T) {
	hostFile := filepath.Join(t.TempDir(), "hidden.yaml")
	if err := os.WriteFile(hostFile, []byte("- name: hidden case\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	const secret = "GUIDES_RUNNER_TEST_SECRET_4f1c"
	t.Setenv("GUIDES_RUNNER_SECRET", secret)
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
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
	sleeper := exec.Command("/bin/sleep", "60")
	if err := sleeper.Start(); err != nil {
		t.Fatal(err)
	}
	defer func() { sleeper.Process.Kill(); sleeper.Wait() }()

	for name, opts := range modes(t) {
		t.Run(name, func(t *testing.T) {
			s := newSlot(t, opts)
			spec := pyFile(probe)
			spec.Argv = append(spec.Argv, secret, hostFile, fmt.Sprint(port), fmt.Sprint(os.Getpid()), fmt.Sprint(sleeper.Process.Pid))
			r, err := s.Run(t.Context(), spec)
			if err != nil {
				t.Fatal(err)
			}
			if r.Status != StatusOK {
				t.Fatalf("probe: status %s, stderr %q", r.Status, r.Stderr)
			}
			seen := map[string]bool{}
			for _, l := range r.Lines {
				var a attempt
				if err := json.Unmarshal(l.Data, &a); err != nil {
					t.Fatalf("probe line %q: %v", l.Data, err)
				}
				seen[a.What] = true
				allowed := strings.HasSuffix(a.What, "(allowed)")
				if a.OK != allowed {
					t.Errorf("%s: succeeded=%v (%s)", a.What, a.OK, a.Detail)
				}
			}
			if len(seen) < 30 {
				t.Errorf("probe made %d attempts, want 30; stderr %q", len(seen), r.Stderr)
			}
			noLeftovers(t, "probe", s)
			healthy(t, s)
		})
	}
	if n := accepted.Load(); n != 0 {
		t.Errorf("the runner's loopback port accepted %d connections from the sandbox", n)
	}
	if sleeper.ProcessState != nil {
		t.Errorf("the sandbox killed a host process")
	}
}

// TestInheritedFilesStayOut starts a slot with a file open that the runner
// inherited without close-on-exec, as a shell or supervisor may leave one,
// and checks that a run sees none but its own: 0 to 2 and the result and
// start channels.
func TestInheritedFilesStayOut(t *testing.T) {
	hidden := filepath.Join(t.TempDir(), "hidden.yaml")
	if err := os.WriteFile(hidden, []byte("- name: hidden case\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	fd, err := syscall.Open(hidden, syscall.O_RDONLY, 0) // no O_CLOEXEC, as if inherited
	if err != nil {
		t.Fatal(err)
	}
	defer syscall.Close(fd)
	const inherited = 100 // above the descriptors a run is given
	if err := syscall.Dup2(fd, inherited); err != nil {
		t.Fatal(err)
	}
	defer syscall.Close(inherited)
	for name, opts := range modes(t) {
		t.Run(name, func(t *testing.T) {
			s := newSlot(t, opts)
			r, err := s.Run(t.Context(), pyFile("import os\nprint(' '.join(sorted(os.listdir('/proc/self/fd'))))"))
			if err != nil {
				t.Fatal(err)
			}
			for _, f := range strings.Fields(string(r.Stdout)) {
				if n, _ := strconv.Atoi(f); n > 4 {
					t.Errorf("the run sees descriptor %d, which it was not given (%d is the inherited hidden file); open: %s", n, inherited, r.Stdout)
				}
			}
		})
	}
}
