"""The typed models of what the browser shows (components/views.py, the registration's and the
report's client state) name what the scripts in assets/paso/ really set: a field renamed on one
side only would show nothing, silently."""

from __future__ import annotations

import dataclasses
import re
from pathlib import Path

from rxapp.components import client, report, views
from rxapp.components.registration import draft, next_steps
from rxapp.reading.first_cards import first_cards

ASSETS = Path(__file__).resolve().parents[3] / "assets" / "paso"


def _fields(model: type) -> set[str]:
    return {f.name for f in dataclasses.fields(model)}


def _object_keys(source: str, start: str) -> set[str]:
    """The keys of the JS object literal that opens right after ``start``."""
    body = source[source.index(start) + len(start) :]
    depth = 1
    for end, char in enumerate(body):
        depth += {"{": 1, "}": -1}.get(char, 0)
        if depth == 0:
            return set(re.findall(r"(?:^|[{,\s])(\w+)\s*:", body[:end]))
    raise AssertionError(f"no object after {start!r}")


def test_a_card_has_what_the_list_builds() -> None:
    card_keys = _object_keys((ASSETS / "logic.mjs").read_text(), "cards.push({")
    assert card_keys <= _fields(views.Card), card_keys - _fields(views.Card)


def test_the_prerendered_first_cards_are_cards() -> None:
    """first_cards writes the same fields as the browser's cards (it also marks them first)."""
    source = Path(first_cards.__code__.co_filename).read_text()
    keys = set(re.findall(r'^\s+"(\w+)":', source, re.MULTILINE))
    assert keys == _fields(views.Card), keys ^ _fields(views.Card)


def test_a_list_view_has_what_directory_js_sets() -> None:
    source = (ASSETS / "directory.js").read_text()
    keys = _object_keys(source, "const LIST = {") | {"cards", "count", "state"}
    assert keys <= _fields(views.ListView), keys - _fields(views.ListView)
    centre = source[source.index("function centreCard(") :]
    assert _object_keys(centre, "return {") == _fields(views.CentreCard)


def test_the_modes_are_those_the_scripts_use() -> None:
    directory = (ASSETS / "directory.js").read_text()
    for state in ("loading", "first", "searching", "partial", "ready", "error"):
        assert f'"{state}"' in directory or f"'{state}'" in directory, state
    assert {s.value for s in views.Near} >= {"off", "on"}
    register = (ASSETS / "register.js").read_text() + (ASSETS / "drafts.mjs").read_text()
    for step in draft.Phase:
        assert f'"{step}"' in register, step
    drafts = (ASSETS / "drafts.mjs").read_text()
    returned = set(re.findall(r'return "(\w+)"', drafts)) | {"call", "whatsapp", "sms"}
    assert returned <= {c.value for c in draft.Contact}
    assert set(next_steps.NEXT_STEPS) == set(draft.Contact)
    reported = (ASSETS / "report.mjs").read_text()
    for phase in ("sent", "limited", "error", "choose"):
        assert f'"{phase}"' in reported and phase in {p.value for p in report.ReportPhase}


def test_the_client_states_start_as_the_scripts_do() -> None:
    """register.js starts pasoreg with these keys; the page's first render must match it."""
    start = _object_keys((ASSETS / "register.js").read_text(), "let reg = {")
    assert start == _fields(draft.Draft)
    hook = next(h for h in draft.reg._get_all_var_data().hooks if "useState" in h)  # type: ignore[union-attr]
    assert '["phase"] : "draft"' in hook and '["contact"] : ""' in hook and '["ready"] : false' in hook


def test_a_misspelt_field_fails_when_the_page_is_built() -> None:
    shown = views.list_view(client.view("list", "typo_check", {}))
    assert str(shown.cards)  # a real field
    try:
        _ = shown.cardz  # the point of the test: Reflex refuses it
    except Exception as error:  # Reflex's VarAttributeError
        assert "cardz" in str(error)
    else:
        raise AssertionError("a misspelt field was accepted")
