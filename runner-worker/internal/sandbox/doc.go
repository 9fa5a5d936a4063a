// Package sandbox runs one untrusted program in isolation and reports what
// became of it: its output, its exit, its time and memory, and whether it hit
// a limit.
//
// A Host is what this machine can do, probed once at start-up: bubblewrap
// with cgroup v1 memory and pids groups (ModeCgroup), bubblewrap with rlimits
// only (ModeRlimit), or, only when asked for explicitly, no isolation at all
// (ModeNone, for development). A Slot is one worker's place to run: a uid of
// its own, leased so that no other runner on the machine uses it, and in
// ModeCgroup a memory and a pids group. A slot runs one Spec at a time.
//
// How a run is isolated, and why:
//
//   - bubblewrap is started as the slot's uid (SysProcAttr.Credential), never
//     as root: bwrap started by root stays root to the kernel whatever --uid
//     says. The slot's own process lowers its rlimits (prlimit) before it execs
//     bwrap, because root here cannot prlimit another uid's process.
//   - The environment is a fixed minimal list: /proc/1/environ in the sandbox
//     shows whatever bwrap was started with.
//   - Every namespace is new (no network at all, not even the runner's
//     loopback), the root and /dev are read-only, /usr is bound read-only, and
//     the only writable place is a size-limited tmpfs at /sandbox.
//   - A seccomp filter (package seccomp) kills foreign-arch syscalls and
//     refuses ptrace, io_uring, namespaces and sockets other than AF_UNIX.
//   - /bin/sh is pid 1 and runs the command as its child: when pid 1 exits the
//     kernel kills the rest of the pid namespace, so once Wait returns the
//     whole process tree is gone; and the command itself is not pid 1, which
//     would ignore SIGXCPU, SIGXFSZ and SIGTERM.
//   - Files go in by file descriptor (bwrap --file), results come out through
//     pipes (stdout, stderr, and fd 3 for a harness's results); the runner
//     never touches a path inside a sandbox after untrusted code ran.
//   - Processes are killed by process group and cgroup, never by name or uid.
package sandbox
