"""The registration form's words when a volunteer fills it in at the desk for someone.

The public form speaks to the migrant ("Your name", "I agree"); at the desk the same form is
read by the volunteer, so its words speak to them about the person ("Their name", "The person
agrees"). ``Assisted`` is a ``Translator`` that swaps each such message for its desk wording
before translating; a page passes it instead of the plain one, and the form stays one form.
``tests/unit/desk/test_desk_display.py`` checks that every message swapped here is still in the code.
"""

from __future__ import annotations

from rxapp.i18n.catalogs import Translator
from rxapp.taxonomy import N_

# The public form's message -> what the desk reads instead.
WORDS: dict[str, str] = {
    "Register at the centre": N_("Register someone"),
    "No account needed. You get a code to show at the desk.": N_(
        "For a person at the desk. Only their name or alias and what they need are required. They get a code to keep."
    ),
    "Name or alias": N_("Their name or alias"),
    "It does not have to be your real name.": N_(
        "So the desk can call them. It does not have to be their legal name."
    ),
    "What do you need?": N_("What do they need?"),
    "Choose one or more.": N_("Choose at least one."),
    "To find services for people from your country.": N_(
        "Optional. Helps find information and services for people from their country."
    ),
    "Languages you speak": N_("Languages they speak"),
    "So we can find someone who understands you.": N_("Optional. So someone who understands them can help."),
    "Adults in your group": N_("Adults in their group"),
    "You included.": N_("Optional. Including them."),
    "Children in your group": N_("Children in their group"),
    "Only to contact you. From another country, start with + and the country code.": N_(
        "Optional. Only to contact them about their case. Numbers from another country start with + and the country code."
    ),
    "How should we contact you?": N_("How should we contact them?"),
    "I agree that the centre keeps my answers to help me, for {days} days at most. I can ask at the desk to see them or delete them.": N_(
        "I read this to the person and they agree: the centre keeps these answers to help them, for {days} days at most. Only the centre's staff can see them. They can ask at the desk to see them or to delete them at any time."
    ),
    "Without your agreement we cannot register you. Nothing has been saved.": N_(
        "Without the person's agreement they cannot be registered. Nothing has been saved."
    ),
    "You are registered": N_("The person is registered"),
    "Your code": N_("Their code"),
    "Show this code at the desk.": N_("Give the person this code. They can take a photo of the QR code."),
}


class Assisted(Translator):
    """A ``Translator`` for the form filled in at the desk: the volunteer's wording."""

    def __call__(self, message: str) -> str:
        return super().__call__(WORDS.get(message, message))
