"""Personal follow-up (issue 19): what comes back to the person after the desk has helped them.

One module per idea, plain functions with keyword-only arguments, a ``Session`` in and ``now``
passed in (tests travel in time); no Reflex import:

- ``access``: the person's page is opened by a secret (never by the code), given to the phone
  that registered or bought with a one-time token the desk shows as a QR or sends.
- ``appointments``: the desk's appointments and a referral's note for the person.
- ``followups``: the desk's own follow-up date and note, and what is due today or overdue.
- ``turns``: calling people to a desk, their turn as their page shows it, the display's calls.
- ``mypage``: the JSON document the person's phone keeps.
- ``sending``: a referral as a WhatsApp or SMS message from the volunteer's own phone.
- ``inputs``: what the desk may send, validated, and why it is refused.

Everything that writes on a staff member's behalf writes its own audit row (the desk must not
write a second one); reads by the person themselves are not audited (their page polls).
"""
