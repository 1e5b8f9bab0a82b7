"""Where a placement stands, in the candidate's words (pure: no database). The office's states
name the clearance officer's steps; a candidate reads what it means for them and what to do."""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.translation import gettext as _

from intake.placements.states import State

P = State


@dataclass(frozen=True)
class Standing:
    key: str  # a stable key for pages and tests (never shown)
    title: str
    next: str
    ended: bool


def placement_standing(state: str) -> Standing:
    """The words for a placement at `state`, in the active language."""
    if state in {P.NEW, P.CLEARANCE_REQUESTED}:
        return Standing(
            "clearance_requested" if state == P.CLEARANCE_REQUESTED else "clearance_starting",
            _("Security clearance: requested from your national authorities")
            if state == P.CLEARANCE_REQUESTED
            else _("Security clearance: being prepared by the programme office"),
            _(
                "Your national authorities issue the clearance, not NATO. Follow it through "
                "your national delegation to NATO (below)."
            ),
            False,
        )
    if state == P.CLEARANCE_IN_PROGRESS:
        return Standing(
            "clearance_in_progress",
            _("Security clearance: in progress with your national authorities"),
            _("Nothing is needed from you unless your authorities ask for more information."),
            False,
        )
    if state == P.INFORMATION_REQUESTED:
        return Standing(
            "information_requested",
            _("Security clearance: your national authorities need more information"),
            _(
                "Send them what they ask for by the date given, through your national "
                "delegation to NATO."
            ),
            False,
        )
    if state == P.CLEARANCE_GRANTED:
        return Standing(
            "clearance_granted",
            _("Security clearance granted"),
            _("The programme office will send you the final internship offer."),
            False,
        )
    if state == P.OFFER_SENT:
        return Standing(
            "offer_sent",
            _("Final offer sent: accept or decline it"),
            _("Read the offer letter and answer before its deadline."),
            False,
        )
    if state == P.OFFER_ACCEPTED:
        return Standing(
            "offer_accepted",
            _("Offer accepted: list your references"),
            _(
                "List two or three referees and tell them that NATO may contact them. Then "
                "arrange your accommodation in Brussels."
            ),
            False,
        )
    if state == P.REFERENCES_COMPLETE:
        return Standing(
            "references_complete",
            _("References complete: your start date is being fixed"),
            _("The programme office will confirm your start date."),
            False,
        )
    if state == P.START_DATE_FIXED:
        return Standing(
            "start_date_fixed",
            _("Start date fixed"),
            _("Arrange your travel and accommodation in Brussels."),
            False,
        )
    ended: dict[str, str] = {
        P.CLEARANCE_REFUSED: _("Security clearance not granted"),
        P.CLEARANCE_WITHDRAWN: _("Security clearance withdrawn"),
        P.OFFER_DECLINED: _("You declined the offer"),
        P.OFFER_EXPIRED: _("The offer expired without an answer"),
        P.WITHDRAWN: _("You withdrew"),
        P.CANCELLED: _("Internship cancelled"),
    }
    return Standing(
        state,
        ended.get(state, _("Internship placement")),
        _("The programme office has written to you about it.")
        if state in {P.CLEARANCE_REFUSED, P.CLEARANCE_WITHDRAWN, P.CANCELLED}
        else "",
        True,
    )
