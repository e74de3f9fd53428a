"""The HSDS dataset as the HSDS 3.0 tabular form: one CSV per table and a ``datapackage.json``.

The rows come from flattening the same compiled documents the JSON export writes, in one pass:
every scalar property is a column; a property holding another table's records (``NESTED``) becomes
rows of that table, and the records of a list get their parent's id when they lack it (a location's
phone its ``location_id``); any other object (the ``translation_status`` extension) is written as
JSON. A record already written (an organization or place several services share) is written once,
first come, first kept. Rows stream to the CSV writers as they are found.
"""

from __future__ import annotations

import csv
import json
import re
from contextlib import ExitStack
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any

from rxapp.services.hsds.tables import NESTED, PASO, TABLES, descriptor

if TYPE_CHECKING:
    from rxapp.services.hsds.export import Dataset

FOLDER = "datapackage"  # inside the export's folder
# HSDS's JSON writes a time as "HH:MM" with its offset ("09:00-06:00", as schedule.json asks);
# a Table Schema `time` needs the seconds ("09:00:00-06:00"), or a validator refuses the cell.
_HOURS_MINUTES = re.compile(r"^(\d{2}:\d{2})(Z|[+-]\d{2}:\d{2})?$")


class _Package:
    """The open CSV writers of one package, and the ids each table has written."""

    def __init__(self, folder: Path, stack: ExitStack) -> None:
        self.folder = folder
        self.stack = stack
        self.writers: dict[str, Any] = {}  # table -> its csv writer
        self.columns: dict[str, tuple[list[str], frozenset[str]]] = {}
        self.seen: dict[str, set[str]] = {}
        self.times: dict[str, frozenset[str]] = {}  # table -> its time columns
        for name in PASO:
            self._writer(name)

    def _writer(self, name: str) -> Any:
        if name not in self.writers:
            table = TABLES[name]
            file: IO[str] = self.stack.enter_context(
                (self.folder / table.path).open("w", encoding="utf-8", newline="")
            )
            # RFC 4180: CRLF line ends, a field quoted when it holds a comma, quote or line break.
            writer = csv.writer(file, lineterminator="\r\n")
            writer.writerow(table.names)
            self.writers[name], self.seen[name] = writer, set()
            self.columns[name] = (table.names, frozenset(table.names))
            self.times[name] = frozenset(f["name"] for f in table.fields if f["type"] == "time")
        return self.writers[name]

    def add(self, name: str, record: dict[str, Any], parent: tuple[str, str] | None = None) -> None:
        """Write ``record`` as a row of table ``name`` (unless written before), then its nested records."""
        writer = self._writer(name)
        if record["id"] in self.seen[name]:
            return
        self.seen[name].add(record["id"])
        row: dict[str, Any] = {}
        children: list[tuple[str, dict[str, Any], bool]] = []
        for key, value in record.items():
            if key in NESTED and isinstance(value, list):
                children += ((NESTED[key], item, True) for item in value)
            elif key in NESTED and isinstance(value, dict):
                children.append((NESTED[key], value, False))
            else:
                row[key] = _cell(value)
        names, known = self.columns[name]
        if parent and parent[0] in known and not row.get(parent[0]):
            row[parent[0]] = parent[1]
        if not known.issuperset(row):  # a new document field: declare it in tables.py and docs/hsds.md
            raise ValueError(f"{name} has no column for {', '.join(sorted(row.keys() - known))}")
        for column in self.times[name] & row.keys():
            row[column] = _HOURS_MINUTES.sub(r"\1:00\2", row[column])
        writer.writerow([row.get(column, "") for column in names])
        for table, child, owned in children:
            self.add(table, child, (f"{name}_id", record["id"]) if owned else None)


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, dict | list):
        return json.dumps(value, ensure_ascii=False, sort_keys=True)
    return str(value)


class Package:
    """The package being written into ``folder``: ``add`` records as they come; on leaving,
    ``datapackage.json`` lists the tables written, and ``paths`` has every file."""

    def __init__(self, folder: Path, locale: str) -> None:
        self.folder, self.locale = folder, locale
        self.paths: list[Path] = []
        self._stack = ExitStack()
        self._package: _Package | None = None

    def __enter__(self) -> Package:
        self.folder.mkdir(parents=True, exist_ok=True)
        for stale in self.folder.glob("*.csv"):  # a table an earlier export had and this one has not
            stale.unlink()
        self._package = _Package(self.folder, self._stack.__enter__())
        return self

    def add(self, name: str, record: dict[str, Any]) -> None:
        """Write ``record`` (and what it nests) as rows, unless written before."""
        assert self._package is not None, "use Package in a with block"
        self._package.add(name, record)

    def __exit__(self, *exc: object) -> None:
        self._stack.__exit__(None, None, None)
        if exc[0] is not None or self._package is None:
            return
        names = [name for name in TABLES if name in self._package.writers]
        meta = self.folder / "datapackage.json"
        text = json.dumps(descriptor(names, self.locale), ensure_ascii=False, indent=1)
        meta.write_text(text + "\n", encoding="utf-8")
        self.paths = [self.folder / TABLES[name].path for name in names] + [meta]


def write(dataset: Dataset, folder: Path) -> list[Path]:
    """Write the package of a held dataset into ``folder``; the paths written."""
    with Package(folder, dataset.locale) as package:
        # The lists first, so their rows keep the JSON files' order; then what only services hold.
        for name, docs in (
            ("organization", dataset.organizations),
            ("taxonomy", dataset.taxonomies),
            ("taxonomy_term", dataset.taxonomy_terms),
            ("service", dataset.services),
        ):
            for doc in docs:
                package.add(name, doc)
    return package.paths
