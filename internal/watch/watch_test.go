package watch

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/fsnotify/fsnotify"
)

// hidden is the skip rule of these tests, a part of serve's: dot files,
// backups, *.tmp, and Vim's 4913 as a file only.
func hidden(name string, dir bool) bool {
	return strings.HasPrefix(name, ".") || strings.HasSuffix(name, "~") || strings.HasSuffix(name, ".tmp") ||
		name == "4913" && !dir
}

// TestAccumulator checks the trailing debounce with explicit times.
func TestAccumulator(t *testing.T) {
	t0 := time.Unix(0, 0)
	ms := func(n int) time.Time { return t0.Add(time.Duration(n) * time.Millisecond) }
	a := newAccumulator(15 * time.Millisecond)
	if _, ok := a.take(ms(100)); ok {
		t.Fatal("take with nothing collected: got a batch")
	}
	a.add(ms(0), []string{"b.md"}, nil)
	a.add(ms(10), []string{"a.md", "b.md"}, nil)
	if _, ok := a.take(ms(20)); ok {
		t.Fatal("take 10 ms after the last event: got a batch, want to wait for the quiet window")
	}
	b, ok := a.take(ms(25))
	if !ok || !slices.Equal(b.Paths, []string{"a.md", "b.md"}) {
		t.Fatalf("take after the quiet window = %v, %v; want [a.md b.md], true", b.Paths, ok)
	}
	if _, ok := a.take(ms(100)); ok {
		t.Fatal("second take: got a batch, want nothing left")
	}
	a.add(ms(200), nil, fsnotify.ErrEventOverflow)
	if b, ok := a.take(ms(300)); !ok || !b.Overflow {
		t.Fatalf("after an overflow: take = %+v, %v; want Overflow", b, ok)
	}
}

// collect reads batches until every path in want was reported and returns
// every path seen.
func collect(t *testing.T, w *Watcher, want ...string) map[string]bool {
	t.Helper()
	ctx, cancel := context.WithTimeout(t.Context(), 5*time.Second)
	defer cancel()
	seen := map[string]bool{}
	for {
		missing := slices.DeleteFunc(slices.Clone(want), func(p string) bool { return seen[p] })
		if len(missing) == 0 {
			return seen
		}
		b, err := w.Next(ctx)
		if err != nil {
			t.Fatalf("waiting for %v: %v (seen %v)", missing, err, seen)
		}
		for _, p := range b.Paths {
			seen[p] = true
		}
	}
}

func newWatcher(t *testing.T, roots ...string) *Watcher {
	t.Helper()
	w, err := New(t.Context(), roots, 0, hidden)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { w.Close() })
	return w
}

func write(t *testing.T, path, data string) {
	t.Helper()
	if err := os.WriteFile(path, []byte(data), 0o644); err != nil {
		t.Fatal(err)
	}
}

func TestWatchReportsWrites(t *testing.T) {
	root := t.TempDir()
	os.MkdirAll(filepath.Join(root, "en", "roles"), 0o755)
	w := newWatcher(t, root)
	f := filepath.Join(root, "en", "roles", "a.md")
	write(t, f, "one")
	collect(t, w, f)
}

// TestWatchNewDirectories creates nested directories with a file in one go
// (only the top one gets an event), then edits that file: the walk on
// Create reports it, and its directory is watched from then on.
func TestWatchNewDirectories(t *testing.T) {
	root := t.TempDir()
	w := newWatcher(t, root)
	dir := filepath.Join(root, "it", "roles")
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	f := filepath.Join(dir, "a.md")
	write(t, f, "one")
	collect(t, w, f)
	g := filepath.Join(dir, "b.md")
	write(t, g, "two")
	collect(t, w, g)
}

// TestWatchIgnoresEditorNoise writes swap and backup files, then a real
// file; events arrive in order, so no batch up to the real file may name
// the noise.
func TestWatchIgnoresEditorNoise(t *testing.T) {
	root := t.TempDir()
	w := newWatcher(t, root)
	for _, name := range []string{"a.md~", ".a.md.swp", "4913", ".#a.md", "a.md.tmp"} {
		write(t, filepath.Join(root, name), "x")
	}
	real := filepath.Join(root, "a.md")
	write(t, real, "x")
	seen := collect(t, w, real)
	delete(seen, real)
	if len(seen) > 0 {
		t.Errorf("batches named editor noise: %v", seen)
	}
}

