"""The HSDS 3.0 tables of the tabular form (a Frictionless Data Package), as the official
``datapackage.json`` of HSDS 3.0 lays them out: one resource per table, its CSV file, its columns
in the schema's order with their Table Schema types, primary key ``id``, foreign keys.

The app cannot read the official schemas at run time, so the layout is written here;
``tests/unit/hsds/test_tabular.py`` checks it against the schemas. Paso's extension columns
(docs/hsds.md) follow the official ones.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

# A column is "name" (a string) or "name:kind"; a kind is a Table Schema type, or a string format.
FORMATS = ("uuid", "uri", "email")


def _fields(spec: str) -> list[dict[str, str]]:
    found = []
    for column in spec.split():
        name, _, kind = column.partition(":")
        if kind in FORMATS:
            found.append({"name": name, "type": "string", "format": kind})
        else:
            found.append({"name": name, "type": kind or "string"})
    return found


@dataclass(frozen=True)
class Table:
    """One HSDS table: its resource name, CSV file and columns (space-separated "name:kind")."""

    name: str
    path: str
    columns: str  # the official ones, in the schema's order
    extensions: str = ""  # Paso's, after them

    @property
    def official(self) -> list[dict[str, str]]:
        """The official columns as Table Schema fields: name, type, and format for uuid/uri/email."""
        return _fields(self.columns)

    @property
    def fields(self) -> list[dict[str, str]]:
        """Every column as a Table Schema field, Paso's extensions last."""
        return _fields(f"{self.columns} {self.extensions}")

    @property
    def names(self) -> list[str]:
        """The CSV header."""
        return [field["name"] for field in self.fields]


