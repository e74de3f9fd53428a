"""The banner on a service an HSDS import brought in that no one has verified since: where it
came from, and that "Verified today" is what clears it (apart from the form, whose fields change
more often)."""

from __future__ import annotations

import reflex as rx

from rxapp.desk.service.state import VALUES
from rxapp.i18n.catalogs import Translator


def review_banner(_: Translator) -> rx.Component:
    """Shown while the service is still to review."""
    return rx.cond(
        VALUES["needs_review"],
        rx.el.div(
            rx.icon("flag", size=22, aria_hidden="true", class_name="shrink-0 mt-0.5"),
            rx.el.div(
                rx.el.p(rx.el.strong(_("To review")), " · ", VALUES["imported"], data_testid="review-source"),
                rx.el.p(
                    _(
                        "Nobody at the centre has checked this information since it was imported. "
                        "The public pages do not show it as verified until someone checks it "
                        'and presses "Verified today".'
                    )
                ),
                class_name="space-y-1",
            ),
            class_name="flex gap-3 rounded-xl border-2 border-amber-600 bg-amber-50 p-3 text-amber-950",
            data_testid="review-banner",
        ),
    )
