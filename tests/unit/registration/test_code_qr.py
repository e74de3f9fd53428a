"""The phone draws the registration code's QR code itself (assets/paso/code.mjs): the same
modules as the server's segno for the same mask, so the desk's scanner reads the same code."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest
import segno

from rxapp.services.registration import new_reference

ROOT = Path(__file__).resolve().parents[3]
SCRIPT = """
import { qrModules } from %s;
const codes = JSON.parse(process.argv[1]);
console.log(JSON.stringify(codes.map((code) => {
  const { rows, mask, version } = qrModules(code);
  return { mask, version, rows: rows.map((r) => r.map((b) => (b ? "1" : "0")).join("")) };
})));
"""


def _drawn_on_the_phone(codes: list[str]) -> list[dict[str, object]]:
    node = shutil.which("node")
    if node is None:
        pytest.fail("node is needed to run the phone's QR encoder (Node 20 is on the machine)")
    module = json.dumps((ROOT / "assets" / "paso" / "code.mjs").as_uri())
    done = subprocess.run(
        [node, "--input-type=module", "-e", SCRIPT % module, json.dumps(codes)],
        capture_output=True,
        text=True,
        check=True,
    )
    return list(json.loads(done.stdout))


PREFIXES = ["MTZ", "TAP", "PASO01"]


@pytest.fixture(scope="module")
def drawn() -> dict[str, list[tuple[str, dict[str, object]]]]:
    """Twelve codes per prefix with what the phone draws for each, in one run of node."""
    codes = {prefix: [new_reference(prefix) for _ in range(12)] for prefix in PREFIXES}
    every = [code for prefix in PREFIXES for code in codes[prefix]]
    by_code = dict(zip(every, _drawn_on_the_phone(every), strict=True))
    return {prefix: [(code, by_code[code]) for code in codes[prefix]] for prefix in PREFIXES}


@pytest.mark.parametrize("prefix", PREFIXES)
def test_the_phone_draws_the_servers_qr_code(
    prefix: str, drawn: dict[str, list[tuple[str, dict[str, object]]]]
) -> None:
    """Issue 14: the saved code's QR was a broken image offline (an image from the server).
    Now the phone encodes it; the modules must be the ones segno draws with the same mask."""
    assert len(drawn[prefix]) == 12
    for code, phone in drawn[prefix]:
        server = segno.make_qr(code, error="m", mask=int(str(phone["mask"])))
        assert phone["version"] == server.version, code
        border = 4
        rows = [row[border:-border] for row in list(phone["rows"])[border:-border]]  # type: ignore[call-overload]
        assert rows == ["".join("1" if b else "0" for b in row) for row in server.matrix], code
