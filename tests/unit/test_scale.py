"""Several workers behind Caddy (scripts/scale.py): what it refuses, and the proxy it writes."""

from __future__ import annotations

import re

import pytest

from rxapp.settings import get_settings
from scripts import scale, tls

GOOD = {
    "REFLEX_DB_URL": "postgresql+psycopg://paso@db/paso",
    "REFLEX_REDIS_URL": "redis://db:6379/0",
    "PASO_PUBLIC_URL": "https://192.168.1.10:8443",
}


@pytest.mark.parametrize(
    ("change", "words"),
    [
        ({"REFLEX_DB_URL": ""}, "need PostgreSQL"),
        ({"REFLEX_DB_URL": "sqlite:///data/paso.db"}, "need PostgreSQL"),
        ({"REFLEX_REDIS_URL": ""}, "need Redis"),
        ({"PASO_PUBLIC_URL": "http://192.168.1.10:8000"}, "https://"),
    ],
)
def test_several_workers_refuse_what_cannot_be_shared(change: dict[str, str], words: str) -> None:
    reason = scale.refusal(GOOD | change)
    assert reason is not None and words in reason


def test_postgresql_redis_and_https_are_enough() -> None:
    assert scale.refusal(GOOD) is None


def test_caddy_spreads_phones_over_healthy_workers() -> None:
    text = tls.caddyfile_text("https://192.168.1.10:8443", [8000, 8001])
    assert "reverse_proxy 127.0.0.1:8000 127.0.0.1:8001 {" in text
    assert "health_uri /ping" in text and "lb_try_duration" in text


def test_one_app_is_proxied_plainly() -> None:
    assert "reverse_proxy 127.0.0.1:8000\n" in tls.caddyfile_text("https://192.168.1.10:8443", [8000])


def test_the_public_port_is_not_a_workers_port() -> None:
    with pytest.raises(SystemExit, match="must differ"):
        tls.caddyfile_text("https://192.168.1.10:8443", [8443, 8444])


def test_caddy_serves_the_snapshot_parts_from_disk_and_the_index_from_the_app() -> None:
    """The parts are immutable files the app writes (issue 17): Caddy serves them, with their
    gzip beside; the index, revalidated on every visit, and anything else go to the app."""
    text = tls.caddyfile_text("https://192.168.1.10:8443", [8000])
    assert f"root * {get_settings().data_dir / 'snapshots'}" in text and "precompressed gzip" in text
    assert text.index("handle @part") < text.index("reverse_proxy")  # Caddy's handles: first match wins
    part = re.compile(tls.PART)
    assert part.match("/api/directory/es/cards-0-4993f57ebd6a4318.json")
    assert part.match("/api/directory/pt-BR/detail-12-0abc.json")
    assert not part.match("/api/directory/es/index.json")
    assert not part.match("/api/directory/es/search.json")
    assert not part.match("/api/directory/es/../../secret_key.json")
