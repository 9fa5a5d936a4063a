package hugepages

import (
	"bytes"
	"os"
	"runtime"
	"runtime/debug"
	"slices"
	"strings"
	"unsafe"

	"golang.org/x/sys/unix"
)

// Prefer advises huge pages for the first size bytes of heap the program
// will use, or fewer: an eighth of the machine's memory, a quarter of the
// program's memory limit (GOMEMLIMIT). It returns how many bytes it
// advised: 0 when THP is "always" (the runtime's heap has them already) or
// "never", when the system refuses to overcommit memory (the chunks would
// be charged though never used), or when GODEBUG has disablethp=1. Call it
// once, early, from the main goroutine.
func Prefer(size int64) int64 {
	if !advisable() {
		return 0
	}
	var info unix.Sysinfo_t
	if unix.Sysinfo(&info) == nil {
		size = min(size, int64(uint64(info.Totalram)*uint64(info.Unit)/8))
	}
	size = min(size, debug.SetMemoryLimit(-1)/4)
	if size < chunk {
		return 0
	}
	// The chunks must not be live when a collection sets the heap's goal:
	// the goal would be a multiple of memory the program never uses.
	gc := debug.SetGCPercent(-1)
	n := advise(int(size / chunk))
	debug.SetGCPercent(gc)
	runtime.GC()
	return n
}

// advisable reports whether the system gives huge pages on advice only and
// lets a program map memory it may not use.
func advisable() bool {
	if strings.Contains(os.Getenv("GODEBUG"), "disablethp=1") {
		return false
	}
	thp, err := os.ReadFile("/sys/kernel/mm/transparent_hugepage/enabled")
	if err != nil || !bytes.Contains(thp, []byte("[madvise]")) {
		return false
	}
	overcommit, err := os.ReadFile("/proc/sys/vm/overcommit_memory")
	return err == nil && string(bytes.TrimSpace(overcommit)) != "2"
}

// advise allocates n chunks, advises each run of adjacent ones and returns
// the bytes advised. The chunks are garbage when it returns.
func advise(n int) int64 {
	chunks := make([][]byte, n)
	starts := make([]uintptr, n)
	for i := range chunks {
		chunks[i] = make([]byte, chunk)
		starts[i] = uintptr(unsafe.Pointer(unsafe.SliceData(chunks[i])))
	}
	slices.Sort(starts)
	var advised int64
	for i := 0; i < n; {
		j := i + 1
		for j < n && starts[j] == starts[j-1]+chunk {
			j++
		}
		size := uintptr(j-i) * chunk
		if _, _, errno := unix.Syscall(unix.SYS_MADVISE, starts[i], size, unix.MADV_HUGEPAGE); errno == 0 {
			advised += int64(size)
		}
		i = j
	}
	runtime.KeepAlive(chunks)
	return advised
}
