// Package watch reports changes under directory trees as debounced batches.
//
// fsnotify has no recursive watch, so every directory is added on its own,
// and a directory created later is added and walked at once: its files are
// reported as changed, since they may have been written before its watch
// existed. Editors' temporary and backup files are dropped by name, a Chmod
// alone is ignored, and every other operation (create, write, rename,
// remove) only says "this path changed: look at it again". Changes are
// coalesced until no event has arrived for a short quiet window, so an
// atomic save or a burst of writes becomes one Batch.
package watch

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"sync"
	"time"

	"github.com/fsnotify/fsnotify"
)

// DefaultQuiet is the quiet window: long enough to merge an editor's save
// (rename, create, write), short enough to keep an edit's way to the browser
// well under 50 ms.
const DefaultQuiet = 15 * time.Millisecond

// ErrClosed is returned by Next once the Watcher is closed.
var ErrClosed = errors.New("watcher closed")

// Batch is every change since the previous batch.
type Batch struct {
	Paths    []string // changed files and directories, sorted, each under one of the roots, absolute
	Overflow bool     // the kernel dropped events: assume anything changed
	Errs     []error  // problems watching (a directory that could not be added)
}

// Watcher watches directory trees. Its methods are safe for concurrent use.
type Watcher struct {
	fsw    *fsnotify.Watcher
	cancel context.CancelFunc
	done   chan struct{} // closed when the event loop has stopped
	ready  chan struct{} // a batch may be ready
	timer  *time.Timer

	skip  func(name string, dir bool) bool
	roots []string // absolute
	// dirs has every directory ever watched, true while it is: the
	// event loop's own record, since fsnotify forgets a removed directory
	// before the events that name it have all arrived.
	dirs map[string]bool

	mu  sync.Mutex
	acc accumulator
}

// New watches every directory under roots until ctx is done or Close is
// called, leaving alone the files and directories skip names (editors'
// noise, hidden files). A root that cannot be watched is an error.
func New(ctx context.Context, roots []string, quiet time.Duration, skip func(name string, dir bool) bool) (*Watcher, error) {
	if quiet <= 0 {
		quiet = DefaultQuiet
	}
	fsw, err := fsnotify.NewWatcher()
	if err != nil {
		return nil, fmt.Errorf("watch: %w", err)
	}
	ctx, cancel := context.WithCancel(ctx)
	w := &Watcher{fsw: fsw, cancel: cancel, done: make(chan struct{}), ready: make(chan struct{}, 1),
		acc: newAccumulator(quiet), skip: skip, dirs: map[string]bool{}}
	w.timer = time.AfterFunc(time.Hour, w.signal)
	w.timer.Stop()
	for _, root := range roots {
		root, err := filepath.Abs(root)
		if err != nil {
			cancel()
			fsw.Close()
			return nil, fmt.Errorf("watch: %w", err)
		}
		if _, err := os.Stat(root); err != nil {
			cancel()
			fsw.Close()
			return nil, fmt.Errorf("watch: %w", err)
		}
		if _, err := w.addTree(root); err != nil {
			cancel()
			fsw.Close()
			return nil, fmt.Errorf("watch %s: %w", root, err)
		}
		w.roots = append(w.roots, root)
		// The parent too, for a root moved away and back or deleted and
		// made again: then it is watched anew. Its other entries are
		// dropped. Best effort: without it, such a root goes unwatched.
		fsw.Add(filepath.Dir(root))
	}
	go w.loop(ctx)
	return w, nil
}

// Close stops watching and waits for the event loop to end.
func (w *Watcher) Close() error {
	w.cancel()
	<-w.done
	return nil
}

// Next waits for the next batch: changes followed by a quiet window. All
// changes since the previous call are in it, so a caller busy with one batch
// gets everything that arrived meanwhile in the next.
func (w *Watcher) Next(ctx context.Context) (Batch, error) {
	for {
		select {
		case <-ctx.Done():
			return Batch{}, ctx.Err()
		case <-w.done:
			return Batch{}, ErrClosed
		case <-w.ready:
		}
		w.mu.Lock()
		b, ok := w.acc.take(time.Now())
		w.mu.Unlock()
		if ok {
			return b, nil
		}
	}
}

// signal tells Next that the quiet window may have passed.
func (w *Watcher) signal() {
	select {
	case w.ready <- struct{}{}:
	default:
	}
}

