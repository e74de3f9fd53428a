"""Python and the browser find and rank alike: the same stems for every word of the sample
and the catalogs, and the same order for every query of the query set."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest
from sqlmodel import Session

from rxapp.i18n import catalogs
from rxapp.services.search.analyze import query_words
from rxapp.services.text import normalize
from rxapp.taxonomy import NEEDS
from tests import search_quality

CLI = Path(__file__).parents[2] / "js" / "search_cli.mjs"
LOCALES = ("es", "en", "fr", "ht", "pt", "ar")


def _browser(data: dict[str, object]) -> dict[str, list[object]]:
    node = shutil.which("node")
    if node is None:
        pytest.fail(
            "node is needed for the browser's half of search (make test installs nothing for it: Node 20 is on the machine)"
        )
    done = subprocess.run(
        [node, str(CLI)], input=json.dumps(data), capture_output=True, text=True, check=True
    )
    result: dict[str, list[object]] = json.loads(done.stdout)
    return result


def _words(search: search_quality.OnlineSearch) -> list[str]:
    """Every word people could type that the directory or the catalogs hold."""
    found: set[str] = set()
    for keys in search.keys:
        found.update(key for key in " ".join(keys).split() if not key.startswith("~"))
    for need in NEEDS:
        for tag in LOCALES:
            found.update(normalize(catalogs.gettext(tag, need.keywords)).split())
    return sorted(found)


def test_the_browser_stems_and_ranks_as_python_does(session: Session) -> None:
    search = search_quality.online(session, "fr")
    queries = [q for rows in search_quality.queries().values() for q, _ in rows]
    queries += ["a", "med", "consulta medica", "zzz", "alberge", "اللجوء", "ومحامي", "doktè lopital"]
    open_now = [doc for doc in range(len(search.cards)) if search.is_open(doc, search_quality.NOW)]
    terms = _words(search)
    browser = _browser(
        {
            "cards": search.documents(),
            "words": search.words,
            "open": open_now,
            "queries": queries,
            "terms": terms,
        }
    )
    python_orders = []
    for query in queries:
        found = search.index.search(query, lambda doc: doc in open_now)
        python_orders.append({"order": found.order, "partial": found.partial})
    assert browser["orders"] == python_orders
    python_stems = [sorted(query_words(t, set(), lambda _: False)[0].stems) for t in terms]
    assert [sorted(s) for s in browser["stems"]] == python_stems  # type: ignore[arg-type]
    assert len(terms) > 3000  # the sample and the catalogs: thousands of words in six languages
