//go:build linux

package hugepages

import (
	"bufio"
	"bytes"
	"os"
	"os/exec"
	"runtime/debug"
	"runtime/metrics"
	"strconv"
	"strings"
	"testing"
)

const size int64 = 256 << 20

// TestPreferAdvisesWithoutTouching runs in a process of its own: Prefer
// is for a program's start, when the heap has not yet freed much memory
// that the chunks would reuse (and zero).
func TestPreferAdvisesWithoutTouching(t *testing.T) {
	if !advisable() {
		t.Skip("transparent huge pages are not left to advice here (or overcommit is strict)")
	}
	if os.Getenv("HUGEPAGES_TEST_CHILD") == "" {
		cmd := exec.Command(os.Args[0], "-test.run=^"+t.Name()+"$", "-test.count=1", "-test.v")
		cmd.Env = append(os.Environ(), "HUGEPAGES_TEST_CHILD=1")
		if out, err := cmd.CombinedOutput(); err != nil {
			t.Fatalf("%v\n%s", err, out)
		}
		return
	}
	before := residentKiB(t)
	got := Prefer(size) // less on a machine under 2 GiB: an eighth of its memory
	if got < min(size, 64<<20) {
		t.Fatalf("Prefer(%d) advised %d bytes", size, got)
	}
	if grown := residentKiB(t) - before; grown > 16<<10 {
		t.Errorf("resident memory grew by %d KiB: the chunks were touched", grown)
	}
	if advised := advisedKiB(t); int64(advised) < got>>10 {
		t.Errorf("/proc/self/smaps has %d KiB with the hg flag, want at least %d", advised, got>>10)
	}
	if goal := heapGoal(); goal > 64<<20 {
		t.Errorf("heap goal after Prefer is %d MiB: the chunks were live at a collection", goal>>20)
	}
}

func TestPreferHonoursDisablethp(t *testing.T) {
	t.Setenv("GODEBUG", "disablethp=1")
	if got := Prefer(size); got != 0 {
		t.Errorf("with GODEBUG=disablethp=1, Prefer advised %d bytes", got)
	}
}

// residentKiB is VmRSS of /proc/self/status.
func residentKiB(t *testing.T) int {
	t.Helper()
	status, err := os.ReadFile("/proc/self/status")
	if err != nil {
		t.Fatal(err)
	}
	for line := range strings.Lines(string(status)) {
		if rest, ok := strings.CutPrefix(line, "VmRSS:"); ok {
			return kib(t, rest)
		}
	}
	t.Fatal("no VmRSS in /proc/self/status")
	return 0
}

// advisedKiB sums the sizes of the mappings whose VmFlags have hg
// (MADV_HUGEPAGE).
func advisedKiB(t *testing.T) int {
	t.Helper()
	smaps, err := os.ReadFile("/proc/self/smaps")
	if err != nil {
		t.Fatal(err)
	}
	total, size := 0, 0
	sc := bufio.NewScanner(bytes.NewReader(smaps))
	for sc.Scan() {
		line := sc.Text()
		if rest, ok := strings.CutPrefix(line, "Size:"); ok {
			size = kib(t, rest)
		}
		if rest, ok := strings.CutPrefix(line, "VmFlags:"); ok && strings.Contains(" "+rest+" ", " hg ") {
			total += size
		}
	}
	return total
}

func kib(t *testing.T, field string) int {
	t.Helper()
	n, err := strconv.Atoi(strings.TrimSpace(strings.TrimSuffix(strings.TrimSpace(field), "kB")))
	if err != nil {
		t.Fatalf("parse %q: %v", field, err)
	}
	return n
}

func heapGoal() uint64 {
	s := []metrics.Sample{{Name: "/gc/heap/goal:bytes"}}
	metrics.Read(s)
	return s[0].Value.Uint64()
}

func TestPreferStaysUnderTheMemoryLimit(t *testing.T) {
	if !advisable() {
		t.Skip("transparent huge pages are not left to advice here (or overcommit is strict)")
	}
	const limit = 64 << 20
	defer debug.SetMemoryLimit(debug.SetMemoryLimit(limit))
	if got := Prefer(size); got > limit/4 {
		t.Errorf("with a 64 MiB memory limit, Prefer advised %d MiB", got>>20)
	}
}
