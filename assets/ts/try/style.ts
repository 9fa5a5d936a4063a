// The widget's own styles, added once when the script starts. The editor's
// are CodeMirror's (see editor.ts). They use the site's CSS variables.

const css = `
.try-form .try-help{font-size:.875rem;color:var(--muted);margin:.25rem 0}
.try-form .try-intro{font-size:.9375rem;color:var(--muted)}
.try-form [aria-disabled="true"]{opacity:.55;cursor:progress}
.try-live:empty,.try-details:empty,.try-history:empty,.try-restored:empty{display:none}
.try-results{margin-top:1rem}
.try-message,.try-verdict{padding:.5rem .75rem;border-left:4px solid #b42318;background:var(--panel);border-radius:4px}
.try-message[data-kind="running"]{border-color:var(--accent)}
.try-message[data-kind="busy"]{border-color:#9a6700}
.try-verdict[data-verdict="accepted"]{border-color:#1a7f37}
.try-tests table,.try-history table{border-collapse:collapse;width:100%;font-size:.9375rem}
.try-tests caption,.try-history caption{text-align:left;font-weight:600;padding:.25rem 0}
.try-tests th,.try-tests td,.try-history th,.try-history td{border:1px solid var(--line);padding:.35rem .5rem;text-align:left;vertical-align:top}
.try-tests code{overflow-wrap:anywhere}
.try-ok{color:#1a7f37}
.try-bad{color:#b42318}
.try-hidden,.try-note{color:var(--muted);font-style:italic}
.try-note{font-size:.875rem}
.try-output pre{overflow:auto;max-height:20em;background:var(--panel);padding:.75rem;border-radius:4px;white-space:pre-wrap}
.try-history{margin-top:1.5rem}
.try-history button{font:inherit;font-size:.875rem;padding:.2rem .6rem;border-radius:4px;border:1px solid var(--accent);background:var(--bg);color:var(--accent);cursor:pointer}
.try-history .try-clear{margin-top:.5rem}
`;

let added = false;

export function addStyles(): void {
  if (added) return;
  added = true;
  const el = document.createElement("style");
  el.dataset.owner = "try";
  el.textContent = css;
  document.head.append(el);
}
