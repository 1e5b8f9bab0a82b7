"""The final internship offer: sent only once the clearance is granted and still valid on the
start date; the letter (a PDF in the candidate's language); the candidate's answer before the
deadline; expiry by the worker. Every step emails the candidate and is audited."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta
from decimal import Decimal
from typing import Any

from django.conf import settings
from django.db import transaction
from django.http import HttpRequest
from django.utils import timezone, translation
from django.utils.formats import date_format, number_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from intake.applications.pipeline import IllegalMove
from intake.content.models import StipendRate
from intake.core.audit import audit_record
from intake.core.emails import email_queue
from intake.placements.calendar import end_date, first_start_date
from intake.placements.models import Offer, Placement
from intake.placements.services import (
    candidate_placement_lock,
    placement_lock,
    placement_move,
)
from intake.placements.states import Actor, State

FONTS_DIR = settings.BASE_DIR / "intake" / "core" / "fonts"
HOURS_PER_WEEK = 38


def start_date_proposed(placement: Placement) -> date | None:
    """The first start date the grant allows: the vacancy's next intake after the lead time."""
    if placement.clearance_decided_on is None:
        return None
    return first_start_date(
        granted_on=placement.clearance_decided_on,
        vacancy_intake=placement.vacancy.intake,
        lead_days=settings.PLACEMENT_START_LEAD_DAYS,
    )


def offer_send(
    *,
    placement_id: int,
    by: Any,
    start: date | None = None,
    reason: str = "",
    answer_days: int | None = None,
    moment: datetime | None = None,
    request: HttpRequest | None = None,
) -> Offer:
    """Sends the final offer (the office). Refused (IllegalMove) unless the clearance is granted
    and valid on the start date and the stipend of the start's year is in the table. The start
    date is the one proposed from the grant unless the office agreed another with the candidate
    (then with a reason). A second click while the offer is out returns it, unchanged."""
    moment = moment or timezone.now()
    with transaction.atomic():
        placement = placement_lock(placement_id)
        sent = Offer.objects.filter(placement=placement).first()
        if sent is not None and placement.state == State.OFFER_SENT:
            return sent
        if placement.state != State.CLEARANCE_GRANTED:
            raise IllegalMove(
                placement.state,
                State.OFFER_SENT,
                gettext_lazy("An offer is sent only once the security clearance is granted."),
            )
        proposed = start_date_proposed(placement)
        start = start or proposed
        if start is None:
            raise IllegalMove(
                placement.state,
                State.OFFER_SENT,
                gettext_lazy("Record the date the clearance was granted first."),
            )
        if start != proposed and not reason.strip():
            raise IllegalMove(
                placement.state,
                State.OFFER_SENT,
                gettext_lazy("Give the reason for a start date other than the one proposed."),
            )
        if start <= timezone.localdate(moment):
            raise IllegalMove(
                placement.state, State.OFFER_SENT, gettext_lazy("The start date is in the past.")
            )
        expires = placement.clearance_expires_on
        if expires is None or expires < start:
            raise IllegalMove(
                placement.state,
                State.OFFER_SENT,
                gettext_lazy("The clearance must still be valid on the start date (%(start)s)."),
                {"start": date_format(start, "DATE_FORMAT")},
            )
        rate = StipendRate.objects.filter(year=start.year).first()
        if rate is None:
            raise IllegalMove(
                placement.state,
                State.OFFER_SENT,
                gettext_lazy(
                    "The stipend of %(year)s is not in the stipend table: add it before sending "
                    "an offer that starts that year."
                ),
                {"year": start.year},
            )
        placement_move(
            placement=placement,
            to=State.OFFER_SENT,
            by=by,
            actor=Actor.OFFICE,
            reason=reason,
            moment=moment,
            request=request,
        )
        days = answer_days or settings.OFFER_ANSWER_DAYS
        offer = Offer.objects.create(
            placement=placement,
            start_date=start,
            end_date=end_date(start),
            start_reason=reason.strip()[:1000],
            stipend_year=rate.year,
            stipend_monthly=rate.monthly_amount,
            telework=placement.vacancy.telework,
            clearance_expires_on=expires,
            sent_at=moment,
            sent_by=by if getattr(by, "is_authenticated", False) else None,
            deadline=moment + timedelta(days=days),
        )
        placement.start_date, placement.end_date = offer.start_date, offer.end_date
        placement.save(update_fields=["start_date", "end_date"])
        _tell(offer, "placements/email/offer_sent", attach=True)
    return offer


