"""Directory editing as the desk shows it: labels, problems, dates and form values in the
desk's language. Plain functions to small typed rows and dicts of form values (what Reflex
state sends); no Reflex import, so they are unit-tested directly."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from rxapp import models as m
from rxapp import routes
from rxapp.access import words
from rxapp.desk.alerts_display import QuickLine, quick_lines
from rxapp.desk.service.form import RECEPTION
from rxapp.i18n.catalogs import Translator
from rxapp.i18n.countries import SPOKEN_EXTRA, spoken_languages
from rxapp.i18n.formatting import date_medium
from rxapp.i18n.locales import info
from rxapp.services import review
from rxapp.services.alerts import Showing
from rxapp.services.editing_input import FORM, EditProblem
from rxapp.services.editing_views import ServiceRow, Sheet, TextRow
from rxapp.services.translation import TranslationStatus
from rxapp.taxonomy import N_

# Registered with the desk's refusals: an EditError raised in a desk handler is worded from here.
PROBLEMS: Mapping[EditProblem, str] = words(
    {
        EditProblem.REQUIRED: N_("Write this, it cannot be empty."),
        EditProblem.TOO_LONG: N_("This is too long: shorten it."),
        EditProblem.INVALID_CHOICE: N_("Choose from the list."),
        EditProblem.BAD_WEEKDAY: N_("Choose a day of the week."),
        EditProblem.BAD_TIME: N_("Write a time such as 09:30."),
        EditProblem.BAD_DATE: N_("Write a date."),
        EditProblem.HOURS_NEEDED: N_("Special hours need an opening and a closing time."),
        EditProblem.DUPLICATE_DATE: N_("Each date can have only one exception."),
        EditProblem.BAD_COORDINATE: N_("Write a number such as 15.3671, or leave it empty."),
        EditProblem.PHONE_INVALID: N_(
            "Write the number with digits, spaces or dashes, such as +52 962 123 4567."
        ),
        EditProblem.WHATSAPP_NEEDS_PLUS: N_("For WhatsApp, write the number with + and the country code."),
        EditProblem.BAD_URL: N_("Write a web address that starts with https://."),
        EditProblem.BAD_EMAIL: N_("Write an email address such as name@example.org."),
        EditProblem.BAD_AGE: N_("Write an age in years, from 0 to 130, or leave it empty."),
        EditProblem.AGES_ORDER: N_("The maximum age cannot be below the minimum age."),
        EditProblem.BAD_EXTENSION: N_("Write the extension with digits only, or leave it empty."),
        EditProblem.BAD_COUNTRY: N_("Write a two-letter country code such as MX, or leave it empty."),
        EditProblem.TOO_MANY: N_("There are too many rows here."),
        EditProblem.SAME_LOCALE: N_(
            "This is the language of the original text: change the original instead."
        ),
        EditProblem.DOCUMENTS_CONTRADICT: N_(
            'A service with documents to bring cannot be "No documents needed": untick it or remove the documents.'
        ),
        EditProblem.NOT_FOUND: N_("This is no longer in the directory. Reload the page."),
        EditProblem.BAD_REQUEST: N_("The form could not be read. Try again."),
    }
)
CHECK_FIELDS = N_("Please correct the marked fields. Nothing you typed was lost.")
STATUSES: dict[m.ServiceStatus, str] = {
    m.ServiceStatus.ACTIVE: N_("Active"),
    m.ServiceStatus.TEMPORARILY_CLOSED: N_("Temporarily closed"),
    m.ServiceStatus.INACTIVE: N_("Inactive (not shown to the public)"),
}
TRANSLATION_STATUSES: dict[TranslationStatus, str] = {
    TranslationStatus.UP_TO_DATE: N_("Up to date"),
    TranslationStatus.OUTDATED: N_("Outdated"),
    TranslationStatus.MISSING: N_("Missing"),
}
RECORDS: dict[m.RecordType, str] = {
    m.RecordType.SERVICE: N_("Service"),
    m.RecordType.ORGANIZATION: N_("Organization"),
    m.RecordType.LOCATION: N_("Place"),
    m.RecordType.PHONE: N_("Phone"),
    m.RecordType.EXCEPTION: N_("Date with other hours"),
    m.RecordType.DOCUMENT: N_("Document to bring"),
    m.RecordType.ALERT: N_("Alert"),
    m.RecordType.NUMBER: N_("Important number"),
    m.RecordType.ACCESS: N_("Accessibility"),
}
FIELDS: dict[tuple[m.RecordType, str], str] = {
    (m.RecordType.SERVICE, "name"): N_("Name"),
    (m.RecordType.SERVICE, "description"): N_("What it offers"),
    (m.RecordType.SERVICE, "eligibility"): N_("Who can use it"),
    (m.RecordType.SERVICE, "application_process"): N_("How to get it"),
    (m.RecordType.SERVICE, "fees_description"): N_("Cost"),
    (m.RecordType.SERVICE, "interpretation_services"): N_("Interpretation"),
    (m.RecordType.ORGANIZATION, "name"): N_("Name"),
    (m.RecordType.ORGANIZATION, "description"): N_("Description"),
    (m.RecordType.LOCATION, "name"): N_("Name of the place"),
    (m.RecordType.LOCATION, "directions"): N_("Directions from a landmark"),
    (m.RecordType.ACCESS, "description"): N_("Accessibility"),
    (m.RecordType.ACCESS, "details"): N_("More about accessibility"),
    (m.RecordType.PHONE, "description"): N_("Description"),
    (m.RecordType.EXCEPTION, "note"): N_("Note"),
    (m.RecordType.DOCUMENT, "document"): N_("Document"),
    (m.RecordType.ALERT, "title"): N_("Title"),
    (m.RecordType.ALERT, "text"): N_("Text"),
    (m.RecordType.NUMBER, "name"): N_("Name"),
    (m.RecordType.NUMBER, "purpose"): N_("What it is for"),
    (m.RecordType.NUMBER, "hours"): N_("Hours, in words"),
}
# HSDS phone types, as the phone rows offer them.
PHONE_TYPES: dict[m.PhoneType, str] = {
    m.PhoneType.VOICE: N_("Phone calls"),
    m.PhoneType.CELL: N_("Mobile"),
    m.PhoneType.TEXT: N_("Text messages (SMS)"),
    m.PhoneType.FAX: N_("Fax"),
    m.PhoneType.VIDEO: N_("Video calls"),
    m.PhoneType.PAGER: N_("Pager"),
    m.PhoneType.TEXTPHONE: N_("Textphone (for deaf people)"),
}
HM = "%H:%M"


def problem_words(problems: dict[str, EditProblem], _: Translator) -> dict[str, str]:
    """Each field's problem in the desk's language, plus a summary on ``FORM``."""
    words = {name: _(PROBLEMS[code]) for name, code in problems.items()}
    if len(words) > (1 if FORM in words else 0):
        words.setdefault(FORM, _(CHECK_FIELDS))
    return words


def imported_from(source: str, _: Translator) -> str:
    """Where an imported service came from, in words."""
    if not source:
        return _("Imported from another directory")
    # Isolated (FSI ... PDI): a partner's name in another script keeps its order in any sentence.
    return _("Imported from {source}").replace("{source}", f"\u2068{source}\u2069")


def verified(day: dt.date | None, _: Translator) -> str:
    """When the information was last checked, or that it never was."""
    return date_medium(day, _.tag) if day else _("Never verified")


@dataclass(frozen=True)
class ServiceLine:
    """One line of the list of services."""

    id: int
    name: str
    organization: str
    status: m.ServiceStatus
    status_label: str
    verified: str
    today: bool  # verified today: the button has nothing left to do
    sample: bool
    edit: str
    translations: str
    states: list[QuickLine] = field(default_factory=list)  # "full tonight", "closed today" showing now
    full: bool = False  # "full tonight" is showing: its button has nothing left to do
    closed: bool = False  # "closed today" likewise
    review: bool = False  # an import brought it in and no one has verified it since
    imported: str = ""  # "Imported from <source>" while it is to review


def service_row(
    row: ServiceRow,
    today: dt.date,
    _: Translator,
    showing: Sequence[Showing] = (),
    now: dt.datetime | None = None,
) -> ServiceLine:
    """One line of the list of services, with the quick states ``showing`` on it at ``now``."""
    kinds = {s.kind for s in showing}
    return ServiceLine(
        states=quick_lines(showing, _, now or m.utcnow()),
        full=m.AlertKind.FULL_TONIGHT in kinds,
        closed=m.AlertKind.CLOSED_TODAY in kinds,
        id=row.id,
        name=row.name,
        organization=row.organization,
        status=row.status,
        status_label=_(STATUSES[row.status]),
        verified=verified(row.assured_date, _),
        # verified today but changed by an import since: the button has that check to record
        today=row.assured_date == today and not row.needs_review,
        sample=row.is_sample,
        edit=routes.desk_service(_.tag, row.slug),
        translations=routes.desk_translations(_.tag, row.slug),
        review=row.needs_review,
        imported=imported_from(row.source, _) if row.needs_review else "",
    )


def _time(value: dt.time | None) -> str:
    return value.strftime(HM) if value else ""


def _number(value: int | None) -> str:
    return "" if value is None else str(value)


ADDRESS_PARTS = ("address", "city", "state_province", "postal_code", "country")


def sheet_values(found: Sheet, _: Translator) -> dict[str, str]:
    """The edit form's starting values and what is said around it."""
    service, place = found.service, found.location
    shared = ""
    if found.shared_with:
        shared = _.n(
            "This place is shared with {n} other service: a change here shows on it too.",
            "This place is shared with {n} other services: a change here shows on them too.",
            found.shared_with,
        ).replace("{n}", str(found.shared_with))
    return {
        **{name: getattr(service, name) or "" for name in m.TEXT_FIELDS[m.Service]},
        "id": str(service.id),
        "slug": service.slug,
        "status": service.status.value,
        "keywords": service.keywords,
        "is_free": "1" if service.is_free else "",
        "no_documents_needed": "1" if service.no_documents_needed else "",
        "url": service.url or "",
        "email": service.email or "",
        "minimum_age": _number(service.minimum_age),
        "maximum_age": _number(service.maximum_age),
        "organization": found.organization.name,
        "organization_dir": info(found.organization.source_locale).direction,
        "organization_lang": found.organization.source_locale,
        "organization.name": found.organization.name,
        "organization.description": found.organization.description,
        "organization.url": found.organization.url or "",
        "organization.email": found.organization.email or "",
        "source_language": info(service.source_locale).native_name,
        "source_dir": info(service.source_locale).direction,
        "source_lang": service.source_locale,
        "verified": verified(service.assured_date, _),
        "needs_review": "1" if service.needs_review else "",
        "imported": imported_from(review.source_of(service, found.organization), _),
        "public": routes.service(_.tag, service.slug),
        "translations": routes.desk_translations(_.tag, service.slug),
        "location.name": place.name if place else "",
        **{f"location.{part}": getattr(place, part) if place else "" for part in ADDRESS_PARTS},
        "location.directions": place.directions if place else "",
        "location.latitude": "" if place is None or place.latitude is None else str(place.latitude),
        "location.longitude": "" if place is None or place.longitude is None else str(place.longitude),
        "location.location_type": (place.location_type if place else m.LocationType.PHYSICAL).value,
        "location.accessibility": found.accessibility.description if found.accessibility else "",
        "location.accessibility_details": found.accessibility.details if found.accessibility else "",
        "shared": shared,
    }


