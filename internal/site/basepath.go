package site

import (
	"bytes"
	"net/url"
	"strings"
)

// A site published below a path of its host (https://example.org/guides/,
// as a GitHub Pages project site is) has its pages link each other from that
// path. Templates, Markdown and the builder write site paths from the root
// (/en/roles/x/), the form every link check and the dev server use; the
// rendered HTML of a page is given the base path as its last step, as Hugo's
// canonifyURLs does.

// basePath is the path of an absolute base URL without its final slash:
// "/guides" for https://example.org/guides/, "" for a host's root.
func basePath(baseURL string) string {
	u, err := url.Parse(baseURL)
	if err != nil {
		return ""
	}
	return strings.TrimRight(u.EscapedPath(), "/")
}

// rootedAttrs are the attributes whose values the templates and the
// Markdown renderer write as site paths; data-bundle is the search page's
// path to the Pagefind bundle.
var rootedAttrs = [][]byte{[]byte("href"), []byte("src"), []byte("action"), []byte("data-bundle")}

// withBasePath returns html with base inserted before every site path
// ("/…" but not "//host/…") that is the double-quoted value of one of
// rootedAttrs, appending to out. Text, including code that shows such an
// attribute, is escaped and so never matches.
func withBasePath(out, html []byte, base string) []byte {
	marker := []byte(`="/`)
	for {
		k := bytes.Index(html, marker)
		if k < 0 {
			return append(out, html...)
		}
		end := k + len(marker)
		if !rootedAttr(html[:k]) || (end < len(html) && html[end] == '/') {
			out, html = append(out, html[:end]...), html[end:]
			continue
		}
		out = append(out, html[:k+2]...)
		out = append(out, base...)
		html = html[k+2:]
	}
}

// rootedAttr reports whether before ends with the name of one of
// rootedAttrs.
func rootedAttr(before []byte) bool {
	for _, a := range rootedAttrs {
		if rest, ok := bytes.CutSuffix(before, a); ok && len(rest) > 0 && isSpace(rest[len(rest)-1]) {
			return true
		}
	}
	return false
}

func isSpace(c byte) bool { return c == ' ' || c == '\n' || c == '\t' || c == '\r' || c == '\f' }
