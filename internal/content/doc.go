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
//	family: engineering                     # required; groups roles on the home page
//	summary: One or two sentences.          # required
//	stack: [Go, PostgreSQL]
//	skills: [API design]
//	process:                                # interview rounds, in order
//	  - {name: Technical screen, minutes: 45, focus: Databases}
//	updated: 2026-11-22                     # required, YYYY-MM-DD
//	draft: false
//	slug: backend                           # optional: overrides the URL's last segment
package content
