package site

import (
	"crypto/sha256"
	"encoding/binary"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"hash"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"syscall"
	"time"

	"github.com/zeebo/xxh3"
	"golang.org/x/sync/errgroup"
)

// The search cache keeps Pagefind bundles by the digest of everything
// Pagefind reads, so a rebuild whose guide pages did not change links the
// last bundle in instead of spending Pagefind's ~4 ms a page again.
// <cache>/<hex digest>/ holds a whole pagefind/ directory; an entry appears
// only by renaming a complete temporary directory, so a crashed build never
// leaves a half one.

// searchCacheKeep is how many bundles a cache keeps: the current one and a
// few to go back to (a branch switch, a reverted edit).
const searchCacheKeep = 3

// searchCacheFormat names the digest's layout; change it when the layout or
// what goes into it changes.
const searchCacheFormat = "guides search index v3"

// searchCache is the cache directory and the key of this build's bundle.
type searchCache struct {
	dir string
	key string // hex SHA-256 of the format, Pagefind's version and arguments, and the pages
}

// newSearchCache computes the key for the pages of site that Pagefind,
// installed under root, would read.
func newSearchCache(dir, root, site string, pages []string, sums map[string]PageSum) (searchCache, error) {
	version, err := pagefindVersion(root)
	if err != nil {
		return searchCache{}, err
	}
	key, err := searchDigest(searchTag(version), site, pages, sums)
	if err != nil {
		return searchCache{}, err
	}
	return searchCache{dir: dir, key: key}, nil
}

// pagefindVersion is the version of the pagefind npm package under root,
// which pins the binary that npm installs beside it.
func pagefindVersion(root string) (string, error) {
	file := filepath.Join(root, "node_modules", "pagefind", "package.json")
	raw, err := os.ReadFile(file)
	if err != nil {
		return "", fmt.Errorf("pagefind version: %w", err)
	}
	var pkg struct{ Version string }
	if err := json.Unmarshal(raw, &pkg); err != nil {
		return "", fmt.Errorf("pagefind version: %s: %w", file, err)
	}
	if pkg.Version == "" {
		return "", fmt.Errorf("pagefind version: no version in %s", file)
	}
	return pkg.Version, nil
}

// searchTag is what besides the pages decides Pagefind's output: the cache
// format, Pagefind's version and arguments, and its PAGEFIND_* settings.
func searchTag(version string) string {
	fields := append([]string{searchCacheFormat, "pagefind " + version}, pagefindArgs()...)
	for _, kv := range slices.Sorted(slices.Values(os.Environ())) {
		if strings.HasPrefix(kv, "PAGEFIND_") {
			fields = append(fields, kv)
		}
	}
	return strings.Join(fields, "\x00")
}

// PageSum is a page's XXH3-128: it tells whether a page changed, for 0.24
// µs of CPU a 21.5 KB page where SHA-256 took 13 µs. Nobody forges the
// pages of their own build, so it need not resist collisions made on
// purpose; the digest of the whole site is SHA-256.
type PageSum [16]byte

// sumPage returns the PageSum of a page's bytes.
func sumPage(page []byte) PageSum { return xxh3.Hash128(page).Bytes() }

// searchDigest is the hex SHA-256 of tag, then of each page of site, in
// sorted order whatever the order given: its slash path and its PageSum,
// each length-prefixed so no two inputs share a stream. sums holds the
// sums of pages the build wrote (it had them in hand); the others are read
// back and summed, a few at a time.
func searchDigest(tag, site string, pages []string, sums map[string]PageSum) (string, error) {
	sorted := slices.Sorted(slices.Values(pages))
	hashes := make([]PageSum, len(sorted))
	var g errgroup.Group
	g.SetLimit(4)
	for i, p := range sorted {
		if sum, ok := sums[p]; ok {
			hashes[i] = sum
			continue
		}
		g.Go(func() error {
			data, err := os.ReadFile(filepath.Join(site, filepath.FromSlash(p)))
			if err != nil {
				return fmt.Errorf("search cache: %w", err)
			}
			hashes[i] = sumPage(data)
			return nil
		})
	}
	if err := g.Wait(); err != nil {
		return "", err
	}
	h := sha256.New()
	writeField(h, []byte(tag))
	for i, p := range sorted {
		writeField(h, []byte(p))
		writeField(h, hashes[i][:])
	}
	return hex.EncodeToString(h.Sum(nil)), nil
}

// writeField writes b's length, then b.
func writeField(h hash.Hash, b []byte) {
	h.Write(binary.BigEndian.AppendUint64(nil, uint64(len(b))))
	h.Write(b)
}

// entry is the directory of this build's bundle in the cache.
func (c searchCache) entry() string { return filepath.Join(c.dir, c.key) }

// inPlace reports whether site/pagefind is this key's bundle, linked from
// the cache by an earlier build of the same pages.
func (c searchCache) inPlace(site string) bool {
	const probe = "pagefind-entry.json"
	a, err := os.Stat(filepath.Join(site, SearchBundle, probe))
	if err != nil {
		return false
	}
	b, err := os.Stat(filepath.Join(c.entry(), probe))
	return err == nil && os.SameFile(a, b)
}

