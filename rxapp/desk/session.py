"""Who is at the desk: sign-in, the idle lock and sign-out, shared by every desk page.

The session lives on the server (``StaffSession``); the browser holds only a random token in
a cookie. Every desk handler goes through ``rxapp.access.desk_event``, which asks
``_staff(role)`` with the role the access table declares: hiding a button is not access control. The pages' states are substates of ``DeskState``; locking or signing out resets all
of them, so no personal data stays in the tablet's state.

**The session rides on the cookie alone** (issue 16, item 6). Reflex keys a tab's state by a
client token kept in the tab's ``sessionStorage`` and sent in the websocket's URL, where proxy
logs keep it: whoever replays it gets that tab's state. So the token of the desk session is
not in the state (it was an ``rx.Cookie`` var, which Reflex stores in the state and which
page scripts can read). It is in the ``paso_desk`` cookie, ``HttpOnly``, which only the server
sets (``rxapp/services/desk_cookie.py``), and every desk event reads it from the handshake
headers of the websocket the event came on (``router.headers``, which Reflex fills on the
server from the connection and never sends to the browser). The state remembers only a
fingerprint of the cookie it was made under (``_bound``): an event or a hydrate on a connection
with another cookie, or none, first resets every desk state (``rxapp/desk/gate.py``, an app
middleware that runs before Reflex answers a hydrate), so a replayed client token finds
nothing, and no handler finds a session. The database decides who is signed in, and the
fingerprint lives in the state store, so this holds with several workers and Redis.

A cookie can be set only by an HTTP answer, and a websocket sends the cookies it had when it
connected. Signing in therefore happens over the websocket as before (the password check and
its limits stay in one handler), opens the session under a one-time ticket, and the page swaps
the ticket for the cookie (``POST /api/desk/session``, ``rxapp/http/desk_session.py``) and
loads again, so that its new websocket carries the cookie. Signing out ends the session here,
and the page has the cookie removed (``DELETE``) before it loads again.
"""

from __future__ import annotations

import inspect
import logging
from enum import StrEnum
from functools import partial
from typing import Any

import reflex as rx
from pydantic import BaseModel, ConfigDict, Field, ValidationError
from reflex.event import EventSpec
from sqlmodel import Session

from rxapp import access, registry, routes
from rxapp.components import client
from rxapp.i18n.catalogs import Translator
from rxapp.models import Role, utcnow
from rxapp.services import auth, desk_cookie, signin
from rxapp.services.auth import AuthError, AuthProblem, Staff
from rxapp.services.db import engine
from rxapp.services.ratelimit import Limit
from rxapp.settings import get_settings
from rxapp.taxonomy import N_

log = logging.getLogger(__name__)

PROBLEMS = access.words(
    {
        AuthProblem.BAD_CREDENTIALS: N_("The user name or password is not right."),
        AuthProblem.LOCKED_OUT: N_("Too many wrong attempts. Wait {seconds} seconds and try again."),
        AuthProblem.WEAK_PASSWORD: N_(
            "Choose a password of at least 10 characters that is not your user name."
        ),
        AuthProblem.USERNAME_TAKEN: N_("This user name is taken."),
        AuthProblem.USERNAME_INVALID: N_(
            "A user name has 3 to 40 letters, digits, dots, dashes or underscores."
        ),
        AuthProblem.SAME_PASSWORD: N_("The new password must be different."),
        AuthProblem.NOT_ALLOWED: N_("Your role cannot do this."),
        AuthProblem.SESSION_LOCKED: N_("The desk is locked. Type your password to go on."),
        AuthProblem.SESSION_ENDED: N_("Your session has ended. Sign in again."),
        AuthProblem.BUSY: N_("The desk is busy. Try again in a moment."),
    }
)


class Phase(StrEnum):
    """What the desk shows: nothing yet, the sign-in form, the lock screen, or its pages."""

    CHECKING = "checking"
    SIGN_IN = "signin"
    LOCKED = "locked"
    READY = "ready"


class SignInForm(BaseModel):
    """What the sign-in and unlock forms send."""

    model_config = ConfigDict(extra="ignore", str_strip_whitespace=True)
    username: str = Field(default="", max_length=80)
    password: str = Field(max_length=200)


def words(problem: AuthProblem, _: Translator, retry_after: int = 0) -> str:
    """An authentication problem in the reader's language."""
    return _(PROBLEMS[problem]).replace("{seconds}", str(retry_after))


def landing(role: str, page: str, locale: str) -> str | None:
    """Where someone of ``role`` goes instead of ``page`` (e.g. "desk"), or None to stay.

    A translator opens only the pages the registry gives translators (directory texts and their
    own password): the queue and the registration form hold migrants' data.
    """
    found = registry.desk_page(page)
    if role == Role.TRANSLATOR.value and (found is None or Role.TRANSLATOR not in found.roles):
        return routes.desk_translate(locale)
    return None


