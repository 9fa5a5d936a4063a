// Package content loads the site's source files from an fs.FS: it walks the
// locale trees, splits and strictly decodes each page's front matter, checks
// every field, pairs translations, and loads the coding samples' public
// parts. Every problem is collected with its file and line; a Site is usable
// only when the returned list is empty.
//
// Layout of the content FS:
//
//	<locale>/_index.md            the locale's home page copy (title, summary)
//	<locale>/roles/<slug>.md      a guide; the same file name in another locale is its translation
//	samples/<id>/                 a coding sample (see package sample)
//
// Guide front matter (YAML between "---" lines; unknown fields are errors):
//
//	title: How to hire a Backend Engineer   # required
//	family: engineering                     # required; a slug; groups roles on the home page
//	summary: One or two sentences.          # required
//	stack: [Go, PostgreSQL]                 # tags: none empty, none repeated ignoring case
//	skills: [API design]                    # likewise
//	process:                                # interview rounds, in order
//	  - {name: Technical screen, minutes: 45, focus: Databases}   # name and minutes (1 to 480) required
//	updated: 2026-11-22                     # required, YYYY-MM-DD
//	draft: false
//	slug: backend                           # optional: overrides the URL's last segment
//
// A slug is lowercase letters and digits, with single dashes between words.
// A required field that is absent is reported at line 1, one that is there
// but empty at its own line; a round's problems are at the round's line.
// Empty front matter is an empty mapping. When a value does not decode (a
// wrong type, an unknown field) the other values are still checked, but not
// that one, so one mistake is reported once; nor is an absent field beside
// an unknown one, which may be it misspelled. A repeated key, a YAML syntax
// error or an error under an alias stops the page's checks.
package content