// load links the cached bundle into site/pagefind and reports whether there
// was one. On an error it leaves no pagefind/ of its own behind, so that
// Pagefind can write one.
func (c searchCache) load(site string) (bool, error) {
	if _, err := os.Stat(c.entry()); errors.Is(err, fs.ErrNotExist) || errors.Is(err, syscall.ENOTDIR) {
		return false, nil // nothing there; if the cache cannot be made either, store says so
	} else if err != nil {
		return false, fmt.Errorf("search cache: %w", err)
	}
	dst := filepath.Join(site, SearchBundle)
	if err := os.Mkdir(dst, 0o755); err != nil { // fails when the site has one: never link into it
		return false, fmt.Errorf("search cache: %w", err)
	}
	if err := linkTree(c.entry(), dst); err != nil {
		os.RemoveAll(dst)
		return false, fmt.Errorf("search cache: load %s: %w", c.key, err)
	}
	now := time.Now()
	os.Chtimes(c.entry(), now, now) // recently used: the last to be pruned; an old mtime only costs a rebuild
	return true, nil
}

// store adds site/pagefind to the cache under c.key, through a temporary
// directory renamed into place, then prunes the oldest other entries. An
// entry another build stored meanwhile wins: the bundles are equivalent.
func (c searchCache) store(site string) error {
	if err := os.MkdirAll(c.dir, 0o755); err != nil {
		return fmt.Errorf("search cache: %w", err)
	}
	tmp, err := os.MkdirTemp(c.dir, ".partial-")
	if err != nil {
		return fmt.Errorf("search cache: %w", err)
	}
	if err := linkTree(filepath.Join(site, SearchBundle), tmp); err != nil {
		os.RemoveAll(tmp)
		return fmt.Errorf("search cache: store %s: %w", c.key, err)
	}
	if err := os.Rename(tmp, c.entry()); err != nil {
		os.RemoveAll(tmp)
		if _, statErr := os.Stat(c.entry()); statErr != nil {
			return fmt.Errorf("search cache: %w", err)
		}
	}
	now := time.Now()
	os.Chtimes(c.entry(), now, now)
	return c.prune()
}

// prune removes all but the searchCacheKeep newest entries by mtime, and
// temporary directories a crashed build left a day ago or more. It touches
// nothing else: the cache directory is the user's choice.
func (c searchCache) prune() error {
	dirents, err := os.ReadDir(c.dir)
	if err != nil {
		return fmt.Errorf("search cache: %w", err)
	}
	type entry struct {
		name string
		mod  time.Time
	}
	var entries []entry
	var errs []error
	for _, d := range dirents {
		info, err := d.Info()
		if err != nil || !d.IsDir() {
			continue
		}
		switch {
		case isDigest(d.Name()) && d.Name() != c.key:
			entries = append(entries, entry{d.Name(), info.ModTime()})
		case strings.HasPrefix(d.Name(), ".partial-") && time.Since(info.ModTime()) > 24*time.Hour:
			errs = append(errs, os.RemoveAll(filepath.Join(c.dir, d.Name())))
		}
	}
	slices.SortFunc(entries, func(a, b entry) int { return b.mod.Compare(a.mod) })
	for _, e := range entries[min(len(entries), searchCacheKeep-1):] {
		errs = append(errs, os.RemoveAll(filepath.Join(c.dir, e.name)))
	}
	if err := errors.Join(errs...); err != nil {
		return fmt.Errorf("search cache: prune: %w", err)
	}
	return nil
}

// isDigest reports whether name is a hex SHA-256, the name of an entry.
func isDigest(name string) bool {
	b, err := hex.DecodeString(name)
	return err == nil && len(b) == sha256.Size && strings.ToLower(name) == name
}

// linkTree recreates the files of src under dst as hard links, or as copies
// where hard links fail (another file system); it never writes into an
// existing file, which could be a link into the cache.
func linkTree(src, dst string) error {
	canLink := true
	return filepath.WalkDir(src, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, err := filepath.Rel(src, p)
		if err != nil {
			return err
		}
		target := filepath.Join(dst, rel)
		switch {
		case d.IsDir():
			return os.MkdirAll(target, 0o755)
		case !d.Type().IsRegular():
			return fmt.Errorf("%s: not a regular file", p)
		}
		if canLink {
			err := os.Link(p, target)
			if err == nil || errors.Is(err, fs.ErrExist) {
				return err
			}
			canLink = false // one failure (EXDEV, EPERM) means they all would
		}
		return copyFile(p, target)
	})
}

// copyFile copies the regular file src to dst, which must not exist.
func copyFile(src, dst string) error {
	in, err := os.Open(src)
	if err != nil {
		return err
	}
	defer in.Close()
	out, err := os.OpenFile(dst, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
	if err != nil {
		return err
	}
	if _, err := io.Copy(out, in); err != nil {
		out.Close()
		return err
	}
	return out.Close()
}
