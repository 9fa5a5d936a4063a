// Package output is where a build's files go: a staging directory swapped
// in for the published one only after a successful build, so a failed build
// leaves the last good site exactly as it was; or memory, for serve.
package output

import (
	"bytes"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"sync"

	"golang.org/x/sys/unix"
)

// Writer receives a build's files by site path ("en/roles/x/index.html").
// Implementations are safe for concurrent use and keep no reference to
// data once Write returns: callers reuse their buffers.
type Writer interface {
	Write(path string, data []byte) error
}

// Staged writes into a hidden sibling of the target directory.
type Staged struct {
	target string
	tmp    string
	dirs   sync.Map // directories already created
}

// Stage prepares a staging directory beside target.
func Stage(target string) (*Staged, error) {
	target = filepath.Clean(target)
	parent := filepath.Dir(target)
	if err := os.MkdirAll(parent, 0o755); err != nil {
		return nil, err
	}
	tmp, err := os.MkdirTemp(parent, "."+filepath.Base(target)+".staging-")
	if err != nil {
		return nil, fmt.Errorf("stage output: %w", err)
	}
	if err := os.Chmod(tmp, 0o755); err != nil {
		return nil, err
	}
	return &Staged{target: target, tmp: tmp}, nil
}

// Write implements Writer.
func (s *Staged) Write(p string, data []byte) error {
	if err := checkPath(p); err != nil {
		return err
	}
	full := filepath.Join(s.tmp, filepath.FromSlash(p))
	dir := filepath.Dir(full)
	if _, ok := s.dirs.Load(dir); !ok {
		if err := os.MkdirAll(dir, 0o755); err != nil {
			return err
		}
		s.dirs.Store(dir, true)
	}
	return os.WriteFile(full, data, 0o644)
}

// Dir is the staging directory, for steps that work on the built site as
// files before it is published (the search index).
func (s *Staged) Dir() string { return s.tmp }

// Commit swaps the staged directory in for the target, atomically when the
// target exists, and removes the old one.
func (s *Staged) Commit() error {
	err := unix.Renameat2(unix.AT_FDCWD, s.tmp, unix.AT_FDCWD, s.target, unix.RENAME_EXCHANGE)
	if errors.Is(err, os.ErrNotExist) || errors.Is(err, unix.ENOENT) {
		return os.Rename(s.tmp, s.target)
	}
	if errors.Is(err, unix.EINVAL) || errors.Is(err, unix.ENOSYS) {
		return s.swapByRename()
	}
	if err != nil {
		return fmt.Errorf("publish %s: %w", s.target, err)
	}
	return removeAll(s.tmp) // now holds the previous site
}

// removeAll removes dir, its top-level entries concurrently: deleting a
// large site is bound by one syscall per file.
func removeAll(dir string) error {
	entries, _ := os.ReadDir(dir)
	errs := make(chan error, len(entries))
	for _, e := range entries {
		go func() { errs <- os.RemoveAll(filepath.Join(dir, e.Name())) }()
	}
	var first error
	for range entries {
		if err := <-errs; err != nil && first == nil {
			first = err
		}
	}
	if err := os.RemoveAll(dir); err != nil && first == nil {
		first = err
	}
	return first
}

// swapByRename is for file systems without RENAME_EXCHANGE.
func (s *Staged) swapByRename() error {
	old := s.tmp + ".old"
	if err := os.Rename(s.target, old); err != nil {
		return fmt.Errorf("publish %s: %w", s.target, err)
	}
	if err := os.Rename(s.tmp, s.target); err != nil {
		os.Rename(old, s.target)
		return fmt.Errorf("publish %s: %w", s.target, err)
	}
	return os.RemoveAll(old)
}

// Abort removes the staging directory, leaving the target untouched.
func (s *Staged) Abort() error { return os.RemoveAll(s.tmp) }

// Memory keeps files in memory.
type Memory struct {
	mu    sync.RWMutex
	files map[string][]byte
}

// NewMemory returns an empty Memory.
func NewMemory() *Memory { return &Memory{files: map[string][]byte{}} }

// Write implements Writer.
func (m *Memory) Write(p string, data []byte) error {
	if err := checkPath(p); err != nil {
		return err
	}
	data = bytes.Clone(data) // exact size: a render buffer's spare capacity would stay allocated
	m.mu.Lock()
	m.files[p] = data
	m.mu.Unlock()
	return nil
}

// Get returns a file's content.
func (m *Memory) Get(p string) ([]byte, bool) {
	m.mu.RLock()
	defer m.mu.RUnlock()
	b, ok := m.files[p]
	return b, ok
}

// Paths lists every file, sorted.
func (m *Memory) Paths() []string {
	m.mu.RLock()
	defer m.mu.RUnlock()
	out := make([]string, 0, len(m.files))
	for p := range m.files {
		out = append(out, p)
	}
	sort.Strings(out)
	return out
}

func checkPath(p string) error {
	if p == "" || strings.HasPrefix(p, "/") || strings.Contains("/"+p+"/", "/../") {
		return fmt.Errorf("invalid output path %q", p)
	}
	return nil
}