func (w *Watcher) loop(ctx context.Context) {
	defer close(w.done)
	defer w.fsw.Close()
	defer w.timer.Stop()
	for {
		select {
		case <-ctx.Done():
			return
		case ev, ok := <-w.fsw.Events:
			if !ok {
				return
			}
			w.event(ev)
		case err, ok := <-w.fsw.Errors:
			if !ok {
				return
			}
			w.record(nil, err)
		}
	}
}

// event turns one fsnotify event into changed paths.
func (w *Watcher) event(ev fsnotify.Event) {
	name := filepath.Clean(ev.Name)
	if ev.Op == fsnotify.Chmod || !w.inRoots(name) || w.skipped(name) {
		return
	}
	paths := []string{name}
	var err error
	if ev.Has(fsnotify.Create) {
		var found []string
		found, err = w.addTree(name)
		paths = append(paths, found...)
	}
	if ev.Has(fsnotify.Rename) || ev.Has(fsnotify.Remove) {
		w.forget(name)
	}
	w.record(paths, err)
}

// inRoots reports whether p is a root or below one (not a root's parent
// or another of its entries).
func (w *Watcher) inRoots(p string) bool {
	for _, root := range w.roots {
		if rel, err := filepath.Rel(root, p); err == nil && rel != ".." && !strings.HasPrefix(rel, ".."+string(filepath.Separator)) {
			return true
		}
	}
	return false
}

// skipped applies skip to the path of an event. Whether it is a directory
// is asked only when that matters; one that is gone was a directory if one
// was ever watched there.
func (w *Watcher) skipped(p string) bool {
	name := filepath.Base(p)
	if !w.skip(name, false) {
		return false
	}
	st, err := os.Lstat(p)
	_, wasDir := w.dirs[p]
	return w.skip(name, err == nil && st.IsDir() || err != nil && wasDir)
}

// record adds changes and restarts the quiet window.
func (w *Watcher) record(paths []string, err error) {
	w.mu.Lock()
	w.acc.add(time.Now(), paths, err)
	w.mu.Unlock()
	w.timer.Reset(w.acc.quiet)
}

// addTree watches root and every directory below it and returns the files
// found. A root that is not a directory is not an error: it has no files to
// report beyond itself.
func (w *Watcher) addTree(root string) ([]string, error) {
	var files []string
	err := filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			if errors.Is(err, fs.ErrNotExist) {
				return nil // removed while we looked
			}
			return err
		}
		if p != root && w.skip(d.Name(), d.IsDir()) {
			if d.IsDir() {
				return filepath.SkipDir
			}
			return nil
		}
		if !d.IsDir() {
			if p != root {
				files = append(files, p)
			}
			return nil
		}
		if err := w.fsw.Add(p); err != nil {
			return err
		}
		w.dirs[p] = true
		return nil
	})
	return files, err
}

// forget drops the watches of a directory that was renamed or removed:
// inotify keeps watching a moved directory under its old name.
func (w *Watcher) forget(name string) {
	for p, watched := range w.dirs {
		if watched && (p == name || strings.HasPrefix(p, name+string(filepath.Separator))) {
			w.fsw.Remove(p) // may already be gone with its directory
			w.dirs[p] = false
		}
	}
}

// accumulator collects changes until a quiet window has passed since the
// last one. It takes the time as an argument so it can be tested without
// clocks.
type accumulator struct {
	quiet    time.Duration
	last     time.Time
	paths    map[string]bool
	overflow bool
	errs     []error
}

func newAccumulator(quiet time.Duration) accumulator {
	return accumulator{quiet: quiet, paths: map[string]bool{}}
}

func (a *accumulator) add(now time.Time, paths []string, err error) {
	a.last = now
	for _, p := range paths {
		a.paths[p] = true
	}
	switch {
	case errors.Is(err, fsnotify.ErrEventOverflow):
		a.overflow = true
	case err != nil:
		a.errs = append(a.errs, err)
	}
}

// take returns the changes collected so far, if there are any and the quiet
// window has passed since the last.
func (a *accumulator) take(now time.Time) (Batch, bool) {
	empty := len(a.paths) == 0 && !a.overflow && len(a.errs) == 0
	if empty || now.Sub(a.last) < a.quiet {
		return Batch{}, false
	}
	b := Batch{Overflow: a.overflow, Errs: a.errs}
	for p := range a.paths {
		b.Paths = append(b.Paths, p)
	}
	sort.Strings(b.Paths)
	a.paths, a.overflow, a.errs = map[string]bool{}, false, nil
	return b, true
}
