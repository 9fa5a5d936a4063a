// Package cgroup manages the cgroup v1 memory and pids groups that bound a
// sandbox: one group per worker slot, created as a child of the runner's own
// group (read from /proc/self/cgroup) so that it lives wherever the runner was
// placed and inherits the limits above it.
//
// It exists because on the machines this project runs on only cgroup v1 has
// the memory and pids controllers. A memory group charges everything a run
// uses, tmpfs included, and counts OOM kills, which is how a run is told
// apart from one that crashed; a pids group stops fork bombs whichever uid
// they run as.
package cgroup

import (
	"bufio"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"time"
)

// Hierarchy locates the runner's own memory and pids groups.
type Hierarchy struct {
	Memory string // directory of the runner's memory group
	Pids   string // directory of the runner's pids group
}

// Find locates the runner's memory and pids groups in cgroup v1 hierarchies
// mounted on this machine.
func Find() (Hierarchy, error) {
	own, err := readOwnGroups("/proc/self/cgroup")
	if err != nil {
		return Hierarchy{}, err
	}
	mounts, err := readMounts("/proc/self/mountinfo")
	if err != nil {
		return Hierarchy{}, err
	}
	var h Hierarchy
	for _, c := range []struct {
		name string
		dst  *string
	}{{"memory", &h.Memory}, {"pids", &h.Pids}} {
		m, ok := mounts[c.name]
		path, inGroup := own[c.name]
		if !ok || !inGroup {
			return Hierarchy{}, fmt.Errorf("no cgroup v1 %s controller mounted", c.name)
		}
		rel, ok := strings.CutPrefix(path, m.root)
		if !ok {
			return Hierarchy{}, fmt.Errorf("cgroup %s path %q is outside its mount root %q", c.name, path, m.root)
		}
		*c.dst = filepath.Join(m.point, rel)
	}
	return h, nil
}

// readOwnGroups parses /proc/self/cgroup into controller → group path.
func readOwnGroups(file string) (map[string]string, error) {
	b, err := os.ReadFile(file)
	if err != nil {
		return nil, err
	}
	out := map[string]string{}
	for line := range strings.Lines(string(b)) {
		parts := strings.SplitN(strings.TrimSpace(line), ":", 3)
		if len(parts) != 3 {
			continue
		}
		for ctl := range strings.SplitSeq(parts[1], ",") {
			out[ctl] = parts[2]
		}
	}
	return out, nil
}

type mount struct{ root, point string }

// readMounts finds the cgroup v1 mounts in a mountinfo file, by controller.
func readMounts(file string) (map[string]mount, error) {
	f, err := os.Open(file)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	out := map[string]mount{}
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		pre, post, ok := strings.Cut(sc.Text(), " - ")
		fields, tail := strings.Fields(pre), strings.Fields(post)
		if !ok || len(fields) < 5 || len(tail) < 3 || tail[0] != "cgroup" {
			continue
		}
		for opt := range strings.SplitSeq(tail[2], ",") {
			out[opt] = mount{root: fields[3], point: fields[4]}
		}
	}
	return out, sc.Err()
}

// Group is one memory group and one pids group of the same name.
type Group struct {
	memory, pids string
	memLimit     int64
}

// NewGroup creates the named child groups under h. A group of that name left
// by an earlier runner is emptied and reused.
func (h Hierarchy) NewGroup(name string) (*Group, error) {
	g := &Group{memory: filepath.Join(h.Memory, name), pids: filepath.Join(h.Pids, name)}
	for _, dir := range []string{g.memory, g.pids} {
		if err := os.Mkdir(dir, 0o755); err != nil && !errors.Is(err, fs.ErrExist) {
			return nil, fmt.Errorf("create cgroup: %w", err)
		}
	}
	if err := g.Kill(); err != nil {
		return nil, err
	}
	if v, err := g.readInt(g.memory, "memory.limit_in_bytes"); err == nil {
		g.memLimit = v
	}
	return g, nil
}

