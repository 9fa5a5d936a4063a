package markdown

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/yuin/goldmark/ast"
	"golang.org/x/text/runes"
	"golang.org/x/text/transform"
	"golang.org/x/text/unicode/norm"
)

// headingIDs leaves a heading without {#id} a placeholder ID: goldmark asks
// for IDs before it parses a heading's text, so the walker makes the real
// one from the text readers see (not the source's link targets or footnote
// labels). Readable in any script: "Perché è importante" becomes
// "perche-e-importante". Two headings with one text get one ID, not a
// numbered second: the walker reports the pair, so that every anchor of a
// page is one its editor can read and link.
type headingIDs struct{}

// autoID is the placeholder; no {#id} can be it.
var autoID = []byte("\x00auto")

// Generate implements parser.IDs.
func (headingIDs) Generate([]byte, ast.NodeKind) []byte { return autoID }

// Put implements parser.IDs; the walker sees every ID given.
func (headingIDs) Put([]byte) {}

// headingID is the ID of a heading without {#id}: its text's slug.
func headingID(prefix, text string) string {
	if s := Slug(text); s != "" {
		return prefix + s
	}
	return prefix + "section"
}

// latinLetters spells the Latin letters that are not a base letter and an
// accent, which stripping accents leaves as they are, as English text does.
var latinLetters = strings.NewReplacer("ß", "ss", "æ", "ae", "œ", "oe", "ø", "o", "đ", "d", "ð", "d", "ł", "l", "þ", "th", "ı", "i")

// Slug lowercases s, strips accents and joins words with dashes.
func Slug(s string) string {
	s = strings.ToLower(s)
	if !isASCII(s) { // ASCII has no accents to strip, and most headings are ASCII
		t := transform.Chain(norm.NFD, runes.Remove(runes.In(unicode.Mn)), norm.NFC)
		s, _, _ = transform.String(t, latinLetters.Replace(s))
	}
	var b strings.Builder
	dash := false
	for _, r := range s {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			if dash && b.Len() > 0 {
				b.WriteByte('-')
			}
			b.WriteRune(r)
			dash = false
			continue
		}
		dash = true
	}
	return b.String()
}

func isASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= utf8.RuneSelf {
			return false
		}
	}
	return true
}
