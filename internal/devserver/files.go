package devserver

import (
	"bytes"
	"mime"
	"net/http"
	"path"
	"strings"
	"time"

	"guides/internal/output"
)

// contentTypes fixes the types of what a build writes, whatever the
// machine's mime tables say.
var contentTypes = map[string]string{
	".html":  "text/html; charset=utf-8",
	".css":   "text/css; charset=utf-8",
	".js":    "text/javascript; charset=utf-8",
	".json":  "application/json",
	".xml":   "application/xml; charset=utf-8",
	".txt":   "text/plain; charset=utf-8",
	".svg":   "image/svg+xml",
	".woff2": "font/woff2",
	".map":   "application/json",
}

func contentType(name string, data []byte) string {
	ext := path.Ext(name)
	if t, ok := contentTypes[ext]; ok {
		return t
	}
	if t := mime.TypeByExtension(ext); t != "" {
		return t
	}
	return http.DetectContentType(data)
}

// lookup maps a URL path to a file of the site: "/" and every directory
// URL to its index.html. redirect is set for a directory asked for without
// its trailing slash.
func lookup(mem *output.Memory, urlPath string) (name, redirect string, ok bool) {
	clean := path.Clean("/" + urlPath)
	if clean != "/" && strings.HasSuffix(urlPath, "/") {
		clean += "/"
	}
	rel := strings.TrimPrefix(clean, "/")
	if rel == "" || strings.HasSuffix(rel, "/") {
		rel += "index.html"
	}
	if _, ok := mem.Get(rel); ok {
		return rel, "", true
	}
	if _, ok := mem.Get(rel + "/index.html"); ok {
		return "", clean + "/", false
	}
	return "", "", false
}

// notFound is the 404 page of the locale the path is under, or the site's.
func notFound(mem *output.Memory, urlPath string) []byte {
	seg, _, _ := strings.Cut(strings.TrimPrefix(urlPath, "/"), "/")
	if b, ok := mem.Get(seg + "/404.html"); ok && seg != "" {
		return b
	}
	b, _ := mem.Get("404.html")
	return b
}

// serveFile answers from the last good build.
func (s *Server) serveFile(w http.ResponseWriter, r *http.Request) {
	mem := s.site.Load()
	if mem == nil {
		s.serveUnbuilt(w, r)
		return
	}
	w.Header().Set("Cache-Control", "no-cache")
	name, redirect, ok := lookup(mem, r.URL.Path)
	switch {
	case redirect != "":
		if q := r.URL.RawQuery; q != "" {
			redirect += "?" + q
		}
		http.Redirect(w, r, redirect, http.StatusFound)
	case ok:
		data, _ := mem.Get(name)
		w.Header().Set("Content-Type", contentType(name, data))
		http.ServeContent(w, r, name, time.Time{}, bytes.NewReader(data))
	default:
		writeHTML(w, r, http.StatusNotFound, notFound(mem, r.URL.Path))
	}
}

// serveUnbuilt answers before the first good build: a page that carries
// the reload script, so it shows the errors and reloads once fixed.
func (s *Server) serveUnbuilt(w http.ResponseWriter, r *http.Request) {
	page := `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>guides serve</title>` + Script() +
		`</head><body><main><h1>The site is not built yet</h1><p>This page reloads when it is.</p></main></body></html>`
	writeHTML(w, r, http.StatusServiceUnavailable, []byte(page))
}

func writeHTML(w http.ResponseWriter, r *http.Request, status int, data []byte) {
	if data == nil {
		data = []byte("<!doctype html><title>Not found</title><h1>Not found</h1>")
	}
	w.Header().Set("Content-Type", contentTypes[".html"])
	w.Header().Set("Cache-Control", "no-cache")
	w.WriteHeader(status)
	if r.Method != http.MethodHead {
		w.Write(data)
	}
}
