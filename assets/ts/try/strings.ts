// Interface strings: the page renders them, translated, into a
// <script type="application/json" class="try-strings"> block of each panel
// (templates/try.html), so the script carries no text of its own.

export type Strings = Readonly<Record<string, string>>;

/** Reads a panel's strings; a missing or broken block gives none (keys show). */
export function readStrings(form: HTMLElement): Strings {
  const el = form.querySelector("script.try-strings");
  try {
    const v: unknown = JSON.parse(el?.textContent ?? "{}");
    if (v && typeof v === "object") return v as Strings;
  } catch {
    // fall through
  }
  return {};
}

/** Looks up key and fills its {name} placeholders from args. */
export function fmt(s: Strings, key: string, args: Readonly<Record<string, string | number>> = {}): string {
  const text = s[key] ?? key;
  return text.replace(/\{(\w+)\}/g, (m, name: string) => (name in args ? String(args[name]) : m));
}
