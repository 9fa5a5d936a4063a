package browsertest

import (
	"context"
	"io"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"

	"guides/internal/output"
	"guides/internal/site"
)

// TestSearchBelowAPath publishes the site below a path of its host, as a
// GitHub Pages project site is, with its real search index: the search
// page finds an Italian guide and its result opens that guide below the
// path, and the guide's stylesheet and home link are there too.
func TestSearchBelowAPath(t *testing.T) {
	ctx := tab(t)
	if env.noSite != "" {
		t.Skip(env.noSite)
	}
	mux := http.NewServeMux()
	srv := httptest.NewServer(mux)
	defer srv.Close()
	dir := filepath.Join(t.TempDir(), "site")
	buildBelowAPath(t, dir, srv.URL+"/hiring/")
	mux.Handle("/hiring/", http.StripPrefix("/hiring", http.FileServer(http.Dir(dir))))

	do(t, ctx, chromedp.Navigate(srv.URL+"/hiring/it/search/?q=colloquio"))
	waitFor(t, ctx, "a search result", `document.querySelector(".pagefind-ui__result-link") !== null`)
	if label := eval[string](t, ctx, `(document.querySelector("#search input").labels[0] || {}).innerText || ""`); label != "Cerca nelle guide" {
		t.Errorf("the search input's visible label is %q, want the page's own", label)
	}
	reportAxe(t, runAxe(t, ctx, readFile(t, env.root, "node_modules", "axe-core", "axe.min.js")))
	href := eval[string](t, ctx, `document.querySelector(".pagefind-ui__result-link").getAttribute("href")`)
	if !strings.HasPrefix(href, "/hiring/it/roles/") {
		t.Fatalf("first result links %q, want a guide below /hiring/it/roles/", href)
	}
	do(t, ctx, chromedp.Navigate(srv.URL+href))
	waitFor(t, ctx, "the guide", `document.querySelector("main h1") !== null`)
	if lang := eval[string](t, ctx, `document.documentElement.lang`); lang != "it" {
		t.Errorf("the result opened a page in %q, want it", lang)
	}
	styled := eval[bool](t, ctx, `getComputedStyle(document.querySelector(".skip-link")).position !== "static"`)
	if !styled {
		t.Error("the guide found below /hiring/ has no stylesheet")
	}
	home := eval[string](t, ctx, `document.querySelector("a.brand").getAttribute("href")`)
	if home != "/hiring/it/" {
		t.Errorf("the guide's home link is %q, want /hiring/it/", home)
	}
}

// buildBelowAPath builds the real site for baseURL into dir and indexes it
// for search, as `guides build -base-url` does.
func buildBelowAPath(t *testing.T, dir, baseURL string) {
	t.Helper()
	b, errs := site.New(siteConfig(baseURL, env.runner.URL()))
	if len(errs) > 0 {
		t.Fatalf("site.New: %v", errs)
	}
	staged, err := output.Stage(dir)
	if err != nil {
		t.Fatal(err)
	}
	res, errs := b.Build(context.Background(), staged)
	if len(errs) > 0 {
		staged.Abort()
		t.Fatalf("build: %v", errs)
	}
	if err := site.IndexSearch(context.Background(), env.root, staged.Dir(), "", res.Sums, io.Discard); err != nil {
		staged.Abort()
		t.Fatal(err)
	}
	if err := staged.Commit(); err != nil {
		t.Fatal(err)
	}
}
