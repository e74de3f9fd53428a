"""The fixed taxonomy of needs: slug, icon and English label (a gettext msgid).

The taxonomy is part of the interface, so its labels live in the gettext catalogs and the
home page can be prerendered without the database; the ``category`` table mirrors it for
joins and the HSDS export.
"""

from __future__ import annotations

from dataclasses import dataclass


def N_(message: str) -> str:  # noqa: N802 - the gettext convention for "mark, translate later"
    """Mark a string for extraction without translating it here."""
    return message


@dataclass(frozen=True)
class Need:
    """One need people come with, shown as a tile, and the words people use for it."""

    slug: str
    icon: str  # lucide icon name, drawn as inline SVG
    label: str  # English msgid
    keywords: str  # English msgid: words and phrases, comma-separated; each locale has its own list


# Each need's keywords (a gettext msgid) are not translated word for word: each locale's
# catalog holds the words people in that language type for the need (docs/translators.md, "Search words").
NEEDS: tuple[Need, ...] = (
    Need(
        "food",
        "utensils",
        N_("Food"),
        # TRANSLATORS: search words for the need "Food". Not a translation: the words people
        # in your language type for it (everyday, regional, slang, plurals), comma-separated.
        N_(
            "food, eat, eating, hungry, hunger, starving, meal, meals, breakfast, lunch, dinner, supper, "
            "soup kitchen, kitchen, canteen, groceries, food bank, pantry, bread, drinking water, hot food, "
            "snack, feed, baby formula, baby food, milk"
        ),
    ),
    Need(
        "shelter",
        "bed-double",
        N_("Shelter"),
        # TRANSLATORS: search words for the need "Shelter". Not a translation: the words people
        # in your language type for it (everyday, regional, slang, plurals), comma-separated.
        N_(
            "shelter, shelters, sleep, sleeping, bed, beds, place to stay, stay, overnight, night, housing, "
            "house, home, homeless, roof, lodging, accommodation, hostel, room, rest, refuge, safe house, "
            "migrant house, tent, hotel"
        ),
    ),
    Need(
        "health",
        "stethoscope",
        N_("Health"),
        # TRANSLATORS: search words for the need "Health". Not a translation: the words people
        # in your language type for it (everyday, regional, slang, plurals), comma-separated.
        N_(
            "health, doctor, doctors, medical, medicine, medicines, clinic, hospital, nurse, sick, ill, illness, "
            "pain, hurt, fever, injury, injured, wound, emergency, first aid, pharmacy, drugstore, pills, "
            "checkup, pregnant, pregnancy, vaccine, vaccines, vaccination, dentist, toothache, blood pressure, "
            "diabetes, cough, flu, infection, blisters, HIV"
        ),
    ),
    Need(
        "legal",
        "scale",
        N_("Legal help"),
        # TRANSLATORS: search words for the need "Legal help". Not a translation: the words people
        # in your language type for it (everyday, regional, slang, plurals), comma-separated.
        N_(
            "legal, lawyer, lawyers, attorney, legal aid, legal advice, rights, human rights, asylum, "
            "refugee, refugees, refugee status, COMAR, immigration, migration status, visa, humanitarian visa, "
            "deportation, deported, detention, detained, court, judge, law, regularization, residency, "
            "permit, appeal, immigration office"
        ),
    ),
    Need(
        "psychosocial",
        "heart-handshake",
        N_("Emotional support"),
        # TRANSLATORS: search words for the need "Emotional support". Not a translation: the words people
        # in your language type for it (everyday, regional, slang, plurals), comma-separated.
        N_(
            "emotional support, mental health, psychologist, psychology, psychological, counselling, "
            "counseling, counselor, therapy, therapist, stress, anxiety, fear, afraid, scared, sad, sadness, "
            "depression, depressed, trauma, nightmares, crying, grief, lonely, loneliness, someone to talk to, "
            "listen, support group, nervous, worried, psychosocial"
        ),
    ),
    Need(
        "protection",
        "baby",
        N_("Protection and children"),
        # TRANSLATORS: search words for the need "Protection and children". Not a translation: the words people
        # in your language type for it (everyday, regional, slang, plurals), comma-separated.
        N_(
            "protection, child, children, kids, baby, babies, minor, minors, unaccompanied, girl, boy, teenager, "
            "family, families, mother, women, woman, violence, abuse, sexual violence, rape, gender violence, "
            "trafficking, smuggler, kidnapping, kidnapped, extortion, robbed, robbery, assault, attacked, "
            "danger, threat, threatened, safe space, missing, missing family, family tracing, police, daycare, childcare"
        ),
    ),
    Need(
        "documents",
        "file-text",
        N_("Documents"),
        # TRANSLATORS: search words for the need "Documents". Not a translation: the words people
        # in your language type for it (everyday, regional, slang, plurals), comma-separated.
        N_(
            "documents, document, papers, paperwork, ID, identity, identification, passport, birth certificate, "
            "CURP, permit, visitor card, card, copy, copies, photocopy, print, printing, photo, photos, "
            "form, forms, certificate, consulate, embassy, lost, lost documents, stolen, replacement"
        ),
    ),
    Need(
        "connectivity",
        "wifi",
        N_("Phone and internet"),
        # TRANSLATORS: search words for the need "Phone and internet". Not a translation: the words people
        # in your language type for it (everyday, regional, slang, plurals), comma-separated.
        N_(
            "phone, phones, mobile, cell phone, cellphone, call, calls, internet, wifi, wi-fi, charge, charging, "
            "charger, battery, SIM, SIM card, data, credit, top up, computer, computers, email, WhatsApp, "
            "message, signal, call my family"
        ),
    ),
    Need(
        "hygiene",
        "shower-head",
        N_("Hygiene"),
        # TRANSLATORS: search words for the need "Hygiene". Not a translation: the words people
        # in your language type for it (everyday, regional, slang, plurals), comma-separated.
        N_(
            "hygiene, shower, showers, bath, bathe, wash, washing, laundry, clothes, clothing, shoes, toilet, "
            "toilets, bathroom, soap, toothbrush, toothpaste, sanitary pads, pads, diapers, nappies, towel, "
            "razor, shave, clean, blanket, blankets, jacket, hygiene kit"
        ),
    ),
    Need(
        "transport",
        "signpost",
        N_("Transport and orientation"),
        # TRANSLATORS: search words for the need "Transport and orientation". Not a translation: the words people
        # in your language type for it (everyday, regional, slang, plurals), comma-separated.
        N_(
            "transport, transportation, bus, buses, bus station, bus stop, taxi, ride, lift, route, routes, "
            "road, way, directions, map, maps, orientation, information, info, how to get there, travel, trip, "
            "train, walk, walking, safe route, border, ticket, fare, van, north"
        ),
    ),
    Need(
        "work",
        "briefcase",
        N_("Work"),
        # TRANSLATORS: search words for the need "Work". Not a translation: the words people
        # in your language type for it (everyday, regional, slang, plurals), comma-separated.
        N_(
            "work, job, jobs, employment, work permit, hiring, labour, labor, day labourer, money, earn, pay, "
            "wage, salary, income, harvest, coffee picking, coffee harvest, farm, construction, cleaning, "
            "trade, trades, vacancy, CV, resume"
        ),
    ),
    Need(
        "education",
        "book-open",
        N_("Education"),
        # TRANSLATORS: search words for the need "Education". Not a translation: the words people
        # in your language type for it (everyday, regional, slang, plurals), comma-separated.
        N_(
            "education, school, schools, class, classes, course, courses, learn, learning, study, teacher, "
            "lessons, Spanish classes, Spanish lessons, literacy, read, write, reading, writing, homework, "
            "training, workshop, library, books"
        ),
    ),
)

NEEDS_BY_SLUG: dict[str, Need] = {need.slug: need for need in NEEDS}
