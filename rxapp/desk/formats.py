"""How every desk page writes a moment and a registration's status, in the desk's language."""

from __future__ import annotations

import datetime as dt

from rxapp.i18n.catalogs import Translator
from rxapp.i18n.formatting import datetime_short
from rxapp.models import RegistrationStatus
from rxapp.services.clock import as_utc
from rxapp.settings import get_settings
from rxapp.taxonomy import N_

STATUSES: dict[RegistrationStatus, str] = {
    RegistrationStatus.NEW: N_("New"),
    RegistrationStatus.WAITING: N_("Waiting"),
    RegistrationStatus.IN_PROGRESS: N_("In progress"),
    RegistrationStatus.REFERRED: N_("Referred"),
    RegistrationStatus.CLOSED: N_("Closed"),
}
# A status's badge colours (Tailwind), on the queue and the follow-up lists.
TONES = {
    "new": "bg-sky-100 text-sky-900",
    "waiting": "bg-amber-100 text-amber-900",
    "in_progress": "bg-violet-100 text-violet-900",
    "referred": "bg-teal-100 text-teal-900",
    "closed": "bg-slate-200 text-slate-800",
}


def when(value: dt.datetime, _: Translator) -> str:
    """A moment in the centre's time zone, short."""
    local = as_utc(value).astimezone(get_settings().tz)
    return datetime_short(local, _.tag)


def status(value: RegistrationStatus | str, _: Translator) -> str:
    """A status's label."""
    return _(STATUSES[RegistrationStatus(value)])
