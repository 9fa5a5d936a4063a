package corpus

import (
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"sync"
)

// WriteSite writes the corpus under dir twice: as our content tree in
// dir/content, and as a Hugo site in dir/hugo (config, layouts and the same
// Markdown in dir/hugo/content, hard-linked when the file system allows).
// Files are generated and written on all cores.
func WriteSite(dir string, cfg Config) error {
	g, err := newGenerator(cfg)
	if err != nil {
		return err
	}
	content, hugo := filepath.Join(dir, "content"), filepath.Join(dir, "hugo")
	if err := writeParallel(g, content, filepath.Join(hugo, "content")); err != nil {
		return err
	}
	if err := writeFile(filepath.Join(hugo, "hugo.toml"), []byte(hugoConfig)); err != nil {
		return err
	}
	if err := writeFile(filepath.Join(hugo, HugoGuidesOnlyConfig), []byte(hugoGuidesOnly)); err != nil {
		return err
	}
	for _, loc := range g.locs {
		for path, text := range hugoLibrary(loc.code) {
			if err := writeFile(filepath.Join(hugo, "content", filepath.FromSlash(path)), []byte(text)); err != nil {
				return err
			}
		}
	}
	for path, text := range hugoLayouts() {
		if err := writeFile(filepath.Join(hugo, filepath.FromSlash(path)), []byte(text)); err != nil {
			return err
		}
	}
	return nil
}

// HugoGuidesOnlyConfig names the Hugo configuration, beside hugo.toml, that
// builds the guide and home pages only.
const HugoGuidesOnlyConfig = "hugo-guides-only.toml"

// writeParallel writes every file of g under root and links it under mirror,
// on GOMAXPROCS workers, and returns the first error.
func writeParallel(g *generator, root, mirror string) error {
	for _, loc := range g.locs {
		for _, base := range []string{root, mirror} {
			if err := os.MkdirAll(filepath.Join(base, loc.code, "roles"), 0o755); err != nil {
				return fmt.Errorf("corpus: %w", err)
			}
		}
	}
	ks := make(chan int)
	errs := make(chan error, runtime.GOMAXPROCS(0))
	var wg sync.WaitGroup
	for range cap(errs) {
		wg.Go(func() { errs <- writeFiles(g, ks, root, mirror) })
	}
	for k := range g.files() {
		ks <- k
	}
	close(ks)
	wg.Wait()
	close(errs)
	for err := range errs {
		if err != nil {
			return err
		}
	}
	return nil
}

// writeFiles writes the files whose numbers arrive on ks, draining ks after
// an error so the sender never blocks.
func writeFiles(g *generator, ks <-chan int, root, mirror string) error {
	var first error
	for k := range ks {
		if first == nil {
			path, data := g.file(k)
			first = writeTwice(filepath.FromSlash(path), data, root, mirror)
		}
	}
	return first
}

// writeTwice writes data to rel under root and links (or copies) it to rel
// under mirror.
func writeTwice(rel string, data []byte, root, mirror string) error {
	src, dst := filepath.Join(root, rel), filepath.Join(mirror, rel)
	if err := writeFile(src, data); err != nil {
		return err
	}
	if os.Link(src, dst) == nil {
		return nil
	}
	return writeFile(dst, data)
}

// writeFile writes data to path, creating its directory.
func writeFile(path string, data []byte) error {
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		return fmt.Errorf("corpus: %w", err)
	}
	if err := os.WriteFile(path, data, 0o644); err != nil {
		return fmt.Errorf("corpus: %w", err)
	}
	return nil
}
