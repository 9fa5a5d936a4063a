// Package scaffold writes the starting files of new content: a role guide
// in every locale, with each front-matter field and section heading in
// place and the page marked as a draft, valid as it stands.
package scaffold

import (
	"bytes"
	"embed"
	"fmt"
	"regexp"
	"strings"
	"text/template"
	"time"
)

//go:embed templates/*.md
var files embed.FS

// Locales are the locales a new role is written in, each from
// templates/role.<locale>.md.
func Locales() []string { return []string{"en", "it"} }

// Role describes a new role guide.
type Role struct {
	Slug    string // the file name without .md, and the URL's last segment
	Family  string
	Updated time.Time
}

var slugRE = regexp.MustCompile(`^[a-z0-9]+(-[a-z0-9]+)*$`)

// Check reports what is wrong with the role's slug or family.
func (r Role) Check() error {
	if !slugRE.MatchString(r.Slug) {
		return fmt.Errorf("slug %q: use lowercase letters, digits and single dashes (backend-engineer)", r.Slug)
	}
	if !slugRE.MatchString(r.Family) {
		return fmt.Errorf("family %q: use lowercase letters, digits and single dashes (engineering)", r.Family)
	}
	return nil
}

// Path is where a locale's version goes, relative to the content directory.
func (r Role) Path(locale string) string { return locale + "/roles/" + r.Slug + ".md" }

// Render returns the locale's version of the guide.
func (r Role) Render(locale string) ([]byte, error) {
	if err := r.Check(); err != nil {
		return nil, err
	}
	t, err := template.ParseFS(files, "templates/role."+locale+".md")
	if err != nil {
		return nil, fmt.Errorf("scaffold %s: %w", locale, err)
	}
	var b bytes.Buffer
	data := map[string]string{"Slug": r.Slug, "Title": title(r.Slug), "Family": r.Family, "Updated": r.Updated.Format(time.DateOnly)}
	if err := t.Execute(&b, data); err != nil {
		return nil, fmt.Errorf("scaffold %s: %w", locale, err)
	}
	return b.Bytes(), nil
}

// title makes a role's name from its slug: site-reliability-engineer is
// "Site Reliability Engineer", qa-engineer "QA Engineer".
func title(slug string) string {
	words := strings.Split(slug, "-")
	for i, w := range words {
		if spelled, ok := roleWords[w]; ok {
			words[i] = spelled
		} else if w != "" {
			words[i] = strings.ToUpper(w[:1]) + w[1:]
		}
	}
	return strings.Join(words, " ")
}

// roleWords are the words of role names not spelled as a capital and
// lowercase letters.
var roleWords = map[string]string{
	"ai": "AI", "api": "API", "cto": "CTO", "devops": "DevOps", "hr": "HR", "ios": "iOS", "it": "IT",
	"ml": "ML", "qa": "QA", "sdet": "SDET", "seo": "SEO", "sre": "SRE", "ui": "UI", "ux": "UX", "vp": "VP",
}
