"""Alerts: what changed today, posted at the desk, read on every public page, offline and in
feeds. Posting and the one-tap states of a service in ``posting``, the input rules in
``inputs``, the templates in ``templates``, what people read in ``public``."""

from rxapp.services.alerts.drafts import AlertDraft, draft, edited
from rxapp.services.alerts.inputs import (
    FORM,
    AlertChoice,
    AlertError,
    AlertInput,
    AlertProblem,
    QuickState,
    validate,
)
from rxapp.services.alerts.posting import edit, ends_of, find, next_opening, post, quick_state, withdraw
from rxapp.services.alerts.public import (
    NEWS_DAYS,
    AlertView,
    DeskLists,
    Showing,
    current,
    cutoff,
    desk_lists,
    index_alerts,
    showing_on_services,
    stamp,
    views,
)
from rxapp.services.alerts.templates import QUICK, TEMPLATES, Template, render

__all__ = [
    "FORM",
    "NEWS_DAYS",
    "QUICK",
    "TEMPLATES",
    "AlertChoice",
    "AlertDraft",
    "AlertError",
    "AlertInput",
    "AlertProblem",
    "AlertView",
    "DeskLists",
    "QuickState",
    "Showing",
    "Template",
    "current",
    "cutoff",
    "desk_lists",
    "draft",
    "edit",
    "edited",
    "ends_of",
    "find",
    "index_alerts",
    "next_opening",
    "post",
    "quick_state",
    "render",
    "showing_on_services",
    "stamp",
    "validate",
    "views",
    "withdraw",
]