def offer_answer(
    *,
    user: Any,
    placement_id: int,
    accept: bool,
    moment: datetime | None = None,
    request: HttpRequest | None = None,
) -> Placement:
    """The candidate accepts or declines their offer before its deadline (only their own: 404
    otherwise). A second answer changes nothing."""
    moment = moment or timezone.now()
    with transaction.atomic():
        placement = candidate_placement_lock(user, placement_id)
        offer = Offer.objects.filter(placement=placement).first()
        if offer is None or placement.state != State.OFFER_SENT:
            return placement  # already answered (a second click), or no offer to answer
        if moment > offer.deadline:
            raise IllegalMove(
                placement.state,
                State.OFFER_ACCEPTED,
                gettext_lazy("The deadline to answer has passed; write to the programme office."),
            )
        to = State.OFFER_ACCEPTED if accept else State.OFFER_DECLINED
        placement_move(
            placement=placement,
            to=to,
            by=user,
            actor=Actor.CANDIDATE,
            moment=moment,
            request=request,
        )
        offer.answered_at = moment
        offer.save(update_fields=["answered_at"])
        _tell(offer, f"placements/email/{to}")
    return placement


def offers_expire(*, moment: datetime | None = None) -> int:
    """Offers not answered by their deadline expire (the place is freed). Run by the worker's
    sweep; safe to run twice."""
    moment = moment or timezone.now()
    due = Offer.objects.filter(
        answered_at__isnull=True, deadline__lt=moment, placement__state=State.OFFER_SENT
    ).values_list("placement_id", flat=True)
    count = 0
    for placement_id in list(due):
        with transaction.atomic():
            placement = placement_lock(placement_id)
            if placement.state != State.OFFER_SENT:
                continue
            placement_move(
                placement=placement,
                to=State.OFFER_EXPIRED,
                by=None,
                actor=Actor.WORKER,
                moment=moment,
                reason="No answer by the deadline",
            )
            offer = Offer.objects.get(placement=placement)
            _tell(offer, "placements/email/offer_expired")
            count += 1
    return count


def _tell(offer: Offer, template: str, *, attach: bool = False) -> None:
    placement = offer.placement
    applicant = placement.application.applicant
    vacancy = placement.vacancy
    email_queue(
        template=template,
        to=applicant.email,
        language=applicant.language,
        context={
            "name": applicant.first_name,
            "reference": placement.application.reference,
            "vacancy_en": vacancy.title_en,
            "vacancy_fr": vacancy.title_fr or vacancy.title_en,
            "start": offer.start_date,
            "end": offer.end_date,
            "deadline": timezone.localtime(offer.deadline),
        },
        attachments=[
            {
                "builder": "intake.placements.offers:offer_attachment",
                "args": {"offer_id": offer.pk, "language": applicant.language},
            }
        ]
        if attach
        else None,
    )


@dataclass(frozen=True)
class OfferLetter:
    reference: str
    name: str
    vacancy: str
    unit: str
    start: date
    end: date
    stipend: Decimal
    stipend_year: int
    telework: bool
    deadline: datetime
    sent_on: date


def offer_letter(offer: Offer) -> OfferLetter:
    """What the letter says, in the active language."""
    placement = offer.placement
    vacancy, applicant = placement.vacancy, placement.application.applicant
    return OfferLetter(
        reference=placement.application.reference or "",
        name=applicant.get_full_name(),
        vacancy=vacancy.t("title"),
        unit=vacancy.unit.t("name"),
        start=offer.start_date,
        end=offer.end_date,
        stipend=offer.stipend_monthly,
        stipend_year=offer.stipend_year,
        telework=offer.telework,
        deadline=timezone.localtime(offer.deadline),
        sent_on=timezone.localdate(offer.sent_at),
    )


