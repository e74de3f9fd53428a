"""Which desk pages each role lands on: a translator never sees the queue or a registration."""

from __future__ import annotations

import pytest

from rxapp.desk.session import landing
from rxapp.models import Role


@pytest.mark.parametrize(
    ("role", "page", "expected"),
    [
        (Role.TRANSLATOR, "desk", "/fr/desk/translate"),
        (Role.TRANSLATOR, "desk/new", "/fr/desk/translate"),
        (Role.TRANSLATOR, "desk/audit", "/fr/desk/translate"),
        (Role.TRANSLATOR, "desk/translate", None),
        (Role.TRANSLATOR, "desk/staff", None),  # their own password
        (Role.VOLUNTEER, "desk", None),
        (Role.COORDINATOR, "desk", None),
        (Role.COORDINATOR, "desk/translate", None),
    ],
)
def test_each_role_lands_where_it_may_be(role: Role, page: str, expected: str | None) -> None:
    assert landing(role.value, page, "fr") == expected


def test_nobody_signed_in_stays_for_the_sign_in_screen() -> None:
    assert landing("", "desk", "fr") is None
