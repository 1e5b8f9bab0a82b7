from __future__ import annotations

from django.tasks import task

from intake.newsletter.services import newsletter_fan_out


@task()
def fan_out_issue(issue_id: int) -> int:
    return newsletter_fan_out(issue_id=issue_id)
