package browsertest

import (
	"context"
	"fmt"
	"strings"
	"testing"

	"github.com/alecthomas/chroma/v2"
	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"
)

// axeResult is what runAxe returns: axe-core's violations, each with the
// elements it found them on.
type axeResult struct {
	Violations []struct {
		ID    string `json:"id"`
		Help  string `json:"help"`
		Nodes []struct {
			Target         []any  `json:"target"`
			FailureSummary string `json:"failureSummary"`
		} `json:"nodes"`
	} `json:"violations"`
}

// TestPagesAreAccessible runs axe-core (the engine of Lighthouse's and
// Chrome's accessibility audits) on every kind of page, in both locales, on
// a desktop and a 320 px phone screen, against WCAG 2.2 A and AA and axe's
// best practices: landmarks, skip link, contrast, names of controls and
// links, heading order, lang, scrolling regions reachable by keyboard.
func TestPagesAreAccessible(t *testing.T) {
	t.Run("desktop", func(t *testing.T) { auditPages(t, tab(t), false) })
	t.Run("phone", func(t *testing.T) { auditPages(t, phoneTab(t), true) })
}

// phoneTab is a tab with a 320 px phone screen.
func phoneTab(t *testing.T) context.Context {
	t.Helper()
	ctx := tab(t)
	do(t, ctx, chromedp.Func(func(ctx context.Context, tg *chromedp.Target) error {
		_, err := cdp.Call(ctx, tg, emulation.SetDeviceMetricsOverride,
			emulation.SetDeviceMetricsOverrideParams{Width: 320, Height: 640, DeviceScaleFactor: 2, Mobile: true})
		return err
	}))
	if w := eval[int](t, ctx, "screen.width"); w != 320 {
		t.Fatalf("screen %d px wide, want 320", w)
	}
	return ctx
}

// TestLongWordsWrapOnAPhone gives a guide a title, a link and inline code
// longer than a phone's screen, as an editor may (a compound role name, a
// bare URL, an identifier): they wrap, and the page still reflows.
func TestLongWordsWrapOnAPhone(t *testing.T) {
	ctx := phoneTab(t)
	do(t, ctx, chromedp.Navigate(env.site.URL+"/en/roles/backend-engineer/"))
	eval[bool](t, ctx, `(() => {
		const long = "https://example.com/a/path/that/has/no/place/to/break/on/a/phone/screen/at/all/index.html";
		document.querySelector("h1").textContent = "How to hire a Kubernetes-Platform-Reliability-Engineering-Lead-Architect";
		const p = document.createElement("p");
		p.innerHTML = '<a href="' + long + '">' + long + '</a> <code>AnIdentifierNameThatGoesOnAndOnWithoutAnyBreakAtAll()</code>';
		document.querySelector(".guide-body").prepend(p);
		return true;
	})()`)
	if wide := eval[string](t, ctx, tooWide); wide != "" {
		t.Errorf("wider than a 320 px screen: %s", wide)
	}
}

// TestEveryTokenColourHasContrast puts a word of every token class chroma
// can write into a guide's code block and runs axe's contrast rule on it:
// the real content uses only some of them, and any sample may use the rest.
func TestEveryTokenColourHasContrast(t *testing.T) {
	ctx := tab(t)
	var spans strings.Builder
	for _, class := range chroma.StandardTypes {
		switch class {
		case "", "bg", "chroma", "line", "cl", "ln", "lnt", "lntd", "lntable", "hl", "err", "w":
			continue // layout, line numbers (never shown), error tokens, white space
		}
		fmt.Fprintf(&spans, `<span class="hl-%s">token_%s</span> `, class, class)
	}
	do(t, ctx, chromedp.Navigate(env.site.URL+backend))
	eval[bool](t, ctx, `(() => {
		const pre = document.createElement("pre");
		pre.className = "hl-chroma";
		pre.tabIndex = 0;
		pre.innerHTML = "<code>" + `+"`"+spans.String()+"`"+` + "</code>";
		document.querySelector(".guide-body").prepend(pre);
		return true;
	})()`)
	axe := readFile(t, env.root, "node_modules", "axe-core", "axe.min.js")
	eval[bool](t, ctx, axe+";true")
	res, err := chromedp.Run(ctx, chromedp.Evaluate[axeResult](
		`axe.run(document.querySelector("pre.hl-chroma"), {runOnly: {type: "rule", values: ["color-contrast"]}})`,
		chromedp.EvalAwaitPromise))
	if err != nil {
		t.Fatalf("axe: %v", err)
	}
	reportAxe(t, res)
}

