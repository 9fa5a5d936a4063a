// Package output is where a build's files go: a staging directory swapped
// in for the published one only after a successful build, so a failed build
// leaves the last good site exactly as it was; or memory, for serve.
//
// The site a build replaces is not deleted but kept beside the output, as
// .<name>.prev, and the next build stages into it: it overwrites the files
// it writes again and removes the rest before the swap. Creating and
// deleting tens of thousands of files and directories per build cost more
// than rendering them (ext4: seconds of system time either way).
package output

import (
	"bytes"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"sort"
	"strings"
	"sync"

	"golang.org/x/sync/errgroup"
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
	// reused is set when tmp holds an earlier site: what this build does
	// not write must go before Commit.
	reused bool
	pruned bool // Prune ran
	mu     sync.Mutex
	keep   map[string]bool // slash paths written or kept, when reused
	lock   *os.File        // held from Stage to Commit or Abort
}

// Stage prepares a staging directory beside target: the site before the
// current one when a build left it, else a new directory. It locks target
// for this build (see lockTarget) and takes over what a killed build left.
func Stage(target string) (*Staged, error) {
	target = filepath.Clean(target)
	parent := filepath.Dir(target)
	if err := os.MkdirAll(parent, 0o755); err != nil {
		return nil, err
	}
	lock, err := lockTarget(target)
	if err != nil {
		return nil, err
	}
	s, err := stage(target, lock)
	if err != nil {
		lock.Close()
	}
	return s, err
}

func stage(target string, lock *os.File) (*Staged, error) {
	if err := adoptLeftovers(target); err != nil {
		return nil, fmt.Errorf("stage output: %w", err)
	}
	tmp, err := os.MkdirTemp(filepath.Dir(target), stagingPrefix(target))
	if err != nil {
		return nil, fmt.Errorf("stage output: %w", err)
	}
	if err := os.Chmod(tmp, 0o755); err != nil {
		return nil, err
	}
	s := &Staged{target: target, tmp: tmp, lock: lock}
	if err := unix.Rename(previous(target), tmp); err == nil { // replaces the empty tmp (os.Rename refuses to)
		s.reused, s.keep = true, map[string]bool{}
	}
	return s, nil
}

func stagingPrefix(target string) string { return "." + filepath.Base(target) + ".staging-" }

// lockTarget takes the lock file beside target (.<name>.lock, as Hugo
// keeps .hugo_build.lock), so that one build at a time stages for it and a
// staging directory nobody holds is a killed build's. The kernel releases
// the lock when the process ends, however it ends.
func lockTarget(target string) (*os.File, error) {
	name := filepath.Join(filepath.Dir(target), "."+filepath.Base(target)+".lock")
	f, err := os.OpenFile(name, os.O_RDWR|os.O_CREATE, 0o644)
	if err != nil {
		return nil, fmt.Errorf("stage output: %w", err)
	}
	err = unix.Flock(int(f.Fd()), unix.LOCK_EX|unix.LOCK_NB)
	for errors.Is(err, unix.EINTR) {
		err = unix.Flock(int(f.Fd()), unix.LOCK_EX|unix.LOCK_NB)
	}
	if err != nil {
		f.Close()
		if errors.Is(err, unix.EWOULDBLOCK) {
			return nil, fmt.Errorf("another build is writing %s (it holds %s): wait for it to finish", target, name)
		}
		return nil, fmt.Errorf("stage output: lock %s: %w", name, err)
	}
	return f, nil
}

// adoptLeftovers deals with the staging directories of builds that were
// killed before they could remove them (the caller holds the lock, so no
// live build owns one): the first becomes the previous site, which the next
// build stages into and prunes, when there is none; the others go.
func adoptLeftovers(target string) error {
	entries, err := os.ReadDir(filepath.Dir(target))
	if err != nil {
		return err
	}
	for _, e := range entries {
		if !strings.HasPrefix(e.Name(), stagingPrefix(target)) {
			continue
		}
		dir := filepath.Join(filepath.Dir(target), e.Name())
		if _, err := os.Lstat(previous(target)); errors.Is(err, fs.ErrNotExist) {
			if err := os.Rename(dir, previous(target)); err == nil {
				continue
			}
		}
		if err := removeAll(dir); err != nil {
			return err
		}
	}
	return nil
}