class DeskState(rx.State):
    """The signed-in staff member of this tablet (no personal data of migrants here)."""

    phase: Phase = Phase.CHECKING
    staff_name: str = ""
    username: str = ""
    # The user name of a refused sign-in, typed back into the form (which empties itself on
    # submit, the password with it): a mistyped password costs the password only.
    typed_username: str = ""
    role: str = ""
    auth_error: str = ""
    # The fingerprint of the desk cookie these states were made under ("" for none); a backend
    # var, never sent to the browser.
    _bound: str = ""
    # A record another desk page asks the queue to open when it loads (the Follow-up page's
    # "Open"): pages hand over through here, importing no other page. A backend var.
    _open_next: int = 0

    async def _token(self) -> str:
        """The desk token of this event's websocket (its handshake's cookie), after resetting
        every desk state if they were made under another cookie or none."""
        token = desk_cookie.token_in(self.router.headers.cookie)
        bound = desk_cookie.fingerprint(token)
        if bound != self._bound:
            await self._forget()
            for name, value in {
                "phase": Phase.CHECKING,
                "staff_name": "",
                "username": "",
                "role": "",
            }.items():
                if getattr(self, name) != value:
                    setattr(self, name, value)
            self.auth_error = ""
            self._bound = bound
        return token

    def _locale(self) -> str:
        settings = get_settings()
        tag = self.router.url.path.strip("/").split("/")[0]
        return tag if tag in settings.locales else settings.default_locale

    def _t(self) -> Translator:
        return Translator(self._locale())

    def _page(self) -> str:
        return routes.desk_page_key(self.router.url.path)

    def _page_loader(self) -> Any:
        page = registry.desk_page(self._page())
        return registry.resolve(page.load) if page is not None and page.load else None

    def __init_subclass__(cls, **kwargs: Any) -> None:
        """A desk page's state: every public event handler must say who may call it
        (rxapp/access.py); one that went around ``desk_event`` cannot be defined."""
        for name, value in list(vars(cls).items()):
            if inspect.isfunction(value) and not name.startswith("_") and not access.declared(value):
                raise access.AccessNotDeclaredError(
                    f"{cls.__name__}.{name} is a desk event handler without @desk_event or @open_event"
                )
        super().__init_subclass__(**kwargs)

    def _refuse(self, message: str, *, form: str = "", error: Exception | None = None) -> None:
        """Show why a desk action was refused (pages show it where ``form`` says)."""
        self.auth_error = message

    def _next(self) -> Any:
        """This page's load event, or a redirect to the page this person's role uses."""
        target = landing(self.role, self._page(), self._locale())
        return rx.redirect(target) if target else self._page_loader()

    def _show(self, staff: Staff) -> None:
        # Only what changed: every assignment is sent to the browser, and polls come each second.
        shown = {
            "phase": Phase.READY,
            "staff_name": staff.display_name,
            "username": staff.username,
            "role": staff.role.value,
        }
        for name, value in shown.items():
            if getattr(self, name) != value:
                setattr(self, name, value)

    async def _forget(self) -> None:
        """Reset every desk page's state: what they showed leaves the server's state store."""
        pending = list(DeskState.get_substates())
        while pending:
            cls = pending.pop()
            pending.extend(cls.get_substates())
            (await self.get_state(cls)).reset()  # type: ignore[no-untyped-call]  # Reflex: BaseState.reset is unannotated

    async def _signed_out(self, message: str = "") -> None:
        await self._forget()
        self.phase, self.staff_name, self.username, self.role = Phase.SIGN_IN, "", "", ""
        self.auth_error = message

    async def _staff(self, role: Role | None = Role.VOLUNTEER, *, touch: bool = True) -> Staff | None:
        """The signed-in staff member if allowed ``role`` (None: any role); else None, the page
        shows why."""
        settings = get_settings()
        token = await self._token()
        if not token:
            await self._signed_out()
            return None
        try:
            with Session(engine()) as session:
                staff = auth.current(
                    session=session,
                    token=token,
                    now=utcnow(),
                    idle_seconds=settings.desk_idle_seconds,
                    max_seconds=settings.desk_session_hours * 3600,
                    touch=touch,
                )
        except AuthError as error:
            if error.problem == AuthProblem.SESSION_LOCKED:
                await self._forget()
                self.phase = Phase.LOCKED
            else:
                await self._signed_out(words(error.problem, self._t()))
            return None
        self._show(staff)
        if role is not None and not staff.can(role):
            self.auth_error = words(AuthProblem.NOT_ALLOWED, self._t())
            return None
        return staff

    @rx.event
    @access.open_event
    async def check(self) -> EventSpec | None:
        """On load: is someone signed in on this tablet, is the desk locked, may they be here?"""
        self.auth_error = ""
        token = await self._token()
        if not token:
            self.phase = Phase.SIGN_IN
            return None
        with Session(engine()) as session:
            staff = auth.peek(session=session, token=token)
        if staff is None:
            await self._signed_out()
            return None
        self.staff_name, self.username, self.role = staff.display_name, staff.username, staff.role.value
        await self._staff(None)
        target = landing(self.role, self._page(), self._locale())
        return rx.redirect(target) if target else None

    def _attempt_limits(self) -> list[Limit]:
        """What a sign-in or unlock from this tab counts against (rxapp/services/signin.py)."""
        settings, where = get_settings(), self.router.session
        return signin.limits_for(
            secret=settings.secret_key(),
            address=where.client_ip,
            connection=where.client_token,
            centre_networks=settings.centre_networks,
            per_connection=settings.signin_per_connection,
            per_address=settings.signin_per_address,
            per_centre=settings.signin_per_centre,
        )

    @rx.event
    @access.open_event
    async def sign_in(self, form: dict[str, Any]) -> Any:
        """Check the user name and password; open a session held on the server, which the page
        then takes as its cookie (the module's docstring says why)."""
        _ = self._t()
        old = await self._token()

        def check(data: SignInForm) -> str:
            # In the hashing pool, off the event loop (argon2 held every reader up, issue 16);
            # it touches no state from that thread: the old token was read above.
            with Session(engine()) as session:
                user = auth.authenticate(
                    session=session, username=data.username, password=data.password, now=utcnow()
                )
                if old:  # someone else's (or an old) session on this tablet ends here
                    auth.end_session(session=session, token=old, now=utcnow())
                return auth.open_handover(session=session, user=user, now=utcnow())

        try:
            data = SignInForm.model_validate(form)
        except ValidationError:
            self.auth_error = words(AuthProblem.BAD_CREDENTIALS, _)
            return
        try:
            ticket = await signin.attempt(partial(check, data), bind=engine(), limits=self._attempt_limits())
        except AuthError as error:
            self.auth_error, self.typed_username = words(error.problem, _, error.retry_after), data.username
            return
        self.auth_error, self.typed_username = "", ""
        return client.script("pasoDeskAdopt", {"url": _session_url(), "ticket": ticket})

    @rx.event
    @access.open_event
    async def unlock(self, form: dict[str, Any]) -> Any:
        """The same person types the password again after the idle lock."""
        _ = self._t()
        token, max_seconds = await self._token(), get_settings().desk_session_hours * 3600

        def check(data: SignInForm) -> Staff:
            with Session(engine()) as session:  # in the hashing pool, as for sign_in
                return auth.unlock(
                    session=session,
                    token=token,
                    password=data.password,
                    now=utcnow(),
                    max_seconds=max_seconds,
                )

        try:
            data = SignInForm.model_validate(form)
            staff = await signin.attempt(partial(check, data), bind=engine(), limits=self._attempt_limits())
        except ValidationError:
            self.auth_error = words(AuthProblem.BAD_CREDENTIALS, _)
            return
        except AuthError as error:
            if error.problem == AuthProblem.SESSION_ENDED:
                await self._signed_out(words(error.problem, _))
            else:
                self.auth_error = words(error.problem, _, error.retry_after)
            return
        self.auth_error = ""
        self._show(staff)
        return self._next()

    @rx.event
    @access.open_event
    async def lock(self) -> None:
        """The tablet was idle (assets/paso/desk.js): hide everything until the password."""
        token = await self._token()
        if token:
            with Session(engine()) as session:
                auth.lock(session=session, token=token)
        await self._forget()
        self.phase = Phase.LOCKED if token else Phase.SIGN_IN

    @rx.event
    @access.open_event
    async def sign_out(self) -> EventSpec:
        """End the session on the server and leave nothing behind in this browser (the page then
        has the cookie removed and loads the sign-in page)."""
        token = await self._token()
        if token:
            with Session(engine()) as session:
                auth.end_session(session=session, token=token, now=utcnow())
        await self._signed_out()
        self.phase = Phase.CHECKING  # the sign-in form shows once the page has loaded again
        return client.script("pasoDeskLeave", {"url": _session_url(), "next": routes.desk(self._locale())})


def _session_url() -> str:
    """Where the page swaps a ticket for the cookie, or has it removed (the backend's address)."""
    return get_settings().backend_url + routes.DESK_SESSION
