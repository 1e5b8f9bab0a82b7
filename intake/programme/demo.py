"""A plausible programme for demo mode: units, fields of study, the next call and its vacancies."""

from __future__ import annotations

from datetime import datetime, time, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from django.db import transaction
from django.utils import timezone

from intake.programme import questions, services
from intake.programme.models import Call, FieldOfStudy, OrganisationalUnit, Vacancy

BRUSSELS = ZoneInfo("Europe/Brussels")

UNITS = [
    ("pdd", "is_division", "Public Diplomacy Division", "Division Diplomatie publique", None),
    (
        "pasp",
        "is_division",
        "Political Affairs and Security Policy Division",
        "Division Affaires politiques et politique de sécurité",
        None,
    ),
    ("ops", "is_division", "Operations Division", "Division Opérations", None),
    (
        "dpp",
        "is_division",
        "Defence Policy and Planning Division",
        "Division Politique de défense et planification",
        None,
    ),
    (
        "esc",
        "is_division",
        "Emerging Security Challenges Division",
        "Division Défis de sécurité émergents",
        None,
    ),
    (
        "dii",
        "is_division",
        "Defence Investment Division",
        "Division Investissement de défense",
        None,
    ),
    ("exco", "is_division", "Executive Management", "Direction exécutive", None),
    ("hr", "is_division", "Human Resources", "Ressources humaines", "exco"),
    ("ims", "ims", "International Military Staff", "État-major militaire international", None),
    (
        "ncia",
        "agency",
        "NATO Communications and Information Agency",
        "Agence OTAN d'information et de communication",
        None,
    ),
]

FIELDS = [
    ("political-science", "Political science", "Science politique"),
    ("international-relations", "International relations", "Relations internationales"),
    ("law", "Law", "Droit"),
    ("communication", "Communication and journalism", "Communication et journalisme"),
    ("data", "Data science and engineering", "Science des données et ingénierie"),
    ("translation", "Translation", "Traduction"),
    ("human-resources", "Human resources", "Ressources humaines"),
    ("energy", "Energy studies", "Études de l'énergie"),
    ("economics", "Economics", "Économie"),
]

VACANCIES = [
    (
        "PDD-01",
        "pdd",
        "Digital communication intern",
        "Stagiaire en communication numérique",
        "communication",
        "september",
        True,
        [("en", "C1", True), ("fr", "B2", False)],
    ),
    (
        "PDD-02",
        "pdd",
        "Media monitoring intern",
        "Stagiaire en veille médiatique",
        "communication",
        "either",
        True,
        [("en", "C1", True), ("fr", "B1", False)],
    ),
    (
        "PASP-01",
        "pasp",
        "Partnerships intern",
        "Stagiaire Partenariats",
        "international-relations",
        "march",
        True,
        [("en", "C1", True)],
    ),
    (
        "PASP-02",
        "pasp",
        "Arms control intern",
        "Stagiaire Maîtrise des armements",
        "political-science",
        "september",
        False,
        [("en", "C1", True), ("fr", "B2", False)],
    ),
    (
        "OPS-01",
        "ops",
        "Crisis management intern",
        "Stagiaire Gestion des crises",
        "international-relations",
        "either",
        False,
        [("en", "C1", True)],
    ),
    (
        "DPP-01",
        "dpp",
        "Defence planning data intern",
        "Stagiaire Données de planification de défense",
        "data",
        "march",
        True,
        [("en", "C1", True)],
    ),
    (
        "ESC-01",
        "esc",
        "Energy security intern",
        "Stagiaire Sécurité énergétique",
        "energy",
        "september",
        True,
        [("en", "C1", True), ("fr", "B1", False)],
    ),
    (
        "ESC-02",
        "esc",
        "Cyber defence policy intern",
        "Stagiaire Politique de cyberdéfense",
        "political-science",
        "either",
        False,
        [("en", "C1", True)],
    ),
    (
        "DII-01",
        "dii",
        "Defence innovation intern",
        "Stagiaire Innovation de défense",
        "economics",
        "march",
        True,
        [("en", "C1", True)],
    ),
    (
        "HR-01",
        "hr",
        "Talent acquisition intern",
        "Stagiaire Acquisition de talents",
        "human-resources",
        "either",
        True,
        [("en", "C1", True), ("fr", "C1", False)],
    ),
    (
        "IMS-01",
        "ims",
        "Military cooperation intern",
        "Stagiaire Coopération militaire",
        "international-relations",
        "september",
        False,
        [("en", "C1", True), ("fr", "B2", False)],
    ),
    (
        "NCIA-01",
        "ncia",
        "Data engineering intern",
        "Stagiaire Ingénierie des données",
        "data",
        "either",
        True,
        [("en", "B2", True)],
    ),
    (
        "EXCO-01",
        "exco",
        "Translation intern (French)",
        "Stagiaire en traduction (français)",
        "translation",
        "march",
        False,
        [("fr", "C2", True), ("en", "C1", True)],
    ),
]