// previous is where Commit keeps the site it replaced.
func previous(target string) string {
	return filepath.Join(filepath.Dir(target), "."+filepath.Base(target)+".prev")
}

// Write implements Writer. In a reused directory it overwrites the file.
func (s *Staged) Write(p string, data []byte) error {
	if err := checkPath(p); err != nil {
		return err
	}
	full := filepath.Join(s.tmp, filepath.FromSlash(p))
	dir := filepath.Dir(full)
	if _, ok := s.dirs.Load(dir); !ok {
		if err := s.mkdirAll(dir); err != nil {
			return err
		}
		s.dirs.Store(dir, true)
	}
	if !s.reused {
		return writeFile(full, data, unix.O_TRUNC)
	}
	s.Keep(p)
	err := overwrite(full, data)
	if errors.Is(err, unix.EISDIR) { // an earlier site had a directory here
		if err = os.RemoveAll(full); err == nil {
			err = overwrite(full, data)
		}
	}
	return err
}

// overwrite writes data over the file at name, then cuts what is left of
// the old content: unlike truncating first, it writes into the blocks the
// file has, which a page rebuilt with much the same length keeps.
func overwrite(name string, data []byte) error {
	return writeFile(name, data, 0)
}

// writeFile writes data to the file at name, created if need be, with the
// open flags given (O_TRUNC or 0), and cuts it to len(data). It calls the
// system directly: os.OpenFile also tries to register every file with the
// network poller, four fcntl calls and an epoll_ctl that fail for a
// regular file, which thousands of pages pay in system time.
func writeFile(name string, data []byte, flags int) error {
	fd, err := unix.Open(name, unix.O_WRONLY|unix.O_CREAT|unix.O_CLOEXEC|flags, 0o644)
	for errors.Is(err, unix.EINTR) {
		fd, err = unix.Open(name, unix.O_WRONLY|unix.O_CREAT|unix.O_CLOEXEC|flags, 0o644)
	}
	if err != nil {
		return &fs.PathError{Op: "open", Path: name, Err: err}
	}
	err = writeAll(fd, data)
	if err == nil && flags&unix.O_TRUNC == 0 {
		err = unix.Ftruncate(fd, int64(len(data)))
	}
	if cerr := unix.Close(fd); err == nil {
		err = cerr
	}
	if err != nil {
		return &fs.PathError{Op: "write", Path: name, Err: err}
	}
	return nil
}

func writeAll(fd int, data []byte) error {
	for len(data) > 0 {
		n, err := unix.Write(fd, data)
		if errors.Is(err, unix.EINTR) {
			continue
		}
		if err != nil {
			return err
		}
		data = data[n:]
	}
	return nil
}

// mkdirAll makes dir and its parents; in a reused directory it first
// removes an earlier site's file where a directory must go. A new site's
// directories are new: one mkdir makes each whose parent was made before,
// where os.MkdirAll would first stat it and its parent.
func (s *Staged) mkdirAll(dir string) error {
	if !s.reused && unix.Mkdir(dir, 0o755) == nil {
		return nil
	}
	err := os.MkdirAll(dir, 0o755)
	if err == nil || !s.reused || !errors.Is(err, unix.ENOTDIR) {
		return err
	}
	for d := dir; d != s.tmp && len(d) > len(s.tmp); d = filepath.Dir(d) {
		if st, serr := os.Lstat(d); serr == nil && !st.IsDir() {
			if err := os.Remove(d); err != nil {
				return err
			}
			break
		}
	}
	return os.MkdirAll(dir, 0o755)
}

// Keep marks a file or directory that a step other than Write made in Dir
// (the search index) as part of this build, so Commit does not remove it.
func (s *Staged) Keep(p string) {
	s.mu.Lock()
	if s.keep != nil {
		s.keep[p] = true
	}
	s.mu.Unlock()
}

