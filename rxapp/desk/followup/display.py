"""Follow-up data in the desk's words: dates, times and refusals. Plain functions, no Reflex
import, so they are unit-tested directly."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping

from rxapp.desk.followup.rows import AppointmentRow, DueRow, FollowUp
from rxapp.desk.formats import status, when
from rxapp.i18n.catalogs import Translator
from rxapp.i18n.formatting import date_long, time_short
from rxapp.services.clock import as_utc
from rxapp.services.followup.appointments import AppointmentView
from rxapp.services.followup.followups import DueItem
from rxapp.services.followup.inputs import FORM, FollowUpProblem
from rxapp.settings import get_settings
from rxapp.taxonomy import N_

# What each refusal says, by the form's field: a time "in the past" is not a day "in the past".
PROBLEMS: Mapping[FollowUpProblem, str] = {
    FollowUpProblem.REQUIRED: N_("Write this, it cannot be empty."),
    FollowUpProblem.TOO_LONG: N_("This is too long: shorten it."),
    FollowUpProblem.BAD_MOMENT: N_("Write a date and a time."),
    FollowUpProblem.BAD_DATE: N_("Write a date."),
    FollowUpProblem.PAST: N_("This is already past: choose a later time."),
    FollowUpProblem.TOO_FAR: N_("More than a year ahead: check the year."),
    FollowUpProblem.UNKNOWN_SERVICE: N_("Choose a service from the list."),
    FollowUpProblem.NOT_FOUND: N_("This is no longer in the record. Open it again."),
    FollowUpProblem.BAD_REQUEST: N_("The form could not be read. Try again."),
}
PLACE_OR_SERVICE = N_("Choose a service or write the place.")
PAST_DAY = N_("Choose today or a later day.")
CHECK_FIELDS = N_("Please correct the marked fields. Nothing you typed was lost.")


def problem_words(prefix: str, problems: Mapping[str, FollowUpProblem], _: Translator) -> dict[str, str]:
    """Each field's problem in the desk's words, keyed ``prefix + field``, with a summary on
    the form when a field is marked."""
    words: dict[str, str] = {}
    for name, code in problems.items():
        text = PROBLEMS.get(code, PROBLEMS[FollowUpProblem.BAD_REQUEST])
        if name == "place" and code == FollowUpProblem.REQUIRED:
            text = PLACE_OR_SERVICE
        elif name == "on" and code == FollowUpProblem.PAST:
            text = PAST_DAY
        words[prefix + name] = _(text)
    if any(name != FORM for name in problems):
        words.setdefault(prefix + FORM, _(CHECK_FIELDS))
    return words


def _local(moment: dt.datetime) -> dt.datetime:
    return as_utc(moment).astimezone(get_settings().tz)


def appointment(
    view: AppointmentView, now: dt.datetime, _: Translator, *, time_only: bool = False
) -> AppointmentRow:
    """An appointment's row: its date and time (``time_only``: the time, for a day's list)."""
    local = _local(view.starts_at)
    return AppointmentRow(
        id=view.id,
        registration_id=view.registration_id,
        code=view.code,
        name=view.name,
        when=time_short(local.time(), _.tag) if time_only else when(view.starts_at, _),
        what=view.service_name or view.place,
        place=view.place if view.service_name else "",
        bring=view.bring,
        note=view.note,
        past=as_utc(view.starts_at) < as_utc(now),
    )


def due(item: DueItem, _: Translator) -> DueRow:
    """A due record's row."""
    return DueRow(
        id=item.id,
        code=item.code,
        name=item.name,
        on=date_long(item.on, _.tag),
        note=item.note,
        status=item.status.value,
        status_label=status(item.status, _),
    )


def follow_up(on: dt.date | None, note: str, _: Translator) -> FollowUp:
    """The open record's follow-up (none: empty)."""
    if on is None:
        return FollowUp()
    return FollowUp(on=date_long(on, _.tag), value=on.isoformat(), note=note)


def day_title(day: dt.date, today: dt.date, _: Translator) -> str:
    """A day as the appointments list names it: "Today", "Tomorrow", else its date."""
    if day == today:
        return _("Today") + " · " + date_long(day, _.tag)
    if day == today + dt.timedelta(days=1):
        return _("Tomorrow") + " · " + date_long(day, _.tag)
    return date_long(day, _.tag)