// TestWatchDirectoryNamedLikeNoise: a name the rule skips as a file (4913)
// is watched as a directory, created before the watch or after.
func TestWatchDirectoryNamedLikeNoise(t *testing.T) {
	root := t.TempDir()
	os.Mkdir(filepath.Join(root, "4913"), 0o755)
	w := newWatcher(t, root)
	early := filepath.Join(root, "4913", "a.md")
	write(t, early, "x")
	collect(t, w, early)
	if err := os.Rename(filepath.Join(root, "4913"), filepath.Join(root, "gone")); err != nil {
		t.Fatal(err)
	}
	collect(t, w, filepath.Join(root, "4913"))
	os.Mkdir(filepath.Join(root, "4913"), 0o755)
	late := filepath.Join(root, "4913", "b.md")
	collect(t, w, filepath.Join(root, "4913"))
	write(t, late, "x")
	collect(t, w, late)
}

// TestWatchAtomicSave saves the way editors do: write a temporary file,
// rename it over the target.
func TestWatchAtomicSave(t *testing.T) {
	root := t.TempDir()
	f := filepath.Join(root, "a.md")
	write(t, f, "one")
	w := newWatcher(t, root)
	tmp := f + ".tmp"
	write(t, tmp, "two")
	if err := os.Rename(tmp, f); err != nil {
		t.Fatal(err)
	}
	seen := collect(t, w, f)
	if seen[tmp] {
		t.Errorf("batch named the temporary file %s", tmp)
	}
}

// TestWatchRenamedDirectory moves a directory: its new name is watched, and
// edits below it are reported under the new name.
func TestWatchRenamedDirectory(t *testing.T) {
	root := t.TempDir()
	old := filepath.Join(root, "old")
	os.MkdirAll(old, 0o755)
	w := newWatcher(t, root)
	moved := filepath.Join(root, "new")
	if err := os.Rename(old, moved); err != nil {
		t.Fatal(err)
	}
	collect(t, w, old, moved)
	f := filepath.Join(moved, "a.md")
	write(t, f, "x")
	collect(t, w, f)
}

func TestWatchStops(t *testing.T) {
	root := t.TempDir()
	ctx, cancel := context.WithCancel(t.Context())
	w, err := New(ctx, []string{root}, 0, hidden)
	if err != nil {
		t.Fatal(err)
	}
	cancel()
	if _, err := w.Next(t.Context()); !errors.Is(err, ErrClosed) {
		t.Errorf("Next after ctx is done = %v, want ErrClosed", err)
	}
	w.Close() // a second stop must not block
}

func TestWatchMissingRoot(t *testing.T) {
	if _, err := New(t.Context(), []string{filepath.Join(t.TempDir(), "nope")}, 0, hidden); err == nil {
		t.Error("New with a missing root: no error")
	}
}

// TestWatchRootMovedAwayAndBack: a root renamed away and back, or removed
// and made again, is watched again; its parent's other entries are not
// reported.
func TestWatchRootMovedAwayAndBack(t *testing.T) {
	parent := t.TempDir()
	root := filepath.Join(parent, "content")
	os.Mkdir(root, 0o755)
	w := newWatcher(t, root)
	write(t, filepath.Join(parent, "sibling.md"), "x")
	if err := os.Rename(root, filepath.Join(parent, "moved")); err != nil {
		t.Fatal(err)
	}
	if err := os.Rename(filepath.Join(parent, "moved"), root); err != nil {
		t.Fatal(err)
	}
	seen := collect(t, w, root)
	for p := range seen {
		if p != root && !strings.HasPrefix(p, root+string(filepath.Separator)) {
			t.Errorf("reported %s, outside the root", p)
		}
	}
	f := filepath.Join(root, "a.md")
	write(t, f, "after the move")
	collect(t, w, f)
	if err := os.RemoveAll(root); err != nil {
		t.Fatal(err)
	}
	os.MkdirAll(filepath.Join(root, "en"), 0o755)
	g := filepath.Join(root, "en", "b.md")
	collect(t, w, root)
	write(t, g, "made again")
	collect(t, w, g)
}

// TestWatchRemovedDirectoryNamedLikeNoise: removing a directory whose name
// the rule skips as a file (4913) is reported; fsnotify has forgotten it by
// the time its parent's event arrives.
func TestWatchRemovedDirectoryNamedLikeNoise(t *testing.T) {
	root := t.TempDir()
	dir := filepath.Join(root, "4913")
	os.Mkdir(dir, 0o755)
	w := newWatcher(t, root)
	if err := os.Remove(dir); err != nil {
		t.Fatal(err)
	}
	collect(t, w, dir)
}
