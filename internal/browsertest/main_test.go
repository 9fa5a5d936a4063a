package browsertest

import (
	"context"
	"fmt"
	"net"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"guides/internal/output"
	"guides/internal/site"
)

// env is what every test shares: one browser, two builds of the real site
// and the fake runner. TestMain sets it up once.
var env struct {
	root string

	runner *fakeRunner
	site   *httptest.Server // the site, its try blocks pointed at the fake runner
	dead   *httptest.Server // the same site pointed at a port where nothing listens
	dir    string           // the first build's output directory

	noSite    string          // why the site was not built (no node_modules)
	browser   context.Context // nil without chromium or site
	noBrowser string          // why there is no browser
}

func TestMain(m *testing.M) { os.Exit(run(m)) }

func run(m *testing.M) int {
	root, err := filepath.Abs("../..")
	if err != nil {
		return fatal(err)
	}
	env.root = root
	tmp, err := os.MkdirTemp("", "guides-browsertest-")
	if err != nil {
		return fatal(err)
	}
	defer removeAll(tmp)

	// The servers start first: a build needs the runner URL, and the runner's
	// CORS needs the site's origin.
	var siteDir, deadDir string
	env.site = httptest.NewServer(http.FileServer(http.Dir(filepath.Join(tmp, "site"))))
	defer env.site.Close()
	env.dead = httptest.NewServer(http.FileServer(http.Dir(filepath.Join(tmp, "dead"))))
	defer env.dead.Close()
	if env.runner, err = newFakeRunner(root); err != nil {
		return fatal(err)
	}
	defer env.runner.Close()
	env.runner.allow(env.site.URL)
	env.runner.allow(env.dead.URL)
	deadRunner, err := closedPortURL()
	if err != nil {
		return fatal(err)
	}
	siteDir, deadDir = filepath.Join(tmp, "site"), filepath.Join(tmp, "dead")
	if _, err := os.Stat(filepath.Join(root, "node_modules")); err != nil {
		// Without CodeMirror the widget, hence the site, cannot be bundled.
		env.noSite = "node_modules is missing: run `npm ci` at the repository root (make deps does)"
		env.noBrowser = env.noSite
		return m.Run()
	}
	// The first build is minified, as a release is; the second is not.
	if err := buildSite(siteDir, env.site.URL, env.runner.URL(), true); err != nil {
		return fatal(err)
	}
	if err := buildSite(deadDir, env.dead.URL, deadRunner, false); err != nil {
		return fatal(err)
	}
	env.dir = siteDir

	cancel, err := startBrowser(tmp)
	if err != nil {
		return fatal(err)
	}
	defer cancel()
	return m.Run()
}

func fatal(err error) int {
	fmt.Fprintln(os.Stderr, "browsertest:", err)
	return 1
}

// buildSite builds the real site from the project's content, templates,
// locales and assets into dir, as `guides build` does.
func buildSite(dir, baseURL, runnerURL string, minify bool) error {
	cfg := siteConfig(baseURL, runnerURL)
	cfg.Minify = minify
	b, errs := site.New(cfg)
	if len(errs) > 0 {
		return fmt.Errorf("site.New: %v", errs)
	}
	staged, err := output.Stage(dir)
	if err != nil {
		return err
	}
	if _, errs := b.Build(context.Background(), staged); len(errs) > 0 {
		staged.Abort()
		return fmt.Errorf("build: %v", errs)
	}
	return staged.Commit()
}

// siteConfig builds the project's own content, templates, locales and
// assets.
func siteConfig(baseURL, runnerURL string) site.Config {
	return site.Config{
		Content:    os.DirFS(filepath.Join(env.root, "content")),
		ContentDir: "content",
		Templates:  os.DirFS(filepath.Join(env.root, "templates")),
		Locales:    os.DirFS(filepath.Join(env.root, "locales")),
		AssetsDir:  filepath.Join(env.root, "assets"),
		BaseURL:    baseURL,
		RunnerURL:  runnerURL,
	}
}

// closedPortURL is the URL of a loopback port that was free a moment ago:
// a connection there is refused, as when runner-worker is down.
func closedPortURL() (string, error) {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return "", err
	}
	addr := l.Addr().String()
	l.Close()
	return "http://" + addr, nil
}

