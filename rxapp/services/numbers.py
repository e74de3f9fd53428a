"""Important numbers: validating, adding, editing, ordering and removing them.

Every change moves the directory revision (``content.bump_revision``), so the next snapshot
rebuilds the numbers part and the index, and nothing else (no service is stamped).
"""

from __future__ import annotations

import re
from enum import StrEnum
from typing import Any

import phonenumbers
from pydantic import BaseModel, Field, field_validator
from sqlmodel import Session, func, select

from rxapp import models as m
from rxapp.services import content
from rxapp.services import text as text_rules
from rxapp.services.phone import CENTRE_REGION, parse_phone
from rxapp.taxonomy import N_

NAME_MAX, PURPOSE_MAX, HOURS_MAX, PHONE_MAX = 200, 500, 200, 40
SLUG_MAX = 60
_SHORT = re.compile(r"^\d{2,6}$")  # 911, 089: short codes dialled as they are
# Each group's heading (msgids), in list order: the public page and the desk show them.
GROUP_LABELS = {
    m.NumberGroup.EMERGENCY: N_("Emergencies"),
    m.NumberGroup.PROTECTION: N_("Asylum, rights and protection"),
    m.NumberGroup.CONSULATE: N_("Consulates"),
    m.NumberGroup.FAMILY: N_("Finding your family"),
    m.NumberGroup.CENTRE: N_("This centre"),
}


class NumberProblem(StrEnum):
    """Why a number was refused."""

    NO_NAME = "no_name"
    NO_PHONE = "no_phone"
    BAD_PHONE = "bad_phone"
    BAD_WHATSAPP = "bad_whatsapp"  # WhatsApp needs a full number with its country code
    NOT_FOUND = "not_found"


class NumberError(ValueError):
    """A refusal, with its ``problem`` (the desk puts it in words)."""

    def __init__(self, problem: NumberProblem, field: str = "") -> None:
        super().__init__(problem.value)
        self.problem, self.field = problem, field


def _checked(value: Any) -> bool:
    # A form's checkbox sends "on" when ticked and nothing otherwise.
    return value is True or (isinstance(value, str) and value.lower() in {"on", "true", "1"})


class NumberInput(BaseModel):
    """A number as the desk's form sends it (texts in the desk's language)."""

    name: str = Field(max_length=NAME_MAX)
    purpose: str = Field(default="", max_length=PURPOSE_MAX)
    hours: str = Field(default="", max_length=HOURS_MAX)
    always_open: bool = False
    phone: str = Field(max_length=PHONE_MAX)
    other_phone: str = Field(default="", max_length=PHONE_MAX)
    whatsapp: bool = False
    whatsapp_number: str = Field(default="", max_length=PHONE_MAX)
    group: m.NumberGroup = m.NumberGroup.PROTECTION

    @field_validator("always_open", "whatsapp", mode="before")
    @classmethod
    def _box(cls, value: Any) -> bool:
        return _checked(value)

    @field_validator("name", "purpose", "hours", "phone", "other_phone", "whatsapp_number", mode="before")
    @classmethod
    def _strip(cls, value: Any) -> Any:
        return value.strip() if isinstance(value, str) else value


def normalise(raw: str) -> str:
    """A typed number as stored: E.164 (``+529625550100``) or a short code (``911``);
    ``NumberError(BAD_PHONE)`` when it is neither."""
    text = raw.strip()
    digits = re.sub(r"[\s\-().]", "", text)
    if _SHORT.match(digits):
        if phonenumbers.is_valid_short_number(phonenumbers.parse(digits, CENTRE_REGION)):
            return digits
        raise NumberError(NumberProblem.BAD_PHONE, "phone")
    try:
        return parse_phone(text).e164
    except ValueError:
        raise NumberError(NumberProblem.BAD_PHONE, "phone") from None


def display(number: str) -> str:
    """A stored number as people read it (``+52 962 555 0100``; a short code as it is)."""
    if not number.startswith("+"):
        return number
    return phonenumbers.format_number(
        phonenumbers.parse(number), phonenumbers.PhoneNumberFormat.INTERNATIONAL
    )


def _checked_fields(data: NumberInput) -> dict[str, Any]:
    """The stored values of a form, or ``NumberError`` for the first problem."""
    if not data.name:
        raise NumberError(NumberProblem.NO_NAME, "name")
    if not data.phone:
        raise NumberError(NumberProblem.NO_PHONE, "phone")
    phones = [normalise(data.phone)]
    if data.other_phone:
        phones.append(normalise(data.other_phone))
    whatsapp_number = ""
    if data.whatsapp:
        main = normalise(data.whatsapp_number) if data.whatsapp_number else phones[0]
        if not main.startswith("+"):  # wa.me takes a full number with its country code
            raise NumberError(NumberProblem.BAD_WHATSAPP, "whatsapp_number")
        whatsapp_number = "" if main == phones[0] else main
    return {
        "phones": list(dict.fromkeys(phones)),
        "whatsapp": data.whatsapp,
        "whatsapp_number": whatsapp_number,
        "always_open": data.always_open,
        "group": data.group,
    }


