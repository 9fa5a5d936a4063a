package browsertest

import (
	"os"
	"testing"

	"github.com/chromedp/chromedp"
)

func TestZZScreenshot(t *testing.T) {
	ctx := tab(t)
	open(t, ctx, env.site.URL, backend)
	do(t, ctx, chromedp.ScrollIntoView(chromedp.CSS("#try-rate-limiter form.try-form")))
	waitFor(t, ctx, "the editor", panel+`.dataset.editor === "ready"`)
	pickLanguage(t, ctx, "python")
	waitFor(t, ctx, "py", panel+`.querySelector(".try-starter[data-language=python]").dataset.editor === "ready"`)
	press(t, ctx, "run")
	setCode(t, ctx, "python", wrongPython)
	press(t, ctx, "submit")
	b, err := chromedp.Run(ctx, chromedp.Screenshot(chromedp.CSS("#try-rate-limiter form.try-form")))
	if err != nil {
		t.Fatal(err)
	}
	os.WriteFile("/tmp/shot-form.png", b, 0o644)
	env.runner.busy.Store(3)
	press(t, ctx, "run")
	env.runner.busy.Store(0)
	b, _ = chromedp.Run(ctx, chromedp.Screenshot(chromedp.CSS("#try-rate-limiter .try-actions")))
	os.WriteFile("/tmp/shot-busy.png", b, 0o644)
}
