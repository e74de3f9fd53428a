"""What a phone gets of the important numbers: one snapshot part per locale, ``numbers-0-<hash>``,
named in the index as ``"numbers"`` (``rxapp.services.snapshot``), saved offline with the rest.

Built whole at every snapshot update: a few dozen rows in two queries, and a part that did not
change keeps its name (its content's hash), so phones download it again only when it changed.
"""

from __future__ import annotations

from typing import Any

from sqlmodel import Session, select

from rxapp import models as m
from rxapp.i18n import catalogs, formatting
from rxapp.services.localize import localize
from rxapp.services.numbers import display, ordered
from rxapp.services.phone import call_links
from rxapp.settings import get_settings
from rxapp.taxonomy import N_

FIELDS = ("name", "purpose", "hours")


def fallback_note(others: list[str], locale: str) -> str:
    """The sentence saying some texts are shown in other languages, and which (as services say)."""
    if not others:
        return ""
    names = formatting.join([formatting.language_name(tag, locale) for tag in others], locale)
    template = catalogs.gettext(
        locale, N_("Some of this text is not translated yet and is shown in {languages}.")
    )
    return template.format(languages=names)


def _centre(session: Session, locale: str) -> str:
    """The centre's name, printed on the sheet (its organisation's, in the locale)."""
    slug = get_settings().centre_service
    service = session.exec(select(m.Service).where(m.Service.slug == slug)).first()
    org = session.get(m.Organization, service.organization_id) if service else None
    if org is None or org.id is None:
        return ""
    return localize(session, [org], locale)[(org.id, "name")].text


def entry(number: m.ImportantNumber, texts: dict[tuple[int, str], Any], locale: str) -> dict[str, Any]:
    """One number as the page renders it: texts in the locale (or its fallback), ready links."""
    assert number.id is not None
    shown = {name: texts[(number.id, name)] for name in FIELDS}
    if number.always_open:  # its hours in words are not shown
        del shown["hours"]
    used = {text.locale for text in shown.values() if text.text}
    main_whatsapp = number.whatsapp_number or (number.phones[0] if number.phones else "")
    return {
        "slug": number.slug,
        "group": number.group.value,
        "name": shown["name"].text,
        "purpose": shown["purpose"].text,
        "hours": shown["hours"].text if "hours" in shown else "",
        "always": number.always_open,
        "phones": [{"number": display(p), "tel": call_links(p, whatsapp=False)[0]} for p in number.phones],
        "whatsapp": call_links(main_whatsapp, whatsapp=True)[1] if number.whatsapp else None,
        # Only when it is not the number already shown for calls.
        "whatsapp_number": display(number.whatsapp_number)
        if number.whatsapp and number.whatsapp_number
        else "",
        "sample": number.is_sample,
        "note": fallback_note(sorted(used - {locale}), locale),
    }


def part(*, session: Session, locale: str) -> dict[str, Any]:
    """The numbers part of a locale: the centre's name and every number in list order."""
    numbers = ordered(session=session)
    texts = localize(session, numbers, locale)
    return {"centre": _centre(session, locale), "numbers": [entry(n, texts, locale) for n in numbers]}
