package markdown

import (
	"bufio"
	"bytes"
	"crypto/sha256"
	"encoding/binary"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"runtime/debug"
	"slices"
)

// The highlighted code of one build can be saved and loaded into the next
// (site.Builder keeps it beside the search indexes), so that a rebuild
// highlights only code blocks it has not seen: chroma's lexers cost about
// half a millisecond a block. A saved cache is only loaded by a build that
// would highlight alike, by its fingerprint.

// codeCacheFormat names the file layout; change it when the layout changes.
const codeCacheFormat = "guides highlighted code v1"

// maxCodeCache is the most a saved cache holds, in bytes of HTML: the blocks
// of the last build first, then those of earlier builds while they fit.
const maxCodeCache = 64 << 20

// codeCacheHeader opens a saved cache: the format, then the fingerprint.
func (h *highlighter) codeCacheHeader() []byte {
	return fmt.Appendf(nil, "%s %s\n", codeCacheFormat, h.fingerprint())
}

// fingerprint stands for everything that decides a block's HTML besides its
// language and code: the versions of chroma and its regular expressions,
// and the HTML the formatter and the site's wrapper make of a probe.
func (h *highlighter) fingerprint() string {
	f := sha256.New()
	if info, ok := debug.ReadBuildInfo(); ok {
		for _, m := range info.Deps {
			switch m.Path {
			case "github.com/alecthomas/chroma/v2", "github.com/dlclark/regexp2/v2", "github.com/dlclark/regexp2":
				fmt.Fprintf(f, "%s %s %s\n", m.Path, m.Version, m.Sum)
			}
		}
	}
	f.Write(h.highlight("go", "// probe\nfunc f(s string) int { return len(s) + 0x1 }\n"))
	f.Write(h.highlight("", "<plain & text>"))
	return hex.EncodeToString(f.Sum(nil))
}

// SaveCode writes the highlighted blocks to w, the ones this converter used
// first, and reports false, writing nothing, when there is nothing new to
// save: every block used was loaded, and none loaded went unused.
func (m *Markdown) SaveCode(w io.Writer) (bool, error) {
	h := m.hl
	var used, unused [][32]byte
	fresh := false
	h.cache.Range(func(k, v any) bool {
		e := v.(*codeEntry)
		switch {
		case !e.used.Load():
			unused = append(unused, k.([32]byte))
		case !e.loaded:
			fresh = true
			fallthrough
		default:
			used = append(used, k.([32]byte))
		}
		return true
	})
	if !fresh && len(unused) == 0 {
		return false, nil
	}
	// Sorted, so a cache saved twice from the same blocks is the same file.
	for _, keys := range [][][32]byte{used, unused} {
		slices.SortFunc(keys, func(a, b [32]byte) int { return bytes.Compare(a[:], b[:]) })
	}
	bw := bufio.NewWriter(w)
	bw.Write(h.header())
	size := 0
	for _, k := range slices.Concat(used, unused) {
		v, _ := h.cache.Load(k)
		html := v.(*codeEntry).html
		if size += len(html); size > maxCodeCache {
			break
		}
		bw.Write(k[:])
		bw.Write(binary.AppendUvarint(nil, uint64(len(html))))
		bw.Write(html)
	}
	return true, bw.Flush()
}

// ErrCodeCacheStale is LoadCode's error for a cache another version of the
// highlighter saved: its blocks might not be what this one makes.
var ErrCodeCacheStale = errors.New("saved by another version of the highlighter")

// LoadCode adds the blocks of a cache that SaveCode wrote to r. A cache
// that is stale or damaged adds none.
func (m *Markdown) LoadCode(r io.Reader) error {
	h := m.hl
	br := bufio.NewReader(r)
	header, err := br.ReadBytes('\n')
	if err != nil && !errors.Is(err, io.EOF) {
		return err
	}
	if !bytes.Equal(header, h.header()) {
		return ErrCodeCacheStale
	}
	loaded := map[[32]byte][]byte{}
	for {
		var key [32]byte
		if _, err := io.ReadFull(br, key[:]); errors.Is(err, io.EOF) {
			break
		} else if err != nil {
			return fmt.Errorf("damaged: %w", err)
		}
		n, err := binary.ReadUvarint(br)
		if err != nil || n > maxCodeCache {
			return fmt.Errorf("damaged: block of %d bytes (%v)", n, err)
		}
		html := make([]byte, n)
		if _, err := io.ReadFull(br, html); err != nil {
			return fmt.Errorf("damaged: %w", err)
		}
		loaded[key] = html
	}
	for k, html := range loaded {
		h.cache.LoadOrStore(k, &codeEntry{html: html, loaded: true})
	}
	return nil
}
