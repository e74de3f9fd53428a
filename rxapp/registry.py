"""Every page, registered once: its route in every locale, its view, title, loader, role and nav place.

``rxapp/rxapp.py`` adds each entry in every locale; the desk's nav (``rxapp/desk/frame.py``)
and its landing rule (``rxapp/desk/session.py``) read the same entries. Views and loaders are named
as ``"module:attribute"`` strings so this module imports no page (pages import the nav, which
reads this table). Adding a desk page: one module with its state and view, one entry here.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from rxapp import routes
from rxapp.models import Role
from rxapp.taxonomy import N_

ALL_ROLES = tuple(Role)
DESK_ROLES = (Role.VOLUNTEER, Role.COORDINATOR)  # the queue and registration: migrants' data
TRANSLATION_ROLES = (Role.TRANSLATOR, Role.COORDINATOR)
COORDINATORS = (Role.COORDINATOR,)


@dataclass(frozen=True)
class Nav:
    """A desk page's link in the desk's nav: its words, its icon (lucide) and who sees it."""

    label: str  # msgid
    icon: str


@dataclass(frozen=True)
class Page:
    """One page of the app, added in every locale."""

    name: str  # the per-locale module suffix and the desk nav's key, e.g. "desk_staff"
    route: str  # as in rxapp.routes, with "{locale}"
    view: str  # "module:function", the function taking the locale
    title: str = ""  # msgid; the desk's pages are all titled "Paso desk"
    title_format: str = "{title} · Paso"  # the tab's title around the translated ``title``
    load: str | None = None  # "module:State.handler" run on load (desk: once the session is ready)
    roles: tuple[Role, ...] = ()  # desk: who may open it and sees it in the nav; () public
    nav: Nav | None = None  # desk: its link, in this table's order

    @property
    def desk(self) -> bool:
        """Whether this is a desk page (signed-in staff, on tablets)."""
        return bool(self.roles)


def resolve(target: str) -> Any:
    """The object a ``"module:attr.attr"`` string names."""
    module, _, path = target.partition(":")
    found: Any = importlib.import_module(module)
    for part in path.split("."):
        found = getattr(found, part)
    return found


# One list page per need (rxapp.taxonomy.NEEDS), each titled with its need's label.
NEED = Page("need", routes.NEED, "rxapp.reading.need:need_page")
PUBLIC: tuple[Page, ...] = (
    Page("home", routes.HOME, "rxapp.reading.home:home", N_("Services for migrants"), "Paso · {title}"),
    Page("search", routes.SEARCH, "rxapp.reading.search:search_page", N_("Search")),
    Page(
        "service",
        routes.SERVICE,
        "rxapp.reading.service:service_page",
        N_("Services for migrants"),
        "Paso · {title}",
    ),
    Page("news", routes.NEWS, "rxapp.reading.news:news_page", N_("News")),
    Page("about", routes.ABOUT, "rxapp.reading.about:about_page", N_("About Paso and your privacy")),
    Page("numbers", routes.NUMBERS, "rxapp.reading.numbers:numbers_page", N_("Important numbers")),
    Page("register", routes.REGISTER, "rxapp.registration.page:register_page", N_("Register at the centre")),
    Page("me", routes.ME, "rxapp.reading.me:me_page", N_("My page")),
    Page("display", routes.DISPLAY, "rxapp.reading.display:display_page", N_("Waiting room")),
)
DESK: tuple[Page, ...] = (
    Page(
        "desk", routes.DESK, "rxapp.desk.queue.view:desk_page",
        load="rxapp.desk.queue.state:QueueState.load", roles=DESK_ROLES, nav=Nav(N_("Queue"), "list-checks"),
    ),
    Page(
        "desk_new", routes.DESK_NEW, "rxapp.desk.new:new_page",
        roles=DESK_ROLES, nav=Nav(N_("Register someone"), "user-plus"),
    ),
    Page(
        "desk_translate", routes.DESK_TRANSLATE, "rxapp.desk.translate:translate_page",
        load="rxapp.desk.translate:TranslateState.load", roles=TRANSLATION_ROLES,
        nav=Nav(N_("Translations"), "languages"),
    ),
    Page(
        "desk_staff", routes.DESK_STAFF, "rxapp.desk.staff:staff_page",
        load="rxapp.desk.staff:StaffState.load", roles=ALL_ROLES, nav=Nav(N_("Accounts"), "users"),
    ),
    Page(
        "desk_waiting", routes.DESK_WAITING, "rxapp.desk.waiting_room:waiting_room_page",
        load="rxapp.desk.waiting_room:WaitingRoomState.load", roles=DESK_ROLES,
        nav=Nav(N_("Waiting room"), "monitor"),
    ),
    Page(
        "desk_follow_up", routes.DESK_FOLLOW_UP, "rxapp.desk.followup.page:follow_up_page",
        load="rxapp.desk.followup.page:FollowUpState.load", roles=DESK_ROLES,
        nav=Nav(N_("Follow-up"), "calendar-clock"),
    ),
    Page(
        "desk_reports", routes.DESK_REPORTS, "rxapp.desk.figures:figures_page",
        load="rxapp.desk.figures:FiguresState.load", roles=COORDINATORS,
        nav=Nav(N_("Figures"), "chart-column"),
    ),
    Page(
        "desk_directory", routes.DESK_DIRECTORY, "rxapp.desk.directory:directory_page",
        load="rxapp.desk.directory:DirectoryState.load", roles=COORDINATORS,
        nav=Nav(N_("Directory"), "book-open"),
    ),
    Page(
        "desk_alerts", routes.DESK_ALERTS, "rxapp.desk.alerts:alerts_page",
        load="rxapp.desk.alerts:AlertsState.load", roles=COORDINATORS, nav=Nav(N_("Alerts"), "megaphone"),
    ),
    Page(
        "desk_feedback", routes.DESK_FEEDBACK, "rxapp.desk.feedback:feedback_page",
        load="rxapp.desk.feedback:FeedbackState.load", roles=COORDINATORS,
        nav=Nav(N_("Directory reports"), "flag"),
    ),
    Page(
        "desk_numbers", routes.DESK_NUMBERS, "rxapp.desk.numbers.view:numbers_page",
        load="rxapp.desk.numbers.state:NumbersState.load", roles=COORDINATORS, nav=Nav(N_("Important numbers"), "phone"),
    ),
    Page(
        "desk_audit", routes.DESK_AUDIT, "rxapp.desk.audit:audit_page",
        load="rxapp.desk.audit:AuditState.load", roles=COORDINATORS, nav=Nav(N_("Audit log"), "scroll-text"),
    ),
    Page(
        "desk_service", routes.DESK_SERVICE, "rxapp.desk.service.view:edit_page",
        load="rxapp.desk.service.state:EditState.load", roles=COORDINATORS,
    ),
    Page(
        "desk_translations", routes.DESK_TRANSLATIONS, "rxapp.desk.translations:translations_page",
        load="rxapp.desk.translations:TranslationsState.load", roles=COORDINATORS,
    ),
)  # fmt: skip

PAGES = (PUBLIC[0], NEED, *PUBLIC[1:], *DESK)


def desk_page(route_or_path: str) -> Page | None:
    """The desk page of a route (``routes.DESK_STAFF``), a path (``"/es/desk/staff"``) or a key
    (``"desk/staff"``)."""
    key = routes.desk_page_key(route_or_path) if route_or_path.startswith("/") else route_or_path
    return next((p for p in DESK if routes.desk_page_key(p.route) == key), None)


def view(page: Page) -> Callable[..., Any]:
    """A page's view function (imports its module)."""
    return resolve(page.view)  # type: ignore[no-any-return]
