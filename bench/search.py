"""Search on a cheap phone, measured: quality, bytes, a keystroke, a first visit at 10,000.

python -m bench.search [--quick]      (`make bench-search`; --quick skips 10,000 services)

1. The query set (tests/fixtures/search_queries.json) per locale on the sample directory.
2. Bytes of directory data at 1,000 services, now (keys per card and the words part) and as
   it was before (format 2: each card's normalised text), from the same database.
3. In Chromium at 1,000 services with the CPU slowed 4x: the index the search page builds
   (main thread, ``performance.measure("paso:search-index")``) and, for each query of the set,
   the time from its input event to the new results painted (p50, p95).
4. At 10,000 services, a first visit on Slow 4G with 4x CPU: from typing a query to a result
   count that covers every service (the server's search), against the time until every part
   has arrived (what a search waited for before).
   The same keystrokes on a plain-JS page: Paso's index over the same cards, 30 cards written
   as HTML at each input, no framework (the budget: a keystroke <= 1.5x that).
5. The library measured against the hand-written index: MiniSearch 7.2.0 on the same keys in
   the same page (build, query p50/p95, and its query-set score with its own ranking).
"""

from __future__ import annotations

import datetime as dt
import gzip
import json
import statistics
import sys
import tempfile
import urllib.request
from pathlib import Path
from typing import Any

from playwright.sync_api import Browser, Page, sync_playwright
from sqlmodel import Session, col, select

from bench import synthetic
from rxapp import models as m
from rxapp.i18n import catalogs
from rxapp.services import db, snapshot
from rxapp.services.text import normalize
from rxapp.taxonomy import NEEDS_BY_SLUG
from tests import search_quality
from tests.browser import CHROMIUM, LAUNCH_ARGS, PHONE
from tests.serve import ROOT, serve_paso

SLOW_4G = {"offline": False, "latency": 562.5, "downloadThroughput": 188_744, "uploadThroughput": 86_400}
PER_PART = 250
MINISEARCH = ROOT / ".tools" / "node_modules" / "minisearch" / "dist" / "es" / "index.js"
# Each frame that changed the results records, after it is painted, what it showed: the first
# card and the count (one probe per frame, however many mutations).
WATCH = """() => {
  window.__t0 = null; window.__paints = [];
  document.querySelector('#q').addEventListener('input', () => { window.__t0 = performance.now(); }, true);
  const results = document.querySelector('section[aria-live]');
  let pending = false;
  new MutationObserver(() => { if (pending) return; pending = true; requestAnimationFrame(() => {
    pending = false;
    const shown = window.__shown();
    const channel = new MessageChannel();
    channel.port1.onmessage = () => { window.__paints.push([performance.now(), shown]); };
    channel.port2.postMessage(0);
  }); }).observe(results, { subtree: true, childList: true, characterData: true, attributes: true });
  window.__shown = () => { const a = results.querySelector('[data-testid=results] a');
    const found = results.querySelector('[data-testid=found]');
    return (a ? a.getAttribute('href') : '') + '|' + (found ? found.textContent : ''); };
}"""
QUIET = (
    "() => window.__paints.length && performance.now() - window.__paints[window.__paints.length - 1][0] > 300"
)


def _kb(size: float) -> str:
    return f"{size / 1024:,.1f} KB"


def _old_search_text(session: Session, service: m.Service) -> str:
    """A card's search text as format 2 had it (content.service_texts before the keys)."""
    texts = [service.name, service.description]
    org = session.get(m.Organization, service.organization_id)
    texts.append(org.name if org else "")
    rows = session.exec(
        select(m.Translation.text).where(
            m.Translation.record_id == service.id,
            m.Translation.record_type == m.RecordType.SERVICE,
            col(m.Translation.field).in_(("name", "description")),
        )
    ).all()
    texts.extend(rows)
    if org is not None:
        texts.extend(
            session.exec(
                select(m.Translation.text).where(
                    m.Translation.record_id == org.id,
                    m.Translation.record_type == m.RecordType.ORGANIZATION,
                    m.Translation.field == "name",
                )
            ).all()
        )
    for slug in session.exec(
        select(m.ServiceCategory.category_slug).where(m.ServiceCategory.service_id == service.id)
    ):
        texts.extend(catalogs.all_translations(NEEDS_BY_SLUG[slug].label))
    joined = " ".join(dict.fromkeys(normalize(t) for t in texts if t))
    return " ".join(dict.fromkeys(joined.split()))


