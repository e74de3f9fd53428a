"""The files an HSDS import reads: one JSON document or a list, or a folder of them.

A folder is read as ``hsds-export`` writes it: every ``*.json`` in it, except the taxonomy files
(Paso's needs are its own taxonomy, fixed in code: a service names them through its attributes).
Every file is parsed before anything is imported, and every problem is reported with its file and
JSON path.
"""

from __future__ import annotations

import json
from pathlib import Path

from rxapp.services.hsds.reading import Document, InvalidDocumentError, parse

SKIPPED = ("taxonomies.json", "taxonomy_terms.json")


def files(path: Path) -> list[Path]:
    """The JSON files to read at ``path`` (a file, or a folder's ``*.json`` but the taxonomies)."""
    if path.is_dir():
        return sorted(p for p in path.glob("*.json") if p.name not in SKIPPED)
    return [path]


def read(path: Path) -> list[tuple[str, Document]]:
    """Every document at ``path``, each with its file and JSON path; ``InvalidDocumentError`` if any is wrong."""
    if not path.exists():
        raise InvalidDocumentError([f"{path}: no such file or folder"])
    found: list[tuple[str, Document]] = []
    problems: list[str] = []
    for file in files(path):
        try:
            raw = json.loads(file.read_text(encoding="utf-8"))
        except UnicodeDecodeError as error:
            problems.append(f"{file.name}: not UTF-8 text ({error.reason})")
            continue
        except json.JSONDecodeError as error:
            problems.append(f"{file.name}: not JSON: line {error.lineno} column {error.colno}: {error.msg}")
            continue
        try:
            found += parse(raw, f"{file.name}:$")
        except InvalidDocumentError as error:
            problems += error.problems
    if problems:
        raise InvalidDocumentError(problems)
    return found
