"""The files an HSDS import reads: one JSON document or a list, or a folder of them.

A folder is read as ``hsds-export`` writes it: every ``*.json`` in it, except the taxonomy files
(Paso's needs are its own taxonomy, fixed in code: a service names them through its attributes).
Every file is read and every document checked before anything is imported, and every problem is
reported with its file and JSON path.

``scan`` reads in two passes so that an import holds one document at a time, not all of them:
the first decodes and checks each document of a list and keeps only where it is in the file
(10,000 compiled services held at once took ~430 MB); the second, as the import asks, reads them
again one by one, organizations first, then services, then locations (a service may name an
organization the same import brings).
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from rxapp.services.hsds.reading import Document, InvalidDocumentError, Location, Organization, Service, parse
from rxapp.services.hsds.reading import leftovers as left_out

SKIPPED = ("taxonomies.json", "taxonomy_terms.json")
ORDER: tuple[type[Document], ...] = (Organization, Service, Location)  # the order they are imported in
_DECODER = json.JSONDecoder()
_BLANK = " \t\n\r"


def files(path: Path) -> list[Path]:
    """The JSON files to read at ``path`` (a file, or a folder's ``*.json`` but the taxonomies)."""
    if path.is_dir():
        return sorted(p for p in path.glob("*.json") if p.name not in SKIPPED)
    return [path]


@dataclass(frozen=True)
class _Place:
    """Where one document is: its file, its characters there, its path, what it is."""

    file: Path
    start: int
    end: int
    where: str
    kind: type[Document]


@dataclass
class Source:
    """The checked documents at a path, read again one at a time in import order by iterating."""

    places: list[_Place]
    leftovers: list[tuple[str, str]]  # (path, "not kept"/"unknown") of every document

    def __len__(self) -> int:
        return len(self.places)

    def __iter__(self) -> Iterator[tuple[str, Document]]:
        for kind in ORDER:
            by_file: dict[Path, list[_Place]] = {}
            for place in self.places:
                if place.kind is kind:
                    by_file.setdefault(place.file, []).append(place)
            for file, places in by_file.items():
                text = file.read_text(encoding="utf-8")
                for place in places:
                    (where, doc), *_ = parse(json.loads(text[place.start : place.end]), place.where)
                    yield where, doc


def _elements(text: str, name: str) -> Iterator[tuple[int, int, str, Any]]:
    """The file's documents as (start, end, path, decoded): each element of a top-level list, or the
    one document; ``json.JSONDecodeError`` (with the line and column in the file) if it is not JSON."""
    start = len(text) - len(text.lstrip(_BLANK))
    if not text.startswith("[", start):
        value, end = _DECODER.raw_decode(text, start)
        if text[end:].strip(_BLANK):
            raise json.JSONDecodeError(
                "Extra data", text, end + len(text[end:]) - len(text[end:].lstrip(_BLANK))
            )
        yield start, end, f"{name}:$", value
        return
    index, position = 0, _skip(text, start + 1)
    if text.startswith("]", position):
        position += 1
    else:
        while True:
            value, end = _DECODER.raw_decode(text, position)
            yield position, end, f"{name}:$[{index}]", value
            index, position = index + 1, _skip(text, end)
            if text.startswith("]", position):
                position += 1
                break
            if not text.startswith(",", position):
                raise json.JSONDecodeError("Expecting ',' delimiter", text, position)
            position = _skip(text, position + 1)
    if text[position:].strip(_BLANK):
        raise json.JSONDecodeError("Extra data", text, _skip(text, position))


def _skip(text: str, position: int) -> int:
    while position < len(text) and text[position] in _BLANK:
        position += 1
    return position


def scan(path: Path) -> Source:
    """The documents at ``path``, every one checked; ``InvalidDocumentError`` if any is wrong."""
    if not path.exists():
        raise InvalidDocumentError([f"{path}: no such file or folder"])
    places: list[_Place] = []
    found: list[tuple[str, str]] = []
    problems: list[str] = []
    for file in files(path):
        try:
            text = file.read_text(encoding="utf-8")
        except UnicodeDecodeError as error:
            problems.append(f"{file.name}: not UTF-8 text ({error.reason})")
            continue
        mistakes: list[str] = []  # this file's; a file that is not JSON says only that
        try:
            for start, end, where, value in _elements(text, file.name):
                if not isinstance(value, dict):
                    mistakes.append(f"{where}: expected an HSDS object (a service, organization or location)")
                    continue
                try:
                    (_, doc), *_ = parse(value, where)
                except InvalidDocumentError as error:
                    mistakes += error.problems
                    continue
                found += left_out(where, doc)
                places.append(_Place(file, start, end, where, type(doc)))
        except json.JSONDecodeError as error:
            mistakes = [f"{file.name}: not JSON: line {error.lineno} column {error.colno}: {error.msg}"]
        problems += mistakes
    if problems:
        raise InvalidDocumentError(problems)
    return Source(places, found)


def read(path: Path) -> list[tuple[str, Document]]:
    """Every document at ``path``, each with its file and JSON path, held (in import order)."""
    return list(scan(path))
