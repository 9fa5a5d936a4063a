package site

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
)

// codeCacheFile is the highlighted code's file in a cache directory, beside
// the search indexes (directories named by digests).
const codeCacheFile = "highlighted-code"

// LoadCode loads the code blocks an earlier build highlighted, from the
// cache directory dir, so that this build highlights only the others. No
// cache file is no error; a stale or damaged one loads nothing.
func (b *Builder) LoadCode(dir string) error {
	name := filepath.Join(dir, codeCacheFile)
	f, err := os.Open(name)
	if errors.Is(err, fs.ErrNotExist) {
		return nil
	}
	if err != nil {
		return err
	}
	defer f.Close()
	if err := b.md.LoadCode(f); err != nil {
		return fmt.Errorf("%s: %w", name, err)
	}
	return nil
}

// SaveCode saves the code blocks b highlighted into the cache directory
// dir, when it has any the cache lacks, for the next build. The file is
// replaced whole: written beside it, then renamed over it.
func (b *Builder) SaveCode(dir string) error {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	tmp, err := os.CreateTemp(dir, ".partial-"+codeCacheFile+"-*")
	if err != nil {
		return err
	}
	saved, err := b.md.SaveCode(tmp)
	if cerr := tmp.Close(); err == nil {
		err = cerr
	}
	if err == nil && saved {
		err = os.Rename(tmp.Name(), filepath.Join(dir, codeCacheFile))
	}
	if err != nil || !saved {
		os.Remove(tmp.Name())
	}
	return err
}
