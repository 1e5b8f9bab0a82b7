"""The eligibility engine, rule by rule, at its edges (pure: no database)."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from intake.applications.eligibility import (
    Document,
    Education,
    EducationStatus,
    LanguageSkill,
    Membership,
    Profile,
    RuleSet,
    age_on,
    evaluate,
    reference_date_for,
)

FOUNDERS = [Membership(c, date(1949, 8, 24)) for c in ("BE", "FR", "GB", "US", "CA")]
SWEDEN = Membership("SE", date(2024, 3, 7))
RULES = RuleSet(members=(*FOUNDERS, SWEDEN))
DAY = date(2026, 5, 15)
STUDENT = Education(EducationStatus.ENROLLED, years_completed=2)
ENGLISH = LanguageSkill("en", "C1")


def profile(**changes) -> Profile:
    base = {
        "date_of_birth": date(2000, 1, 1),
        "nationalities": ("BE",),
        "education": (STUDENT,),
        "languages": (ENGLISH,),
    }
    base.update(changes)
    return Profile(**base)


def rule(verdict, name):
    return next(r for r in verdict.rules if r.rule == name)


def test_an_eligible_profile_passes_every_rule_with_reasons_in_both_languages():
    verdict = evaluate(profile(), RULES, DAY)
    assert verdict.eligible
    assert [r.rule for r in verdict.rules] == ["nationality", "age", "academic", "language"]
    assert all(
        r.reason["en"] and r.reason["fr"] and r.reason["en"] != r.reason["fr"]
        for r in verdict.rules
    )


@pytest.mark.parametrize(
    ("born", "day", "eligible"),
    [
        (date(2005, 5, 15), date(2026, 5, 15), True),  # 21st birthday today
        (date(2005, 5, 16), date(2026, 5, 15), False),  # tomorrow
        (date(1950, 1, 1), date(2026, 5, 15), True),  # no maximum age
        (
            date(2004, 2, 29),
            date(2025, 2, 28),
            False,
        ),  # born 29 February: 21 on 1 March in a common year
        (date(2004, 2, 29), date(2025, 3, 1), True),
        (date(2004, 2, 29), date(2024, 2, 29), False),  # 20 on that day
        (date(2003, 2, 28), date(2024, 2, 29), True),
    ],
)
def test_age_on_the_reference_date(born, day, eligible):
    assert rule(evaluate(profile(date_of_birth=born), RULES, day), "age").passed is eligible


def test_the_reference_date_is_the_day_in_brussels():
    # 22:30 UTC on 14 May is 00:30 on 15 May in Brussels (summer time).
    assert reference_date_for(datetime(2026, 5, 14, 22, 30, tzinfo=UTC)) == date(2026, 5, 15)
    assert reference_date_for(datetime(2026, 5, 14, 21, 59, tzinfo=UTC)) == date(2026, 5, 14)
    # Someone turning 21 on 15 May is eligible for an application at 00:30 Brussels time.
    day = reference_date_for(datetime(2026, 5, 14, 22, 30, tzinfo=UTC))
    assert age_on(date(2005, 5, 15), day) == 21


@pytest.mark.parametrize(
    ("days_before", "eligible"),
    [(0, True), (1, True), (364, True), (365, False), (366, False), (-1, False)],
)
def test_a_degree_obtained_less_than_a_year_before(days_before, eligible):
    degree = Education(
        EducationStatus.COMPLETED, years_completed=3, degree_date=DAY - timedelta(days=days_before)
    )
    assert rule(evaluate(profile(education=(degree,)), RULES, DAY), "academic").passed is eligible


def test_a_degree_on_29_february_counts_until_28_february_a_year_later():
    # Its anniversary falls on 1 March in a common year, as a birthday does.
    degree = Education(EducationStatus.COMPLETED, degree_date=date(2028, 2, 29))
    assert rule(evaluate(profile(education=(degree,)), RULES, date(2029, 2, 28)), "academic").passed
    assert not rule(
        evaluate(profile(education=(degree,)), RULES, date(2029, 3, 1)), "academic"
    ).passed


@pytest.mark.parametrize(
    ("education", "eligible"),
    [
        ((Education(EducationStatus.ENROLLED, years_completed=2),), True),
        ((Education(EducationStatus.ENROLLED, years_completed=1),), False),
        (
            (
                Education(
                    EducationStatus.COMPLETED, years_completed=2, degree_date=date(2020, 6, 1)
                ),
            ),
            False,
        ),
        # An old degree and a current master's in its third year: the student route passes.
        (
            (
                Education(EducationStatus.COMPLETED, degree_date=date(2020, 6, 1)),
                Education(EducationStatus.ENROLLED, years_completed=3),
            ),
            True,
        ),
        ((), False),
    ],
)
def test_academic_alternatives_any_one_suffices(education, eligible):
    assert rule(evaluate(profile(education=education), RULES, DAY), "academic").passed is eligible


def test_the_alternatives_are_data_per_call():
    graduates_only = RuleSet(members=RULES.members, student_route=False)
    assert not rule(evaluate(profile(), graduates_only, DAY), "academic").passed
    three_years = RuleSet(members=RULES.members, min_years_completed=3)
    assert not rule(evaluate(profile(), three_years, DAY), "academic").passed


@pytest.mark.parametrize(
    ("nationalities", "eligible"),
    [(("BE",), True), (("CH",), False), (("CH", "FR"), True), (("ch", "fr"), True), ((), False)],
)
def test_one_member_nationality_is_enough(nationalities, eligible):
    assert (
        rule(evaluate(profile(nationalities=nationalities), RULES, DAY), "nationality").passed
        is eligible
    )


def test_membership_changes_between_two_calls():
    swede = profile(nationalities=("SE",))
    assert not rule(evaluate(swede, RULES, date(2023, 5, 15)), "nationality").passed
    assert not rule(evaluate(swede, RULES, date(2024, 3, 6)), "nationality").passed
    assert rule(evaluate(swede, RULES, date(2024, 3, 7)), "nationality").passed


@pytest.mark.parametrize(
    ("languages", "eligible"),
    [
        ((LanguageSkill("en", "C1"),), True),
        ((LanguageSkill("fr", "C2"),), True),
        ((LanguageSkill("en", "B2"), LanguageSkill("fr", "B2")), False),
        ((LanguageSkill("de", "C2"),), False),  # other languages are an asset, not enough
        ((LanguageSkill("en", "X9"),), False),
    ],
)
def test_proficiency_in_english_or_french(languages, eligible):
    assert rule(evaluate(profile(languages=languages), RULES, DAY), "language").passed is eligible


def test_the_language_level_is_configurable():
    b2 = RuleSet(members=RULES.members, language_level="B2")
    assert rule(
        evaluate(profile(languages=(LanguageSkill("fr", "B2"),)), b2, DAY), "language"
    ).passed


def test_documents_are_checked_only_when_given_and_need_translations():
    assert "documents" not in [r.rule for r in evaluate(profile(), RULES, DAY).rules]
    ok = (Document("cv", "en"), Document("proof_of_studies", "fr"))
    assert rule(evaluate(profile(documents=ok), RULES, DAY), "documents").passed
    missing = (Document("cv", "en"),)
    assert (
        "Proof of ongoing studies"
        in rule(evaluate(profile(documents=missing), RULES, DAY), "documents").reason["en"]
    )
    german = (Document("cv", "en"), Document("proof_of_studies", "de"))
    assert not rule(evaluate(profile(documents=german), RULES, DAY), "documents").passed
    translated = (Document("cv", "en"), Document("proof_of_studies", "de", has_translation=True))
    assert rule(evaluate(profile(documents=translated), RULES, DAY), "documents").passed


def test_a_refusal_names_every_failed_rule_and_the_fact():
    verdict = evaluate(profile(date_of_birth=date(2010, 1, 1), nationalities=("CH",)), RULES, DAY)
    assert not verdict.eligible
    assert [r.rule for r in verdict.failed()] == ["nationality", "age"]
    assert "Switzerland" in rule(verdict, "nationality").reason["en"]
    assert "Suisse" in rule(verdict, "nationality").reason["fr"]
    assert "16" in rule(verdict, "age").reason["fr"]


countries = st.sampled_from(["BE", "FR", "CH", "SE", "JP", "US", "BR"])
levels = st.sampled_from(["A1", "A2", "B1", "B2", "C1", "C2"])
educations = st.builds(
    Education,
    status=st.sampled_from(list(EducationStatus)),
    years_completed=st.integers(0, 6),
    degree_date=st.one_of(st.none(), st.dates(date(2015, 1, 1), date(2027, 1, 1))),
)


@given(
    born=st.dates(date(1950, 1, 1), date(2012, 1, 1)),
    nats=st.lists(countries, max_size=3),
    edu=st.lists(educations, max_size=3),
    langs=st.lists(
        st.builds(LanguageSkill, code=st.sampled_from(["en", "fr", "de"]), level=levels), max_size=3
    ),
    data=st.data(),
)
def test_the_verdict_never_depends_on_the_order_of_nationalities_education_languages_or_rules(
    born, nats, edu, langs, data
):
    one = Profile(born, tuple(nats), tuple(edu), tuple(langs))
    shuffled = Profile(
        born,
        tuple(data.draw(st.permutations(nats))),
        tuple(data.draw(st.permutations(edu))),
        tuple(data.draw(st.permutations(langs))),
    )
    members = data.draw(st.permutations(list(RULES.members)))
    a = evaluate(one, RULES, DAY)
    b = evaluate(shuffled, RuleSet(members=tuple(members)), DAY)
    assert a.eligible == b.eligible
    assert {(r.rule, r.passed) for r in a.rules} == {(r.rule, r.passed) for r in b.rules}
    assert {r.rule: r.reason for r in a.rules} == {r.rule: r.reason for r in b.rules}


def test_every_reason_reads_as_french_in_french():
    """The French reasons name documents and countries, never their codes, and use French
    dates and typography (the French page checker reads them)."""
    from intake.core.tests.french import text_problems

    swiss = profile(
        nationalities=("CH",),
        date_of_birth=date(2010, 11, 1),
        documents=(Document("cv", "en"), Document("degree", "de")),
    )
    missing = profile(documents=(Document("cv", "en"),))
    reasons = [
        r.reason[lang]
        for verdict in (evaluate(swiss, RULES, DAY), evaluate(missing, RULES, date(2026, 11, 1)))
        for r in verdict.rules
        for lang in ("fr",)
    ]
    problems = [p for reason in reasons for p in text_problems(reason)]
    assert problems == [], reasons
    english = rule(evaluate(missing, RULES, DAY), "documents").reason["en"]
    assert "Proof of ongoing studies" in english and "proof_of_studies" not in english
