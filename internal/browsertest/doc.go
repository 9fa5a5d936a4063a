// Package browsertest drives the published site in headless Chromium
// (chromedp) to test the try-this widget end to end: the real site, built
// from the real content and served on loopback, talking to a fake
// runner-worker that implements the HTTP contract for the rate-limiter
// sample, and once with the real runner-worker and its sandbox. It audits every kind of page for accessibility with axe-core, and
// type-checks the widget's TypeScript with tsc.
//
// The package has only tests. Browser tests skip when chromium is not
// installed (`make deps` installs it); the site build needs node_modules
// (`npm ci`, which `make deps` runs too).
package browsertest