def slot_rows(found: Sheet) -> list[dict[str, str]]:
    """The weekly slots as form rows (the state adds each row's key)."""
    return [
        {"weekday": str(s.weekday), "opens": _time(s.opens_at), "closes": _time(s.closes_at)}
        for s in found.slots
    ]


def exception_rows(found: Sheet) -> list[dict[str, str]]:
    """The dated exceptions as form rows."""
    return [
        {
            "id": str(ex.id),
            "date": ex.date.isoformat(),
            "closed": "1" if ex.closed else "0",
            "opens": _time(ex.opens_at),
            "closes": _time(ex.closes_at),
            "note": ex.note,
        }
        for ex in found.exceptions
    ]


def phone_rows(found: Sheet) -> list[dict[str, str]]:
    """The phones as form rows."""
    receptions = {place: link for link, place in reversed(found.links.items())}  # a place's first link
    return [
        {
            "id": str(p.id),
            "number": p.number,
            "type": p.type.value,
            "extension": _number(p.extension),
            "is_whatsapp": "1" if p.is_whatsapp else "",
            "description": p.description,
            "place": _phone_place(p, receptions),
        }
        for p in found.phones
    ]


def _phone_place(phone: m.Phone, receptions: dict[int, int]) -> str:
    """The phone's "Place" value: "" for every place, its place's link, or that place's
    reception (a place's own phone, ``form.RECEPTION``)."""
    if phone.location_id is not None and phone.location_id in receptions:
        return f"{RECEPTION}{receptions[phone.location_id]}"
    return str(phone.service_at_location_id or "")