def offer_pdf(letter: OfferLetter, *, language: str) -> bytes:
    """The offer letter as a PDF in `language` (fpdf2 and the bundled DejaVu fonts, as the
    receipts)."""
    from fpdf import FPDF

    with translation.override(language):
        pdf = FPDF(format="A4")
        title = _("Final internship offer %(reference)s") % {"reference": letter.reference}
        pdf.set_title(title)
        pdf.set_lang(language)
        pdf.add_font("DejaVu", "", str(FONTS_DIR / "DejaVuSans-Intake.ttf"))
        pdf.add_font("DejaVu", "B", str(FONTS_DIR / "DejaVuSans-Bold-Intake.ttf"))
        pdf.set_margins(20, 20, 20)
        pdf.add_page()
        width = pdf.epw
        pdf.set_font("DejaVu", "B", 16)
        pdf.multi_cell(width, 9, _("NATO Internship Programme — final internship offer"))
        pdf.ln(3)
        pdf.set_font("DejaVu", "", 11)
        amount = number_format(letter.stipend, decimal_pos=2, use_l10n=True, force_grouping=True)
        rows = [
            (_("Reference"), letter.reference),
            (_("Candidate"), letter.name),
            (_("Internship"), letter.vacancy),
            (_("Unit"), letter.unit),
            (_("Place"), _("NATO Headquarters, Brussels, Belgium")),
            (_("Start date"), date_format(letter.start, "DATE_FORMAT")),
            (_("End date"), date_format(letter.end, "DATE_FORMAT")),
            (
                _("Working time"),
                _("Full time, %(hours)s hours a week, for six months") % {"hours": HOURS_PER_WEEK},
            ),
            (
                _("Monthly stipend"),
                _("EUR %(amount)s (the rate of %(year)s)")
                % {"amount": amount, "year": letter.stipend_year},
            ),
        ]
        for label, value in rows:
            pdf.set_font("DejaVu", "B", 11)
            pdf.cell(55, 7, label)
            pdf.set_font("DejaVu", "", 11)
            pdf.multi_cell(width - 55, 7, value)
        pdf.ln(3)
        paragraphs = [
            _(
                "Dear %(name)s, your security clearance has been granted. We are pleased to offer "
                "you an internship at NATO Headquarters on the terms above."
            )
            % {"name": letter.name},
            _("Part-time telework is possible in this position, as agreed with your supervisor.")
            if letter.telework
            else _("This position is not open to telework: the internship is done on site."),
            _(
                "You may receive emoluments from outside sources, such as scholarships or grants, "
                "in addition to your NATO internship stipend."
            ),
            _(
                "NATO does not offer accommodation to interns: please arrange your own in "
                "Brussels. The Internship Guide and the community of interns can help."
            ),
            _(
                "Please accept or decline this offer in your applicant's area by %(deadline)s "
                "(Brussels time). Once you accept, you will be asked to list two or three "
                "references; please tell them that NATO may contact them."
            )
            % {"deadline": date_format(letter.deadline, "DATETIME_FORMAT")},
        ]
        for paragraph in paragraphs:
            pdf.multi_cell(width, 6, paragraph)
            pdf.ln(2)
        pdf.ln(2)
        pdf.multi_cell(
            width,
            6,
            _("Brussels, %(date)s — the Internship Programme Office")
            % {"date": date_format(letter.sent_on, "DATE_FORMAT")},
        )
        return bytes(pdf.output())


def offer_filename(reference: str) -> str:
    return f"offer-{reference}.pdf"


def offer_attachment(*, offer_id: int, language: str) -> tuple[str, bytes, str]:
    """An email attachment recipe's builder (intake.core.emails): the offer letter."""
    offer = Offer.objects.select_related(
        "placement__vacancy__unit", "placement__application__applicant"
    ).get(pk=offer_id)
    with translation.override(language):
        letter = offer_letter(offer)
    return offer_filename(letter.reference), offer_pdf(letter, language=language), "application/pdf"


START_CHANGEABLE = frozenset(
    {State.OFFER_ACCEPTED, State.REFERENCES_COMPLETE, State.START_DATE_FIXED}
)


def start_date_change(
    *,
    placement_id: int,
    by: Any,
    start: date,
    reason: str,
    moment: datetime | None = None,
    request: HttpRequest | None = None,
) -> Placement:
    """The office changes an accepted placement's start date (agreed with the candidate), with a
    reason; the clearance must still be valid on the new date. The candidate is told."""
    moment = moment or timezone.now()
    with transaction.atomic():
        placement = placement_lock(placement_id)
        if placement.state not in START_CHANGEABLE:
            raise IllegalMove(
                placement.state,
                placement.state,
                gettext_lazy("The start date is changed only once the offer is accepted."),
            )
        if not reason.strip():
            raise IllegalMove(
                placement.state,
                placement.state,
                gettext_lazy("Give the reason for changing the start date."),
            )
        if start <= timezone.localdate(moment):
            raise IllegalMove(
                placement.state, placement.state, gettext_lazy("The start date is in the past.")
            )
        if placement.clearance_expires_on is None or placement.clearance_expires_on < start:
            raise IllegalMove(
                placement.state,
                placement.state,
                gettext_lazy("The clearance must still be valid on the start date (%(start)s)."),
                {"start": date_format(start, "DATE_FORMAT")},
            )
        before = placement.start_date
        placement.start_date, placement.end_date = start, end_date(start)
        placement.save(update_fields=["start_date", "end_date"])
        audit_record(
            action="placement.start_date_changed",
            actor=by,
            target=placement,
            request=request,
            before=str(before or ""),
            after=str(start),
            reason=reason.strip()[:1000],
        )
        offer = Offer.objects.get(placement=placement)
        offer.start_date, offer.end_date = placement.start_date, placement.end_date
        _tell(offer, "placements/email/start_date_changed")
    return placement
