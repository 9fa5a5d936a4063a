package browsertest

import (
	"context"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"
)

const (
	backend = "/en/roles/backend-engineer/"
	manager = "/en/roles/engineering-manager/"
	panel   = `document.querySelector("#try-rate-limiter form.try-form")`
)

// wrongPython is a plausible mistake: tokens summed as floats, so ten steps
// of a tenth of a token fall short of one. It also writes on stderr.
const wrongPython = `import sys


class Limiter:
    def __init__(self, rate: int, burst: int):
        self.rate = rate
        self.burst = burst
        self.tokens = float(burst)
        self.last = None

    def allow(self, now_ms: int) -> bool:
        if self.last is not None:
            self.tokens = min(self.burst, self.tokens + (now_ms - self.last) * self.rate / 1000.0)
        self.last = now_ms
        print("debug", file=sys.stderr)
        if self.tokens < 1:
            return False
        self.tokens -= 1
        return True
`

// TestScriptsOnlyWhereTryBlocks checks the build output: a page loads the
// widget exactly when it has a try block, and the widget's first file loads
// nothing else up front.
func TestScriptsOnlyWhereTryBlocks(t *testing.T) {
	if env.noSite != "" {
		t.Skip(env.noSite)
	}
	moduleScript := regexp.MustCompile(`<script type="?module"? src="?(/assets/try-[A-Z0-9]+\.js)"?>`)
	var entry string
	pages := 0
	err := filepath.WalkDir(env.dir, func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(path, ".html") {
			return err
		}
		pages++
		b, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		html := string(b)
		rel, _ := filepath.Rel(env.dir, path)
		hasTry := strings.Contains(html, "try-form")
		m := moduleScript.FindStringSubmatch(html)
		switch {
		case hasTry && m == nil:
			t.Errorf("%s has a try block and no widget script", rel)
		case !hasTry && strings.Contains(html, "<script") && regexp.MustCompile(`<script[^>]* src=`).MatchString(html):
			t.Errorf("%s has no try block and loads a script", rel)
		case m != nil:
			entry = m[1]
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if pages < 10 || entry == "" {
		t.Fatalf("walked %d pages, widget entry %q: the build looks wrong", pages, entry)
	}
	code := readFile(t, env.dir, entry)
	if regexp.MustCompile(`(?:^|[;}])import\s*[{*\w]`).MatchString(code) || strings.Contains(code, `from"./chunks/`) {
		t.Errorf("%s imports chunks statically; only dynamic import() may load CodeMirror", entry)
	}
	for _, s := range []string{"EditorView", "cm-content", "lezer"} {
		if strings.Contains(code, s) {
			t.Errorf("%s contains %q: CodeMirror leaked into the first chunk", entry, s)
		}
	}
	if len(code) > 24<<10 {
		t.Errorf("%s is %d bytes; the first chunk should stay small", entry, len(code))
	}
}

// TestNoTryNoScript opens a guide without a try block: it runs no script at all.
func TestNoTryNoScript(t *testing.T) {
	ctx := tab(t)
	do(t, ctx, chromedp.Navigate(env.site.URL+manager))
	n := eval[int](t, ctx, `[...document.scripts].filter(s => s.src || s.type === "module").length +
		performance.getEntriesByType("resource").filter(e => e.initiatorType === "script" || /\.m?js(\?|$)/.test(e.name)).length`)
	if n != 0 {
		t.Errorf("the engineering-manager guide loaded %d scripts, want none", n)
	}
	if eval[bool](t, ctx, `!!document.querySelector("form.try-form")`) {
		t.Fatal("the engineering-manager guide has a try block: pick another page for this test")
	}
}

// TestEditorLoadsLazily: CodeMirror loads only when the panel scrolls into
// view, each language's support only when shown, and typing in the editor
// writes through to the textarea.
func TestEditorLoadsLazily(t *testing.T) {
	ctx := tab(t)
	open(t, ctx, env.site.URL, backend)
	chunks := `performance.getEntriesByType("resource").map(e => e.name).filter(n => n.includes("/assets/chunks/"))`
	if got := eval[[]string](t, ctx, chunks); len(got) != 0 {
		t.Fatalf("chunks loaded before the panel came into view: %v", got)
	}
	if eval[bool](t, ctx, panel+`.dataset.editor !== undefined`) {
		t.Fatal("the editor started loading before the panel came into view")
	}
	// With JavaScript the picker shows and only the first language is visible.
	visible := eval[[]string](t, ctx, `[...`+panel+`.querySelectorAll(".try-starter")].filter(d => !d.hidden).map(d => d.dataset.language)`)
	if !slices.Equal(visible, []string{"go"}) {
		t.Errorf("visible starters = %v, want [go]", visible)
	}

	runY := panel + `.querySelector("button[value=run]").getBoundingClientRect().top + scrollY`
	yBefore := eval[float64](t, ctx, runY)
	do(t, ctx, chromedp.ScrollIntoView(chromedp.CSS("#try-rate-limiter form.try-form")))
	waitFor(t, ctx, "the Go editor", panel+`.dataset.editor === "ready"`)
	if yAfter := eval[float64](t, ctx, runY); yAfter < yBefore-2 || yAfter > yBefore+2 {
		t.Errorf("the editor moved the Run button from y=%.1f to y=%.1f: the upgrade shifts the layout", yBefore, yAfter)
	}
	loaded := eval[[]string](t, ctx, chunks)
	if !hasChunk(loaded, "editor-") || !hasChunk(loaded, "dist-") {
		t.Errorf("after scrolling, chunks = %v; want the editor and one language", loaded)
	}
	if n := eval[int](t, ctx, panel+`.querySelectorAll(".cm-editor").length`); n != 1 {
		t.Errorf("%d editors after the first upgrade, want 1 (the visible language)", n)
	}
	// The label still names the editor, and the textarea is out of sight.
	if got := eval[string](t, ctx, panel+`.querySelector("[data-language=go] .cm-content").getAttribute("aria-labelledby")`); got != "rate-limiter--code-go-label" {
		t.Errorf("editor aria-labelledby = %q", got)
	}
	if !eval[bool](t, ctx, panel+`.querySelector("#rate-limiter--code-go").hidden`) {
		t.Error("the Go textarea is still shown beside its editor")
	}

	// Type at the end of the Go code, then run it with Ctrl+Enter.
	do(t, ctx, chromedp.Click(chromedp.CSS(`#try-rate-limiter [data-language=go] .cm-content`)))
	eval[chromedp.Void](t, ctx, `(() => { const c = `+panel+`.querySelector("[data-language=go] .cm-content");
		const r = document.createRange(); r.selectNodeContents(c); r.collapse(false);
		const s = getSelection(); s.removeAllRanges(); s.addRange(r); })()`)
	do(t, ctx, chromedp.KeyEvent("\n// typed in the editor"))
	waitFor(t, ctx, "the textarea to follow the editor",
		panel+`.querySelector("#rate-limiter--code-go").value.endsWith("\n// typed in the editor")`)
	before := env.runner.runCount()
	do(t, ctx, chromedp.KeyEvent(kb.Enter, chromedp.KeyModifiers(chromedp.ModifierCtrl)))
	waitFor(t, ctx, "Ctrl+Enter to run", panel+`.dataset.state === "ok"`)
	if req, _ := env.runner.lastRun(); env.runner.runCount() != before+1 || req.Mode != "run" || !strings.HasSuffix(req.Code, "// typed in the editor") {
		t.Errorf("Ctrl+Enter sent %+v", req)
	}

	// Switching language shows Python and loads its support.
	pickLanguage(t, ctx, "python")
	waitFor(t, ctx, "the Python editor", panel+`.querySelector(".try-starter[data-language=python]").dataset.editor === "ready"`)
	visible = eval[[]string](t, ctx, `[...`+panel+`.querySelectorAll(".try-starter")].filter(d => !d.hidden).map(d => d.dataset.language)`)
	if !slices.Equal(visible, []string{"python"}) {
		t.Errorf("visible starters after picking Python = %v", visible)
	}
	if n := len(eval[[]string](t, ctx, chunks)); n <= len(loaded) {
		t.Errorf("picking Python loaded no new chunk (%d before, %d after)", len(loaded), n)
	}
}

func hasChunk(names []string, prefix string) bool {
	return slices.ContainsFunc(names, func(n string) bool { return strings.Contains(n, "/chunks/"+prefix) })
}

func pickLanguage(t *testing.T, ctx context.Context, lang string) {
	t.Helper()
	eval[chromedp.Void](t, ctx, `(() => { const s = `+panel+`.querySelector("select[name=language]");
		s.value = `+js(lang)+`; s.dispatchEvent(new Event("change", {bubbles: true})); })()`)
}

// setCode replaces a language's code the way a test should: through the
// textarea, the source of truth, with an input event the editor follows.
func setCode(t *testing.T, ctx context.Context, lang, code string) {
	t.Helper()
	eval[chromedp.Void](t, ctx, `(() => { const ta = `+panel+`.querySelector("textarea[data-language=`+lang+`]");
		ta.value = `+js(code)+`; ta.dispatchEvent(new Event("input", {bubbles: true})); })()`)
}

// editorText is what the language's CodeMirror shows.
func editorText(t *testing.T, ctx context.Context, lang string) string {
	t.Helper()
	return eval[string](t, ctx, `[...`+panel+`.querySelectorAll(".try-starter[data-language=`+lang+`] .cm-line")].map(l => l.textContent).join("\n")`)
}

// press clicks Run or Submit once the panel's editor has loaded, as a
// candidate would, and waits for the outcome; it returns the panel's final
// state ("ok", "unreachable", "busy", ...).
func press(t *testing.T, ctx context.Context, mode string) string {
	t.Helper()
	button := `#try-rate-limiter button[value=` + mode + `]`
	eval[chromedp.Void](t, ctx, `document.querySelector(`+js(button)+`).scrollIntoView({block: "center", behavior: "instant"})`)
	waitFor(t, ctx, "the editor of the language shown", `(f => f.dataset.editor === "failed" ||
		f.querySelector(".try-starter:not([hidden])").dataset.editor === "ready")(`+panel+`)`)
	eval[chromedp.Void](t, ctx, panel+`.dataset.state = "idle"`)
	click(t, ctx, button)
	waitFor(t, ctx, "the run to finish", `!["idle", "running"].includes(`+panel+`.dataset.state)`)
	return eval[string](t, ctx, panel+`.dataset.state`)
}

// click clicks an element with the mouse, as Playwright does: scrolled into
// view (again if the page scrolls away, as a reload restoring its scroll
// does), once it holds still and is what lies under its centre. A layout
// still settling (an editor mounting above it) can move it between that
// check and the click: the page records what each click reached, and a
// click that missed is tried again. The record is in waitFor's failures.
func click(t *testing.T, ctx context.Context, sel string) {
	t.Helper()
	for range 3 {
		at, err := chromedp.Run(ctx, chromedp.Evaluate[*struct {
			X, Y  float64
			Found bool
			Why   string
		}](`(async e => {
			e.scrollIntoView({block: "center", behavior: "instant"});
			const d = document.documentElement.dataset;
			delete d.clicked; delete d.clickHit;
			addEventListener("click", ev => {
				d.clicked = ev.target.tagName + (ev.target.className ? "." + ev.target.className : "") + " " + ev.target.textContent.slice(0, 20);
				d.clickHit = e.contains(ev.target);
			}, {capture: true, once: true});
			const still = [];
			for (let i = 0; i < 200; i++) {
				const r = e.getBoundingClientRect(), x = r.left + r.width / 2, y = r.top + r.height / 2;
				const under = e.contains(document.elementFromPoint(x, y));
				still.push(x + "," + y);
				if (still.length >= 3 && new Set(still.slice(-3)).size == 1 && under) return {X: x, Y: y, Found: true};
				if (!under) e.scrollIntoView({block: "center", behavior: "instant"}); // a reload restores its scroll late
				await new Promise(ok => setTimeout(ok, 30));
			}
			const r = e.getBoundingClientRect(), top = document.elementFromPoint(r.left + r.width / 2, r.top + r.height / 2);
			return {Why: "at " + still.slice(-3).join(" then ") + " under " + (top ? top.tagName + "." + top.className : "nothing") +
				" in a " + innerWidth + "x" + innerHeight + " window scrolled to " + scrollY};
		})(document.querySelector(`+js(sel)+`))`, chromedp.EvalAwaitPromise))
		if err != nil {
			t.Fatalf("click %s: %v", sel, err)
		}
		if !at.Found {
			t.Fatalf("%s never held still, uncovered, for a click: %s", sel, at.Why)
		}
		do(t, ctx, chromedp.MouseClickXY(at.X, at.Y))
		if eval[string](t, ctx, `document.documentElement.dataset.clickHit || ""`) == "true" {
			return
		}
		t.Logf("a click on %s reached %s instead; clicking again", sel, eval[string](t, ctx, `document.documentElement.dataset.clicked || "nothing"`))
	}
	t.Fatalf("three clicks on %s missed it", sel)
}

type row struct {
	Name    string `json:"name"`
	Verdict string `json:"verdict"`
	Hidden  bool   `json:"hidden"`
	Text    string `json:"text"`
}

func resultRows(t *testing.T, ctx context.Context) []row {
	t.Helper()
	return eval[[]row](t, ctx, `[...`+panel+`.querySelectorAll(".try-results tbody tr")].map(r => ({
		name: r.cells[0].textContent, verdict: r.dataset.verdict, hidden: r.dataset.hidden === "true",
		text: [...r.cells].map(c => c.textContent).join(" | ")}))`)
}

func resultText(t *testing.T, ctx context.Context, sel string) string {
	t.Helper()
	return eval[string](t, ctx, `(`+panel+`.querySelector(".try-results `+sel+`") || {textContent: ""}).textContent`)
}

// TestRunSubmitAndHistory is the candidate's path: the reference solution
// passes every public case; a wrong one submitted fails a hidden case, and
// the page says which; after a reload the attempts are listed and one
// restores its code and language.
func TestRunSubmitAndHistory(t *testing.T) {
	ctx := tab(t)
	solution := readFile(t, env.root, "content/samples/rate-limiter/python/solution.py")
	open(t, ctx, env.site.URL, backend)
	do(t, ctx, chromedp.ScrollIntoView(chromedp.CSS("#try-rate-limiter form.try-form")))
	waitFor(t, ctx, "the editor", panel+`.dataset.editor === "ready"`)
	pickLanguage(t, ctx, "python")
	waitFor(t, ctx, "the Python editor", panel+`.querySelector(".try-starter[data-language=python]").dataset.editor === "ready"`)

	// Run the reference solution: every public case passes.
	setCode(t, ctx, "python", solution)
	if got := editorText(t, ctx, "python"); got != strings.TrimSuffix(solution, "\n") && got != solution {
		t.Errorf("the editor does not show the code set in the textarea:\n%s", got)
	}
	if st := press(t, ctx, "run"); st != "ok" {
		t.Fatalf("run ended in state %q: %s", st, resultText(t, ctx, ""))
	}
	if req, _ := env.runner.lastRun(); req.Language != "python" || req.Mode != "run" || req.Code != solution || req.Sample != "rate-limiter" {
		t.Errorf("the runner got %+v", req)
	}
	rows := resultRows(t, ctx)
	if len(rows) != 4 {
		t.Fatalf("%d result rows, want the 4 public cases: %+v", len(rows), rows)
	}
	for _, r := range rows {
		if r.Verdict != "accepted" || r.Hidden || !strings.Contains(r.Text, "Accepted") || !strings.Contains(r.Text, "[true") {
			t.Errorf("public case %+v: want accepted, with input, expected and actual shown", r)
		}
	}
	if got := resultText(t, ctx, ".try-verdict"); got != "Accepted: 4 of 4 tests passed." {
		t.Errorf("verdict line = %q", got)
	}
	if live := eval[string](t, ctx, panel+`.querySelector(".try-verdict").closest("[aria-live]")?.getAttribute("aria-live") ?? ""`); live != "polite" {
		t.Errorf("the verdict is not in a polite live region (aria-live=%q)", live)
	}
	if eval[bool](t, ctx, `!!`+panel+`.querySelector(".try-details table").closest("[aria-live]")`) {
		t.Error("the test table is inside the live region: screen readers would read all of it on every run")
	}

	// Submit a wrong solution: a hidden case fails, and the page says which.
	setCode(t, ctx, "python", wrongPython)
	if st := press(t, ctx, "submit"); st != "ok" {
		t.Fatalf("submit ended in state %q: %s", st, resultText(t, ctx, ""))
	}
	rows = resultRows(t, ctx)
	nPublic, nHidden := len(env.runner.sample.Public), len(env.runner.sample.Hidden)
	total := nPublic + nHidden
	if len(rows) != total || nPublic != 4 || nHidden == 0 {
		t.Fatalf("%d result rows, want %d public and %d hidden: %+v", len(rows), nPublic, nHidden, rows)
	}
	var failed []string
	for _, r := range rows {
		if r.Verdict != "accepted" {
			failed = append(failed, r.Name)
			if !r.Hidden || r.Verdict != "wrong_answer" || !strings.Contains(r.Text, "Wrong answer") || !strings.Contains(r.Text, "hidden") {
				t.Errorf("failed case %+v: want a hidden wrong answer", r)
			}
			if strings.Contains(r.Text, "[") {
				t.Errorf("hidden case %q shows data: %s", r.Name, r.Text)
			}
		}
	}
	if !slices.Contains(failed, "ten steps of 10 ms make exactly one token") {
		t.Errorf("failed cases = %v, want the float-sum case among them", failed)
	}
	wantVerdict := "Wrong answer: " + strconv.Itoa(total-len(failed)) + " of " + strconv.Itoa(total) + " tests passed."
	if got := resultText(t, ctx, ".try-verdict"); got != wantVerdict {
		t.Errorf("verdict line = %q, want %q", got, wantVerdict)
	}
	if got := resultText(t, ctx, ".try-output pre"); !strings.Contains(got, "debug") {
		t.Errorf("stderr <pre> = %q, want the program's stderr", got)
	}

	// Reload: the attempts are still there, newest first, in the picked language.
	do(t, ctx, chromedp.Reload())
	waitFor(t, ctx, "the panel after reload", panel+`.dataset.ready === "true"`)
	history := eval[[]string](t, ctx, `[...`+panel+`.querySelectorAll(".try-history tbody tr")].map(r => [...r.cells].slice(1, 4).map(c => c.textContent).join(" | "))`)
	want := []string{"Python | Submit | Wrong answer (" + strconv.Itoa(total-len(failed)) + "/" + strconv.Itoa(total) + ")", "Python | Run | Accepted (4/4)"}
	if !slices.Equal(history, want) {
		t.Errorf("history after reload = %q, want %q", history, want)
	}
	if got := eval[string](t, ctx, panel+`.querySelector("select[name=language]").value`); got != "python" {
		t.Errorf("the picked language after reload is %q, want python", got)
	}

	// Restore the accepted attempt from Go, so the language switches back too.
	pickLanguage(t, ctx, "go")
	do(t, ctx, chromedp.ScrollIntoView(chromedp.CSS("#try-rate-limiter .try-history")))
	waitFor(t, ctx, "the Go editor after reload", panel+`.querySelector(".try-starter[data-language=go]").dataset.editor === "ready"`)
	click(t, ctx, `#try-rate-limiter .try-history tbody tr:nth-child(2) button.try-restore`)
	if got := eval[string](t, ctx, panel+`.querySelector("select[name=language]").value`); got != "python" {
		t.Errorf("restore left the language at %q", got)
	}
	if got := eval[string](t, ctx, panel+`.querySelector("textarea[data-language=python]").value`); got != solution {
		t.Errorf("restore put this code in the textarea:\n%s", got)
	}
	if got := eval[string](t, ctx, panel+`.querySelector(".try-restored").textContent`); !strings.HasPrefix(got, "Restored the Python code of ") {
		t.Errorf("restore status = %q", got)
	}
	waitFor(t, ctx, "the Python editor after restore", panel+`.querySelector(".try-starter[data-language=python]").dataset.editor === "ready"`)
	if got := editorText(t, ctx, "python"); got != strings.TrimSuffix(solution, "\n") && got != solution {
		t.Errorf("the editor after restore shows:\n%s", got)
	}
}

// TestRunnerUnreachable: with nothing listening at the runner URL, Run says so.
func TestRunnerUnreachable(t *testing.T) {
	ctx := tab(t)
	open(t, ctx, env.dead.URL, backend)
	before := env.runner.runCount()
	if st := press(t, ctx, "run"); st != "unreachable" {
		t.Fatalf("state %q, want unreachable: %s", st, resultText(t, ctx, ""))
	}
	if got := resultText(t, ctx, ".try-message"); !strings.Contains(got, "cannot be reached") {
		t.Errorf("message = %q", got)
	}
	if n := eval[int](t, ctx, panel+`.querySelectorAll(".try-history tr").length`); n != 0 {
		t.Errorf("a failed request went into the history (%d rows)", n)
	}
	if env.runner.runCount() != before {
		t.Error("the dead site reached the fake runner")
	}
	// The buttons work again afterwards.
	if eval[bool](t, ctx, panel+`.querySelector("button[value=run]").getAttribute("aria-disabled") === "true"`) {
		t.Error("Run stays disabled after a failed request")
	}
}

// TestRunnerBusy: a 429 shows its Retry-After.
func TestRunnerBusy(t *testing.T) {
	ctx := tab(t)
	env.runner.busy.Store(7)
	t.Cleanup(func() { env.runner.busy.Store(0) })
	open(t, ctx, env.site.URL, backend)
	if st := press(t, ctx, "submit"); st != "busy" {
		t.Fatalf("state %q, want busy: %s", st, resultText(t, ctx, ""))
	}
	if got := resultText(t, ctx, ".try-message"); got != "The code runner is busy. Try again in 7 s." {
		t.Errorf("message = %q", got)
	}
}

// TestCompileErrorAndRefusal: a compile error shows the compiler's output
// and no table; a request the runner refuses (4xx) shows the runner's reason.
func TestCompileErrorAndRefusal(t *testing.T) {
	ctx := tab(t)
	open(t, ctx, env.site.URL, backend)
	setCode(t, ctx, "go", "package main\n")
	if st := press(t, ctx, "run"); st != "ok" {
		t.Fatalf("state %q: %s", st, resultText(t, ctx, ""))
	}
	if got := resultText(t, ctx, ".try-verdict"); got != "Compile error." {
		t.Errorf("verdict line = %q", got)
	}
	if got := resultText(t, ctx, ".try-output pre"); !strings.Contains(got, "undefined: NewLimiter") {
		t.Errorf("compiler output = %q", got)
	}
	if got := resultText(t, ctx, ".try-output h5"); got != "Compiler output" {
		t.Errorf("compiler output heading = %q", got)
	}
	if got := resultText(t, ctx, "table"); got != "" {
		t.Errorf("a compile error shows a table: %q", got)
	}

	setCode(t, ctx, "go", "package main\n// "+strings.Repeat("x", 70<<10)+"\n")
	if st := press(t, ctx, "run"); st != "refused" {
		t.Fatalf("state %q, want refused: %s", st, resultText(t, ctx, ""))
	}
	if got := resultText(t, ctx, ".try-message"); got != "The code runner refused the request: the request is larger than 64 KiB" {
		t.Errorf("message = %q", got)
	}
	if got := resultText(t, ctx, ".try-details"); got != "" {
		t.Errorf("the previous run's details stay after a refusal: %q", got)
	}
}

// TestItalian: the widget speaks the page's language.
func TestItalian(t *testing.T) {
	ctx := tab(t)
	open(t, ctx, env.site.URL, "/it/roles/backend-engineer/")
	// The Go starter admits everything: one public case out of four passes.
	if st := press(t, ctx, "run"); st != "ok" {
		t.Fatalf("state %q: %s", st, resultText(t, ctx, ""))
	}
	if got := resultText(t, ctx, ".try-verdict"); got != "Risposta errata: test superati 1 su 4." {
		t.Errorf("verdict line = %q", got)
	}
	if got := resultText(t, ctx, "caption"); got != "Test pubblici" {
		t.Errorf("caption = %q", got)
	}
	if req, _ := env.runner.lastRun(); req.Locale != "it" {
		t.Errorf("the widget asked for tests named in %q, want it", req.Locale)
	}
	if rows := resultRows(t, ctx); len(rows) == 0 || rows[0].Name != "un secchio pieno accetta una raffica di 20, poi rifiuta" {
		t.Errorf("results on the Italian page: %+v, want the cases' Italian names", rows)
	}
	if got := eval[string](t, ctx, panel+`.querySelector(".try-history h4").textContent`); got != "I tuoi tentativi" {
		t.Errorf("history heading = %q", got)
	}
	if got := eval[string](t, ctx, panel+`.querySelector(".try-history tbody tr td:nth-child(3)").textContent`); got != "Prova" {
		t.Errorf("history mode = %q", got)
	}
}

// TestWithoutJavaScript: with scripts off, every starter is shown, labelled
// and editable, the picker (useless without a script) is not, and the page
// says what running code needs.
func TestWithoutJavaScript(t *testing.T) {
	ctx := tab(t)
	do(t, ctx, chromedp.Func(func(ctx context.Context, tg *chromedp.Target) error {
		_, err := cdp.Call(ctx, tg, emulation.SetScriptExecutionDisabled, emulation.SetScriptExecutionDisabledParams{Value: true})
		return err
	}))
	do(t, ctx, chromedp.Navigate(env.site.URL+backend))
	for _, lang := range []string{"go", "python", "javascript"} {
		do(t, ctx, chromedp.WaitVisible(chromedp.ID("rate-limiter--code-"+lang)))
	}
	do(t, ctx,
		chromedp.WaitNotVisible(chromedp.ID("rate-limiter--language")),
		chromedp.WaitVisible(chromedp.CSS("#try-rate-limiter .try-nojs")),
		chromedp.Click(chromedp.ID("rate-limiter--code-python")),
		chromedp.KeyEvent("# edited without JS\n"),
	)
	got, err := chromedp.Run(ctx, chromedp.Value(chromedp.ID("rate-limiter--code-python")))
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(got, "# edited without JS") {
		t.Errorf("typing in the textarea without JavaScript gave:\n%s", got)
	}
	if eval[bool](t, ctx, `!!document.querySelector(".try-intro")`) {
		t.Error("the widget ran with scripts disabled")
	}
	disabled := eval[bool](t, ctx, `[...document.querySelectorAll("#try-rate-limiter button[name=mode]")].every(b => b.disabled)`)
	if !disabled {
		t.Error("Run and Submit are enabled without JavaScript")
	}
}
