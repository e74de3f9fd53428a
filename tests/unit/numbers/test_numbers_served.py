"""The numbers part is served like the other parts (immutable, by name), Caddy's regex and the
worker's take it, and the worker saves it and the page with a locale."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from sqlalchemy.engine import Engine

from rxapp import routes
from rxapp.head import config
from rxapp.http.convertors import PartConvertor
from scripts import tls
from tests.data.http import call, make_front

SW = Path(__file__).resolve().parents[3] / "assets" / "paso" / "sw.js"


def test_the_part_is_served_immutable_by_its_name(
    monkeypatch: pytest.MonkeyPatch, sample_engine: Engine, tmp_path: Path
) -> None:
    front = make_front(monkeypatch, sample_engine, tmp_path)
    name = json.loads(call(front, "/api/directory/ht/index.json")[2])["numbers"]
    assert re.fullmatch(r"numbers-0-[0-9a-f]{16}", name)
    status, headers, body = call(front, f"/api/directory/ht/{name}.json")
    assert status == 200 and "immutable" in headers["cache-control"]
    assert json.loads(body)["numbers"][0]["phones"][0]["tel"] == "tel:911"


def test_caddy_and_the_worker_know_the_part() -> None:
    path = "/api/directory/ar/numbers-0-4993f57ebd6a4318.json"
    assert re.match(tls.PART, path)
    assert re.fullmatch(PartConvertor.regex, "numbers-0-4993f57ebd6a4318")
    source = SW.read_text()
    worker = re.search(r"const isPart = \(path\) => /(.+)/\.test\(path\);", source)
    assert worker and re.match(worker.group(1).replace("\\/", "/"), path)
    assert "data.numbers" in source  # saved with the locale's directory


def test_the_worker_saves_the_page_with_each_locale() -> None:
    assert routes.numbers("@") in config()["pages"]
    assert re.match(config()["publicPath"], "/ar/numbers")  # no websocket while reading it