def bytes_report(path: Path) -> tuple[float, float]:
    """Directory data at 1,000 services, gzip: (before, now), printed with their parts."""
    engine = db.make_engine(f"sqlite:///{path}")
    with Session(engine) as session:
        built = snapshot.build(
            session, "es", timezone="America/Mexico_City", per_part=PER_PART, since="2026-12-01"
        )
        index = json.loads(built.index.body)
        cards = [card for name in index["cards"] for card in json.loads(built.parts[name].body)["cards"]]
        services = {s.slug: s for s in session.exec(select(m.Service)).all()}
        old_cards = []
        for card in cards:
            old_card = {k: v for k, v in card.items() if k != "geo"}
            old_card["search"] = _old_search_text(session, services[card["slug"]])
            old_cards.append(old_card)
    engine.dispose()

    def gz(document: Any) -> int:
        body = json.dumps(document, ensure_ascii=False, separators=(",", ":")).encode()
        return len(gzip.compress(body, 6))

    old = sum(gz({"cards": old_cards[i : i + PER_PART]}) for i in range(0, len(old_cards), PER_PART))
    new_cards = sum(len(built.parts[name].gzipped) for name in index["cards"])
    keys = sum(len(built.parts[name].gzipped) for name in index["keys"])
    words = len(built.parts[index["words"]].gzipped)
    details = sum(len(built.parts[name].gzipped) for name in index["details"])
    searching = new_cards + keys + words
    print(
        f"1,000 services, gzip: a list's data (card parts) before {_kb(old)}; now {_kb(new_cards)}; "
        f"the search page's: cards + keys parts {_kb(keys)} + words part {_kb(words)} = {_kb(searching)}: "
        f"{100 * searching / old - 100:+.0f} % (budget +30 %)"
    )
    print(
        f"  all the directory data (cards, keys, details, words) before {_kb(old + details)}; now "
        f"{_kb(searching + details)}: {100 * (searching + details) / (old + details) - 100:+.0f} %"
    )
    return old, searching


def _throttle(page: Page, network: bool) -> Any:
    cdp = page.context.new_cdp_session(page)
    if network:
        cdp.send("Network.enable")
        cdp.send("Network.emulateNetworkConditions", SLOW_4G)
    cdp.send("Emulation.setCPUThrottlingRate", {"rate": 4})
    return cdp


def _queries() -> list[str]:
    return [q for rows in search_quality.queries().values() for q, _ in rows]


def _percentiles(values: list[float]) -> str:
    ordered = sorted(values)
    p95 = ordered[max(0, round(0.95 * len(ordered)) - 1)]
    return f"p50 {statistics.median(ordered):.0f} ms, p95 {p95:.0f} ms, max {ordered[-1]:.0f} ms"


def _settled(page: Page) -> float | None:
    """Ms from the input event to the first painted frame showing the results it settles on."""
    try:
        page.wait_for_function(QUIET, timeout=4000)
    except Exception:  # nothing changed on screen
        return None
    t0, paints = page.evaluate("[window.__t0, window.__paints]")
    final = paints[-1][1]
    return float(next(t for t, shown in paints if shown == final) - t0)


def _type(page: Page, queries: list[str]) -> tuple[list[float], list[float]]:
    """Each query typed a character at a time, then pasted whole: ms from the input event to
    its results painted, for the keystrokes that changed them, and for each paste."""
    page.evaluate(WATCH)
    box = page.locator("#q")
    typed: list[float] = []
    pasted: list[float] = []
    for query in queries:
        box.fill("")
        page.wait_for_timeout(300)
        box.focus()
        for char in query:
            before = page.evaluate("window.__shown()")
            page.evaluate("() => { window.__t0 = null; window.__paints = []; }")
            page.keyboard.type(char)
            took = _settled(page)
            if took is not None and page.evaluate("window.__shown()") != before:
                typed.append(took)
    for query in queries:
        box.fill("")
        _settled(page)
        page.evaluate("() => { window.__t0 = null; window.__paints = []; }")
        box.fill(query)
        took = _settled(page)
        if took is not None:
            pasted.append(took)
    return typed, pasted


