"""The reference code as a QR code, drawn on the server as SVG (no external service)."""

from __future__ import annotations

import io
import re

import segno

CODE = re.compile(r"^[A-Z0-9]{2,6}-[A-Z0-9]{4,8}$")


def qr_svg(code: str) -> bytes:
    """An SVG QR code of a reference code; ``ValueError`` for anything that is not one."""
    if not CODE.fullmatch(code):
        raise ValueError(f"not a reference code: {code!r}")
    buffer = io.BytesIO()
    segno.make_qr(code, error="m").save(
        buffer,
        kind="svg",
        scale=8,
        border=2,
        dark="#0f172a",
        light="#ffffff",
        xmldecl=False,
        svgns=True,
        title=code,
    )
    return buffer.getvalue()
