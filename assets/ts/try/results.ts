// Renders what the runner answered into the panel's live region.

import { h } from "./dom";
import type { Mode, Outcome, RunResult, TestResult } from "./runner";
import { fmt, type Strings } from "./strings";

export function verdictName(s: Strings, verdict: string): string {
  return s["verdict_" + verdict] ?? verdict.replace(/_/g, " ");
}

/** Counts the accepted tests of a result. */
export function tally(r: RunResult): { passed: number; total: number } {
  return { passed: r.tests.filter((t) => t.verdict === "accepted").length, total: r.tests.length };
}

/**
 * What to show for an outcome: a one-line summary for the live region (the
 * verdict, or why there is none) and the details beside it (the tests, the
 * compiler's output and stderr), which screen readers can browse but which
 * are not read out on every run.
 */
export function renderOutcome(
  s: Strings,
  o: Outcome,
  mode: Mode,
  idPrefix: string,
  titleId: string,
): { summary: HTMLElement; details: HTMLElement[] } {
  switch (o.kind) {
    case "ok":
      return renderResult(s, o.result, mode, idPrefix, titleId);
    case "unreachable":
      return { summary: message("error", fmt(s, "unreachable")), details: [] };
    case "timeout":
      return { summary: message("error", fmt(s, "timeout")), details: [] };
    case "busy":
      return {
        summary: message("busy", o.retryAfter === null ? fmt(s, "busy_later") : fmt(s, "busy", { seconds: o.retryAfter })),
        details: [],
      };
    case "refused":
      return { summary: message("error", fmt(s, "refused", { message: o.message })), details: [] };
    case "failed":
      return { summary: message("error", fmt(s, "failed", { status: o.status })), details: [] };
  }
}

function message(kind: string, text: string): HTMLElement {
  return h("p", { class: "try-message", "data-kind": kind }, text);
}

function renderResult(
  s: Strings,
  r: RunResult,
  mode: Mode,
  idPrefix: string,
  titleId: string,
): { summary: HTMLElement; details: HTMLElement[] } {
  const { passed, total } = tally(r);
  const verdict = verdictName(s, r.verdict);
  const summary = h(
    "p",
    { class: "try-verdict", "data-verdict": r.verdict },
    h("strong", {}, total > 0 ? fmt(s, "summary", { verdict, passed, total }) : fmt(s, "summary_none", { verdict })),
  );
  const details: HTMLElement[] = [];
  if (r.tests.length > 0) details.push(testTable(s, r.tests, mode, idPrefix, titleId));
  if (r.compile_output) details.push(output(s, "compile_output", r.compile_output, idPrefix));
  if (r.stderr) details.push(output(s, "stderr", r.stderr, idPrefix));
  return { summary, details };
}

function testTable(s: Strings, tests: TestResult[], mode: Mode, idPrefix: string, titleId: string): HTMLElement {
  const anyPublic = tests.some((t) => !t.hidden);
  const anyHidden = tests.some((t) => t.hidden);
  const head = h(
    "tr",
    {},
    h("th", { scope: "col" }, fmt(s, "col_test")),
    h("th", { scope: "col" }, fmt(s, "col_verdict")),
    h("th", { scope: "col" }, fmt(s, "col_time")),
    anyPublic && h("th", { scope: "col" }, fmt(s, "col_input")),
    anyPublic && h("th", { scope: "col" }, fmt(s, "col_expected")),
    anyPublic && h("th", { scope: "col" }, fmt(s, "col_actual")),
  );
  const noteId = idPrefix + "-hidden-note";
  const captionId = idPrefix + "-caption";
  const rows = tests.map((t) => {
    const ok = t.verdict === "accepted";
    return h(
      "tr",
      { "data-verdict": t.verdict, "data-hidden": t.hidden ? "true" : "false" },
      h("th", { scope: "row" }, t.name),
      h(
        "td",
        { class: ok ? "try-ok" : "try-bad" },
        h("span", { "aria-hidden": "true" }, ok ? "✓ " : "✗ "),
        verdictName(s, t.verdict),
      ),
      h("td", { class: "try-time" }, typeof t.time_ms === "number" ? fmt(s, "ms", { ms: t.time_ms }) : ""),
      ...(anyPublic
        ? t.hidden
          ? [h("td", { colspan: 3, class: "try-hidden", "aria-describedby": noteId }, fmt(s, "hidden"))]
          : [value(t.input), value(t.expected), value(t.actual)]
        : []),
    );
  });
  return h(
    "div",
    { class: "try-tests" },
    h(
      "div",
      { class: "table-scroll", tabindex: 0, role: "region", "aria-labelledby": `${titleId} ${captionId}` },
      h(
        "table",
        {},
        h("caption", { id: captionId }, fmt(s, mode === "submit" ? "results_submit" : "results_run")),
        h("thead", {}, head),
        h("tbody", {}, ...rows),
      ),
    ),
    anyHidden && h("p", { id: noteId, class: "try-note" }, fmt(s, "hidden_note")),
  );
}

function value(v: unknown): HTMLElement {
  return v === undefined ? h("td", {}) : h("td", {}, h("code", {}, show(v)));
}

/**
 * A test value for people, as internal/site/value.go shows the public cases:
 * an object one field a line, a multi-line string (an SQL script) as its
 * lines, indented under its field; anything else as JSON with a space after
 * each comma and colon, so long values wrap between items.
 */
export function show(v: unknown): string {
  if (typeof v === "string" && multiline(v)) return v.replace(/\n+$/, "");
  if (!isObject(v) || Object.keys(v).length === 0) return inline(v);
  return Object.keys(v)
    .sort()
    .map((k) => {
      const x = v[k];
      if (typeof x === "string" && multiline(x)) {
        return k + ":" + x.replace(/\n+$/, "").split("\n").map((line) => "\n  " + line).join("");
      }
      return k + ": " + inline(x);
    })
    .join("\n");
}

function multiline(s: string): boolean {
  return s.replace(/\n+$/, "").includes("\n");
}

function isObject(v: unknown): v is Record<string, unknown> {
  return v !== null && typeof v === "object" && !Array.isArray(v);
}

function inline(v: unknown): string {
  if (Array.isArray(v)) return "[" + v.map(inline).join(", ") + "]";
  if (isObject(v)) {
    return "{" + Object.keys(v).sort().map((k) => JSON.stringify(k) + ": " + inline(v[k])).join(", ") + "}";
  }
  return JSON.stringify(v) ?? String(v);
}

function output(s: Strings, key: string, text: string, idPrefix: string): HTMLElement {
  const id = `${idPrefix}-${key}`;
  return h(
    "div",
    { class: "try-output" },
    h("h5", { id }, fmt(s, key)),
    h("pre", { "aria-labelledby": id, tabindex: 0 }, text),
  );
}