def keystrokes(browser: Browser, url: str) -> list[float]:
    """The search page at 1,000 services, CPU 4x: the index it builds, then queries typed a
    character at a time (each keystroke that changes the results, to them painted: what the
    budget is about) and whole queries pasted at once (every word analysed in one go)."""
    context = browser.new_context(viewport=PHONE, is_mobile=True, has_touch=True, service_workers="block")
    page = context.new_page()
    _throttle(page, network=False)  # before the page loads: it builds its index as soon as it can
    page.goto(url + "/es/search")
    page.get_by_test_id("found").wait_for()
    page.wait_for_function("() => !document.querySelector('[data-testid=progress]')", timeout=60_000)
    page.wait_for_function(
        "() => performance.getEntriesByName('paso:search-index').length > 0", timeout=60_000
    )
    built = page.evaluate("performance.getEntriesByName('paso:search-index').map((e) => e.duration)")
    queries = _queries()[::6]  # every sixth of the set: all six languages
    typed, pasted = _type(page, queries)
    views = page.evaluate("performance.getEntriesByName('paso:view').map((e) => e.duration)")
    context.close()
    print(
        f"index built on the phone, in an idle moment before the first keystroke: "
        f"{', '.join(f'{ms:.0f} ms' for ms in built)} of main thread (budget 150 ms)"
    )
    print(
        f"a keystroke to its results painted, {len(typed)} keystrokes that changed them ({len(queries)} "
        f"queries typed): {_percentiles(typed)} (budget p95 100 ms)"
    )
    print(
        f"a whole query pasted at once, {len(pasted)} queries: {_percentiles(pasted)}; "
        f"computing a view (search, ranking, cards): {_percentiles(views)}"
    )
    return typed


PARTS = """window.__parts = [];
new PerformanceObserver((list) => { for (const e of list.getEntries())
  if (/\\/cards-\\d+-/.test(e.name)) window.__parts.push(e.responseEnd); }).observe({ type: "resource", buffered: true });"""


def first_visit(browser: Browser, url: str, query: str, covering: int, parts: int) -> tuple[float, float]:
    """10,000 services, Slow 4G, 4x CPU, nothing saved: (query -> count of all matches painted,
    page start -> every card part arrived: what a search waited for before), in ms."""
    context = browser.new_context(viewport=PHONE, is_mobile=True, has_touch=True, service_workers="block")
    context.add_init_script(PARTS)
    page = context.new_page()
    _throttle(page, network=True)
    page.goto(url + "/es/search", wait_until="commit")
    page.locator("#q").wait_for()
    page.get_by_test_id("progress").wait_for(timeout=120_000)  # hydrated, the first part is in
    want = f"{covering:,}".replace(",", ".")
    page.evaluate(
        """want => { window.__covered = null; window.__t0 = null;
        document.querySelector('#q').addEventListener('input', () => { window.__t0 = performance.now(); }, true);
        new MutationObserver(() => {
          const found = document.querySelector('[data-testid=found]');
          if (window.__covered === null && found && found.textContent.startsWith(want + ' ')) window.__covered = performance.now();
        }).observe(document.body, { subtree: true, childList: true, characterData: true }); }""",
        want,
    )
    page.locator("#q").fill(query)
    page.wait_for_function("() => window.__covered !== null", timeout=120_000)
    page.wait_for_function(f"() => window.__parts.length >= {parts}", timeout=600_000)
    covered, t0, everything = page.evaluate("[window.__covered, window.__t0, Math.max(...window.__parts)]")
    context.close()
    return covered - t0, everything


def at_10000(browser: Browser) -> None:
    """A first-time visitor's search at 10,000 services."""
    path = synthetic.cached(10_000)
    engine = db.make_engine(f"sqlite:///{path}")
    with Session(engine) as session:
        online = search_quality.online(session)
    engine.dispose()
    queries = ["medico", "albergue", "abogado", "comida caliente", "wifi"]
    with tempfile.TemporaryDirectory() as tmp, serve_paso(Path(tmp) / "server.log", path) as url:
        with urllib.request.urlopen(f"{url}/api/directory/es/index.json", timeout=600) as answer:
            parts = len(json.load(answer)["cards"])  # the server has built its snapshot once
        with urllib.request.urlopen(f"{url}/api/directory/es/search.json?q=x", timeout=600):
            pass
        rows = []
        for query in queries:
            count = online.search(query, dt.datetime.now())["count"]
            rows.append((query, count, *first_visit(browser, url, query, count, parts)))
    for query, count, covered, everything in rows:
        print(
            f"  {query!r}: {count:,} matches painted {covered / 1000:.1f} s after the query; every part in "
            f"{everything / 1000:.1f} s after the page started"
        )
    covered_all = [r[2] for r in rows]
    print(
        f"10,000 services, first visit, Slow 4G + 4x CPU: a search covers every service "
        f"{statistics.median(covered_all) / 1000:.1f} s (median; max {max(covered_all) / 1000:.1f} s) after the query "
        f"(budget 2 s); waiting for every part, as before, took {statistics.median(r[3] for r in rows) / 1000:.1f} s"
    )


