"""Python and the browser find and rank alike: the same stems for every word of the sample
and the catalogs, and the same order for every query of the query set."""

from __future__ import annotations

import json
import shutil
import subprocess
from collections.abc import Callable
from pathlib import Path
from typing import cast

import pytest
from sqlmodel import Session

from rxapp.i18n import catalogs
from rxapp.services.search.analyze import query_words
from rxapp.services.search.online import OnlineSearch
from rxapp.services.text import normalize
from rxapp.taxonomy import NEEDS
from tests import search_quality

CLI = Path(__file__).parents[2] / "js" / "search_cli.mjs"
LOCALES = ("es", "en", "fr", "ht", "pt", "ar")


def _browser(data: dict[str, object]) -> Callable[[], dict[str, list[object]]]:
    """Start the browser's half in node; the returned function waits for its answer (Python
    ranks meanwhile, on the other core)."""
    node = shutil.which("node")
    if node is None:
        pytest.fail(
            "node is needed for the browser's half of search (make test installs nothing for it: Node 20 is on the machine)"
        )
    process = subprocess.Popen(
        [node, str(CLI)], stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
    )
    assert process.stdin is not None
    process.stdin.write(json.dumps(data))
    process.stdin.close()

    def answer() -> dict[str, list[object]]:
        assert process.stdout is not None and process.stderr is not None
        out, err = process.stdout.read(), process.stderr.read()
        assert process.wait() == 0, err
        result: dict[str, list[object]] = json.loads(out)
        return result

    return answer


def _words(search: OnlineSearch) -> list[str]:
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
    browser_answer = _browser(
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
    python_stems = [sorted(query_words(t, set(), lambda _: False)[0].stems) for t in terms]
    browser = browser_answer()
    assert browser["orders"] == python_orders
    assert [sorted(cast(list[str], s)) for s in browser["stems"]] == python_stems
    assert len(terms) > 3000  # the sample and the catalogs: thousands of words in six languages
