from __future__ import annotations

import csv
from collections.abc import Iterator

from django.contrib import messages
from django.http import HttpRequest, HttpResponse, StreamingHttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from intake.accounts.roles import can_edit_newsletter
from intake.backoffice.access import issue_get_for_staff, staff_required
from intake.backoffice.overview import overview_for
from intake.newsletter import selectors, services
from intake.newsletter.forms import IssueForm
from intake.newsletter.models import NewsletterIssue


@staff_required()
def home(request: HttpRequest) -> HttpResponse:
    return render(request, "backoffice/home.html", {"overview": overview_for(request.user)})


@staff_required(can_edit_newsletter)
def newsletter_list(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "backoffice/newsletter/list.html",
        {
            "issues": selectors.issues_with_delivery_counts(),
            "counts": selectors.subscriber_counts(),
        },
    )


@staff_required(can_edit_newsletter)
def newsletter_create(request: HttpRequest) -> HttpResponse:
    form = IssueForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        issue = services.newsletter_issue_save(issue=form.save(commit=False), actor=request.user)
        messages.success(request, _("The issue has been saved as a draft."))
        return redirect("backoffice:newsletter-detail", pk=issue.pk)
    return render(
        request,
        "backoffice/newsletter/form.html",
        {"form": form},
        status=400 if form.errors else 200,
    )


@staff_required(can_edit_newsletter)
def newsletter_update(request: HttpRequest, pk: int) -> HttpResponse:
    issue = issue_get_for_staff(user=request.user, pk=pk)
    if issue.status != NewsletterIssue.Status.DRAFT:
        messages.error(request, _("An issue that has been sent cannot be changed."))
        return redirect("backoffice:newsletter-detail", pk=issue.pk)
    form = IssueForm(request.POST or None, instance=issue)
    if request.method == "POST" and form.is_valid():
        services.newsletter_issue_save(issue=form.save(commit=False), actor=request.user)
        messages.success(request, _("The issue has been saved as a draft."))
        return redirect("backoffice:newsletter-detail", pk=issue.pk)
    return render(
        request,
        "backoffice/newsletter/form.html",
        {"form": form, "issue": issue},
        status=400 if form.errors else 200,
    )


@staff_required(can_edit_newsletter)
def newsletter_detail(request: HttpRequest, pk: int) -> HttpResponse:
    issue = issue_get_for_staff(user=request.user, pk=pk)
    counts = selectors.issues_with_delivery_counts().get(pk=issue.pk)
    return render(
        request,
        "backoffice/newsletter/detail.html",
        {"issue": counts, "confirmed": selectors.confirmed_subscribers().count()},
    )


@require_POST
@staff_required(can_edit_newsletter)
def newsletter_send(request: HttpRequest, pk: int) -> HttpResponse:
    issue = issue_get_for_staff(user=request.user, pk=pk)
    if services.newsletter_issue_send(issue=issue, actor=request.user, request=request):
        messages.success(request, _("The issue is being sent to every confirmed subscriber."))
    else:
        messages.info(request, _("This issue has already been sent."))
    return redirect("backoffice:newsletter-detail", pk=issue.pk)


class _Echo:
    def write(self, value: str) -> str:
        return value


@staff_required(can_edit_newsletter)
def newsletter_export(request: HttpRequest) -> StreamingHttpResponse:
    writer = csv.writer(_Echo())

    def rows() -> Iterator[str]:
        yield writer.writerow(["email", "language", "confirmed_at", "source"])
        for sub in selectors.confirmed_subscribers().iterator(chunk_size=2000):
            confirmed = sub.confirmed_at.isoformat() if sub.confirmed_at else ""
            yield writer.writerow([_csv_safe(sub.email), sub.language, confirmed, sub.source])

    stamp = timezone.localtime().strftime("%Y%m%d-%H%M")
    response = StreamingHttpResponse(rows(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="newsletter-subscribers-{stamp}.csv"'
    return response


def _csv_safe(value: str) -> str:
    """Neutralises spreadsheet formulas (CSV injection)."""
    return "'" + value if value[:1] in ("=", "+", "-", "@", "\t", "\r") else value
