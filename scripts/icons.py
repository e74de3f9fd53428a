"""Draw the app icons (the favicon's compass) as PNGs, with no imaging library.

python scripts/icons.py   -> assets/icons/icon-192.png, icon-512.png, maskable-512.png
"""

from __future__ import annotations

import math
import struct
import zlib
from pathlib import Path

OUT = Path(__file__).resolve().parent.parent / "assets" / "icons"
TEAL, WHITE, AMBER = (19, 78, 74), (255, 255, 255), (251, 191, 36)
# The favicon's needle on a 64-unit grid: M40 24 l-5 13 -11 3 5 -13 z
NEEDLE: list[tuple[float, float]] = [(40, 24), (35, 37), (24, 40), (29, 27)]


def _inside(point: tuple[float, float], polygon: list[tuple[float, float]]) -> bool:
    x, y = point
    found = False
    for (x1, y1), (x2, y2) in zip(polygon, polygon[1:] + polygon[:1], strict=True):
        if (y1 > y) != (y2 > y) and x < (x2 - x1) * (y - y1) / (y2 - y1) + x1:
            found = not found
    return found


def _colour(u: float, v: float, scale: float, rounded: bool) -> tuple[int, int, int, int]:
    """The colour at (u, v) on the 64-unit grid; ``scale`` shrinks the drawing (maskable)."""
    if rounded and (min(u, 64 - u) < 14 and min(v, 64 - v) < 14):
        cx, cy = (14 if u < 32 else 50), (14 if v < 32 else 50)
        if math.hypot(u - cx, v - cy) > 14:
            return (0, 0, 0, 0)
    gu, gv = 32 + (u - 32) / scale, 32 + (v - 32) / scale
    if _inside((gu, gv), NEEDLE):
        return (*AMBER, 255)
    if abs(math.hypot(gu - 32, gv - 32) - 18) <= 2.5:
        return (*WHITE, 255)
    return (*TEAL, 255)


def draw(size: int, *, scale: float = 1.0, rounded: bool = True) -> bytes:
    """A PNG of the icon, 2x2 supersampled."""
    rows = []
    step = 64 / size
    for y in range(size):
        row = bytearray([0])
        for x in range(size):
            samples = [
                _colour((x + dx) * step, (y + dy) * step, scale, rounded)
                for dx in (0.25, 0.75)
                for dy in (0.25, 0.75)
            ]
            row.extend(round(sum(s[i] for s in samples) / 4) for i in range(4))
        rows.append(bytes(row))
    header = struct.pack(">IIBBBBB", size, size, 8, 6, 0, 0, 0)

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(b"".join(rows), 9))
        + chunk(b"IEND", b"")
    )


if __name__ == "__main__":
    OUT.mkdir(parents=True, exist_ok=True)
    (OUT / "icon-192.png").write_bytes(draw(192))
    (OUT / "icon-512.png").write_bytes(draw(512))
    # Maskable: full bleed, the drawing inside the 80% safe zone.
    (OUT / "maskable-512.png").write_bytes(draw(512, scale=0.8, rounded=False))
    print(f"icons in {OUT}")
