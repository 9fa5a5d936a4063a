// One try panel: the form that templates/try.html renders, brought to life.
//
// Without JavaScript the form shows one editable starter per language. Here
// the panel shows the language picker and only the chosen language's code,
// enables Run and Submit, posts runs to runner-worker, renders the results
// into the live region, keeps a history of attempts, and swaps the textareas
// for CodeMirror once the panel comes into view.

import type * as EditorModule from "./editor";
import { h } from "./dom";
import * as hist from "./history";
import { loadLanguage } from "./languages";
import { renderOutcome, tally, verdictName } from "./results";
import { type Mode, postRun } from "./runner";
import { fmt, readStrings, type Strings } from "./strings";
import { addStyles } from "./style";

interface Starter {
  language: string;
  box: HTMLElement;
  textarea: HTMLTextAreaElement;
  label: HTMLLabelElement;
  editor?: EditorModule.Editor;
}

/** How far below the viewport a panel starts loading its editor. */
const EDITOR_MARGIN = "300px 0px";

export class Panel {
  private readonly s: Strings;
  private readonly sample: string;
  private readonly runner: string;
  private readonly locale: string;
  private readonly starters = new Map<string, Starter>();
  private readonly buttons: HTMLButtonElement[];
  private readonly help: HTMLElement;
  private readonly status: HTMLElement;
  private editors: Promise<typeof EditorModule> | null = null;
  private editorModule: typeof EditorModule | null = null;
  private running = false;

  private constructor(
    private readonly form: HTMLFormElement,
    private readonly select: HTMLSelectElement,
    private readonly live: HTMLElement,
    private readonly details: HTMLElement,
    private readonly history: HTMLElement,
  ) {
    this.s = readStrings(form);
    this.sample = form.dataset.sample ?? "";
    this.runner = form.dataset.runner ?? "";
    this.locale = form.dataset.locale || document.documentElement.lang || "en";
    this.buttons = Array.from(form.querySelectorAll<HTMLButtonElement>("button[name=mode]"));
    for (const box of form.querySelectorAll<HTMLElement>(".try-starter[data-language]")) {
      const textarea = box.querySelector("textarea");
      const label = box.querySelector("label");
      if (!textarea || !label) continue;
      if (!label.id) label.id = textarea.id + "-label";
      this.starters.set(box.dataset.language ?? "", { language: box.dataset.language ?? "", box, textarea, label });
    }
    const id = select.id || this.sample;
    this.help = h("p", { id: `${id}-editor-help`, class: "try-help" }, fmt(this.s, "editor_help"));
    this.status = h("p", { class: "try-restored", role: "status" });
  }

  /** Starts the panel of form; a form missing its parts is left alone. */
  static start(form: HTMLFormElement): Panel | null {
    const select = form.querySelector<HTMLSelectElement>("select[name=language]");
    const results = form.querySelector<HTMLElement>(".try-results");
    if (!select || !results || !form.dataset.sample || !form.dataset.runner) return null;
    const part = (parent: HTMLElement, cls: string, attrs: Record<string, string> = {}) => {
      let el = form.querySelector<HTMLElement>("." + cls);
      if (!el) {
        el = h("div", { class: cls, ...attrs });
        parent.append(el);
      }
      return el;
    };
    const live = part(results, "try-live", { role: "status", "aria-live": "polite" });
    const details = part(results, "try-details");
    const history = form.querySelector<HTMLElement>(".try-history") ?? h("div", { class: "try-history" });
    if (!history.isConnected) results.after(history);
    const p = new Panel(form, select, live, details, history);
    p.init();
    return p;
  }

