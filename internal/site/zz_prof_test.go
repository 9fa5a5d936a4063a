package site

import (
	"context"
	"os"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
)

func TestZZProf(t *testing.T) {
	dir := os.Getenv("PROF_CONTENT")
	if dir == "" {
		t.Skip()
	}
	cfg := testConfig(nil)
	cfg.Content = os.DirFS(dir)
	b, errs := New(cfg)
	if len(errs) > 0 {
		t.Fatal(errs)
	}
	st, _ := osStage(t)
	if _, errs := b.Build(context.Background(), st); len(errs) > 0 {
		t.Fatal(errs)
	}
}

type discard struct{ m *sync.Map }

func (d discard) Write(p string, b []byte) error {
	k := "other"
	switch {
	case strings.Contains(p, "/questions/kind/"):
		k = "kind"
	case strings.Contains(p, "/questions/stack/"):
		k = "stack"
	case strings.Contains(p, "/questions/role/"):
		k = "role"
	case strings.Contains(p, "/questions/"):
		k = "index"
	case strings.HasSuffix(p, "/kit/index.html"):
		k = "kit"
	case strings.Contains(p, "/roles/"):
		k = "guide"
	}
	v, _ := d.m.LoadOrStore(k, new(atomic.Int64))
	v.(*atomic.Int64).Add(int64(len(b)))
	return nil
}

func osStage(t *testing.T) (discard, error) {
	d := discard{&sync.Map{}}
	t.Cleanup(func() {
		d.m.Range(func(k, v any) bool { t.Logf("%s: %d MB", k, v.(*atomic.Int64).Load()>>20); return true })
	})
	return d, nil
}
