package corpus

// hugoConfig is the Hugo site configuration: the same two locales, each
// reading its own content directory, with English URLs under /en/ like ours so
// the generated links resolve in both builds.
const hugoConfig = `baseURL = "http://localhost/"
title = "Hiring guides"
defaultContentLanguage = "en"
defaultContentLanguageInSubdir = true
disableKinds = ["taxonomy", "term", "RSS"]

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
