// Each language's CodeMirror support is its own chunk. The loaders live in
// the first chunk (they are only import() calls) so a panel can start the
// language's download together with the editor's, not after it.

import type { LanguageSupport } from "@codemirror/language";

const loaders: Readonly<Record<string, () => Promise<LanguageSupport>>> = {
  go: () => import("@codemirror/lang-go").then((m) => m.go()),
  python: () => import("@codemirror/lang-python").then((m) => m.python()),
  javascript: () => import("@codemirror/lang-javascript").then((m) => m.javascript()),
  sql: () => import("@codemirror/lang-sql").then((m) => m.sql()),
};

const loading = new Map<string, Promise<LanguageSupport>>();

/** Starts (once) loading a language's support; null for a language without one. */
export function loadLanguage(language: string): Promise<LanguageSupport> | null {
  let p = loading.get(language);
  if (!p) {
    const load = loaders[language];
    if (!load) return null;
    p = load();
    p.catch(() => loading.delete(language)); // let a later upgrade try again
    loading.set(language, p);
  }
  return p;
}
