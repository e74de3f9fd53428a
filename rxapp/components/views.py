"""What the browser computes for each directory page (``computeView`` in
``assets/paso/directory.js``), as typed models: components read ``view.cards``, a misspelt
field fails when the pages are built, and each mode is a ``StrEnum``."""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum

from reflex.vars import ObjectVar

from rxapp.components import client
from rxapp.services.views import DocumentPublic, ExceptionPublic, LocationPublic, PhonePublic


class ListState(StrEnum):
    """Where a list stands: its data loading, its first cards (prerendered), ready..."""

    LOADING = "loading"
    FIRST = "first"  # the cards known when the page was built, until the live ones come
    SEARCHING = "searching"
    PARTIAL = "partial"  # some parts of the directory are in, more are coming
    READY = "ready"
    ERROR = "error"
    PARTIAL_ERROR = "partial-error"
    NOT_READY = "not-ready"  # the server's database is not migrated


class DetailState(StrEnum):
    """Where a service page stands."""

    LOADING = "loading"
    READY = "ready"
    ERROR = "error"
    NOT_READY = "not-ready"


class Near(StrEnum):
    """ "Nearest first": off, asking the phone for its position, on, or why not."""

    OFF = "off"
    ASKING = "asking"
    ON = "on"
    DENIED = "denied"
    UNAVAILABLE = "unavailable"


class Tone(StrEnum):
    """A status line's colour (with its icon; never colour alone)."""

    OPEN = "open"


@dataclass(frozen=True)
class Card:
    """One service in a list."""

    slug: str = ""
    name: str = ""
    organization: str = ""
    href: str = ""
    status: str = ""  # the open/closed line, "" until the phone's clock is known
    tone: str = ""
    first: bool = False  # a card of the prerendered HTML: keep the status line's height
    free: bool = False
    nodocs: bool = False
    sample: bool = False
    other: bool = False  # partly in another language
    away: str = ""  # the distance, when "nearest first" is on


@dataclass(frozen=True)
class NeedLink:
    """A need suggested when a search finds nothing."""

    slug: str = ""
    label: str = ""
    href: str = ""


@dataclass(frozen=True)
class CentreCard:
    """The centre itself, offered when a search finds nothing."""

    name: str = ""
    href: str = ""
    phones: list[PhonePublic] = field(default_factory=list)
    address: str = ""
    directions: str = ""


@dataclass(frozen=True)
class ListView:
    """A need's list or the search results."""

    state: ListState = ListState.LOADING
    cards: list[Card] = field(default_factory=list)
    count: int = 0
    near: Near = Near.OFF
    more: bool = False
    found: str = ""  # "12 services found"
    progress: str = ""  # "Loading more services… 300 of 1,000"
    partial: bool = False  # the results match only some of the words
    nothing: bool = False
    suggest: list[NeedLink] = field(default_factory=list)
    centre: CentreCard | None = None


@dataclass(frozen=True)
class DayRow:
    """A weekday's opening hours ("" when closed), today's marked by the phone's clock."""

    day: str = ""
    hours: str = ""
    today: bool = False


@dataclass(frozen=True)
class DetailView:
    """One service's page (``detailView`` in ``assets/paso/logic.mjs``)."""

    found: bool = False
    state: DetailState = DetailState.LOADING
    slug: str = ""
    name: str = ""
    organization: str = ""
    description: str = ""
    eligibility: str = ""
    application_process: str = ""
    fees_description: str = ""
    is_free: bool = False
    no_documents_needed: bool = False
    is_sample: bool = False
    status: str = ""
    tone: str = ""
    verified: str = ""
    languages_text: str = ""
    interpretation: str = ""
    ages: str = ""  # "Ages 18 and over"
    hours_note: str = ""  # whose hours the table shows, or that each place has its own
    url: str = ""
    email: str = ""
    fallback_note: str = ""
    share: str = ""
    phones: list[PhonePublic] = field(default_factory=list)
    locations: list[LocationPublic] = field(default_factory=list)
    week: list[DayRow] = field(default_factory=list)
    upcoming: list[ExceptionPublic] = field(default_factory=list)
    documents: list[DocumentPublic] = field(default_factory=list)  # to bring


class BackKind(StrEnum):
    """Where a service page was opened from."""

    SEARCH = "search"
    NEED = "need"
    HOME = "home"


@dataclass(frozen=True)
class BackLink:
    """Where a service page's back link leads (``client.back``, set by ``directory.js``)."""

    href: str = ""
    kind: BackKind = BackKind.HOME


def back_link() -> ObjectVar[BackLink]:
    """The service page's back link, typed."""
    return client.back.value.to(ObjectVar, BackLink)


def counts(view: client.View) -> ObjectVar[dict[str, int]]:
    """How many services answer each need (the home page's view): need slug -> count."""
    return view.value.to(dict[str, int])


def list_view(view: client.View) -> ObjectVar[ListView]:
    """A list page's view, typed."""
    return view.value.to(ObjectVar, ListView)


def detail_view(view: client.View) -> ObjectVar[DetailView]:
    """A service page's view, typed."""
    return view.value.to(ObjectVar, DetailView)