_TEXTS = "translation_status:object"  # extension: JSON, as docs/hsds.md shows it
TABLES = {
    table.name: table
    for table in (
        Table(
            "organization",
            "organizations.csv",
            (
                "id:uuid name alternate_name description email:email website:uri tax_status tax_id "
                "year_incorporated:number legal_status logo uri:uri parent_organization_id:uuid"
            ),
            f"is_sample:boolean {_TEXTS}",
        ),
        Table("program", "programs.csv", "id:uuid organization_id:uuid name alternate_name description"),
        Table(
            "service",
            "services.csv",
            (
                "id:uuid organization_id:uuid program_id:uuid name alternate_name description url:uri "
                "email:email status interpretation_services application_process fees_description "
                "wait_time fees accreditations eligibility_description minimum_age:number "
                "maximum_age:number assured_date:date assurer_email:email licenses alert "
                "last_modified:datetime"
            ),
            f"{_TEXTS} no_documents_needed:boolean",
        ),
        Table(
            "attribute",
            "attributes.csv",
            "id:uuid link_id:uuid taxonomy_term_id:uuid link_type link_entity value",
        ),
        Table(
            "service_at_location",
            "service_at_location.csv",
            "id:uuid service_id:uuid location_id:uuid description",
        ),
        Table(
            "location",
            "locations.csv",
            (
                "id:uuid location_type url:uri organization_id:uuid name alternate_name description "
                "transportation latitude:number longitude:number external_identifier "
                "external_identifier_type"
            ),
            _TEXTS,
        ),
        Table(
            "phone",
            "phones.csv",
            (
                "id:uuid location_id:uuid service_id:uuid organization_id:uuid contact_id:uuid "
                "service_at_location_id:uuid number extension:number type description"
            ),
            f"is_whatsapp:boolean {_TEXTS}",
        ),
        Table(
            "contact",
            "contacts.csv",
            (
                "id:uuid organization_id:uuid service_id:uuid service_at_location_id:uuid "
                "location_id:uuid name title department email:email"
            ),
        ),
        Table(
            "address",
            "addresses.csv",
            (
                "id:uuid location_id:uuid attention address_1 address_2 city region state_province "
                "postal_code country address_type"
            ),
        ),
        Table(
            "schedule",
            "schedules.csv",
            (
                "id:uuid service_id:uuid location_id:uuid service_at_location_id:uuid valid_from:date "
                "valid_to:date dtstart:date timezone:number until:date count:number wkst freq "
                "interval:number byday byweekno bymonthday byyearday description opens_at:time "
                "closes_at:time schedule_link:uri attending_type notes"
            ),
        ),
        Table("funding", "funding.csv", "id:uuid organization_id:uuid service_id:uuid source"),
        Table(
            "service_area",
            "service_areas.csv",
            "id:uuid service_id:uuid name description extent extent_type uri",
        ),
        Table(
            "required_document", "required_documents.csv", "id:uuid service_id:uuid document uri:uri", _TEXTS
        ),
        Table(
            "language",
            "languages.csv",
            "id:uuid service_id:uuid location_id:uuid phone_id:uuid name code note",
        ),
        Table(
            "accessibility",
            "accessibility.csv",
            "id:uuid location_id:uuid description details url:uri",
            _TEXTS,
        ),
        Table(
            "taxonomy_term",
            "taxonomy_terms.csv",
            "id:uuid code name description parent_id:uuid taxonomy language taxonomy_id:uuid term_uri:uri",
        ),
        Table(
            "metadata",
            "metadata.csv",
            (
                "id:uuid resource_id:uuid resource_type last_action_date:date last_action_type "
                "field_name previous_value replacement_value updated_by"
            ),
        ),
        Table(
            "meta_table_description",
            "meta_table_descriptions.csv",
            "id:uuid name language character_set",
        ),
        Table(
            "cost_option",
            "cost_options.csv",
            (
                "id:uuid service_id:uuid valid_from:date valid_to:date option currency amount:number "
                "amount_description"
            ),
        ),
        Table(
            "organization_identifier",
            "organization_identifiers.csv",
            "id:uuid organization_id:uuid identifier_scheme identifier_type identifier",
        ),
        Table("taxonomy", "taxonomies.csv", "id:uuid name description uri:uri version"),
    )
}
# The property of a compiled document that holds another table's records (a list, or one object).
NESTED = {
    "organization": "organization",
    "program": "program",
    "location": "location",
    "locations": "location",
    "service_at_locations": "service_at_location",
    "phones": "phone",
    "contacts": "contact",
    "addresses": "address",
    "schedules": "schedule",
    "funding": "funding",
    "service_areas": "service_area",
    "required_documents": "required_document",
    "languages": "language",
    "accessibility": "accessibility",
    "cost_options": "cost_option",
    "organization_identifiers": "organization_identifier",
    "attributes": "attribute",
    "taxonomy_term": "taxonomy_term",
    "taxonomy_detail": "taxonomy",
    "metadata": "metadata",
    "programs": "program",
}
# Always in the package, with a header only when empty: the tables Paso's directory fills.
PASO = (
    "organization",
    "service",
    "service_at_location",
    "location",
    "address",
    "phone",
    "schedule",
    "language",
    "accessibility",
    "cost_option",
    "required_document",
    "attribute",
    "taxonomy",
    "taxonomy_term",
)


def foreign_keys(table: Table, present: set[str]) -> list[dict[str, Any]]:
    """A ``<table>_id`` column refers to that table's ``id``, when the package has that table."""
    found = []
    for name in sorted(table.names):
        target = name.removesuffix("_id")
        if name.endswith("_id") and target in TABLES and target in present and target != table.name:
            found.append({"fields": name, "reference": {"resource": target, "fields": "id"}})
    return found


def descriptor(names: list[str], locale: str) -> dict[str, Any]:
    """The ``datapackage.json`` of a package holding the tables ``names``."""
    present = set(names)
    return {
        "name": "paso_hsds",
        "title": "Paso public directory (Open Referral HSDS 3.0)",
        "profile": "tabular-data-package",
        "version": "3.0.0",  # the HSDS version the tables follow, as the official descriptor
        "language": locale,
        "resources": [
            {
                "name": table.name,
                "path": table.path,
                "format": "csv",
                "mediatype": "text/csv",
                "encoding": "utf-8",
                "profile": "tabular-data-resource",
                "schema": {
                    "fields": table.fields,
                    "primaryKey": "id",
                    **({"foreignKeys": keys} if (keys := foreign_keys(table, present)) else {}),
                },
            }
            for table in (TABLES[name] for name in TABLES if name in present)
        ],
    }
