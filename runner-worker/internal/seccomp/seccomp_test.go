//go:build linux && amd64

package seccomp

import (
	"encoding/binary"
	"testing"

	"golang.org/x/net/bpf"
	"golang.org/x/sys/unix"
)

// data builds a struct seccomp_data for the BPF test VM, which loads words
// big-endian where the kernel loads them in the machine's order.
func data(arch, nr, arg0 uint32) []byte {
	b := make([]byte, 64)
	binary.BigEndian.PutUint32(b[offNr:], nr)
	binary.BigEndian.PutUint32(b[offArch:], arch)
	binary.BigEndian.PutUint32(b[offArg0:], arg0)
	return b
}

func TestFilter(t *testing.T) {
	vm, err := bpf.NewVM(Instructions())
	if err != nil {
		t.Fatal(err)
	}
	const x86 = unix.AUDIT_ARCH_X86_64
	tests := []struct {
		name string
		in   []byte
		want uint32
	}{
		{"read is allowed", data(x86, unix.SYS_READ, 0), retAllow},
		{"clone is allowed", data(x86, unix.SYS_CLONE, 0), retAllow},
		{"i386 entry point kills", data(unix.AUDIT_ARCH_I386, unix.SYS_READ, 0), retKillProcess},
		{"x32 call is ENOSYS", data(x86, x32SyscallBit|unix.SYS_READ, 0), retErrno | uint32(unix.ENOSYS)},
		{"unix socket is allowed", data(x86, unix.SYS_SOCKET, unix.AF_UNIX), retAllow},
		{"inet socket is refused", data(x86, unix.SYS_SOCKET, unix.AF_INET), retErrno | uint32(unix.EAFNOSUPPORT)},
		{"inet6 socket is refused", data(x86, unix.SYS_SOCKET, unix.AF_INET6), retErrno | uint32(unix.EAFNOSUPPORT)},
		{"vsock is refused", data(x86, unix.SYS_SOCKET, unix.AF_VSOCK), retErrno | uint32(unix.EAFNOSUPPORT)},
		{"netlink is refused", data(x86, unix.SYS_SOCKET, unix.AF_NETLINK), retErrno | uint32(unix.EAFNOSUPPORT)},
		{"ptrace is EPERM", data(x86, unix.SYS_PTRACE, 0), retErrno | uint32(unix.EPERM)},
		{"io_uring_setup is EPERM", data(x86, unix.SYS_IO_URING_SETUP, 0), retErrno | uint32(unix.EPERM)},
		{"unshare is EPERM", data(x86, unix.SYS_UNSHARE, 0), retErrno | uint32(unix.EPERM)},
		{"last denied call is EPERM", data(x86, denied()[len(denied())-1], 0), retErrno | uint32(unix.EPERM)},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := vm.Run(tt.in)
			if err != nil {
				t.Fatal(err)
			}
			if uint32(got) != tt.want {
				t.Errorf("filter returned %#x, want %#x", uint32(got), tt.want)
			}
		})
	}
}

func TestProgramSize(t *testing.T) {
	p, err := Program()
	if err != nil {
		t.Fatal(err)
	}
	if want := 8 * len(Instructions()); len(p) != want {
		t.Errorf("len(Program()) = %d, want %d", len(p), want)
	}
}
