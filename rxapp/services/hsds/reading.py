"""Reading HSDS 3.0 documents for the import: the subset Paso keeps, checked, and the rest listed.

The app cannot read the official schemas at runtime, so the fields Paso keeps (and the ones it
reads to place them, like ``id`` and ``status``) are pydantic models with the schemas' types and
required fields; everything else stays in ``model_extra`` and is reported by ``leftovers``: as
"not kept" when HSDS defines it, "unknown" when nobody does. The tests check the same files
against the official schemas too.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter
from collections.abc import Iterator
from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, StringConstraints, ValidationError

Uuid = Annotated[str, StringConstraints(pattern=r"^[0-9a-fA-F]{8}(-[0-9a-fA-F]{4}){3}-[0-9a-fA-F]{12}$")]
Name = Annotated[str, StringConstraints(max_length=200)]
Long = Annotated[str, StringConstraints(max_length=300)]  # Paso's columns' lengths
Part = Annotated[str, StringConstraints(max_length=100)]

# HSDS 3.0 fields Paso has no place for (docs/hsds.md): reported as "not kept", not "unknown".
NOT_KEPT = frozenset((
    "alternate_name", "url", "email", "wait_time", "fees", "accreditations",
    "assurer_email", "licenses", "alert", "program", "service_areas",
    "funding", "contacts", "metadata", "tax_status", "tax_id", "year_incorporated",
    "legal_status", "logo", "uri", "parent_organization_id", "phones", "programs",
    "organization_identifiers", "description", "external_identifier", "external_identifier_type",
    "languages", "accessibility", "address_2", "region", "attention", "note",
    "until", "count", "byweekno", "bymonthday", "byyearday", "schedule_link", "attending_type", "option",
    "currency", "amount_description", "valid_from", "valid_to", "value", "label", "taxonomy_detail",
    "parent_id", "term_uri", "website", "services", "locations",
    "attributes", "program_id", "contact_id", "organization_id", "location_id", "phone_id",
))  # fmt: skip


class _In(BaseModel):
    model_config = ConfigDict(extra="allow", frozen=True)


class Address(_In):
    id: Uuid
    address_1: Long
    city: Part
    state_province: Part
    postal_code: Annotated[str, StringConstraints(max_length=20)]
    country: str  # a code Paso does not know is reported, not refused (fields_in)
    address_type: str
    location_id: str | None = None


class Phone(_In):
    id: Uuid
    number: Annotated[str, StringConstraints(max_length=40)]
    description: Name | None = None
    type: str | None = None
    extension: float | None = None
    is_whatsapp: bool = False  # Paso's extension
    service_id: str | None = None
    service_at_location_id: str | None = None
    location_id: str | None = None
    translation_status: dict[str, Any] | None = None


class Schedule(_In):
    id: Uuid
    valid_from: dt.date | None = None
    valid_to: dt.date | None = None
    dtstart: dt.date | None = None
    freq: Literal["WEEKLY", "MONTHLY"] | None = None
    interval: float | None = None
    wkst: str | None = None
    byday: str | None = None
    opens_at: str | None = None
    closes_at: str | None = None
    timezone: float | None = None
    description: Long | None = None
    notes: Annotated[str, StringConstraints(max_length=300)] | None = None
    service_id: str | None = None
    service_at_location_id: str | None = None
    location_id: str | None = None


class Language(_In):
    id: Uuid
    code: Annotated[str, StringConstraints(max_length=35)] | None = None
    name: str | None = None
    service_id: str | None = None
    location_id: str | None = None


class Accessibility(_In):
    id: Uuid
    location_id: str | None = None
    description: str | None = None
    details: str | None = None
    url: Long | None = None
    translation_status: dict[str, Any] | None = None


class Location(_In):
    id: Uuid
    location_type: Literal["physical", "postal", "virtual"]
    organization_id: Uuid | None = None
    name: Name | None = None
    transportation: str | None = None
    latitude: float | None = None
    longitude: float | None = None
    addresses: list[Address] = []
    phones: list[Phone] = []  # the place's own (its reception)
    schedules: list[Schedule] = []  # the place's own opening hours
    languages: list[Language] = []  # spoken at the place, whatever service
    accessibility: list[Accessibility] = []
    translation_status: dict[str, Any] | None = None


class ServiceAtLocation(_In):
    id: Uuid
    service_id: str | None = None
    location_id: str | None = None
    location: Location | None = None
    phones: list[Phone] = []  # the service's at this place only
    schedules: list[Schedule] = []


class TaxonomyTerm(_In):
    id: Uuid
    code: str | None = None
    name: str
    description: str
    taxonomy: str | None = None
    taxonomy_id: str | None = None
    language: str | None = None


class Attribute(_In):
    id: Uuid
    taxonomy_term_id: Uuid | None = None
    taxonomy_term: TaxonomyTerm | None = None
    link_id: str | None = None
    link_type: str | None = None
    link_entity: str | None = None


class CostOption(_In):
    id: Uuid
    amount: float | None = None
    service_id: str | None = None


class RequiredDocument(_In):
    id: Uuid
    document: Long | None = None  # none: nothing to show, reported as not kept
    uri: Long | None = None
    service_id: str | None = None
    translation_status: dict[str, Any] | None = None


class Service(_In):
    id: Uuid
    name: Name
    status: Literal["active", "inactive", "defunct", "temporarily closed"]
    organization_id: Uuid | None = None
    organization: Organization | None = None
    description: str | None = None
    eligibility_description: str | None = None
    application_process: str | None = None
    fees_description: str | None = None
    interpretation_services: str | None = None
    url: Long | None = None
    email: Name | None = None
    minimum_age: float | None = None
    maximum_age: float | None = None
    assured_date: dt.date | None = None
    last_modified: dt.datetime | None = None
    phones: list[Phone] = []
    schedules: list[Schedule] = []
    service_at_locations: list[ServiceAtLocation] = []
    languages: list[Language] = []
    attributes: list[Attribute] = []
    cost_options: list[CostOption] = []
    required_documents: list[RequiredDocument] = []
    no_documents_needed: bool = False  # Paso's extension
    translation_status: dict[str, Any] | None = None


class Organization(_In):
    id: Uuid
    name: Name
    description: str
    email: Name | None = None
    website: Long | None = None
    is_sample: bool = False  # Paso's extension
    services: list[Service] = []
    locations: list[Location] = []
    translation_status: dict[str, Any] | None = None


Document = Service | Organization | Location
Kind = Literal["service", "organization", "location"]
MODELS: dict[Kind, type[_In]] = {"service": Service, "organization": Organization, "location": Location}


class InvalidDocumentError(ValueError):
    """A document that does not hold what HSDS says: each problem with its JSON path."""

    def __init__(self, problems: list[str]) -> None:
        super().__init__("\n".join(problems))
        self.problems = problems


def path(base: str, loc: tuple[int | str, ...]) -> str:
    """A JSON path as people read it: ``$[3].service_at_locations[0].location.name``."""
    return base + "".join(f"[{part}]" if isinstance(part, int) else f".{part}" for part in loc)


def kind_of(raw: dict[str, Any]) -> Kind:
    """What an HSDS document is: a service has a status, a location its type, else an organization."""
    if "status" in raw:
        return "service"
    return "location" if "location_type" in raw else "organization"


def parse(raw: Any, base: str = "$") -> list[tuple[str, Document]]:
    """One document or a list of them, checked; each with its path. ``InvalidDocumentError`` if any fails."""
    items = list(enumerate(raw)) if isinstance(raw, list) else [(None, raw)]
    found: list[tuple[str, Document]] = []
    problems: list[str] = []
    for index, item in items:
        where = base if index is None else f"{base}[{index}]"
        if not isinstance(item, dict):
            problems.append(f"{where}: expected an HSDS object (a service, organization or location)")
            continue
        try:
            found.append((where, MODELS[kind_of(item)].model_validate(item)))  # type: ignore[arg-type]
        except ValidationError as error:
            problems += [f"{path(where, tuple(e['loc']))}: {e['msg']}" for e in error.errors()]
    if problems:
        raise InvalidDocumentError(problems)
    return found


def leftovers(where: str, value: Any) -> Iterator[tuple[str, str]]:
    """Every field Paso does not keep below a parsed document, as (path, "not kept"/"unknown")."""
    if isinstance(value, _In):
        for name, extra in (value.model_extra or {}).items():
            if extra not in (None, "", [], {}):
                yield f"{where}.{name}", "not kept" if name in NOT_KEPT else "unknown"
        for name in type(value).model_fields:
            yield from leftovers(f"{where}.{name}", getattr(value, name))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from leftovers(f"{where}[{index}]", item)


def grouped(found: list[tuple[str, str]]) -> Counter[tuple[str, str]]:
    """Leftovers counted by path with the indexes blanked (``$[*].funding``): a readable report."""
    return Counter((re.sub(r"\[\d+\]", "[*]", where), what) for where, what in found)


Service.model_rebuild()
Organization.model_rebuild()
