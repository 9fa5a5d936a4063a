// CodeMirror 6 over a textarea. This module and everything it imports load
// only when a try panel scrolls into view (see panel.ts); each language's
// support is its own chunk (languages.ts), loaded when that language is
// first shown.
//
// The textarea stays the source of truth: every edit in the editor is
// written back to it, and an "input" event on the textarea (a test, or the
// widget restoring an attempt) is copied into the editor.

import { defaultKeymap, history, historyKeymap, indentWithTab } from "@codemirror/commands";
import {
  bracketMatching,
  defaultHighlightStyle,
  indentOnInput,
  indentUnit,
  type LanguageSupport,
  syntaxHighlighting,
} from "@codemirror/language";
import { Compartment, EditorState, Prec } from "@codemirror/state";
import {
  drawSelection,
  EditorView,
  highlightActiveLine,
  highlightActiveLineGutter,
  highlightSpecialChars,
  keymap,
  lineNumbers,
} from "@codemirror/view";

const units: Readonly<Record<string, string>> = { go: "\t", python: "    ", javascript: "  ", sql: "  " };

export interface Editor {
  readonly view: EditorView;
  /** Resolves once the language's highlighting and indentation are in place. */
  readonly ready: Promise<void>;
  focus(): void;
}

export interface UpgradeOptions {
  language: string;
  labelId: string;
  helpId: string;
  /** The language's support, loading (see languages.ts); null for plain text. */
  support: Promise<LanguageSupport> | null;
  /** Called on Ctrl+Enter (Cmd+Enter on a Mac), which otherwise inserts a blank line. */
  onRun: () => void;
}

// The editor takes the textarea's place at the textarea's size (rows lines
// of 1.5em, 0.75rem padding, 1px border; see .try-form textarea in app.css),
// so nothing below moves when it appears. It grows with longer code.
const theme = (rows: number) =>
  EditorView.theme({
    "&": {
      border: "1px solid var(--muted, #4a5360)",
      borderRadius: "4px",
      backgroundColor: "var(--bg, #fff)",
      fontSize: "0.875rem",
    },
    "&.cm-focused": { outline: "3px solid var(--focus, #b34700)", outlineOffset: "2px" },
    ".cm-scroller": {
      fontFamily: "ui-monospace, SFMono-Regular, Menlo, Consolas, monospace",
      lineHeight: "1.5",
    },
    ".cm-content": { padding: "0.75rem 0" },
    ".cm-content, .cm-gutter": { minHeight: `calc(${rows * 1.5}em + 1.5rem)` },
    ".cm-gutters": {
      backgroundColor: "var(--panel, #f5f7fa)",
      color: "var(--muted, #4a5360)",
      borderRight: "1px solid var(--line, #d5dae1)",
    },
  });

/** Replaces textarea by an editor (the textarea stays in the form, hidden). */
export function upgrade(textarea: HTMLTextAreaElement, opts: UpgradeOptions): Editor {
  const support = new Compartment();
  let syncing = false;
  const view = new EditorView({
    doc: textarea.value,
    extensions: [
      lineNumbers(),
      highlightActiveLineGutter(),
      highlightSpecialChars(),
      history(),
      drawSelection(),
      indentOnInput(),
      bracketMatching(),
      highlightActiveLine(),
      syntaxHighlighting(defaultHighlightStyle, { fallback: true }),
      EditorState.tabSize.of(4),
      indentUnit.of(units[opts.language] ?? "    "),
      Prec.highest(
        keymap.of([
          {
            key: "Mod-Enter",
            run: () => {
              opts.onRun();
              return true;
            },
          },
        ]),
      ),
      keymap.of([...defaultKeymap, ...historyKeymap, indentWithTab]),
      support.of([]),
      EditorView.contentAttributes.of({
        // In the tab order already, as editable content; said outright so
        // that audits (axe) see the scroller around it can be reached.
        tabindex: "0",
        "aria-labelledby": opts.labelId,
        "aria-describedby": opts.helpId,
        spellcheck: "false",
        autocorrect: "off",
        autocapitalize: "off",
        translate: "no",
      }),
      EditorView.updateListener.of((u) => {
        if (u.docChanged && !syncing) textarea.value = u.state.doc.toString();
      }),
      theme(textarea.rows || 10),
    ],
  });
  view.dom.classList.add("try-editor");
  view.dom.dataset.language = opts.language;
  const box = textarea.parentElement;
  const height = textarea.offsetHeight;
  const boxHeight = box?.getBoundingClientRect().height ?? 0;
  textarea.insertAdjacentElement("afterend", view.dom);
  textarea.hidden = true;
  if (box && height > 0) {
    // Absorb what the theme's estimate misses (fonts, the line gap under an
    // inline textarea), so the page below does not move.
    view.dom.style.minHeight = `${height}px`;
    const gap = boxHeight - box.getBoundingClientRect().height;
    if (gap > 0.5) box.style.paddingBottom = `${gap}px`;
  }

  textarea.addEventListener("input", () => {
    const text = textarea.value;
    if (text === view.state.doc.toString()) return;
    syncing = true;
    try {
      view.dispatch({ changes: { from: 0, to: view.state.doc.length, insert: text } });
    } finally {
      syncing = false;
    }
  });

  const ready = opts.support
    ? opts.support.then(
        (ext) => view.dispatch({ effects: support.reconfigure(ext) }),
        () => undefined, // plain text editing still works
      )
    : Promise.resolve();
  return { view, ready, focus: () => view.focus() };
}
