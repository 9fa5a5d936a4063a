// The try-this widget: the only script of a guide page, and only of a page
// with a try block. It stays small; CodeMirror and each language's support
// are separate chunks that load when a panel scrolls into view.

import { Panel } from "./try/panel";

for (const form of document.querySelectorAll<HTMLFormElement>("form.try-form")) {
  Panel.start(form);
}
