"""Route paths: constants and builders, never string literals scattered in links."""

from __future__ import annotations

import re
from collections.abc import Iterable

HOME = "/{locale}"
NEED = "/{locale}/need/{slug}"
SEARCH = "/{locale}/search"
SERVICE = "/{locale}/service"  # ?id=<slug>: one prerendered page serves every service
ABOUT = "/{locale}/about"
NUMBERS = "/{locale}/numbers"  # important numbers, printable on one sheet
REGISTER = "/{locale}/register"  # uses the websocket: registrations are written on the server
# The desk (tablets, signed-in staff): never cached by the service worker.
DESK = "/{locale}/desk"  # the queue and the open record
DESK_NEW = "/{locale}/desk/new"  # a registration on a walk-in's behalf
DESK_STAFF = "/{locale}/desk/staff"  # accounts (coordinators) and one's own password
DESK_AUDIT = "/{locale}/desk/audit"  # the audit log (coordinators)
DESK_REPORTS = "/{locale}/desk/reports"  # figures and charts (coordinators)
DESK_FEEDBACK = "/{locale}/desk/feedback"  # reports of wrong directory information (coordinators)
DESK_TRANSLATE = "/{locale}/desk/translate"  # directory content files (translators, coordinators)
# Editing the directory (coordinators): the list, one service (?id=<slug>; without it a new
# service), and one service's texts beside their translations (?id=<slug>).
DESK_DIRECTORY = "/{locale}/desk/directory"
DESK_SERVICE = "/{locale}/desk/directory/service"
DESK_TRANSLATIONS = "/{locale}/desk/directory/translations"
DESK_ALERTS = "/{locale}/desk/alerts"  # post, schedule and end alerts (coordinators)
NEWS = "/{locale}/news"  # current alerts and the last 30 days' (the public pages, issue 18)
ALERT_FEED_JSON = "/api/alerts/{locale}/feed.json"  # the current alerts as JSON Feed 1.1
ALERT_FEED_ATOM = "/api/alerts/{locale}/feed.atom"  # ... and as Atom 1.0
DESK_NUMBERS = "/{locale}/desk/numbers"  # important numbers (coordinators)
DESK_WAITING = "/{locale}/desk/waiting"  # call next, today's calls, the screen's link
DESK_FOLLOW_UP = "/{locale}/desk/follow-up"  # follow-ups due today and overdue, a day's appointments
QR = "/api/qr/{code}.svg"  # a reference code drawn as a QR code
SNAPSHOT = "/api/directory/{locale}/index.json"  # names the parts it is made of
REPORT = "/api/report"  # POST: someone says a service's information is wrong
DESK_SESSION = "/api/desk/session"  # POST: a sign-in ticket for the desk cookie; DELETE: sign out
CONTENT_PO = "/api/desk/content/{locale}.po"  # GET: download, POST: upload a content catalog
# Personal follow-up (issue 19). The person's page is reached by a secret that never travels
# in a URL the server sees: a one-time token rides in the fragment (#t=...), the secret in POST
# bodies only.
ME = "/{locale}/me"  # the person's own page on their phone
DISPLAY = "/{locale}/display"  # the waiting-room screen (its key is set at the desk)
ME_API = "/api/me"  # POST {"secret", "locale"?}: the page's document
ME_CLAIM = "/api/me/claim"  # POST {"token"}: a one-time token for the phone's own secret
DISPLAY_API = "/api/display"  # POST {"key"}: the codes being called
# The public read API, HSDS 3.0 (issue 20): GET only, ?locale= for Paso's translations.
HSDS_API = "/api/hsds/"  # the API's information
HSDS_SERVICES = "/api/hsds/services"  # paged; search, taxonomy_term_id, modified_after, ...
HSDS_SERVICE = "/api/hsds/services/{id}"  # one compiled service by its HSDS id
HSDS_ORGANIZATIONS = "/api/hsds/organizations"
HSDS_ORGANIZATION = "/api/hsds/organizations/{id}"
HSDS_TAXONOMIES = "/api/hsds/taxonomies"
HSDS_TAXONOMY = "/api/hsds/taxonomies/{id}"
HSDS_TERMS = "/api/hsds/taxonomy_terms"
HSDS_TERM = "/api/hsds/taxonomy_terms/{id}"
HSDS_SERVICE_AT_LOCATIONS = "/api/hsds/service_at_locations"

# Pages that read only: the browser must not open Reflex's websocket on them.
# "me" and "display" use fetch, not the websocket.
PUBLIC_KINDS = ("need", "search", "service", "about", "numbers", "news", "me", "display")


def home(locale: str) -> str:
    """The home page of a locale."""
    return HOME.format(locale=locale)


def need(locale: str, slug: str) -> str:
    """The list of services for one need."""
    return NEED.format(locale=locale, slug=slug)


def search(locale: str) -> str:
    """The search page."""
    return SEARCH.format(locale=locale)