def ordered(*, session: Session) -> list[m.ImportantNumber]:
    """Every number in list order: by group (emergencies first), then position."""
    rows = session.exec(select(m.ImportantNumber)).all()
    rank = {group: i for i, group in enumerate(m.NumberGroup)}
    return sorted(rows, key=lambda n: (rank[n.group], n.position, n.id or 0))


def _slug(session: Session, name: str) -> str:
    base = "-".join(text_rules.normalize(name).split())[:SLUG_MAX].strip("-") or "number"
    slug, number = base, 1
    while session.exec(select(m.ImportantNumber.id).where(m.ImportantNumber.slug == slug)).first():
        number += 1
        slug = f"{base}-{number}"
    return slug


def _last(session: Session, group: m.NumberGroup) -> int:
    found = session.exec(
        select(func.max(m.ImportantNumber.position)).where(m.ImportantNumber.group == group)
    ).one()
    return int(found or 0)


def _save(session: Session, number: m.ImportantNumber, data: NumberInput, values: dict[str, Any]) -> None:
    for key, value in values.items():
        setattr(number, key, value)
    content.set_source_texts(number, {"name": data.name, "purpose": data.purpose, "hours": data.hours})
    number.updated_at = m.utcnow()
    session.add(number)
    content.bump_revision(session)


def create(
    *, session: Session, data: NumberInput, source_locale: str, is_sample: bool = False, slug: str = ""
) -> m.ImportantNumber:
    """Add a number at the end of its group (flushed with a new revision; the caller commits)."""
    values = _checked_fields(data)
    number = m.ImportantNumber(
        slug=slug or _slug(session, data.name),
        name="",
        source_locale=source_locale,
        is_sample=is_sample,
        position=_last(session, data.group) + 1,
    )
    _save(session, number, data, values)
    session.flush()
    return number


def get(*, session: Session, number_id: int) -> m.ImportantNumber:
    """One number, or ``NumberError(NOT_FOUND)``."""
    number = session.get(m.ImportantNumber, number_id)
    if number is None:
        raise NumberError(NumberProblem.NOT_FOUND)
    return number


def update(*, session: Session, number_id: int, data: NumberInput) -> m.ImportantNumber:
    """Change a number's texts and numbers (a changed text's translations become outdated)."""
    number = get(session=session, number_id=number_id)
    values = _checked_fields(data)
    if values["group"] != number.group:
        number.position = _last(session, values["group"]) + 1
    _save(session, number, data, values)
    session.flush()
    return number


def move(*, session: Session, number_id: int, step: int) -> m.ImportantNumber:
    """Move a number up (-1) or down (+1) within its group."""
    number = get(session=session, number_id=number_id)
    group = [n for n in ordered(session=session) if n.group == number.group]
    at = next(i for i, n in enumerate(group) if n.id == number.id)
    to = at + (1 if step > 0 else -1)
    if 0 <= to < len(group):
        group[at], group[to] = group[to], group[at]
        for position, row in enumerate(group, start=1):
            row.position = position
            session.add(row)
        content.bump_revision(session)
        session.flush()
    return number


def remove(*, session: Session, number_id: int) -> str:
    """Delete a number and its translations; returns its slug (for the audit log)."""
    number = get(session=session, number_id=number_id)
    slug = number.slug
    for row in session.exec(
        select(m.Translation).where(
            m.Translation.record_type == m.RecordType.NUMBER, m.Translation.record_id == number_id
        )
    ).all():
        session.delete(row)
    session.delete(number)
    content.bump_revision(session)
    session.flush()
    return slug


def edit_values(number: m.ImportantNumber) -> dict[str, Any]:
    """A stored number as the desk's form shows it (numbers in international format)."""
    phones = [display(p) for p in number.phones]
    return {
        "id": number.id,
        "name": number.name,
        "purpose": number.purpose,
        "hours": number.hours,
        "always_open": number.always_open,
        "phone": phones[0] if phones else "",
        "other_phone": phones[1] if len(phones) > 1 else "",
        "whatsapp": number.whatsapp,
        "whatsapp_number": display(number.whatsapp_number) if number.whatsapp_number else "",
        "group": number.group.value,
    }


def ids_by_slug(*, session: Session) -> dict[str, int]:
    """Every number's id by slug."""
    rows = session.exec(select(m.ImportantNumber.slug, m.ImportantNumber.id)).all()
    return {slug: number_id for slug, number_id in rows if number_id is not None}


__all__ = ["NumberError", "NumberInput", "NumberProblem"]
