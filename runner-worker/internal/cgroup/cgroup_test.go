package cgroup

import (
	"os"
	"os/exec"
	"strconv"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
)

func TestReadOwnGroups(t *testing.T) {
	got, err := readOwnGroups("testdata/cgroup")
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]string{
		"pids": "/user.slice/user-1000.slice", "memory": "/process_api/abc", "cpu": "/", "cpuacct": "/",
		"name=systemd": "/user.slice", "": "/user.slice/user-1000.slice/session-2.scope",
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("readOwnGroups mismatch (-want +got):\n%s", diff)
	}
}

func TestReadMounts(t *testing.T) {
	got, err := readMounts("testdata/mountinfo")
	if err != nil {
		t.Fatal(err)
	}
	for _, tt := range []struct {
		ctl  string
		want mount
	}{
		{"memory", mount{root: "/", point: "/sys/fs/cgroup/memory"}},
		{"pids", mount{root: "/user.slice", point: "/sys/fs/cgroup/pids"}},
		{"cpuacct", mount{root: "/", point: "/sys/fs/cgroup/cpu,cpuacct"}},
	} {
		if got[tt.ctl] != tt.want {
			t.Errorf("mount of %s = %+v, want %+v", tt.ctl, got[tt.ctl], tt.want)
		}
	}
	if _, ok := got["cgroup2"]; ok {
		t.Error("a cgroup2 mount was taken for a v1 controller")
	}
}

// TestGroup exercises a real group under the test's own: limits, moving a
// process in, killing everything in it, removing it.
func TestGroup(t *testing.T) {
	h, err := Find()
	if err != nil || os.Geteuid() != 0 {
		t.Skipf("no writable cgroup v1 memory and pids hierarchies here (%v)", err)
	}
	g, err := h.NewGroup("guides-runner-test-" + strconv.Itoa(os.Getpid()))
	if err != nil {
		t.Skipf("cannot make a cgroup here: %v", err)
	}
	defer func() {
		if err := g.Remove(); err != nil {
			t.Errorf("Remove: %v", err)
		}
		if _, err := os.Stat(g.memory); !os.IsNotExist(err) {
			t.Errorf("memory group still there: %v", err)
		}
	}()
	for _, mem := range []int64{64 << 20, 256 << 20, 32 << 20} { // down, up, down
		if err := g.SetLimits(mem, 8); err != nil {
			t.Fatalf("SetLimits(%d): %v", mem, err)
		}
		if v, _ := g.readInt(g.memory, "memory.limit_in_bytes"); v != mem {
			t.Errorf("memory.limit_in_bytes = %d, want %d", v, mem)
		}
	}
	cmd := exec.Command("/bin/sleep", "30")
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	if err := g.Add(cmd.Process.Pid); err != nil {
		t.Fatal(err)
	}
	procs, err := g.Procs()
	if err != nil || len(procs) != 2 { // listed by the memory and the pids group
		t.Errorf("Procs = %v, %v; want the sleeper twice", procs, err)
	}
	n, err := g.OOMKills()
	if err != nil || n != 0 {
		t.Errorf("OOMKills = %d, %v", n, err)
	}
	done := make(chan error)
	go func() { done <- cmd.Wait() }()
	if err := g.Kill(); err != nil {
		t.Fatal(err)
	}
	select {
	case <-done:
	case <-time.After(2 * time.Second):
		t.Fatal("Kill left the process running")
	}
}
