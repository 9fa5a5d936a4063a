package content

import (
	"bytes"
	"errors"
	"fmt"
	"regexp"
	"strings"
	"time"

	"github.com/adrg/frontmatter"
	"go.yaml.in/yaml/v4"

	"guides/internal/yamlfile"
)

// GuideMeta is a guide's front matter.
type GuideMeta struct {
	Title   string   `yaml:"title" json:"title"`
	Family  string   `yaml:"family" json:"family"`
	Summary string   `yaml:"summary" json:"summary"`
	Stack   []string `yaml:"stack" json:"stack,omitempty"`
	Skills  []string `yaml:"skills" json:"skills,omitempty"`
	Process []Round  `yaml:"process" json:"process,omitempty"`
	Updated Date     `yaml:"updated" json:"updated"`
	Draft   Flag     `yaml:"draft" json:"draft,omitempty"`
	Slug    string   `yaml:"slug" json:"slug,omitempty"`
}

// Round is one interview round.
type Round struct {
	Name    string `yaml:"name" json:"name"`
	Minutes int    `yaml:"minutes" json:"minutes"`
	Focus   string `yaml:"focus" json:"focus,omitempty"`
}

// HomeMeta is a locale home page's front matter.
type HomeMeta struct {
	Title   string `yaml:"title"`
	Summary string `yaml:"summary"`
}

// dateShape is YYYY-MM-DD's shape, whether or not the day exists.
var dateShape = regexp.MustCompile(`^\d{4}-\d{2}-\d{2}$`)

// Date is a calendar day written as YYYY-MM-DD.
type Date struct{ time.Time }

// UnmarshalYAML accepts only YYYY-MM-DD, so "2026-11-22T10:00" or "yesterday"
// is an error at its line rather than a silently different value. Empty
// text is no date, like null, for the check of required fields to report.
func (d *Date) UnmarshalYAML(n *yaml.Node) error {
	if n.Kind == yaml.AliasNode && n.Alias != nil {
		n = n.Alias
	}
	if n.Kind != yaml.ScalarNode {
		return fmt.Errorf("wrong type: got %s, want a date (YYYY-MM-DD)", yamlfile.Got(n))
	}
	if strings.TrimSpace(n.Value) == "" {
		return nil
	}
	t, err := time.Parse(time.DateOnly, n.Value)
	if err != nil {
		if dateShape.MatchString(n.Value) {
			return fmt.Errorf("invalid date %q: no such day (the month is 01 to 12, the day within the month)", n.Value)
		}
		return fmt.Errorf("invalid date %q: want YYYY-MM-DD", n.Value)
	}
	d.Time = t
	return nil
}

// String formats the date as YYYY-MM-DD.
func (d Date) String() string { return d.Format(time.DateOnly) }

// Flag is a YAML 1.2 boolean, true or false.
type Flag bool

// UnmarshalYAML refuses the YAML 1.1 words (yes, no, on, off) that the
// decoder would take even quoted: the schema, editors and Hugo read them as
// text, so "draft: no" must not mean one thing here and another there.
func (f *Flag) UnmarshalYAML(n *yaml.Node) error {
	if n.Kind == yaml.AliasNode && n.Alias != nil {
		n = n.Alias
	}
	var b bool
	if n.ShortTag() != "!!bool" || n.Decode(&b) != nil {
		return fmt.Errorf("wrong type: got %s, want true or false", yamlfile.Got(n))
	}
	*f = Flag(b)
	return nil
}

// split is a file cut into its front matter and body. Lines keep the file's
// numbering: YAMLLine is the file line of the YAML's first line, and Body is
// padded with newlines so that its line N is the file's line N.
type split struct {
	YAML     []byte
	YAMLLine int
	Body     []byte
}

var errNoFrontMatter = errors.New(`missing front matter: a page starts with a "---" line`)
var errUnterminated = errors.New(`unterminated front matter: no closing "---" line`)

// splitFrontMatter cuts src with adrg/frontmatter, keeping the raw YAML to be
// decoded strictly later. The body shares src's memory and overwrites src's
// front matter.
func splitFrontMatter(src []byte) (split, error) {
	src = bytes.TrimPrefix(src, []byte("\ufeff"))
	var raw []byte
	capture := frontmatter.NewFormat("---", "---", func(b []byte, v any) error {
		*v.(*[]byte) = append([]byte(nil), b...)
		return nil
	})
	// adrg copies all it reads into a buffer; given the front matter alone,
	// it returns the same split without copying the body.
	head := src[:frontMatterEnd(src)]
	rest, err := frontmatter.MustParse(bytes.NewReader(head), &raw, capture)
	if err != nil {
		if bytes.HasPrefix(bytes.TrimLeft(src, " \t\r\n"), []byte("---")) {
			return split{}, errUnterminated
		}
		return split{}, errNoFrontMatter
	}
	off := len(head) - len(rest)
	bodyLine := lineOf(src, off)
	s := split{YAML: raw, YAMLLine: bodyLine}
	if i := bytes.Index(src, raw); len(raw) > 0 && i >= 0 {
		s.YAMLLine = lineOf(src, i)
	}
	s.Body = padded(src, off, bodyLine)
	return s, nil
}

// frontMatterEnd is the length of src's front matter as adrg/frontmatter
// reads it: blank lines, a "---" line, then up to and including the next
// line that is "---" once trimmed. Without one it is len(src), for adrg to
// reject.
func frontMatterEnd(src []byte) int {
	opened := false
	for off := 0; off < len(src); {
		next := len(src)
		if i := bytes.IndexByte(src[off:], '\n'); i >= 0 {
			next = off + i + 1
		}
		line := bytes.TrimSpace(src[off:next])
		switch {
		case opened && string(line) == "---":
			return next
		case !opened && string(line) == "---":
			opened = true
		case !opened && len(line) > 0:
			return len(src)
		}
		off = next
	}
	return len(src)
}

// padded is src's body, from off, with an empty line for each line above
// it, so that positions in it are the file's: src's front matter becomes
// the padding in place, and a guide's bytes are not copied again.
func padded(src []byte, off, line int) []byte {
	start := off - (line - 1) // src[:off] holds line-1 newlines, so start >= 0
	for i := start; i < off; i++ {
		src[i] = '\n'
	}
	return src[start:]
}

func lineOf(src []byte, off int) int { return 1 + bytes.Count(src[:off], []byte("\n")) }
