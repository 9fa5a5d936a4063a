package markdown

import (
	"bytes"
	"crypto/sha256"
	"encoding/binary"
	"errors"
	"strings"
	"testing"
)

const codePage = "## Code\n\n```go\nfunc main() {}\n```\n\n```sql\nSELECT 1;\n```\n\n```\nplain <text>\n```\n"

// saved converts src with a new converter and returns what it saves.
func saved(t *testing.T, src string) ([]byte, *Markdown) {
	t.Helper()
	m := New()
	if d := m.Convert("f.md", []byte(src), fakeResolver{}); len(d.Errs) > 0 {
		t.Fatal(d.Errs)
	}
	var buf bytes.Buffer
	if ok, err := m.SaveCode(&buf); err != nil || !ok {
		t.Fatalf("SaveCode = %v, %v; want a cache", ok, err)
	}
	return buf.Bytes(), m
}

// nothingNew reports whether m highlighted no block itself: SaveCode would
// write nothing.
func nothingNew(t *testing.T, m *Markdown) bool {
	t.Helper()
	ok, err := m.SaveCode(&bytes.Buffer{})
	if err != nil {
		t.Fatal(err)
	}
	return !ok
}

func TestLoadedCodeIsNotHighlightedAgain(t *testing.T) {
	cache, _ := saved(t, codePage)
	m := New()
	if err := m.LoadCode(bytes.NewReader(cache)); err != nil {
		t.Fatal(err)
	}
	got := m.Convert("f.md", []byte(codePage), fakeResolver{})
	want := New().Convert("f.md", []byte(codePage), fakeResolver{})
	if !bytes.Equal(got.HTML, want.HTML) {
		t.Errorf("HTML from the cache differs:\n%s\nwant\n%s", got.HTML, want.HTML)
	}
	if !nothingNew(t, m) {
		t.Error("a block in the cache was highlighted again")
	}
}

func TestLoadedCodeIsWhatThePageShows(t *testing.T) {
	m := New()
	var cache bytes.Buffer
	cache.Write(m.hl.header())
	key := sha256.Sum256([]byte("go\x00x := 1\n"))
	cache.Write(key[:])
	html := "<pre>from the cache</pre>"
	cache.Write(binary.AppendUvarint(nil, uint64(len(html))))
	cache.WriteString(html)
	if err := m.LoadCode(&cache); err != nil {
		t.Fatal(err)
	}
	d := m.Convert("f.md", []byte("```go\nx := 1\n```\n"), fakeResolver{})
	if !strings.Contains(string(d.HTML), html) {
		t.Errorf("the cached block is not on the page:\n%s", d.HTML)
	}
}

func TestBadCodeCacheLoadsNothing(t *testing.T) {
	cache, _ := saved(t, codePage)
	stale := bytes.Replace(cache, []byte(codeCacheFormat), []byte("guides highlighted code v0"), 1)
	for _, tc := range []struct {
		name  string
		cache []byte
		want  error
	}{
		{"stale", stale, ErrCodeCacheStale},
		{"empty", nil, ErrCodeCacheStale},
		{"cut in a key", cache[:len(cache)-len("plain")-40], nil},
		{"cut in a block", cache[:len(cache)-3], nil},
		{"block longer than a cache", append(bytes.Clone(cache[:bytes.IndexByte(cache, '\n')+1+32]), binary.AppendUvarint(nil, maxCodeCache+1)...), nil},
	} {
		t.Run(tc.name, func(t *testing.T) {
			m := New()
			err := m.LoadCode(bytes.NewReader(tc.cache))
			if err == nil || tc.want != nil && !errors.Is(err, tc.want) {
				t.Fatalf("LoadCode = %v, want an error (%v)", err, tc.want)
			}
			m.Convert("f.md", []byte(codePage), fakeResolver{})
			if nothingNew(t, m) {
				t.Error("blocks were loaded from a bad cache")
			}
		})
	}
}

func TestSavedCodeKeepsEarlierBlocksAfterThisBuilds(t *testing.T) {
	first, _ := saved(t, codePage)
	m := New()
	if err := m.LoadCode(bytes.NewReader(first)); err != nil {
		t.Fatal(err)
	}
	other := "```python\nprint('other')\n```\n"
	m.Convert("f.md", []byte(other), fakeResolver{})
	var buf bytes.Buffer
	if ok, err := m.SaveCode(&buf); err != nil || !ok {
		t.Fatalf("SaveCode = %v, %v", ok, err)
	}
	used := sha256.Sum256([]byte("python\x00print('other')\n"))
	body := buf.Bytes()[bytes.IndexByte(buf.Bytes(), '\n')+1:]
	if !bytes.HasPrefix(body, used[:]) {
		t.Error("the block this build used is not saved first")
	}
	// Both builds' blocks come back.
	again := New()
	if err := again.LoadCode(&buf); err != nil {
		t.Fatal(err)
	}
	again.Convert("f.md", []byte(codePage+other), fakeResolver{})
	if !nothingNew(t, again) {
		t.Error("a block of either build was lost")
	}
}

func TestNothingToSaveWhenEveryBlockCameFromTheCache(t *testing.T) {
	if !nothingNew(t, New()) {
		t.Error("a converter that highlighted nothing has something to save")
	}
	cache, _ := saved(t, codePage)
	m := New()
	if err := m.LoadCode(bytes.NewReader(cache)); err != nil {
		t.Fatal(err)
	}
	if nothingNew(t, m) {
		t.Error("blocks loaded but unused this run must be saved in a new order")
	}
}