def document_rows(found: Sheet) -> list[dict[str, str]]:
    """The documents to bring as form rows, in order."""
    return [{"id": str(d.id), "document": d.document, "uri": d.uri or ""} for d in found.documents]


# How the desk names a place's kind (HSDS location_type).
LOCATION_TYPES: dict[m.LocationType, str] = {
    m.LocationType.PHYSICAL: N_("In person"),
    m.LocationType.POSTAL: N_("Postal address"),
    m.LocationType.VIRTUAL: N_("Online"),
}


def language_choices(locales: list[str], chosen: list[str]) -> list[tuple[str, str]]:
    """(tag, native name) of the languages a service may speak, with any it already has."""
    choices = dict(spoken_languages(locales))
    for tag in chosen:
        choices.setdefault(tag, SPOKEN_EXTRA.get(tag) or info(tag).native_name)
    return list(choices.items())


@dataclass(frozen=True)
class TranslationCell:
    """A text's translation into one locale, with its status."""

    key: str  # "<record type>:<id>:<field>:<locale>", the box's name
    locale: str
    language: str
    dir: str
    text: str
    status: TranslationStatus
    status_label: str
    draft: str  # says so when the translation is an unreviewed draft
    previous: str  # the source it was translated from, when that changed since


@dataclass(frozen=True)
class TextLine:
    """A text beside its translations."""

    target: str
    what: str
    field: str
    source: str
    language: str
    dir: str
    cells: list[TranslationCell]


def text_row(row: TextRow, _: Translator) -> TextLine:
    """A text beside its translations, with each one's status."""
    what = _(RECORDS[row.record_type])
    if row.detail:
        what = f"{what} · {row.detail}"
    source = info(row.source_locale)
    return TextLine(
        target=row.target,
        what=what,
        field=_(FIELDS[(row.record_type, row.field)]),
        source=row.source,
        language=source.native_name,
        dir=source.direction,
        cells=[
            TranslationCell(
                key=f"{row.target}:{cell.locale}",
                locale=cell.locale,
                language=info(cell.locale).native_name,
                dir=info(cell.locale).direction,
                text=cell.text,
                status=cell.status,
                status_label=_(TRANSLATION_STATUSES[cell.status]),
                draft=_("Draft, not reviewed") if cell.unreviewed else "",
                previous=cell.previous_source if cell.status is TranslationStatus.OUTDATED else "",
            )
            for cell in row.cells
        ],
    )
