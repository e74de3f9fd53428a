"""Typed path parameters: a route matches only what the endpoint can mean, and everything
else falls through to Reflex (its page, or its "not found")."""

from __future__ import annotations

from starlette.convertors import Convertor, register_url_convertor


class _Text(Convertor[str]):
    def convert(self, value: str) -> str:
        return value

    def to_string(self, value: str) -> str:
        return value


class LocaleConvertor(_Text):
    """A BCP 47 tag's shape (``es``, ``pt-BR``); whether it is served is the endpoint's answer."""

    regex = r"[a-z]{2,3}(?:-[A-Za-z0-9]+)*"


class PartConvertor(_Text):
    """A snapshot file: the index, or a part named by its kind, number and content hash."""

    regex = r"index|(?:cards|detail|keys|words|numbers)-\d+-[0-9a-f]+"


class CodeConvertor(_Text):
    """A reference code's shape (``MTZ-7K4Q``); rxapp.services.qr checks the rest."""

    regex = r"[A-Z0-9-]{6,16}"


def register() -> None:
    """Make ``{x:locale}``, ``{x:part}`` and ``{x:code}`` known to Starlette's route paths."""
    register_url_convertor("locale", LocaleConvertor())
    register_url_convertor("part", PartConvertor())
    register_url_convertor("code", CodeConvertor())