// Dir is the staging directory, for steps that work on the built site as
// files before it is published (the search index). It may hold an earlier
// site's files until Prune, and what a step keeps (Keep) after: a step
// that writes there must replace what it finds, not write into it.
func (s *Staged) Dir() string { return s.tmp }

// Prune removes what an earlier site left in the staging directory: every
// file and directory this build neither wrote nor kept. A step that reads
// the built site from Dir (the search index) must run after it, or it reads
// pages the site no longer has. Commit prunes if no one did.
func (s *Staged) Prune() error {
	if !s.reused || s.pruned {
		return nil
	}
	s.pruned = true
	if err := s.prune(); err != nil {
		return fmt.Errorf("stage %s: %w", s.target, err)
	}
	return nil
}

// Commit prunes the staging directory, swaps it in for the target,
// atomically when the target exists, and keeps the site it replaced for
// the next build. When it fails the caller must Abort, which cleans up
// while still holding the output's lock.
func (s *Staged) Commit() (err error) {
	defer func() {
		if err == nil {
			s.unlock() // else the lock stays for Abort, which cleans up
		}
	}()
	if err := s.Prune(); err != nil {
		return err
	}
	err = unix.Renameat2(unix.AT_FDCWD, s.tmp, unix.AT_FDCWD, s.target, unix.RENAME_EXCHANGE)
	if errors.Is(err, os.ErrNotExist) || errors.Is(err, unix.ENOENT) {
		return os.Rename(s.tmp, s.target)
	}
	if errors.Is(err, unix.EINVAL) || errors.Is(err, unix.ENOSYS) {
		return s.swapByRename()
	}
	if err != nil {
		return fmt.Errorf("publish %s: %w", s.target, err)
	}
	return s.retire()
}

// unlock lets the next build stage for the target.
func (s *Staged) unlock() {
	if s.lock != nil {
		s.lock.Close()
		s.lock = nil
	}
}

// retire keeps the replaced site, now in the staging directory, for the
// next build; failing that, it removes it.
func (s *Staged) retire() error {
	if err := os.Rename(s.tmp, previous(s.target)); err != nil {
		return removeAll(s.tmp)
	}
	return nil
}

// prune removes from the staging directory what this build did not write
// or keep. The trees under its top-level entries (one per locale) are
// walked concurrently: the walk is one getdents per directory, tens of
// thousands of them.
func (s *Staged) prune() error {
	live := map[string]bool{} // the directories that hold what stays
	for p := range s.keep {
		for d := path.Dir(p); d != "." && !live[d]; d = path.Dir(d) {
			live[d] = true
		}
	}
	entries, err := os.ReadDir(s.tmp)
	if err != nil {
		return err
	}
	var g errgroup.Group
	for _, e := range entries {
		name := e.Name()
		switch {
		case s.keep[name]:
		case live[name] && e.IsDir():
			g.Go(func() error { return s.pruneTree(name, live) })
		default:
			if err := os.RemoveAll(filepath.Join(s.tmp, name)); err != nil {
				return errors.Join(err, g.Wait())
			}
		}
	}
	return g.Wait()
}

// pruneTree is prune below the live top-level directory top.
func (s *Staged) pruneTree(top string, live map[string]bool) error {
	return filepath.WalkDir(filepath.Join(s.tmp, top), func(full string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(s.tmp, full)
		p := filepath.ToSlash(rel)
		switch {
		case s.keep[p] && d.IsDir():
			return filepath.SkipDir // kept whole
		case s.keep[p], live[p]:
			return nil
		}
		if err := os.RemoveAll(full); err != nil {
			return err
		}
		if d.IsDir() {
			return filepath.SkipDir
		}
		return nil
	})
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

// Abort gives up the staging directory, leaving the target untouched: a
// reused one goes back to being the previous site (prune makes it whole
// again next time), a new one is removed.
func (s *Staged) Abort() error {
	defer s.unlock()
	if s.reused {
		return s.retire()
	}
	return os.RemoveAll(s.tmp)
}

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
