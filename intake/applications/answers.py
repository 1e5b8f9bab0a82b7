"""Answers to the questions of the chosen vacancies (issue #12 §4; decision 0013).

A draft keeps them as `draft["answers"]`: {question id: value} — the text, "yes"/"no", or the
key of a choice ("1", "2"…) — for the questions of the vacancies chosen at the time only. A
submission checks them (`answer_problem`) and records each with the question's text in both
languages (`answer_records`), so the snapshot reads the same whatever happens to the question.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from intake.programme.models import VacancyQuestion

KIND = VacancyQuestion.Kind
YES_NO = {"yes": gettext_lazy("Yes"), "no": gettext_lazy("No")}


def answer_clean(question: VacancyQuestion, value: Any) -> str:
    """What a draft keeps of a value: a string, no longer than any answer may be."""
    text = str(value or "").replace("\r\n", "\n")
    if question.kind != KIND.TEXT:
        text = text.strip()
    return text[: VacancyQuestion.LONGEST_ANSWER]


def answer_problem(question: VacancyQuestion, value: str) -> str | None:
    """Why this answer cannot be submitted (in the active language), or None."""
    label = question.t("text")
    if not value.strip():
        if question.required:
            return _("Answer the question “%(question)s”.") % {"question": label}
        return None
    if question.kind == KIND.TEXT and len(value) > question.max_length:
        return _(
            "The answer to “%(question)s” is %(length)s characters long; at most %(limit)s."
        ) % {"question": label, "length": len(value), "limit": question.max_length}
    if question.kind == KIND.YES_NO and value not in YES_NO:
        return _("Answer “%(question)s” with yes or no.") % {"question": label}
    if question.kind == KIND.CHOICE and value not in {k for k, _en, _fr in question.choice_list()}:
        return _("Choose one of the answers offered to “%(question)s”.") % {"question": label}
    return None


def answers_kept(
    answers: Mapping[str, Any], questions: Iterable[VacancyQuestion]
) -> dict[str, str]:
    """The answers a draft keeps: those to `questions` (the chosen vacancies'), cleaned."""
    return {
        str(q.pk): answer_clean(q, answers[str(q.pk)])
        for q in questions
        if answers.get(str(q.pk)) not in (None, "")
    }


def _label(question: VacancyQuestion, value: str, language: str) -> str:
    if question.kind == KIND.YES_NO and value in YES_NO:
        with translation.override(language):
            return str(YES_NO[value])
    if question.kind == KIND.CHOICE:
        for key, en, fr in question.choice_list():
            if key == value:
                return fr if language == "fr" else en
    return value


def answer_records(
    questions: Iterable[VacancyQuestion], answers: Mapping[str, str]
) -> list[dict[str, Any]]:
    """What a submission keeps of the answers to one vacancy's questions: every question (an
    optional one left blank too), its text and the answer as read in English and in French."""
    records = []
    for q in questions:
        value = answers.get(str(q.pk), "")
        records.append(
            {
                "question": q.pk,
                "kind": q.kind,
                "text_en": q.text_en,
                "text_fr": q.text_fr or q.text_en,
                "value": value,
                "answer_en": _label(q, value, "en") if value else "",
                "answer_fr": _label(q, value, "fr") if value else "",
            }
        )
    return records


def answers_read(records: Iterable[Mapping[str, Any]], language: str) -> list[dict[str, str]]:
    """A submission's answers to one vacancy, in the reader's language: question and answer."""
    lang = "fr" if language[:2] == "fr" else "en"
    return [
        {
            "question": r.get(f"text_{lang}") or r.get("text_en", ""),
            "answer": r.get(f"answer_{lang}") or r.get("answer_en", ""),
        }
        for r in records
    ]


def answers_text(records: Iterable[Mapping[str, Any]]) -> str:
    """The answers' words, for the search index (both languages of a choice's label)."""
    parts = []
    for r in records:
        if not r.get("value"):
            continue
        if r.get("kind") == KIND.TEXT:
            parts.append(str(r["value"]))
        else:
            parts += {str(r.get("answer_en", "")), str(r.get("answer_fr", ""))}
    return "\n".join(p for p in parts if p)