def service(locale: str, slug: str | None = None) -> str:
    """One service's page (the slug travels in the query string)."""
    base = SERVICE.format(locale=locale)
    return f"{base}?id={slug}" if slug else base


def about(locale: str) -> str:
    """About Paso and privacy."""
    return ABOUT.format(locale=locale)


def numbers(locale: str) -> str:
    """Important numbers on the route."""
    return NUMBERS.format(locale=locale)


def register(locale: str) -> str:
    """Self-registration."""
    return REGISTER.format(locale=locale)


def me(locale: str, token: str | None = None) -> str:
    """The person's own page; with a one-time token in the fragment (never sent to the server)."""
    base = ME.format(locale=locale)
    return f"{base}#t={token}" if token else base


def display(locale: str) -> str:
    """The waiting-room screen (its words in every language in turn, starting with this one)."""
    return DISPLAY.format(locale=locale)


def desk_page_key(route: str) -> str:
    """A page's path without its locale, e.g. "desk/staff" for DESK_STAFF or "/es/desk/staff"."""
    return route.strip("/").split("/", 1)[-1]


def desk(locale: str) -> str:
    """The desk's queue."""
    return DESK.format(locale=locale)


def desk_new(locale: str) -> str:
    """Assisted registration at the desk."""
    return DESK_NEW.format(locale=locale)


def desk_staff(locale: str) -> str:
    """Staff accounts and one's own password."""
    return DESK_STAFF.format(locale=locale)


def desk_audit(locale: str) -> str:
    """The audit log."""
    return DESK_AUDIT.format(locale=locale)


def desk_reports(locale: str) -> str:
    """Figures and charts."""
    return DESK_REPORTS.format(locale=locale)


def desk_feedback(locale: str) -> str:
    """Reports of wrong directory information."""
    return DESK_FEEDBACK.format(locale=locale)


def desk_translate(locale: str) -> str:
    """The translator's desk: content completeness, download and upload."""
    return DESK_TRANSLATE.format(locale=locale)


def content_po(locale: str) -> str:
    """A locale's directory content as a ``.po`` file (signed-in translators)."""
    return CONTENT_PO.format(locale=locale)


def desk_directory(locale: str) -> str:
    """The directory's services, to edit."""
    return DESK_DIRECTORY.format(locale=locale)


def desk_service(locale: str, slug: str | None = None) -> str:
    """One service's edit form; without a slug, the form for a new service."""
    base = DESK_SERVICE.format(locale=locale)
    return f"{base}?id={slug}" if slug else base


def desk_translations(locale: str, slug: str | None = None) -> str:
    """One service's texts beside their translations."""
    base = DESK_TRANSLATIONS.format(locale=locale)
    return f"{base}?id={slug}" if slug else base


def desk_alerts(locale: str) -> str:
    """The desk's alerts."""
    return DESK_ALERTS.format(locale=locale)


def desk_alert_translations(locale: str, public_id: str) -> str:
    """One alert's texts beside their translations."""
    return f"{DESK_TRANSLATIONS.format(locale=locale)}?alert={public_id}"


def news(locale: str, alert: str | None = None) -> str:
    """The news page, or one alert on it."""
    base = NEWS.format(locale=locale)
    return f"{base}#alert-{alert}" if alert else base


def alert_feed(locale: str, kind: str) -> str:
    """A locale's alert feed: ``kind`` "json" or "atom"."""
    return (ALERT_FEED_JSON if kind == "json" else ALERT_FEED_ATOM).format(locale=locale)


def desk_numbers(locale: str) -> str:
    """Important numbers, to add, edit, order and remove."""
    return DESK_NUMBERS.format(locale=locale)


def desk_waiting(locale: str) -> str:
    """The waiting room: call next, today's calls, the screen's link."""
    return DESK_WAITING.format(locale=locale)


def desk_follow_up(locale: str) -> str:
    """Follow-up: what is due today, what is overdue, and the appointments of a day."""
    return DESK_FOLLOW_UP.format(locale=locale)


def qr(code: str) -> str:
    """The QR code image of a reference code."""
    return QR.format(code=code)


def snapshot(locale: str) -> str:
    """The directory data of a locale."""
    return SNAPSHOT.format(locale=locale)


def public_path_pattern(locales: Iterable[str]) -> str:
    """A JS regular expression source matching every public reading path."""
    tags = "|".join(re.escape(tag) for tag in locales)
    kinds = "|".join(PUBLIC_KINDS)
    return rf"^/(?:(?:{tags})(?:/(?:{kinds})(?:/[^/]*)?)?)?/?$"


def form_path_pattern(locales: Iterable[str]) -> str:
    """A JS regular expression source matching the form pages a phone keeps for offline use
    (the empty form only: what is typed stays in the page's own storage)."""
    tags = "|".join(re.escape(tag) for tag in locales)
    return rf"^/(?:{tags})/register/?$"


def hsds_service(uuid: str) -> str:
    """One service in the HSDS read API."""
    return HSDS_SERVICE.format(id=uuid)
