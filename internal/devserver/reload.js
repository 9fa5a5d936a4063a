// Live reload for guides serve; injected into every page's <head> in serve
// only. It listens on /__livereload: a message names the pages whose HTML
// changed (or "*") and whether stylesheets changed; an "errors" event lists
// the sources' problems, shown in an overlay until they are fixed.
(() => {
  "use strict";
  const overlayID = "guides-dev-errors";
  let source = null;
  let version = null;

  const here = () => location.pathname.replace(/index\.html$/, "");

  function open() {
    if (source) return;
    source = new EventSource("/__livereload");
    source.addEventListener("hello", (e) => {
      const v = JSON.parse(e.data).version;
      if (version !== null && v !== version) location.reload(); // rebuilt while we were away
      version = v;
    });
    source.onmessage = (e) => {
      const d = JSON.parse(e.data);
      version = d.version;
      const paths = d.paths || [];
      if (paths.includes("*") || paths.includes(here())) {
        location.reload();
      } else if (d.css) {
        swapStylesheets();
      }
    };
    source.addEventListener("errors", (e) => showErrors(JSON.parse(e.data).errors || []));
  }

  function close() {
    if (source) source.close();
    source = null;
  }

  // Browsers allow six connections per host: a stream must not outlive its page.
  addEventListener("pagehide", close);
  addEventListener("pageshow", open);
  document.addEventListener("visibilitychange", () => (document.hidden ? close() : open()));

  // swapStylesheets loads this page again and points each stylesheet link at
  // its URL there (serve keeps asset names stable), with the build's version
  // to get past the cache, removing the old link once the new one loaded.
  async function swapStylesheets() {
    const res = await fetch(location.href, { cache: "no-store" });
    const doc = new DOMParser().parseFromString(await res.text(), "text/html");
    const fresh = doc.querySelectorAll('link[rel="stylesheet"]');
    const old = document.querySelectorAll('link[rel="stylesheet"]');
    if (fresh.length !== old.length) {
      location.reload();
      return;
    }
    old.forEach((link, i) => {
      const href = fresh[i].getAttribute("href").split("?")[0] + "?v=" + version;
      const next = link.cloneNode();
      next.setAttribute("href", href);
      next.addEventListener("load", () => link.remove());
      link.after(next);
    });
  }

  function showErrors(errors) {
    if (!document.body) {
      addEventListener("DOMContentLoaded", () => showErrors(errors), { once: true });
      return;
    }
    document.getElementById(overlayID)?.remove();
    if (errors.length === 0) return;
    const box = document.createElement("div");
    box.id = overlayID;
    box.setAttribute("role", "alert");
    box.setAttribute("aria-labelledby", overlayID + "-title");
    box.style.cssText =
      "position:fixed;left:0;right:0;bottom:0;max-height:60vh;overflow:auto;z-index:2147483647;" +
      "margin:0;padding:1rem 1.25rem;background:#1d1d1f;color:#fff;border-top:4px solid #ff5c5c;" +
      "font:14px/1.5 ui-monospace,SFMono-Regular,Menlo,Consolas,monospace;text-align:left";
    const title = document.createElement("h2");
    title.id = overlayID + "-title";
    title.style.cssText = "margin:0 0 .5rem;font-size:1rem;color:#ff9a9a";
    title.textContent = errors.length === 1 ? "1 problem in the sources" : errors.length + " problems in the sources";
    const list = document.createElement("ul");
    list.style.cssText = "margin:0;padding:0;list-style:none";
    for (const err of errors) {
      const item = document.createElement("li");
      item.style.cssText = "white-space:pre-wrap;margin:.25rem 0";
      item.textContent = err.text;
      list.append(item);
    }
    const note = document.createElement("p");
    note.style.cssText = "margin:.75rem 0 0;color:#ccc";
    note.textContent = "You are seeing the last good build. This message goes away once the files are fixed.";
    const hide = document.createElement("button");
    hide.type = "button";
    hide.textContent = "Hide";
    hide.style.cssText = "margin-top:.75rem;font:inherit;padding:.25rem .75rem;color:#000;background:#fff;border:0;border-radius:4px";
    hide.addEventListener("click", () => box.remove());
    box.append(title, list, note, hide);
    document.body.append(box);
  }

  open();
})();
