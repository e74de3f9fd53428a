// Run in the page (page.evaluate): every place where text or a box spills out of its box.
// Returns [{what, selector, text}], empty when nothing overflows. Used by test_overflow.py.
() => {
  const found = [];
  const name = (el) => {
    let s = el.tagName.toLowerCase();
    if (el.id) return `${s}#${el.id}`;
    const id = el.getAttribute("data-testid");
    if (id) return `${s}[data-testid=${id}]`;
    const cls = typeof el.className === "string" ? el.className.trim().split(/\s+/).slice(0, 3) : [];
    return cls.length && cls[0] ? `${s}.${cls.join(".")}` : s;
  };
  const selector = (el) => {
    const parts = [];
    for (let e = el; e && e !== document.body && parts.length < 4; e = e.parentElement) parts.unshift(name(e));
    return parts.join(" > ");
  };
  const text = (el) => (el.textContent || el.getAttribute("aria-label") || "").replace(/\s+/g, " ").trim().slice(0, 80);
  // Not shown, or shown to screen readers only: not something a person sees overflow.
  const unseen = (el) => {
    if (!el.getClientRects().length) return true;
    for (let e = el; e; e = e.parentElement) {
      const cs = getComputedStyle(e);
      if (cs.visibility === "hidden" || cs.display === "none") return true;
      if (e.classList.contains("sr-only") || e.hidden) return true;
    }
    return false;
  };
  const inline = (el) => getComputedStyle(el).display.startsWith("inline") || getComputedStyle(el).display === "contents";
  const container = (el) => {
    let e = el;
    while (e && e !== document.body && inline(e)) e = e.parentElement;
    return e;
  };
  const add = (what, el, detail) => {
    const key = `${what}|${selector(el)}`;
    if (!found.some((f) => f.key === key)) found.push({ key, what, selector: selector(el), text: detail ?? text(el) });
  };

  // The page itself scrolls sideways.
  const page = document.documentElement;
  if (page.scrollWidth > window.innerWidth + 1) {
    add("page scrolls sideways", document.body, `${page.scrollWidth} > ${window.innerWidth}`);
  }
  for (const el of document.body.querySelectorAll("*")) {
    if (["SCRIPT", "STYLE", "OPTION", "svg", "path", "circle", "line", "rect", "polyline"].includes(el.tagName)) continue;
    if (unseen(el)) continue;
    const cs = getComputedStyle(el);
    // Content cut off: clipped overflow, or an ellipsis ("Emergencias (policía, bomb…").
    const clips = ["hidden", "clip"].includes(cs.overflowX) || cs.textOverflow === "ellipsis";
    if (clips && el.scrollWidth > el.clientWidth + 1 && el.tagName !== "SELECT") add("clipped", el);
    // A box wider than its parent's border box: a flex item that cannot shrink below its
    // longest word, an icon or input pushed out (positioned layers are left alone).
    const parent = el.parentElement;
    if (parent && parent !== document.body && !["absolute", "fixed"].includes(cs.position)) {
      const box = container(parent)?.getBoundingClientRect();
      const r = el.getBoundingClientRect();
      if (box && r.width && (r.right > box.right + 1 || r.left < box.left - 1)) add("box outside its parent", el);
    }
  }
  // Text beyond the border box of the block that holds it ("Documentos" under the next box).
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    if (!node.textContent.trim()) continue;
    const parent = node.parentElement;
    if (!parent || ["SCRIPT", "STYLE", "OPTION", "TITLE"].includes(parent.tagName) || unseen(parent)) continue;
    const block = container(parent);
    if (!block) continue;
    const box = block.getBoundingClientRect();
    const range = document.createRange();
    range.selectNodeContents(node);
    for (const r of range.getClientRects()) {
      if (!r.width) continue;
      if (r.right > box.right + 1 || r.left < box.left - 1 || r.bottom > box.bottom + 1) {
        add("text outside its box", block, node.textContent.replace(/\s+/g, " ").trim().slice(0, 80));
        break;
      }
    }
  }
  return found.map(({ what, selector, text }) => ({ what, selector, text }));
}
