"""The special identity card request's rules, pure (no database): the table of moves, what a
photo must be, what a request needs before it is submitted (decision 0018).

    draft ──intern──▶ submitted ──P&I──▶ sent ──P&I──▶ issued
                        │   ▲
                   P&I  ▼   │ intern
                     corrections
"""

from __future__ import annotations

from datetime import date
from typing import IO, Any

from django.utils.formats import number_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from intake.applications.pipeline import IllegalMove
from intake.core.sniff import sniff_image
from intake.onboarding.models import IdCardRequest

State = IdCardRequest.State

INTERN, PI, OFFICE, WORKER = "intern", "pi", "office", "worker"
STAFF = frozenset({PI, OFFICE})

# (from, to) → who may make the move.
MOVES: dict[tuple[str, str], frozenset[str]] = {
    (State.DRAFT, State.SUBMITTED): frozenset({INTERN}),
    (State.SUBMITTED, State.CORRECTIONS): STAFF,
    (State.SUBMITTED, State.SENT): STAFF,
    (State.CORRECTIONS, State.SUBMITTED): frozenset({INTERN}),
    (State.SENT, State.ISSUED): STAFF,
}
# Moves that must say why (the intern reads it).
REASON_REQUIRED = frozenset({State.CORRECTIONS})
# The states in which the intern may still change their request.
EDITABLE = frozenset({State.DRAFT, State.CORRECTIONS})

PHOTO_MAX_BYTES = 5 * 2**20
PHOTO_TYPES = frozenset({"image/jpeg", "image/png"})
# A date of birth is plausible between these ages on the day the request is checked.
AGE_MIN, AGE_MAX = 16, 100

# The fields the intern fills in (the photo apart).
FIELDS = (
    "surname",
    "given_names",
    "date_of_birth",
    "place_of_birth",
    "nationality",
    "passport_number",
    "passport_issued_on",
    "passport_expires_on",
    "address_street",
    "address_postcode",
    "address_city",
    "phone",
    "start_date",
    "end_date",
)
# Needed to submit (the telephone is optional: an intern may not have a Belgian number yet).
REQUIRED = tuple(f for f in FIELDS if f != "phone")


class IdCardError(Exception):
    """The request cannot be saved or submitted as it is: field → messages (None: the form)."""

    def __init__(self, errors: dict[str | None, list[str]]) -> None:
        super().__init__("; ".join(m for ms in errors.values() for m in ms))
        self.errors = errors


def state_label(state: str) -> str:
    return str(State(state).label) if state in State.values else state


def check_move(source: str, target: str, *, actor: str, reason: str = "") -> None:
    """Raises IllegalMove (the reason in the active language) unless `actor` may move a request
    from `source` to `target`."""
    if target not in State.values:
        raise IllegalMove(
            source, target, gettext_lazy("“%(state)s” is not a state."), {"state": target}
        )
    allowed = MOVES.get((source, target))
    if allowed is None:
        raise IllegalMove(
            source,
            target,
            gettext_lazy("A request at “%(source)s” cannot move to “%(target)s”."),
            {"source": state_label(source), "target": state_label(target)},
        )
    if actor not in allowed:
        raise IllegalMove(
            source,
            target,
            gettext_lazy("Your role cannot move a request to “%(target)s”."),
            {"target": state_label(target)},
        )
    if target in REASON_REQUIRED and not reason.strip():
        raise IllegalMove(source, target, gettext_lazy("Say what needs to be corrected."), {})


def photo_check(handle: IO[bytes], *, size: int) -> str:
    """The photo's type, by its content (JPEG or PNG), and its size; raises IdCardError."""
    if size > PHOTO_MAX_BYTES:
        raise IdCardError(
            {
                "photo": [
                    _("The photo is larger than %(mb)s MB.")
                    % {"mb": number_format(PHOTO_MAX_BYTES / 2**20, 0)}
                ]
            }
        )
    kind = sniff_image(handle)
    if kind not in PHOTO_TYPES:
        raise IdCardError(
            {
                "photo": [
                    _(
                        "This file is not a JPEG or PNG image (its content was checked, not its "
                        "name). Choose a photo taken or saved as JPEG or PNG."
                    )
                ]
            }
        )
    return str(kind)


def _years_before(day: date, years: int) -> date:
    try:
        return day.replace(year=day.year - years)
    except ValueError:  # 29 February
        return day.replace(year=day.year - years, day=28)


def submission_problems(
    values: dict[str, Any], *, has_photo: bool, today: date
) -> dict[str | None, list[str]]:
    """What stops a request from being submitted: a missing field or photo, a passport that
    expires before the internship ends, an implausible date of birth, dates out of order."""
    problems: dict[str | None, list[str]] = {}

    def add(name: str | None, message: str) -> None:
        problems.setdefault(name, []).append(message)

    for name in REQUIRED:
        if values.get(name) in (None, ""):
            add(name, _("This field is needed to submit the request."))
    if not has_photo:
        add("photo", _("Add your photo to submit the request."))
    born = values.get("date_of_birth")
    if born and not (_years_before(today, AGE_MAX) <= born <= _years_before(today, AGE_MIN)):
        add("date_of_birth", _("Check the date of birth: it does not look right."))
    start, end = values.get("start_date"), values.get("end_date")
    if start and end and end <= start:
        add("end_date", _("The internship ends after it starts."))
    issued, expires = values.get("passport_issued_on"), values.get("passport_expires_on")
    if issued and issued > today:
        add("passport_issued_on", _("The passport's date of issue is in the future."))
    if issued and expires and expires <= issued:
        add("passport_expires_on", _("The passport expires after it was issued."))
    if expires and end and expires <= end:
        add(
            "passport_expires_on",
            _(
                "Your passport must be valid until after the end of the internship. Renew it "
                "and give the new passport's details."
            ),
        )
    postcode = str(values.get("address_postcode") or "")
    if postcode and not (len(postcode) == 4 and postcode.isdigit()):
        add("address_postcode", _("A Belgian postcode has four digits."))
    return problems
