package site

import (
	"testing"
	"testing/fstest"

	"guides/bench/corpus"
	"guides/internal/output"
)

// BenchmarkBuild builds the benchmark corpus (500 guides per locale) into
// memory: the whole pipeline but the disk. Its ns/op over the site's pages
// is the per-page cost that `make bench` multiplies by thousands.
func BenchmarkBuild(b *testing.B) {
	bld, errs := New(testConfig(corpusFS(b, 500)))
	if len(errs) > 0 {
		b.Fatal(errs)
	}
	var pages int
	for b.Loop() {
		res, errs := bld.Build(b.Context(), output.NewMemory())
		if len(errs) > 0 {
			b.Fatal(errs)
		}
		pages = len(res.Pages)
	}
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*pages), "ns/page")
}

// corpusFS is the benchmark corpus of pages guides per locale, in memory.
func corpusFS(tb testing.TB, pages int) fstest.MapFS {
	tb.Helper()
	fsys := fstest.MapFS{}
	err := corpus.Content(corpus.Config{Pages: pages, Seed: corpus.DefaultSeed}, func(name string, data []byte) error {
		fsys[name] = &fstest.MapFile{Data: data}
		return nil
	})
	if err != nil {
		tb.Fatal(err)
	}
	return fsys
}
