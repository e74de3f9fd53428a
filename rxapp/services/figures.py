"""Aggregate figures: how many people came, per day, with which needs, from where, sent where.

Counts only. The queries select numbers, codes and the needs column, never a name, phone or
message, and add the anonymous ``Tally`` of registrations that retention has deleted, so a
report over last year still counts everyone. Days are the centre's local days.

A referral counts on the day its registration arrived (as the tally keeps it); its key is
the service's slug, "" for a service since removed from the directory.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from zoneinfo import ZoneInfo

import sqlalchemy as sa
from sqlmodel import Session

from rxapp.models import Referral, Registration, Service, Tally
from rxapp.services.clock import day_start

_REG = Registration.__table__  # type: ignore[attr-defined]
_REFERRAL = Referral.__table__  # type: ignore[attr-defined]
_SERVICE = Service.__table__  # type: ignore[attr-defined]
_TALLY = Tally.__table__  # type: ignore[attr-defined]


@dataclass(frozen=True)
class Figures:
    """Counts over the days ``start`` to ``end`` (both included); lists are (key, count)."""

    start: dt.date
    end: dt.date
    per_day: list[tuple[str, int]]  # every day of the range, ISO date, zero-filled
    needs: list[tuple[str, int]]  # need slug, most frequent first
    nationalities: list[tuple[str, int]]  # ISO code ("" = not given), most frequent first
    referrals: list[tuple[str, int]]  # service slug ("" = service gone), most frequent first
    total: int


def _ranked(counts: Counter[str]) -> list[tuple[str, int]]:
    return sorted(((key, n) for key, n in counts.items() if n), key=lambda item: (-item[1], item[0]))


def _arrivals(session: Session, start: dt.date, bounds: list[dt.datetime]) -> Counter[str]:
    """Registrations held, per local day (ISO date) between the first and last bound."""
    arrived = _REG.c.created_at
    # Local days are not whole UTC days (and DST moves them), so each record's day is found
    # by comparing with every local midnight; grouped in a subquery, as PostgreSQL needs.
    index = sa.case(*[(arrived < bound, i) for i, bound in enumerate(bounds[1:])])
    days = sa.select(index.label("day")).where(arrived >= bounds[0], arrived < bounds[-1]).subquery()
    counts: Counter[str] = Counter()
    for day, count in session.execute(sa.select(days.c.day, sa.func.count()).group_by(days.c.day)):
        counts[(start + dt.timedelta(days=day)).isoformat()] = count
    return counts


def _live(session: Session, start: dt.date, days: int, tz: ZoneInfo) -> dict[str, Counter[str]]:
    """Counts of the registrations still held, per metric (as the tally names them)."""
    bounds = [day_start(start + dt.timedelta(days=i), tz) for i in range(days + 1)]
    in_range = sa.and_(_REG.c.created_at >= bounds[0], _REG.c.created_at < bounds[-1])
    counts = {"registrations": _arrivals(session, start, bounds), "need": Counter[str]()}
    # Needs are a JSON list: only that column is read, and counted here.
    for needs in session.execute(sa.select(_REG.c.needs).where(in_range)).scalars():
        counts["need"].update(needs)
    # Grouped by bare columns, None read as "": PostgreSQL refuses to group by an expression
    # whose parameters are not the selected expression's own.
    nationalities = (
        sa.select(_REG.c.nationality, sa.func.count()).where(in_range).group_by(_REG.c.nationality)
    )
    referrals = (
        sa.select(_SERVICE.c.slug, sa.func.count())
        .select_from(
            _REFERRAL.join(_REG, _REFERRAL.c.registration_id == _REG.c.id).outerjoin(
                _SERVICE, _REFERRAL.c.service_id == _SERVICE.c.id
            )
        )
        .where(in_range)
        .group_by(_SERVICE.c.slug)
    )
    for metric, query in (("nationality", nationalities), ("referral", referrals)):
        counts[metric] = Counter()
        for key, count in session.execute(query):
            counts[metric][key or ""] += count
    return counts


def _tallied(session: Session, start: dt.date, end: dt.date) -> Iterable[tuple[str, str, int]]:
    """(metric, key, count) of registrations retention deleted; registrations keyed by day."""
    in_range = sa.and_(_TALLY.c.day >= start, _TALLY.c.day <= end)
    arrivals = in_range & (_TALLY.c.metric == "registrations")
    per_day = sa.select(_TALLY.c.day, sa.func.sum(_TALLY.c.count)).where(arrivals).group_by(_TALLY.c.day)
    for day, count in session.execute(per_day):
        yield "registrations", day.isoformat(), int(count)
    others = (
        sa.select(_TALLY.c.metric, _TALLY.c.key, sa.func.sum(_TALLY.c.count))
        .where(in_range & (_TALLY.c.metric != "registrations"))
        .group_by(_TALLY.c.metric, _TALLY.c.key)
    )
    for metric, key, count in session.execute(others):
        yield metric, key, int(count)


def compute(*, session: Session, start: dt.date, end: dt.date, tz: ZoneInfo) -> Figures:
    """Counts over the local days ``start`` to ``end``, of records held and records retired."""
    if end < start:
        raise ValueError(f"the report ends ({end}) before it starts ({start})")
    days = (end - start).days + 1
    counts = _live(session, start, days, tz)
    for metric, key, count in _tallied(session, start, end):
        if metric in counts:
            counts[metric][key] += count
    per_day = [(d.isoformat(), counts["registrations"][d.isoformat()]) for d in _days(start, days)]
    return Figures(
        start=start,
        end=end,
        per_day=per_day,
        needs=_ranked(counts["need"]),
        nationalities=_ranked(counts["nationality"]),
        referrals=_ranked(counts["referral"]),
        total=sum(n for _, n in per_day),
    )


def _days(start: dt.date, days: int) -> Iterable[dt.date]:
    return (start + dt.timedelta(days=i) for i in range(days))


def to_csv(report: Figures) -> str:
    """The figures as one CSV table: ``section,key,count``."""
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(["section", "key", "count"])
    sections: list[tuple[str, list[tuple[str, int]]]] = [
        ("per_day", report.per_day),
        ("need", report.needs),
        ("nationality", report.nationalities),
        ("referral", report.referrals),
        ("total", [("", report.total)]),
    ]
    for section, rows in sections:
        writer.writerows((section, key, count) for key, count in rows)
    return out.getvalue()