// startBrowser starts the one headless Chromium of the package. Without
// chromium on PATH the browser tests skip.
func startBrowser(tmp string) (context.CancelFunc, error) {
	path, err := exec.LookPath("chromium")
	if err != nil {
		env.noBrowser = "chromium is not installed (Debian package chromium; `make deps` installs it): " + err.Error()
		return func() {}, nil
	}
	opts := append(chromedp.DefaultExecAllocatorOptions[:],
		chromedp.ExecPath(path),
		chromedp.Headless,
		chromedp.NoSandbox,
		chromedp.DisableGPU,
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.NoFirstRun,
		chromedp.UserDataDir(filepath.Join(tmp, "chromium")),
		chromedp.WindowSize(1024, 768),
	)
	allocCtx, cancelAlloc := chromedp.NewExecAllocator(context.Background(), opts...)
	browser, cancelBrowser := chromedp.NewContext(allocCtx)
	// No timeout here: cancelling the first Run's context would kill the browser.
	if err := chromedp.Do(browser); err != nil {
		cancelBrowser()
		cancelAlloc()
		return nil, fmt.Errorf("start chromium: %w", err)
	}
	env.browser = browser
	return func() { cancelBrowser(); cancelAlloc() }, nil
}

func removeAll(dir string) {
	// Chromium's helpers can still write in its profile for a moment after it stops.
	for range 50 {
		if err := os.RemoveAll(dir); err == nil {
			return
		}
		time.Sleep(100 * time.Millisecond)
	}
}

// tab opens a tab in a fresh browser context (its own storage, so tests do
// not see each other's history) and fails the test on any uncaught
// exception in the page.
func tab(t *testing.T) context.Context {
	t.Helper()
	if env.browser == nil {
		t.Skip(env.noBrowser)
	}
	tabCtx, cancel := chromedp.NewContext(env.browser, chromedp.WithNewBrowserContext())
	t.Cleanup(cancel)
	if err := chromedp.Do(tabCtx); err != nil {
		t.Fatalf("open tab: %v", err)
	}
	var (
		mu         sync.Mutex
		exceptions []string
	)
	messages := chromedp.Console(tabCtx)
	done := make(chan struct{})
	go func() {
		defer close(done)
		for msg, err := range messages {
			if err != nil {
				return
			}
			if msg.Type == chromedp.ConsoleException {
				mu.Lock()
				exceptions = append(exceptions, fmt.Sprintf("%s (%s:%d)", msg.Text, msg.URL, msg.Line+1))
				mu.Unlock()
			}
		}
	}()
	ctx, cancelTimeout := context.WithTimeout(tabCtx, 90*time.Second)
	t.Cleanup(func() {
		cancelTimeout()
		cancel()
		<-done
		mu.Lock()
		defer mu.Unlock()
		for _, e := range exceptions {
			t.Errorf("uncaught exception in the page: %s", e)
		}
	})
	return ctx
}

func do(t *testing.T, ctx context.Context, steps ...chromedp.Action[chromedp.Void]) {
	t.Helper()
	if err := chromedp.Do(ctx, steps...); err != nil {
		t.Fatal(err)
	}
}

func eval[T any](t *testing.T, ctx context.Context, js string) T {
	t.Helper()
	v, err := chromedp.Run(ctx, chromedp.Evaluate[T](js))
	if err != nil {
		t.Fatalf("evaluate %s: %v", js, err)
	}
	return v
}

// waitFor polls a JavaScript condition until it holds. When it does not,
// the failure says what state the page and its try panels were in.
func waitFor(t *testing.T, ctx context.Context, what, js string) {
	t.Helper()
	_, err := chromedp.Run(ctx, chromedp.Poll[chromedp.Void](js,
		chromedp.WithPollingTimeout(30*time.Second), chromedp.WithPollingInterval(20*time.Millisecond)))
	if err != nil {
		state, _ := chromedp.Run(ctx, chromedp.Evaluate[string](pageState))
		t.Fatalf("waiting for %s (%s): %v\npage: %s", what, js, err, state)
	}
}

// pageState sums up a page for a failure message: its visibility and
// scroll, what the last click reached, and each try form's data attributes.
const pageState = `JSON.stringify({visibility: document.visibilityState, ready: document.readyState,
	scrollY: scrollY, clicked: document.documentElement.dataset.clicked, forms: [...document.querySelectorAll("form.try-form")].map(f => ({...f.dataset}))})`

// open loads a page of a site and waits until every try panel has started.
func open(t *testing.T, ctx context.Context, base, path string) {
	t.Helper()
	do(t, ctx, chromedp.Navigate(base+path))
	waitFor(t, ctx, "the try panels to start",
		`[...document.querySelectorAll("form.try-form")].every(f => f.dataset.ready === "true")`)
}

func readFile(t *testing.T, parts ...string) string {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(parts...))
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// js quotes s as a JavaScript string literal.
func js(s string) string {
	var b strings.Builder
	b.WriteByte('"')
	for _, r := range s {
		switch {
		case r == '"' || r == '\\':
			b.WriteByte('\\')
			b.WriteRune(r)
		case r == '\n':
			b.WriteString(`\n`)
		case r < 0x20 || r == 0x2028 || r == 0x2029:
			fmt.Fprintf(&b, `\u%04x`, r)
		default:
			b.WriteRune(r)
		}
	}
	b.WriteByte('"')
	return b.String()
}
