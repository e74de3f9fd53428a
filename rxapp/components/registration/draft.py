"""The registration's draft: the ``pasoreg`` client state that ``assets/paso/register.js`` keeps
(the draft and outbox live in the browser), which the form and its confirmation render."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from enum import StrEnum

from reflex.experimental.client_state import ClientStateVar
from reflex.vars import ObjectVar

from rxapp.components import client
from rxapp.components.style import FOCUS
from rxapp.i18n.catalogs import Translator

MODULE = "$/public/paso/register.js"
BUTTON = (
    f"inline-flex items-center justify-center gap-2 min-h-12 px-5 rounded-xl font-semibold text-lg {FOCUS}"
)


class Phase(StrEnum):
    """Where the form stands: being filled, sending, waiting for a connection, or sent."""

    DRAFT = "draft"
    SENDING = "sending"
    WAITING = "waiting"
    DONE = "done"


class Contact(StrEnum):
    """How the person may hear from the centre (``contactOf`` in ``assets/paso/drafts.mjs``)."""

    DESK = "desk"
    CALL = "call"
    WHATSAPP = "whatsapp"
    SMS = "sms"
    PHONE = "phone"  # a number without a preferred way: a call or WhatsApp


@dataclass(frozen=True)
class Draft:
    """The ``pasoreg`` client state: what the page shows of the form (``register.js`` sets it)."""

    phase: Phase = Phase.DRAFT
    errors: dict[str, str] = field(default_factory=dict)  # field name -> message
    code: str = ""  # the registration's code, once sent
    name: str = ""  # the name or alias sent, shown on the confirmation
    contact: Contact = Contact.DESK
    phone: str = ""  # the number shown back formatted
    ready: bool = False  # the script has bound the form


# The contact starts "" in the browser: nothing chosen yet (the next steps say "desk" then).
reg = ClientStateVar.create("pasoreg", asdict(Draft()) | {"contact": ""})


def draft() -> ObjectVar[Draft]:
    """The form's client state, typed."""
    return reg.value.to(ObjectVar, Draft)


def start(locale: str, *, persist: bool) -> client.Function:
    """On mount: bind the form, restore the draft, send a waiting submission."""
    return client.call("pasoRegStart", locale, persist)


def reset(_: Translator) -> client.Function:
    """ "Start over": wipe what was typed (after asking, when something was)."""
    return client.call("pasoRegReset", _("Delete everything you typed in this form?"))


def errors_var() -> ObjectVar[dict[str, str]]:
    """The form's errors as the page shows them: field name -> message."""
    return draft().errors.to(dict[str, str])
