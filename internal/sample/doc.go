// Package sample knows how a coding sample is laid out on disk and loads and
// validates it. It is the only package both programs share: the site reads a
// sample's public parts, runner-worker reads all of it. It knows nothing of
// HTTP or HTML.
//
// A sample is a directory content/samples/<id>/:
//
//	sample.yaml          id, title and summary per locale, languages, limits, compare
//	statement.<loc>.md   the problem statement, one per locale (en, it)
//	tests/public.yaml    cases shown to candidates
//	tests/hidden.yaml    cases never published (read only with Secrets)
//	<lang>/starter.<ext> what the candidate starts from      (lang: go python javascript sql)
//	<lang>/solution.<ext> the reference solution (read only with Secrets)
//	<lang>/harness.<ext> calls the candidate's code on each case (not for sql)
//
// sample.yaml:
//
//	id: rate-limiter
//	title: {en: Rate limiter, it: Rate limiter}
//	summary: {en: "...", it: "..."}
//	languages: [go, python, javascript]
//	limits: {time_ms: 2000, memory_mb: 256}
//	compare: exact        # exact (default) or unordered: actual and expected are arrays compared as multisets
//
// A tests file is a YAML list of cases; input and expected are any YAML values
// (they travel as JSON), and each case gives both, null where there is none.
// A name is text, the English name for every locale, or a text per locale
// with en required; the English name is the case's identity (unique in its
// file) and what a locale without its own falls back to:
//
//   - name: {en: a burst of 20 is allowed, it: una raffica di 20 è accettata}
//     input: {rate: 10, burst: 20, times: [0, 0, 0]}
//     expected: [true, true, true]
//
// The harness protocol: the harness reads a JSON array of the inputs on stdin,
// calls the candidate on each in order and writes one JSON line per case to
// file descriptor 3: {"actual": <value>} or {"error": "<text>"}. Whatever the
// candidate prints goes to stdout and stderr. Expected values never reach it.
//
// The candidate's code sits beside the harness as candidate.<ext>:
//
//	python      the harness imports it: import candidate
//	javascript  the harness requires it: require('./candidate.js'), which exports what it defines
//	go          it shares package main with the harness (harness.go has main), so the
//	            harness's own names take a prefix that no candidate would use
//
// For sql there is no harness: each case's input is {"setup": "<sql>"}; the
// runner runs setup then the candidate's query in sqlite3 and compares its
// rows with expected, a list of rows written as mappings of column to value:
//
//	expected:
//	  - {id: 1, email: ana@example.com}
//
// content/samples/rate-limiter (go, python, javascript) and onboarding-query
// (sql) are complete examples to start from.
package sample