DESCRIPTION_EN = "Join the team of the {unit} for six months and contribute to its daily work."
DESCRIPTION_FR = "Rejoignez l'équipe « {unit} » pendant six mois et contribuez à son travail."
TASKS_EN = "Research and drafting; preparing meetings; following current affairs in the field."
TASKS_FR = "Recherches et rédaction ; préparation de réunions ; suivi de l'actualité du domaine."


def demo_window(now: datetime | None = None) -> tuple[int, datetime, datetime]:
    """The demo call is open whenever the demo is set up: opened 30 days ago, closing in 45."""
    today = (now or timezone.now()).astimezone(BRUSSELS).date()
    opens = datetime.combine(today - timedelta(days=30), time(0, 0), tzinfo=BRUSSELS)
    closes = datetime.combine(today + timedelta(days=45), time(23, 59, 59), tzinfo=BRUSSELS)
    return closes.year, opens, closes


def seed_programme(*, year: int | None = None) -> Call:
    demo_year, opens_at, closes_at = demo_window()
    year = year or demo_year
    with transaction.atomic():
        units: dict[str, OrganisationalUnit] = {}
        for code, kind, en, fr, parent in UNITS:
            units[code], _ = OrganisationalUnit.objects.get_or_create(
                code=code,
                defaults={
                    "kind": kind,
                    "name_en": en,
                    "name_fr": fr,
                    "parent": units.get(parent or ""),
                },
            )
        fields = {}
        for code, en, fr in FIELDS:
            fields[code], _ = FieldOfStudy.objects.get_or_create(
                code=code, defaults={"name_en": en, "name_fr": fr}
            )
        call = Call.objects.filter(year=year).first() or services.call_create(
            year=year,
            opens_at=opens_at,
            closes_at=closes_at,
        )
        for ref, unit, en, fr, field, intake, telework, languages in VACANCIES:
            if Vacancy.objects.filter(call=call, reference=ref).exists():
                continue
            vacancy = services.vacancy_create(
                call=call,
                unit=units[unit],
                reference=ref,
                title_en=en,
                title_fr=fr,
                description_en=DESCRIPTION_EN.format(unit=units[unit].name_en),
                description_fr=DESCRIPTION_FR.format(unit=units[unit].name_fr),
                tasks_en=TASKS_EN,
                tasks_fr=TASKS_FR,
                skills_en="Clear writing; teamwork; curiosity.",
                skills_fr="Rédaction claire ; travail en équipe ; curiosité.",
                intake=intake,
                telework=telework,
                languages=languages,
                fields_of_study=[fields[field]],
            )
            for question in DEMO_QUESTIONS.get(ref, []):
                questions.vacancy_question_add(vacancy=vacancy, **question)
            services.vacancy_set_status(vacancy=vacancy, to=Vacancy.Status.PUBLISHED)
    return call


# The demo's questions of a vacancy (issue #12 §4), asked before it is published.
DEMO_QUESTIONS: dict[str, list[dict[str, Any]]] = {
    "PDD-01": [
        {
            "kind": "text",
            "text_en": "Which tools have you used to publish on social media?",
            "text_fr": (
                "Quels outils avez-vous utilisés pour publier sur les réseaux sociaux\u00a0?"
            ),
            "max_length": 300,
        },
        {
            "kind": "yes_no",
            "text_en": "Have you edited video before?",
            "text_fr": "Avez-vous déjà monté des vidéos\u00a0?",
        },
    ]
}
