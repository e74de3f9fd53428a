"""The search rules against the cases the browser's code passes too (search_cases.json)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from rxapp.services.search.analyze import query_words
from rxapp.services.search.rank import Document, Index, distance
from rxapp.services.text import normalize

CASES = json.loads((Path(__file__).parents[2] / "fixtures" / "search_cases.json").read_text(encoding="utf-8"))


@pytest.mark.parametrize(("text", "expected"), CASES["fold"])
def test_fold(text: str, expected: str) -> None:
    assert normalize(text) == expected


@pytest.mark.parametrize("case", CASES["query"], ids=lambda c: c["name"])
def test_query_words(case: dict[str, Any]) -> None:
    known = set(case["known"])
    words = query_words(case["query"], set(case["stop"]), known.__contains__)
    found = [{"text": w.text, "exact": list(w.exact), "stems": sorted(w.stems)} for w in words]
    assert found == [{**w, "stems": sorted(w["stems"])} for w in case["words"]]


@pytest.mark.parametrize(("a", "b", "bound", "expected"), CASES["distance"])
def test_distance(a: str, b: str, bound: int, expected: int) -> None:
    assert distance(a, b, bound) == expected


def _document(doc: dict[str, Any]) -> Document:
    name, keywords, description = doc["k"]
    return Document(name, keywords, description, doc["needs"])


@pytest.mark.parametrize("case", CASES["rank"], ids=lambda c: c["name"])
def test_rank(case: dict[str, Any]) -> None:
    documents = [_document(doc) for doc in case["docs"]]
    index = Index(documents, case["needs"], frozenset(case["stop"]), case.get("local"))
    found = index.search(case["query"], lambda doc: doc in case["open"])
    assert (found.order, found.partial) == (case["order"], case["partial"])
