// Package markdown converts a page body to HTML with one configured goldmark
// (GFM, footnotes, definition lists, heading attributes, readable heading
// IDs, class-based highlighting) plus the site's container directives, and
// checks what goldmark would otherwise let through silently.
//
// Directives are remark-style containers. A fence of three or more colons
// opens one with a name and optional {key=value} attributes and nothing else
// on the line; a line of at least as many colons closes it:
//
//	:::try{sample=rate-limiter}
//	Lead-in prose.
//	:::
//
//	::::question{kind=design}
//	The question.
//	:::strong
//	What a strong answer does.
//	:::
//	::::
//
// Known directives: question (kind: technical, design, behavioral or sql;
// optional id), try (sample: an existing sample id), and strong and weak,
// only directly inside a question. Anything else is an error with its line:
// an unknown directive or attribute, a malformed or unclosed fence, raw HTML,
// a duplicate heading ID, a footnote without a note or a note without a
// reference.
//
// A link to a Markdown file, [x](data-engineer.md), leads to the page the
// Resolver says that file makes, or is an error when it makes none.
package markdown