# The comparison for a keystroke: the same cards, Paso's own index, and 30 cards written as plain
# HTML at each input, no framework (the same elements WATCH looks at).
PLAIN = """<!doctype html><meta charset=utf-8><meta name=viewport content="width=device-width">
<input id=q type=search><section aria-live=polite><p data-testid=found></p><div data-testid=results></div></section>
<script type=module>
import { Index } from "/search.mjs";
const data = await (await fetch("/data.json")).json();
const index = new Index(data.cards, data.words.needs, data.words.stop, data.words.local);
const found = document.querySelector("[data-testid=found]");
const results = document.querySelector("[data-testid=results]");
const esc = (s) => s.replace(/[&<>"]/g, (c) => `&#${c.charCodeAt(0)};`);
function show(query) {
  const order = index.search(query).order;
  found.textContent = `${order.length} servicios encontrados`;
  results.innerHTML = order.slice(0, 30).map((i) => { const c = data.shown[i];
    return `<a href="/es/service?id=${c.slug}"><h3>${esc(c.name)}</h3><p>${esc(c.organization)}</p></a>`; }).join("");
}
document.querySelector("#q").addEventListener("input", (e) => show(e.target.value));
show(""); window.__ready = true;
</script>"""


def _bench_page(browser: Browser, data: dict[str, Any], extra: dict[str, bytes] | None = None) -> Page:
    """A page at http://bench.local/ serving assets/paso's modules, ``data`` as /data.json and ``extra``."""
    files = {
        **{
            f"/{p.relative_to(ROOT / 'assets' / 'paso')}": p.read_bytes()
            for p in (ROOT / "assets" / "paso").rglob("*.*js")
        },
        "/data.json": json.dumps(data, ensure_ascii=False).encode(),
        **(extra or {}),
    }
    types = {"json": "application/json", "html": "text/html"}
    page = browser.new_page(viewport=PHONE)
    page.route(
        "http://bench.local/**",
        lambda route: route.fulfill(
            body=files[route.request.url.removeprefix("http://bench.local")],
            content_type=types.get(route.request.url.rsplit(".", 1)[-1], "text/javascript"),
        ),
    )
    return page


def plain(browser: Browser, data: dict[str, Any]) -> list[float]:
    """The same queries typed into a plain-JS page (Paso's index, 30 cards as HTML), CPU 4x."""
    page = _bench_page(browser, data, {"/plain.html": PLAIN.encode()})
    _throttle(page, network=False)
    page.goto("http://bench.local/plain.html")
    page.wait_for_function("() => window.__ready === true", timeout=60_000)
    typed, pasted = _type(page, _queries()[::6])
    page.close()
    print(
        f"the same keystrokes in plain JS (Paso's index, 30 cards written as HTML, no framework): "
        f"{_percentiles(typed)}; pasted {_percentiles(pasted)}"
    )
    return typed