  private init(): void {
    addStyles();
    const nojs = this.form.querySelector<HTMLElement>(".try-nojs");
    if (nojs) nojs.hidden = true;
    (nojs ?? this.select).insertAdjacentElement("beforebegin", h("p", { class: "try-intro" }, fmt(this.s, "intro")));
    const picker = this.select.closest<HTMLElement>(".try-languages") ?? this.select;
    picker.hidden = false;
    picker.insertAdjacentElement("afterend", this.help);
    this.history.insertAdjacentElement("afterend", this.status);

    const preferred = hist.preferredLanguage();
    if (preferred && this.starters.has(preferred)) this.select.value = preferred;
    this.show(this.select.value);
    this.select.addEventListener("change", () => {
      this.show(this.select.value);
      hist.setPreferredLanguage(this.select.value);
      this.loadEditors(); // picking a language is using the panel, wherever it is scrolled
    });
    this.form.addEventListener("focusin", () => this.loadEditors(), { once: true });

    for (const b of this.buttons) {
      b.disabled = false;
      b.addEventListener("click", () => void this.run(b.value === "submit" ? "submit" : "run"));
    }
    this.form.addEventListener("submit", (e) => e.preventDefault());
    this.form.addEventListener("keydown", (e) => {
      // Ctrl+Enter (Cmd+Enter on a Mac) in the code runs the public tests.
      // The editor handles it itself (and prevents the default).
      if (e.defaultPrevented) return;
      if (e.key === "Enter" && (e.ctrlKey || e.metaKey) && !e.altKey && !e.shiftKey && this.inCode(e.target)) {
        e.preventDefault();
        void this.run("run");
      }
    });
    this.renderHistory();
    window.addEventListener("storage", (e) => {
      if (e.key === null || e.key === hist.storageKey(this.sample)) this.renderHistory();
    });
    this.observe();
    this.form.dataset.ready = "true";
  }

  /** Shows the starter of one language and hides the others. The form's
   * data-editor follows the editor of the language shown. */
  private show(language: string): void {
    for (const st of this.starters.values()) st.box.hidden = st.language !== language;
    const shown = this.starters.get(language)?.box.dataset.editor;
    if (shown) this.form.dataset.editor = shown;
    if (this.editorModule) this.upgrade(language);
  }

  private inCode(target: EventTarget | null): boolean {
    return target instanceof Node && [...this.starters.values()].some((st) => st.box.contains(target));
  }

  private current(): Starter | undefined {
    return this.starters.get(this.select.value);
  }

  // --- the editor, loaded lazily ---

  private observe(): void {
    if (!("IntersectionObserver" in window)) {
      this.loadEditors();
      return;
    }
    const io = new IntersectionObserver(
      (entries) => {
        if (entries.some((e) => e.isIntersecting)) {
          io.disconnect();
          this.loadEditors();
        }
      },
      { rootMargin: EDITOR_MARGIN },
    );
    io.observe(this.form);
  }

  private loadEditors(): void {
    if (this.editors) return;
    this.form.dataset.editor = "loading";
    this.editors = import("./editor");
    loadLanguage(this.select.value); // in parallel with the editor
    this.editors.then(
      (m) => {
        this.editorModule = m;
        this.upgrade(this.select.value);
      },
      () => {
        this.form.dataset.editor = "failed"; // the textareas keep working
      },
    );
  }

  private upgrade(language: string): void {
    const st = this.starters.get(language);
    const m = this.editorModule;
    if (!st || st.editor || !m) return;
    const editor = m.upgrade(st.textarea, {
      language,
      labelId: st.label.id,
      helpId: this.help.id,
      support: loadLanguage(language),
      onRun: () => void this.run("run"),
    });
    st.editor = editor;
    st.box.dataset.editor = "loading";
    if (st === this.current()) this.form.dataset.editor = "loading";
    st.label.addEventListener("click", (e) => {
      e.preventDefault();
      editor.focus();
    });
    void editor.ready.then(() => {
      st.box.dataset.editor = "ready";
      if (st === this.current()) this.form.dataset.editor = "ready";
    });
  }

  // --- runs ---

