package corpus

// hugoSite is what both Hugo configurations start with: the site, and
// English URLs under /en/ like ours so the generated links resolve in both
// builds.
const hugoSite = `baseURL = "http://localhost/"
title = "Hiring guides"
defaultContentLanguage = "en"
defaultContentLanguageInSubdir = true
`

// hugoLanguages ends both configurations: the same two locales, each reading
// its own content directory.
const hugoLanguages = `
[languages.en]
languageName = "English"
weight = 1
contentDir = "content/en"

[languages.it]
languageName = "Italiano"
weight = 2
contentDir = "content/it"
title = "Guide alle assunzioni"
`

// hugoConfig is the Hugo site configuration. Besides each guide's page, Hugo
// writes what guides writes for it: an interview kit and a page of the role's
// questions (two output formats of the guide), and the question library: every
// guide (content/<locale>/questions), per question kind, and per stack tag (a
// taxonomy). Feeds stay off: guides writes one per locale, Hugo one per list.
// As guides does, it writes the kit and the role's page as files, not
// directories: kit.html and questions.html beside the guide's index.html.
const hugoConfig = hugoSite + `disableKinds = ["RSS"]

[taxonomies]
stack = "stack"

[outputFormats.kit]
mediaType = "text/html"
baseName = "kit"
isHTML = true

[outputFormats.questions]
mediaType = "text/html"
baseName = "questions"
isHTML = true

[outputs]
page = ["html", "kit", "questions"]
` + hugoLanguages

// hugoGuidesOnly is the configuration of the earlier, narrower comparison:
// guide pages and home pages only, none of the readers' pages guides also
// writes. The bench reports it beside the full one.
const hugoGuidesOnly = hugoSite + `disableKinds = ["taxonomy", "term", "RSS", "section"]
` + hugoLanguages

// hugoLibrary is the Hugo-only content of a locale's question library: the
// section pages that list every guide, once for all questions and once per
// kind. Hugo cannot pick the questions out of a guide's body, so its library
// entries are each guide's title, link and summary.
func hugoLibrary(loc string) map[string]string {
	files := map[string]string{loc + "/questions/_index.md": "---\ntitle: Questions\n---\n"}
	for _, k := range append(questionKinds(), "coding") { // guides has a page for try blocks' kind too
		files[loc+"/questions/kind/"+k+"/_index.md"] = "---\ntitle: " + k + "\n---\n"
	}
	return files
}

// hugoLayouts are minimal templates that render what our pages render: title,
// summary, stack tags, skills, process rounds, the body, a language switcher,
// and a home page listing the roles by family.
func hugoLayouts() map[string]string {
	return map[string]string{
		"layouts/_default/baseof.html": `<!doctype html>
<html lang="{{ .Site.Language.Lang }}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{{ .Title }} | {{ .Site.Title }}</title>
<meta name="description" content="{{ .Params.summary }}">
</head>
<body>
<header>
<a href="{{ .Site.Home.RelPermalink }}">{{ .Site.Title }}</a>
<nav aria-label="Language">{{ range .Translations }}<a href="{{ .RelPermalink }}" hreflang="{{ .Lang }}" lang="{{ .Lang }}">{{ .Language.LanguageName }}</a>{{ end }}</nav>
</header>
<main>{{ block "main" . }}{{ end }}</main>
</body>
</html>
`,
		"layouts/_default/single.html": `{{ define "main" }}
<article>
<h1>{{ .Title }}</h1>
<p class="summary">{{ .Params.summary }}</p>
<ul class="stack">{{ range .Params.stack }}<li>{{ . }}</li>{{ end }}</ul>
<ul class="skills">{{ range .Params.skills }}<li>{{ . }}</li>{{ end }}</ul>
<ol class="process">{{ range .Params.process }}<li><strong>{{ .name }}</strong> <span>{{ .minutes }} min</span> {{ .focus }}</li>{{ end }}</ol>
{{ .Content }}
</article>
{{ end }}
`,
		"layouts/_default/list.html": `{{ define "main" }}
<h1>{{ .Title }}</h1>
<ul>{{ range .Pages }}<li><a href="{{ .RelPermalink }}">{{ .Title }}</a> {{ .Params.summary }}</li>{{ end }}</ul>
{{ end }}
`,
		"layouts/_default/single.kit.html": `{{ define "main" }}
<article class="kit">
<p><a href="{{ .RelPermalink }}">{{ .Title }}</a></p>
<h1>Kit: {{ .Title }}</h1>
<table><tbody>{{ range .Params.process }}<tr><th>{{ .name }}</th><td>{{ .minutes }} min</td><td>{{ .focus }}</td></tr>{{ end }}</tbody></table>
{{ .Content }}
<table class="grid"><tbody>{{ range .Params.skills }}<tr><th>{{ . }}</th><td></td><td></td><td></td><td></td><td></td><td></td></tr>{{ end }}</tbody></table>
</article>
{{ end }}
`,
		"layouts/_default/single.questions.html": `{{ define "main" }}
<h1>{{ .Title }}</h1>
{{ partial "entry.html" . }}
{{ end }}
`,
		"layouts/partials/entry.html": `<section class="entry"><h2><a href="{{ .RelPermalink }}">{{ .Title }}</a></h2>
<ul class="stack">{{ range .Params.stack }}<li>{{ . }}</li>{{ end }}</ul>
{{ .Summary }}</section>
`,
		"layouts/questions/list.html": `{{ define "main" }}
<h1>{{ .Title }}</h1>
{{ range where .Site.RegularPages "Section" "roles" }}{{ partial "entry.html" . }}{{ end }}
{{ end }}
`,
		"layouts/404.html": `{{ define "main" }}
<h1>Not found</h1>
<p><a href="{{ .Site.Home.RelPermalink }}">{{ .Site.Title }}</a></p>
{{ end }}
`,
		"layouts/_default/term.html": `{{ define "main" }}
<h1>{{ .Title }}</h1>
{{ range .Pages }}{{ partial "entry.html" . }}{{ end }}
{{ end }}
`,
		"layouts/index.html": `{{ define "main" }}
<h1>{{ .Title }}</h1>
<p>{{ .Params.summary }}</p>
{{ .Content }}
{{ range (where .Site.RegularPages "Section" "roles").GroupByParam "family" }}
<section>
<h2>{{ .Key }}</h2>
<ul>{{ range .Pages }}<li><a href="{{ .RelPermalink }}">{{ .Title }}</a><p>{{ .Params.summary }}</p></li>{{ end }}</ul>
</section>
{{ end }}
{{ end }}
`,
	}
}