// SetLimits bounds the group's memory (RAM and swap together) and number of
// processes.
func (g *Group) SetLimits(memory int64, pids int) error {
	mem := strconv.FormatInt(memory, 10)
	// memory.memsw.limit_in_bytes may never be below memory.limit_in_bytes,
	// so the order of the two writes depends on the direction of the change.
	files := []string{"memory.limit_in_bytes", "memory.memsw.limit_in_bytes"}
	if memory > g.memLimit {
		files[0], files[1] = files[1], files[0]
	}
	for _, f := range files {
		err := write(filepath.Join(g.memory, f), mem)
		if err != nil && !(f == "memory.memsw.limit_in_bytes" && errors.Is(err, fs.ErrNotExist)) {
			return fmt.Errorf("set %s: %w", f, err)
		}
	}
	g.memLimit = memory
	// Charges left by the last run (page cache) would count against this one.
	_ = write(filepath.Join(g.memory, "memory.max_usage_in_bytes"), "0")
	if err := write(filepath.Join(g.pids, "pids.max"), strconv.Itoa(pids)); err != nil {
		return fmt.Errorf("set pids.max: %w", err)
	}
	return nil
}

// Add moves a process into the group. Its children, forked later, are in it
// from birth.
func (g *Group) Add(pid int) error {
	for _, dir := range []string{g.memory, g.pids} {
		if err := write(filepath.Join(dir, "cgroup.procs"), strconv.Itoa(pid)); err != nil {
			return fmt.Errorf("move process into cgroup: %w", err)
		}
	}
	return nil
}

// OOMKills returns how many processes the kernel has killed in the group for
// want of memory since it was created.
func (g *Group) OOMKills() (int64, error) {
	b, err := os.ReadFile(filepath.Join(g.memory, "memory.oom_control"))
	if err != nil {
		return 0, err
	}
	for line := range strings.Lines(string(b)) {
		if v, ok := strings.CutPrefix(strings.TrimSpace(line), "oom_kill "); ok {
			return strconv.ParseInt(v, 10, 64)
		}
	}
	return 0, errors.New("memory.oom_control has no oom_kill counter")
}

// PeakMemory returns the most memory the group used since SetLimits.
func (g *Group) PeakMemory() int64 {
	v, _ := g.readInt(g.memory, "memory.max_usage_in_bytes")
	return v
}

// Procs lists the processes in the group.
func (g *Group) Procs() ([]int, error) {
	var out []int
	for _, dir := range []string{g.memory, g.pids} {
		b, err := os.ReadFile(filepath.Join(dir, "cgroup.procs"))
		if err != nil {
			return nil, err
		}
		for f := range strings.FieldsSeq(string(b)) {
			if pid, err := strconv.Atoi(f); err == nil {
				out = append(out, pid)
			}
		}
	}
	return out, nil
}

// Kill sends SIGKILL to every process in the group until it is empty. The
// pids limit bounds how many a fork bomb can make while this runs.
func (g *Group) Kill() error {
	deadline := time.Now().Add(2 * time.Second)
	for {
		pids, err := g.Procs()
		if err != nil {
			return fmt.Errorf("list cgroup processes: %w", err)
		}
		if len(pids) == 0 {
			return nil
		}
		if time.Now().After(deadline) {
			return fmt.Errorf("cgroup %s still has %d processes", filepath.Base(g.memory), len(pids))
		}
		for _, pid := range pids {
			_ = syscall.Kill(pid, syscall.SIGKILL)
		}
		time.Sleep(time.Millisecond)
	}
}

// Remove kills what is left in the group and deletes it.
func (g *Group) Remove() error {
	err := g.Kill()
	for _, dir := range []string{g.memory, g.pids} {
		// rmdir of an emptied group can race the exit of its last process.
		for range 100 {
			rerr := os.Remove(dir)
			if rerr == nil || errors.Is(rerr, fs.ErrNotExist) {
				break
			}
			if !errors.Is(rerr, syscall.EBUSY) {
				err = errors.Join(err, rerr)
				break
			}
			time.Sleep(10 * time.Millisecond)
		}
	}
	return err
}

func (g *Group) readInt(dir, file string) (int64, error) {
	b, err := os.ReadFile(filepath.Join(dir, file))
	if err != nil {
		return 0, err
	}
	return strconv.ParseInt(strings.TrimSpace(string(b)), 10, 64)
}

func write(path, value string) error {
	f, err := os.OpenFile(path, os.O_WRONLY, 0)
	if err != nil {
		return err
	}
	_, err = f.WriteString(value)
	return errors.Join(err, f.Close())
}
