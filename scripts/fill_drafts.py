"""Fill the empty or fuzzy entries of the interface catalogs from tables of drafted translations.

    .venv/bin/python scripts/fill_drafts.py drafts.json [more.json ...]

Each table is JSON ``{msgid: {locale: text, or [plural forms]}}``. Only entries that are empty
or fuzzy change: each gets its draft, loses the ``fuzzy`` flag (gettext drops fuzzy entries) and
gains the ``# unreviewed`` comment until a native speaker reviews it. English keeps empty
msgstrs (the msgid is the text); only its fuzzy flags go. Stops, naming the msgid, when a draft
is missing or has the wrong number of plural forms. Run ``make i18n-update`` first and
``make i18n-check`` after.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

from babel.messages.pofile import read_po, write_po

ROOT = Path(__file__).resolve().parent.parent / "translations"


def _filled(text: Any) -> bool:
    return all(text) if isinstance(text, (tuple, list)) else bool(text)


def fill(locale: str, table: dict[str, dict[str, Any]]) -> int:
    """Fill one locale's catalog; the number of entries changed."""
    path = ROOT / locale / "LC_MESSAGES" / "messages.po"
    with path.open("rb") as handle:
        catalog = read_po(handle, locale=locale)
    changed = 0
    for message in catalog:
        if not message.id or (_filled(message.string) and not message.fuzzy):
            continue
        if locale == "en" and not message.fuzzy:  # English msgstrs stay empty: nothing to do
            continue
        key = message.id[0] if isinstance(message.id, (tuple, list)) else message.id
        if locale == "en":
            message.string = ("",) * catalog.num_plurals if isinstance(message.id, tuple) else ""
        else:
            draft = table.get(key, {}).get(locale)
            if not draft:
                sys.exit(f"{locale}: no draft for {key!r}")
            if isinstance(message.id, tuple):
                if not isinstance(draft, list) or len(draft) != catalog.num_plurals:
                    sys.exit(f"{locale}: {key!r} needs {catalog.num_plurals} plural forms")
                message.string = tuple(draft)
            else:
                message.string = draft
            if "unreviewed" not in message.user_comments:
                message.user_comments.append("unreviewed")
        message.flags.discard("fuzzy")
        changed += 1
    with path.open("wb") as handle:
        write_po(handle, catalog, width=0)
    return changed


def main(paths: list[str]) -> int:
    """Command-line entry point."""
    if not paths:
        print(__doc__)
        return 2
    table: dict[str, dict[str, Any]] = {}
    for name in paths:
        for msgid, drafts in json.loads(Path(name).read_text(encoding="utf-8")).items():
            table.setdefault(msgid, {}).update(drafts)
    locales = sorted(p.name for p in ROOT.iterdir() if (p / "LC_MESSAGES" / "messages.po").exists())
    for locale in locales:
        print(f"{locale}: {fill(locale, table)} entries filled")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