// auditPages audits each page; on a phone it also checks that the page
// reflows: nothing wider than the screen, so it never scrolls sideways or
// zooms out (WCAG 1.4.10, at its reference width of 320 CSS pixels).
func auditPages(t *testing.T, ctx context.Context, phone bool) {
	axe := readFile(t, env.root, "node_modules", "axe-core", "axe.min.js")
	for _, loc := range []string{"en", "it"} {
		for _, path := range []string{
			"/", "/roles/backend-engineer/", "/roles/site-reliability-engineer/",
			"/roles/backend-engineer/kit.html", "/questions/", "/questions/kind/sql.html",
			"/questions/role/backend-engineer.html", "/search/", "/404.html",
		} {
			t.Run(loc+path, func(t *testing.T) {
				do(t, ctx, chromedp.Navigate(env.site.URL+"/"+loc+path))
				reportAxe(t, runAxe(t, ctx, axe))
				if phone {
					if wide := eval[string](t, ctx, tooWide); wide != "" {
						t.Errorf("wider than a 320 px screen: %s", wide)
					}
				}
			})
		}
	}
}

// TestTryResultsAreAccessible audits a guide's try panel after a run and a
// submission: the results, the output and the history the widget adds.
func TestTryResultsAreAccessible(t *testing.T) {
	ctx := tab(t)
	axe := readFile(t, env.root, "node_modules", "axe-core", "axe.min.js")
	open(t, ctx, env.site.URL, backend)
	pickLanguage(t, ctx, "python")
	setCode(t, ctx, "python", wrongPython)
	for _, mode := range []string{"run", "submit"} {
		if state := press(t, ctx, mode); state != "ok" {
			t.Fatalf("%s: panel state %q, want ok", mode, state)
		}
	}
	if n := eval[int](t, ctx, panel+`.querySelectorAll(".try-results tbody tr, .try-history tbody tr").length`); n == 0 {
		t.Fatal("no results or history rows to audit")
	}
	reportAxe(t, runAxe(t, ctx, axe))
}

// reportAxe fails the test with each violation and where axe found it.
func reportAxe(t *testing.T, res axeResult) {
	t.Helper()
	for _, v := range res.Violations {
		var where []string
		for _, n := range v.Nodes {
			where = append(where, fmt.Sprintf("%v: %s", n.Target, strings.ReplaceAll(n.FailureSummary, "\n", " ")))
		}
		t.Errorf("%s (%s):\n\t%s", v.ID, v.Help, strings.Join(where, "\n\t"))
	}
}

// tooWide says how the page is wider than the screen, if it is: the
// innermost elements past the screen's right edge, or the page's width when
// they all sit in a box that scrolls (which is then too wide itself). A
// phone lays such a page out wider and zooms out, so innerWidth grows too.
const tooWide = `(() => {
	if (document.documentElement.scrollWidth <= screen.width) return "";
	const past = e => e.getBoundingClientRect().right > screen.width + 1;
	const culprits = [...document.querySelectorAll("body *")]
		.filter(past).filter(e => ![...e.children].some(past))
		.filter(e => !e.parentElement.closest("pre, .table-scroll"));
	return culprits.length == 0 ? "the page is " + document.documentElement.scrollWidth + " px wide" :
		culprits.slice(0, 5).map(e => e.tagName.toLowerCase() + (e.className ? "." + e.className : "") + " (" + e.textContent.slice(0, 30) + ")").join(", ");
})()`

// runAxe injects axe-core into the page and audits it.
func runAxe(t *testing.T, ctx context.Context, axe string) axeResult {
	t.Helper()
	eval[bool](t, ctx, axe+";true")
	res, err := chromedp.Run(ctx, chromedp.Evaluate[axeResult](
		`axe.run(document, {runOnly: {type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"]}})`,
		chromedp.EvalAwaitPromise))
	if err != nil {
		t.Fatalf("axe: %v", err)
	}
	return res
}

// TestSkipLink: the first Tab on a page reaches the skip link, shown on
// focus, and following it puts the keyboard in the main content.
func TestSkipLink(t *testing.T) {
	ctx := tab(t)
	for _, path := range []string{"/en/", backend, "/it/roles/backend-engineer/kit.html", "/en/questions/"} {
		do(t, ctx, chromedp.Navigate(env.site.URL+path))
		do(t, ctx, chromedp.KeyEvent(kb.Tab))
		if got := eval[string](t, ctx, `document.activeElement.className + " " + (document.activeElement.getBoundingClientRect().top >= 0)`); got != "skip-link true" {
			t.Errorf("%s: the first Tab focuses %q, want the skip link, in view", path, got)
			continue
		}
		do(t, ctx, chromedp.KeyEvent(kb.Enter))
		waitFor(t, ctx, "the main content to have the focus", `document.activeElement.id === "main"`)
	}
}