  private async run(mode: Mode): Promise<void> {
    const st = this.current();
    if (this.running || !st) return;
    const language = st.language;
    const code = st.textarea.value;
    this.running = true;
    this.form.dataset.state = "running";
    for (const b of this.buttons) b.setAttribute("aria-disabled", "true");
    this.live.replaceChildren(h("p", { class: "try-message", "data-kind": "running" }, fmt(this.s, "running")));
    this.details.replaceChildren();

    const outcome = await postRun(this.runner, { sample: this.sample, language, code, mode, locale: this.locale });

    this.running = false;
    for (const b of this.buttons) b.removeAttribute("aria-disabled");
    const { summary, details } = renderOutcome(
      this.s,
      outcome,
      mode,
      `${this.select.id || this.sample}-result`,
      `${this.sample}.title`,
    );
    this.details.replaceChildren(...details);
    this.live.replaceChildren(summary);
    if (outcome.kind === "ok") {
      const { passed, total } = tally(outcome.result);
      hist.add(this.sample, {
        at: Date.now(),
        language,
        mode,
        verdict: outcome.result.verdict,
        passed,
        total,
        code,
      });
      this.renderHistory();
    }
    this.form.dataset.state = outcome.kind;
  }

  // --- history ---

  private languageName(language: string): string {
    for (const o of this.select.options) if (o.value === language) return o.text;
    return language;
  }

  private when(at: number): string {
    try {
      return new Intl.DateTimeFormat(this.locale, { dateStyle: "medium", timeStyle: "medium" }).format(at);
    } catch {
      return new Date(at).toLocaleString();
    }
  }

  private renderHistory(): void {
    const list = hist.load(this.sample);
    if (list.length === 0) {
      this.history.replaceChildren();
      return;
    }
    const s = this.s;
    const headId = `${this.select.id || this.sample}-history`;
    const rows = list.map((a) => {
      const when = this.when(a.at);
      const language = this.languageName(a.language);
      const ok = a.verdict === "accepted";
      return h(
        "tr",
        { "data-verdict": a.verdict },
        h("td", {}, h("time", { datetime: new Date(a.at).toISOString() }, when)),
        h("td", {}, language),
        h("td", {}, fmt(s, a.mode === "submit" ? "mode_submit" : "mode_run")),
        h(
          "td",
          { class: ok ? "try-ok" : "try-bad" },
          verdictName(s, a.verdict) + (a.total > 0 ? ` (${a.passed}/${a.total})` : ""),
        ),
        h(
          "td",
          {},
          this.restoreButton(a, language, when),
        ),
      );
    });
    const clear = h("button", { type: "button", class: "try-clear" }, fmt(s, "clear_history"));
    clear.addEventListener("click", () => {
      hist.clear(this.sample);
      this.renderHistory();
      this.select.focus();
    });
    this.history.replaceChildren(
      h("h4", { id: headId }, fmt(s, "history")),
      h("p", { class: "try-note" }, fmt(s, "history_note")),
      h(
        "div",
        { class: "table-scroll", tabindex: 0, role: "region", "aria-labelledby": `${this.sample}.title ${headId}` },
        h(
          "table",
          { "aria-labelledby": headId },
          h(
            "thead",
            {},
            h(
              "tr",
              {},
              h("th", { scope: "col" }, fmt(s, "col_when")),
              h("th", { scope: "col" }, fmt(s, "col_language")),
              h("th", { scope: "col" }, fmt(s, "col_mode")),
              h("th", { scope: "col" }, fmt(s, "col_verdict")),
              h("td", {}),
            ),
          ),
          h("tbody", {}, ...rows),
        ),
      ),
      clear,
    );
  }

  private restoreButton(a: hist.Attempt, language: string, when: string): HTMLButtonElement {
    const b = h(
      "button",
      {
        type: "button",
        class: "try-restore",
        "aria-label": fmt(this.s, "restore_label", { language, when }),
        disabled: !this.starters.has(a.language),
      },
      fmt(this.s, "restore"),
    );
    b.addEventListener("click", () => this.restore(a, language, when));
    return b;
  }

  private restore(a: hist.Attempt, language: string, when: string): void {
    const st = this.starters.get(a.language);
    if (!st) return;
    this.select.value = a.language;
    this.show(a.language);
    st.textarea.value = a.code;
    st.textarea.dispatchEvent(new Event("input", { bubbles: true }));
    this.status.textContent = fmt(this.s, "restored", { language, when });
    if (st.editor) st.editor.focus();
    else st.textarea.focus();
  }
}
