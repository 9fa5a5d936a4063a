package site

import (
	"context"
	"mime"
	"net/http"
	"net/http/httptest"
	"os/exec"
	"path"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"

	"guides/internal/output"
)

// TestWithoutJavaScriptInBrowser opens the test site in headless Chromium
// with scripts off and checks what the reader pages do with CSS alone: the
// home page's role filters, from the keyboard and the mouse, and the kit's
// print stylesheet, which keeps only the ticked questions. It skips when
// chromium is not installed (`make deps` installs it).
func TestWithoutJavaScriptInBrowser(t *testing.T) {
	bin, err := exec.LookPath("chromium")
	if err != nil {
		t.Skip("chromium is not installed")
	}
	_, mem := buildReaders(t)
	srv := httptest.NewServer(memoryHandler(mem))
	defer srv.Close()
	ctx := browser(t, bin)
	t.Run("home filters", func(t *testing.T) { testHomeFilters(t, ctx, srv.URL) })
	t.Run("kit prints the ticked questions", func(t *testing.T) { testKitPrint(t, ctx, srv.URL) })
}

func testHomeFilters(t *testing.T, ctx context.Context, base string) {
	run(t, ctx, chromedp.Navigate(base+"/en/"))
	shown(t, ctx, map[string]bool{`[data-family=engineering]`: true, `[data-family=quality]`: true, `.filter-empty`: false})
	// Arrow keys move within a radio group: from "All" to the first family.
	run(t, ctx, chromedp.Focus(chromedp.ID("filter-family-all")), chromedp.KeyEvent(kb.ArrowRight))
	shown(t, ctx, map[string]bool{`[data-family=engineering]`: true, `[data-family=quality]`: false})
	// Engineering has no Playwright role: nothing left but the note.
	run(t, ctx, chromedp.Click(chromedp.CSS(`label[for="filter-tag-1"]`)))
	shown(t, ctx, map[string]bool{`[data-family=engineering]`: false, `[data-family=quality]`: false, `.filter-empty`: true})
	run(t, ctx, chromedp.Click(chromedp.CSS(`label[for="filter-family-all"]`)))
	shown(t, ctx, map[string]bool{`[data-family=engineering]`: false, `[data-family=quality]`: true, `.filter-empty`: false,
		`[data-tags~=playwright]`: true})
}

func testKitPrint(t *testing.T, ctx context.Context, base string) {
	run(t, ctx, chromedp.Navigate(base+"/en/roles/backend-engineer/kit.html"))
	items := map[string]bool{`.kit-item:has(#pick-question-1)`: true, `.kit-item:has(#pick-try-demo)`: true, `.kit-item:has(#pick-conflict)`: true}
	media(t, ctx, "print")
	shown(t, ctx, items) // none ticked: all printed
	shown(t, ctx, map[string]bool{`.site-header`: false, `.kit-how`: false, `.kit-grid`: true})
	media(t, ctx, "")
	run(t, ctx, chromedp.Click(chromedp.ID("pick-conflict")))
	media(t, ctx, "print")
	items[`.kit-item:has(#pick-question-1)`], items[`.kit-item:has(#pick-try-demo)`] = false, false
	shown(t, ctx, items)
}

// memoryHandler serves a built site from memory, as a static server would.
func memoryHandler(mem *output.Memory) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		p := strings.TrimPrefix(r.URL.Path, "/")
		if p == "" || strings.HasSuffix(p, "/") {
			p += "index.html"
		}
		data, ok := mem.Get(p)
		if !ok {
			http.NotFound(w, r)
			return
		}
		w.Header().Set("Content-Type", mime.TypeByExtension(path.Ext(p)))
		w.Write(data)
	})
}

// browser starts headless Chromium with scripts off for the test's life.
func browser(t *testing.T, bin string) context.Context {
	t.Helper()
	opts := append(chromedp.DefaultExecAllocatorOptions[:], chromedp.ExecPath(bin), chromedp.Headless,
		chromedp.NoSandbox, chromedp.DisableGPU, chromedp.NoFirstRun,
		chromedp.UserDataDir(filepath.Join(t.TempDir(), "chromium")), chromedp.WindowSize(1024, 768))
	alloc, cancelAlloc := chromedp.NewExecAllocator(context.Background(), opts...)
	ctx, cancel := chromedp.NewContext(alloc)
	t.Cleanup(func() { cancel(); cancelAlloc() })
	// No timeout on the first action: cancelling its context kills the browser.
	run(t, ctx, chromedp.Func(func(ctx context.Context, tg *chromedp.Target) error {
		_, err := cdp.Call(ctx, tg, emulation.SetScriptExecutionDisabled, emulation.SetScriptExecutionDisabledParams{Value: true})
		return err
	}))
	return ctx
}

func run(t *testing.T, ctx context.Context, steps ...chromedp.Action[chromedp.Void]) {
	t.Helper()
	if err := chromedp.Do(ctx, steps...); err != nil {
		t.Fatal(err)
	}
}

// media emulates a CSS media type; "" is the default, screen.
func media(t *testing.T, ctx context.Context, m string) {
	t.Helper()
	run(t, ctx, chromedp.Func(func(ctx context.Context, tg *chromedp.Target) error {
		_, err := cdp.Call(ctx, tg, emulation.SetEmulatedMedia, emulation.SetEmulatedMediaParams{Media: m})
		return err
	}))
}

// shown checks whether the first element each selector matches is
// displayed (its display is not none, nor any ancestor's).
func shown(t *testing.T, ctx context.Context, want map[string]bool) {
	t.Helper()
	for sel, w := range want {
		js := `(() => { const el = document.querySelector(` + quoteJS(sel) + `); return !!el && el.getClientRects().length > 0; })()`
		tctx, cancel := context.WithTimeout(ctx, 10*time.Second)
		got, err := chromedp.Run(tctx, chromedp.Evaluate[bool](js))
		cancel()
		if err != nil {
			t.Fatalf("evaluate %s: %v", js, err)
		}
		if got != w {
			t.Errorf("%s shown = %v, want %v", sel, got, w)
		}
	}
}

func quoteJS(s string) string { return "'" + strings.ReplaceAll(s, "'", `\'`) + "'" }