def library(browser: Browser, data: dict[str, Any]) -> None:
    """MiniSearch and Paso's index on the same keys, the same page, CPU 4x."""
    if not MINISEARCH.exists():
        print(f"library comparison skipped: {MINISEARCH} missing (make bench-search installs it)")
        return
    page = _bench_page(browser, data, {"/minisearch.js": MINISEARCH.read_bytes()})
    page.goto("http://bench.local/data.json")
    _throttle(page, network=False)
    result = page.evaluate(
        """async (queries) => {
        const { default: MiniSearch } = await import('/minisearch.js');
        const { Index, queryWords } = await import('/search.mjs');
        const data = await (await fetch('/data.json')).json();
        const cards = data.cards, words = data.words;
        const time = (f) => { const t = performance.now(); const r = f(); return [performance.now() - t, r]; };
        const fuzzy = (t) => (t.length >= 8 ? 2 : t.length >= 4 ? 1 : 0);
        const stop = new Set(words.stop);
        const [oursBuild, ours] = time(() => new Index(cards, words.needs, words.stop, words.local));
        // MiniSearch gets the same keys; the query as Paso analyses it (its words, forms and stems).
        const asQuery = (q) => queryWords(q, stop, (k) => ours.known(k))
          .map((w) => [...new Set([w.text, ...w.exact, ...w.stems, ...w.stems.map((s) => '~' + s)])].join(' ')).join(' ');
        const mini = (withNeeds) => time(() => { const m = new MiniSearch({ fields: ['name', 'keywords', 'description'],
          tokenize: (s) => s.split(' '), processTerm: (t) => t || null });
          m.addAll(cards.map((c, id) => ({ id, name: c.k[0], description: c.k[2],
            keywords: withNeeds ? [c.k[1], ...c.needs.map((n) => words.needs[n])].join(' ') : c.k[1] })));
          return m; });
        const out = { Paso: { build: oursBuild, times: [], tops: [] } };
        const [b1, m1] = mini(true), [b2, m2] = mini(false);
        out["MiniSearch 7.2.0, the needs' keywords copied into every service"] = { build: b1, times: [], tops: [], m: m1 };
        out["MiniSearch 7.2.0, each service's own keys only"] = { build: b2, times: [], tops: [], m: m2 };
        for (const q of queries) {
          ours.cache.clear();
          const [t, r] = time(() => ours.search(q)); out.Paso.times.push(t); out.Paso.tops.push(r.order.slice(0, 3));
          for (const v of Object.values(out)) {
            if (!v.m) continue;
            const [t2, r2] = time(() => v.m.search(asQuery(q), { prefix: true, fuzzy, boost: { name: 3, keywords: 2, description: 1 } }));
            v.times.push(t2); v.tops.push(r2.slice(0, 3).map((x) => x.id));
          }
        }
        for (const v of Object.values(out)) delete v.m;
        return out;
      }""",
        _queries(),
    )
    page.close()
    rows = [row for rows in search_quality.queries().values() for row in rows]
    needs = [card["needs"] for card in data["cards"]]
    for name, found in result.items():
        right = sum(
            any(set(needs[d]) & set(want) for d in top)
            for top, (_, want) in zip(found["tops"], rows, strict=True)
        )
        print(
            f"  {name}: build {found['build']:,.0f} ms; a query {_percentiles(found['times'])}; "
            f"right in the first 3 for {right} of {len(rows)} queries"
        )


def main(argv: list[str]) -> None:
    """Every figure, each beside its comparison."""
    print(f"bench.search on {dt.date.today()}")
    with tempfile.TemporaryDirectory() as folder:
        engine = db.make_engine(f"sqlite:///{folder}/sample.db")
        from sqlmodel import SQLModel

        from rxapp.services import sample

        SQLModel.metadata.create_all(engine)
        with Session(engine) as session:
            sample.load(session)
            print(search_quality.table(search_quality.score(session)))
        engine.dispose()
    path = synthetic.cached(1000)
    bytes_report(path)
    engine = db.make_engine(f"sqlite:///{path}")
    with Session(engine) as session:
        online = search_quality.online(session)
        data = {"cards": online.documents(), "words": snapshot.words_part("es")}
        shown = [{k: card[k] for k in ("slug", "name", "organization")} for card in online.cards]
    engine.dispose()
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=LAUNCH_ARGS)
        with tempfile.TemporaryDirectory() as tmp, serve_paso(Path(tmp) / "server.log", path) as url:
            typed = keystrokes(browser, url)
        alone = plain(browser, {**data, "shown": shown})
        print(
            f"a keystroke to its results painted, p50: Paso {statistics.median(typed):.0f} ms, plain JS "
            f"{statistics.median(alone):.0f} ms: {statistics.median(typed) / statistics.median(alone):.2f}x "
            f"(budget 1.5x)"
        )
        print("the library, measured on the same 1,000 services (CPU 4x):")
        library(browser, data)
        if "--quick" not in argv:
            at_10000(browser)
        browser.close()


if __name__ == "__main__":
    main(sys.argv[1:])
