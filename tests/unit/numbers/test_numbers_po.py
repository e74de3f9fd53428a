"""Translators translate important numbers in the content ``.po`` files, like services' texts:
exported with their own context, imported back, counted in each language's completeness."""

from __future__ import annotations

import io

from babel.messages.pofile import read_po, write_po
from sqlalchemy.engine import Engine
from sqlmodel import Session, select

from rxapp import models as m
from rxapp.services.content_files import completeness
from rxapp.services.numbers_public import part
from rxapp.services.translation import export_po, import_po


def test_numbers_go_out_and_come_back_through_the_po_file(sample_copy: Engine) -> None:
    with Session(sample_copy) as session:
        comar = session.exec(select(m.ImportantNumber).where(m.ImportantNumber.slug == "comar-oficina")).one()
        catalog = read_po(io.BytesIO(export_po(session=session, locale="pt")))
        context = f"important_number:{comar.id}:purpose"
        entry = catalog.get(comar.purpose, context=context)
        assert entry is not None and isinstance(entry.string, str) and entry.string.startswith("Pedir asilo")
        assert "unreviewed" in entry.user_comments  # the sample's drafts say so
        entry.string = "Pedir asilo no México."
        entry.user_comments = []
        out = io.BytesIO()
        write_po(out, catalog, width=0)
        report = import_po(session=session, locale="pt", data=out.getvalue())
        assert (report.errors, report.updated) == ([], 1)
        shown = {n["slug"]: n for n in part(session=session, locale="pt")["numbers"]}
        assert shown["comar-oficina"]["purpose"] == "Pedir asilo no México."


def test_completeness_counts_the_numbers_texts(sample_copy: Engine) -> None:
    with Session(sample_copy) as session:
        before = completeness(session=session, locales=["fr"])["fr"]["total"]
        comar = session.exec(select(m.ImportantNumber).where(m.ImportantNumber.slug == "comar-oficina")).one()
        comar.hours = ""  # one text fewer to translate
        session.add(comar)
        session.commit()
        assert completeness(session=session, locales=["fr"])["fr"]["total"] == before - 1
