package sandbox

import (
	"fmt"
	"strconv"
	"strings"
)

// Paths inside the sandbox.
const (
	workDir = "/sandbox"
	tempDir = "/sandbox/temp"
	// sandboxID is the uid and gid the program sees; the kernel sees the
	// slot's uid.
	sandboxID = "65534"
	// initScript is pid 1: it tells the runner it reached the command (fd 4),
	// runs the command as its child and exits with its status, 128+n for a
	// death by signal n. When it exits the kernel kills whatever is left in
	// the pid namespace.
	initScript = `printf . >&4; exec 4>&-; "$@"; exit $?`
)

// command returns prlimit's arguments: the rlimits, then bwrap and its
// arguments, then the init script and the command.
func (h *Host) command(spec Spec, lim Limits, p *plumbing) []string {
	args := h.rlimits(lim)
	args = append(args, "--", h.bwrap)
	args = append(args, h.bwrapArgs(spec, lim, p)...)
	args = append(args, "--", h.sh, "-c", initScript, "init")
	return append(args, spec.Argv...)
}

// rlimits are set by the slot's own process on itself, then inherited by
// bwrap and everything in the sandbox.
func (h *Host) rlimits(lim Limits) []string {
	cpu := int(cpuLimit(lim).Seconds())
	args := []string{
		fmt.Sprintf("--nproc=%d", lim.Procs),
		fmt.Sprintf("--fsize=%d", lim.FileSize),
		"--nofile=256",
		fmt.Sprintf("--cpu=%d:%d", cpu, cpu+1),
		"--core=0",
	}
	if h.mode == ModeRlimit || lim.EachProcess {
		// RLIMIT_AS would break Go and Node, which reserve far more address
		// space than they use; RLIMIT_DATA bounds what they really map.
		args = append(args, fmt.Sprintf("--data=%d", lim.Memory))
	}
	return args
}

func (h *Host) bwrapArgs(spec Spec, lim Limits, p *plumbing) []string {
	args := []string{
		"--unshare-all", "--unshare-user", "--disable-userns",
		"--die-with-parent", "--new-session", "--as-pid-1",
		"--ro-bind", "/usr", "/usr",
		"--symlink", "usr/lib", "/lib", "--symlink", "usr/lib64", "/lib64",
		"--symlink", "usr/bin", "/bin", "--symlink", "usr/sbin", "/sbin",
		"--ro-bind-try", "/etc/ld.so.cache", "/etc/ld.so.cache",
		"--ro-bind-try", "/etc/alternatives", "/etc/alternatives",
		"--proc", "/proc", "--dev", "/dev",
		"--size", strconv.FormatInt(lim.Disk, 10), "--tmpfs", workDir,
		"--chdir", workDir, "--dir", tempDir,
	}
	for _, b := range spec.Binds {
		args = append(args, "--ro-bind", b.Host, b.Sandbox)
	}
	for i, f := range spec.Files {
		perms := "0644"
		if f.Exec {
			perms = "0755"
		}
		args = append(args, "--perms", perms, "--file", strconv.Itoa(p.fdOf(p.files[i])), workDir+"/"+f.Name)
	}
	args = append(args, "--clearenv")
	for _, kv := range sandboxEnv(spec) {
		args = append(args, "--setenv", kv[0], kv[1])
	}
	args = append(args,
		"--hostname", "sandbox", "--uid", sandboxID, "--gid", sandboxID,
		"--seccomp", strconv.Itoa(p.fdOf(p.filter)))
	if p.infoW != nil {
		args = append(args, "--info-fd", strconv.Itoa(p.fdOf(p.infoW)), "--block-fd", strconv.Itoa(p.fdOf(p.blockR)))
	}
	// After these no mount can be made; before them the root tmpfs and /dev
	// (with /dev/shm) are writable and unbounded.
	return append(args, "--remount-ro", "/", "--remount-ro", "/dev")
}

// sandboxEnv is the whole environment of the command: nothing of the
// runner's own.
func sandboxEnv(spec Spec) [][2]string {
	path := spec.Path
	if path == "" {
		path = "/usr/bin:/bin"
	}
	env := [][2]string{
		{"PATH", path}, {"HOME", workDir}, {"TMPDIR", tempDir}, {"LANG", "C.UTF-8"},
	}
	for _, kv := range spec.Env {
		k, v, _ := strings.Cut(kv, "=")
		env = append(env, [2]string{k, v})
	}
	return env
}
