"""Registering on a phone: in Spanish, through reloads, a cut connection and double taps,
always exactly one record."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator

import pytest
from playwright.sync_api import Page, WebSocketRoute, expect
from sqlalchemy.engine import Engine
from sqlmodel import Session, select

from rxapp.models import Registration

pytestmark = pytest.mark.e2e


def _rows(engine: Engine, name: str) -> list[Registration]:
    with Session(engine) as session:
        return list(session.exec(select(Registration).where(Registration.name == name)).all())


def _open(page: Page, url: str) -> None:
    page.goto(url)
    expect(page.get_by_test_id("submit")).to_be_enabled()  # the form is bound to its script


def _more(page: Page) -> None:
    """Unfold "Tell us more (optional)" (folded since issue 14) if it is not open yet."""
    if page.get_by_test_id("more").get_attribute("open") is None:
        page.get_by_text("Cuéntanos más (opcional)").click()
    expect(page.get_by_label("Nacionalidad")).to_be_visible()


def _fill(page: Page, name: str) -> None:
    page.get_by_role("textbox", name="Nombre o apodo").fill(name)
    page.get_by_role("checkbox", name="Comida").check()
    page.get_by_role("checkbox", name="Salud").check()
    _more(page)
    page.get_by_label("Nacionalidad").select_option("HN")
    page.get_by_role("textbox", name="Teléfono").fill("9999 8888")
    page.get_by_role("checkbox", name="Este número tiene WhatsApp").check()
    page.get_by_role("checkbox", name="Acepto").check()


# What a server that cannot be reached looks like to socket.io: the transport opens (Engine.IO
# handshake), the namespace connection is refused (CONNECT_ERROR), and the client retries.
HANDSHAKE = '0{"sid":"cut","upgrades":[],"pingInterval":25000,"pingTimeout":20000,"maxPayload":1000000}'
REFUSED = '44/_event,{"message":"connection cut by the test"}'


class Cable:
    """The websocket, cut and restored for real: open connections are closed and new ones
    refused until it is plugged back (Playwright's offline mode leaves open sockets alone)."""

    def __init__(self, page: Page) -> None:
        self.cut = False
        self.open: list[WebSocketRoute] = []
        page.route_web_socket(re.compile(r"/_event"), self._route)

    def _route(self, ws: WebSocketRoute) -> None:
        if self.cut:
            ws.send(HANDSHAKE)
            ws.on_message(lambda message: ws.send(REFUSED) if str(message).startswith("40") else None)
            return
        ws.connect_to_server()
        self.open.append(ws)

    def unplug(self) -> None:
        self.cut = True
        for ws in self.open:
            ws.close()
        self.open.clear()

    def plug(self) -> None:
        self.cut = False


@pytest.fixture
def register_url(app_url: str) -> Iterator[str]:
    yield f"{app_url}/es/register"


def test_register_in_spanish_shows_code_and_qr(page: Page, register_url: str, app_db: Engine) -> None:
    _open(page, register_url)
    _fill(page, "Ana Prueba Uno")
    page.get_by_role("textbox", name="Teléfono").blur()
    expect(page.get_by_test_id("phone-back")).to_contain_text("+504 9999-8888")
    page.get_by_test_id("submit").click()
    expect(page.get_by_test_id("confirmation")).to_be_visible()
    code = page.get_by_test_id("reference").inner_text()
    assert code.startswith("MTZ-") and len(code) == 8
    expect(page.get_by_test_id("registered-name")).to_contain_text("Ana Prueba Uno")
    # The form's title no longer shows above "You are registered" (it stays for screen readers).
    expect(page.get_by_role("heading", level=1)).to_have_class(re.compile(r"\bsr-only\b"))
    qr = page.get_by_test_id("confirmation").locator("img")
    # Drawn on the phone (a data: URL), so it shows again offline (tests/e2e/test_offline_phone.py).
    expect(qr).to_have_attribute("src", re.compile(r"^data:image/svg\+xml"))
    page.wait_for_function("img => img.complete && img.naturalWidth > 0", arg=qr.element_handle())
    expect(page.get_by_test_id("centre")).to_contain_text("Av. Central Norte 12")
    [row] = _rows(app_db, "Ana Prueba Uno")
    assert (row.reference, row.phone, row.nationality, row.needs) == (
        code,
        "+50499998888",
        "HN",
        ["food", "health"],
    )
    # The phone keeps the code and nothing else of the person.
    stored = page.evaluate("JSON.stringify(localStorage)")
    assert code in stored and "Ana" not in stored and "9999" not in stored
    page.goto(register_url.replace("/register", ""))
    expect(page.get_by_test_id("home-code")).to_contain_text(code)


def test_register_from_the_home_page(page: Page, app_url: str, app_db: Engine) -> None:
    """The home page reads without a websocket; the registration page must open one."""
    page.goto(f"{app_url}/es")
    page.get_by_test_id("register-link").click()
    expect(page.get_by_test_id("submit")).to_be_enabled()
    _fill(page, "Fabi Prueba")
    page.get_by_test_id("submit").click()
    expect(page.get_by_test_id("confirmation")).to_be_visible()
    assert len(_rows(app_db, "Fabi Prueba")) == 1


def test_the_phone_answer_does_not_move_the_whatsapp_box(page: Page, register_url: str) -> None:
    """Bug: at phone width the answer ("We will use this number:" and the number) wraps to two
    lines, under a one-line reservation: the WhatsApp box moved under the person's tap (two e2e
    runs failed on it: "clicking the checkbox did not change its state")."""
    _open(page, register_url)
    _more(page)
    phone = page.get_by_role("textbox", name="Teléfono")
    whatsapp = page.get_by_role("checkbox", name="Este número tiene WhatsApp")

    def gap() -> float:  # between the phone field and the box: unchanged by scrolling
        field, box = phone.bounding_box(), whatsapp.bounding_box()
        assert field and box
        return box["y"] - field["y"]

    page.get_by_label("Nacionalidad").select_option("HN")
    before = gap()
    phone.fill("9999 8888")
    phone.press("Tab")
    expect(page.get_by_test_id("phone-back")).to_contain_text("+504 9999-8888")
    assert gap() == before


def test_errors_in_spanish_keep_what_was_typed(page: Page, register_url: str, app_db: Engine) -> None:
    _open(page, register_url)
    page.get_by_role("textbox", name="Nombre o apodo").fill("Beto Prueba")
    _more(page)
    page.get_by_role("textbox", name="Teléfono").fill("123")
    page.get_by_test_id("submit").click()
    expect(page.get_by_test_id("error-needs")).to_be_visible()
    expect(page.get_by_test_id("error-phone")).to_be_visible()
    expect(page.get_by_test_id("error-consent")).to_contain_text("Sin tu permiso")
    expect(page.get_by_role("textbox", name="Nombre o apodo")).to_have_value("Beto Prueba")
    expect(page.get_by_role("textbox", name="Teléfono")).to_have_value("123")
    expect(page.get_by_role("textbox", name="Teléfono")).to_have_attribute("aria-invalid", "true")
    assert _rows(app_db, "Beto Prueba") == []


def test_a_reload_keeps_every_field(page: Page, register_url: str) -> None:
    _open(page, register_url)
    _fill(page, "Carla Prueba")
    page.get_by_label("¿Hay algo más que debamos saber?").fill("Viajo con mi hermana.")
    page.reload()
    expect(page.get_by_test_id("submit")).to_be_enabled()
    expect(page.get_by_role("textbox", name="Nombre o apodo")).to_have_value("Carla Prueba")
    expect(page.get_by_role("checkbox", name="Salud")).to_be_checked()
    expect(page.get_by_label("Nacionalidad")).to_have_value("HN")
    expect(page.get_by_label("¿Hay algo más que debamos saber?")).to_have_value("Viajo con mi hermana.")
    page.once("dialog", lambda dialog: dialog.accept())
    page.get_by_role("button", name="Empezar de nuevo").click()
    expect(page.get_by_role("textbox", name="Nombre o apodo")).to_have_value("")
    assert page.evaluate("localStorage.getItem('paso.draft')") is None


def test_a_submission_waits_offline_through_a_reload(page: Page, register_url: str, app_db: Engine) -> None:
    cable = Cable(page)
    _open(page, register_url)
    _fill(page, "Dora Prueba")
    cable.unplug()
    expect(page.get_by_test_id("connection-lost")).to_be_visible()
    page.get_by_test_id("submit").click()
    expect(page.get_by_test_id("sending")).to_contain_text("Esperando para enviar")
    page.reload()  # the page itself still loads; the websocket stays cut
    expect(page.get_by_test_id("sending")).to_contain_text("Esperando para enviar")
    expect(page.get_by_role("textbox", name="Nombre o apodo")).to_have_value("Dora Prueba")
    assert _rows(app_db, "Dora Prueba") == []
    cable.plug()
    expect(page.get_by_test_id("confirmation")).to_be_visible(timeout=30_000)
    assert len(_rows(app_db, "Dora Prueba")) == 1


def test_double_taps_and_replays_make_one_record(page: Page, register_url: str, app_db: Engine) -> None:
    _open(page, register_url)
    _fill(page, "Eva Prueba")
    page.get_by_test_id("submit").dblclick()
    # And what a reconnection replays: the same submission three more times.
    send: Callable[[], None] = lambda: page.evaluate("document.getElementById('paso-send').click()")  # noqa: E731
    for _ in range(3):
        send()
    expect(page.get_by_test_id("confirmation")).to_be_visible()
    code = page.get_by_test_id("reference").inner_text()
    page.reload()
    expect(page.get_by_test_id("submit")).to_be_enabled()
    rows = _rows(app_db, "Eva Prueba")
    assert [row.reference for row in rows] == [code]
