"""The current alerts of a locale as feeds a partner can show: JSON Feed 1.1 and Atom 1.0.

Only alerts showing now are in them (an ended or withdrawn alert leaves the feed; the news
page keeps it). Links are absolute, from the public URL, to the news page's entry for the
alert. Paso's own fields (urgency, kind, services, end) ride in JSON Feed's extension object
``_paso`` and in Atom categories and ``paso:`` elements.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any
from xml.etree import ElementTree as ET

from rxapp import routes
from rxapp.i18n.catalogs import Translator
from rxapp.services.alerts.public import AlertView, stamp

JSON_FEED = "https://jsonfeed.org/version/1.1"
ATOM = "http://www.w3.org/2005/Atom"
PASO = "https://paso.invalid/ns/alerts"  # names Paso's extension elements, never fetched
XML = "http://www.w3.org/XML/1998/namespace"


def title(locale: str) -> str:
    """The feed's title in its locale."""
    return f"Paso · {Translator(locale)('Alerts')}"


def json_feed(
    alerts: Sequence[AlertView], *, locale: str, base_url: str, updated: dt.datetime
) -> dict[str, Any]:
    """A JSON Feed 1.1 document."""
    _ = Translator(locale)
    return {
        "version": JSON_FEED,
        "title": title(locale),
        "home_page_url": base_url + routes.news(locale),
        "feed_url": base_url + routes.alert_feed(locale, "json"),
        "description": _("What changed today at the centre and on the route."),
        "language": locale,
        "_paso": {"updated": stamp(updated)},
        "items": [
            {
                "id": alert.id,
                "url": base_url + routes.news(locale, alert.id),
                "title": alert.title,
                "content_text": alert.text or alert.title,
                "date_published": stamp(alert.posted),
                "date_modified": stamp(alert.updated),
                "language": alert.lang,
                "tags": [alert.urgency.value, alert.kind.value],
                "_paso": {
                    "urgency": alert.urgency.value,
                    "kind": alert.kind.value,
                    "starts": stamp(alert.starts),
                    "ends": stamp(alert.ends),
                    "services": alert.services,
                },
            }
            for alert in alerts
        ],
    }


def _add(parent: ET.Element, tag: str, text: str = "", **attributes: str) -> ET.Element:
    element = ET.SubElement(parent, tag, attributes)
    if text:
        element.text = text
    return element


def atom_feed(alerts: Sequence[AlertView], *, locale: str, base_url: str, updated: dt.datetime) -> bytes:
    """An Atom 1.0 document (RFC 4287)."""
    a, p = f"{{{ATOM}}}", f"{{{PASO}}}"
    ET.register_namespace("", ATOM)
    ET.register_namespace("paso", PASO)
    feed_url = base_url + routes.alert_feed(locale, "atom")
    feed = ET.Element(f"{a}feed", {f"{{{XML}}}lang": locale})
    _add(feed, f"{a}id", feed_url)
    _add(feed, f"{a}title", title(locale))
    _add(feed, f"{a}updated", stamp(updated))
    _add(_add(feed, f"{a}author"), f"{a}name", "Paso")
    _add(feed, f"{a}link", rel="self", href=feed_url, type="application/atom+xml")
    _add(feed, f"{a}link", rel="alternate", href=base_url + routes.news(locale), type="text/html")
    for alert in alerts:
        entry = _add(feed, f"{a}entry")
        _add(entry, f"{a}id", f"urn:uuid:{alert.id}")
        _add(entry, f"{a}title", alert.title, **{f"{{{XML}}}lang": alert.lang})
        _add(entry, f"{a}updated", stamp(alert.updated))
        _add(entry, f"{a}published", stamp(alert.posted))
        _add(
            entry,
            f"{a}link",
            rel="alternate",
            href=base_url + routes.news(locale, alert.id),
            type="text/html",
        )
        _add(entry, f"{a}summary", alert.text or alert.title, type="text", **{f"{{{XML}}}lang": alert.lang})
        for term in (alert.urgency.value, alert.kind.value):
            _add(entry, f"{a}category", term=term)
        _add(entry, f"{p}starts", stamp(alert.starts))
        _add(entry, f"{p}ends", stamp(alert.ends))
        for slug in alert.services:
            _add(entry, f"{p}service", slug)
    return bytes(ET.tostring(feed, encoding="utf-8", xml_declaration=True))
