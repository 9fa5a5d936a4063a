//go:build linux && amd64

// Package seccomp builds the system-call filter every sandboxed process runs
// under, as the raw classic-BPF program bubblewrap's --seccomp option reads.
//
// The filter is a deny-list on top of the namespaces bubblewrap sets up, so it
// must first refuse anything it cannot judge: a syscall made through another
// architecture's entry point (int 0x80 on x86_64) carries other numbers and
// would walk past every check, so a foreign arch kills the process, and x32
// calls get ENOSYS. Then it refuses sockets other than AF_UNIX (this blocks
// AF_VSOCK, which a network namespace does not) and the calls that let a
// process observe or escape its sandbox: tracing, keyrings, bpf, io_uring,
// mounts, namespaces, modules and the like.
package seccomp

import (
	"encoding/binary"
	"fmt"

	"golang.org/x/net/bpf"
	"golang.org/x/sys/unix"
)

// Return values of a seccomp filter (linux/seccomp.h).
const (
	retKillProcess = 0x80000000
	retErrno       = 0x00050000
	retAllow       = 0x7fff0000
)

// Offsets in struct seccomp_data.
const (
	offNr   = 0
	offArch = 4
	offArg0 = 16 // low 32 bits on a little-endian machine
)

const x32SyscallBit = 0x40000000

// denied returns the calls answered with EPERM. Each one either reaches outside
// the sandbox (ptrace, process_vm_*, keyrings, bpf, perf, mounts, namespaces,
// modules, kexec, swap, reboot, syslog, handles, fanotify, quotas) or has been
// a steady source of kernel bugs that a candidate's program never needs
// (io_uring, userfaultfd, vmsplice).
func denied() []uint32 {
	return []uint32{
		unix.SYS_PTRACE, unix.SYS_PROCESS_VM_READV, unix.SYS_PROCESS_VM_WRITEV,
		unix.SYS_KCMP, unix.SYS_PIDFD_GETFD,
		unix.SYS_ADD_KEY, unix.SYS_REQUEST_KEY, unix.SYS_KEYCTL,
		unix.SYS_BPF, unix.SYS_PERF_EVENT_OPEN, unix.SYS_USERFAULTFD,
		unix.SYS_IO_URING_SETUP, unix.SYS_IO_URING_ENTER, unix.SYS_IO_URING_REGISTER,
		unix.SYS_MOUNT, unix.SYS_UMOUNT2, unix.SYS_PIVOT_ROOT, unix.SYS_CHROOT,
		unix.SYS_FSOPEN, unix.SYS_FSCONFIG, unix.SYS_FSMOUNT, unix.SYS_FSPICK,
		unix.SYS_MOVE_MOUNT, unix.SYS_OPEN_TREE, unix.SYS_MOUNT_SETATTR,
		unix.SYS_UNSHARE, unix.SYS_SETNS, unix.SYS_PERSONALITY,
		unix.SYS_INIT_MODULE, unix.SYS_FINIT_MODULE, unix.SYS_DELETE_MODULE,
		unix.SYS_KEXEC_LOAD, unix.SYS_KEXEC_FILE_LOAD,
		unix.SYS_ACCT, unix.SYS_SWAPON, unix.SYS_SWAPOFF, unix.SYS_REBOOT, unix.SYS_SYSLOG,
		unix.SYS_NAME_TO_HANDLE_AT, unix.SYS_OPEN_BY_HANDLE_AT,
		unix.SYS_FANOTIFY_INIT, unix.SYS_QUOTACTL, unix.SYS_VMSPLICE,
		unix.SYS_LOOKUP_DCOOKIE, unix.SYS_NFSSERVCTL, unix.SYS_UPROBE,
	}
}

// Instructions returns the filter as BPF instructions.
func Instructions() []bpf.Instruction {
	prog := []bpf.Instruction{
		bpf.LoadAbsolute{Off: offArch, Size: 4},
		bpf.JumpIf{Cond: bpf.JumpEqual, Val: unix.AUDIT_ARCH_X86_64, SkipTrue: 1},
		bpf.RetConstant{Val: retKillProcess},
		bpf.LoadAbsolute{Off: offNr, Size: 4},
		bpf.JumpIf{Cond: bpf.JumpGreaterOrEqual, Val: x32SyscallBit, SkipFalse: 1},
		bpf.RetConstant{Val: retErrno | uint32(unix.ENOSYS)},
		bpf.JumpIf{Cond: bpf.JumpEqual, Val: unix.SYS_SOCKET, SkipFalse: 4},
		bpf.LoadAbsolute{Off: offArg0, Size: 4},
		bpf.JumpIf{Cond: bpf.JumpEqual, Val: unix.AF_UNIX, SkipFalse: 1},
		bpf.RetConstant{Val: retAllow},
		bpf.RetConstant{Val: retErrno | uint32(unix.EAFNOSUPPORT)},
	}
	deny := denied()
	for i, nr := range deny {
		// Jump over the remaining checks and the allow to the EPERM return.
		skip := uint8(len(deny) - i)
		prog = append(prog, bpf.JumpIf{Cond: bpf.JumpEqual, Val: nr, SkipTrue: skip})
	}
	return append(prog,
		bpf.RetConstant{Val: retAllow},
		bpf.RetConstant{Val: retErrno | uint32(unix.EPERM)},
	)
}

// Program returns the filter as an array of struct sock_filter in the
// machine's byte order, the form bubblewrap reads from its --seccomp fd.
func Program() ([]byte, error) {
	raw, err := bpf.Assemble(Instructions())
	if err != nil {
		return nil, fmt.Errorf("assemble seccomp filter: %w", err)
	}
	out := make([]byte, 0, 8*len(raw))
	for _, ins := range raw {
		out = binary.LittleEndian.AppendUint16(out, ins.Op)
		out = append(out, ins.Jt, ins.Jf)
		out = binary.LittleEndian.AppendUint32(out, ins.K)
	}
	return out, nil
}
