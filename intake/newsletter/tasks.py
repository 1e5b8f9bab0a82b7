from __future__ import annotations

from collections.abc import Callable

from django.tasks import task

from intake.newsletter.alerts import alerts_notify_open_calls
from intake.newsletter.services import newsletter_fan_out, newsletter_resume_unfinished


@task()
def fan_out_issue(issue_id: int) -> int:
    return newsletter_fan_out(issue_id=issue_id)


# The worker's periodic work for the newsletter (assembled in intake/site/worker.py): issues whose
# fan-out a dead worker left unfinished, and "tell me when it opens" alerts of calls now open.
SWEEPS: list[Callable[[], object]] = [newsletter_resume_unfinished, alerts_notify_open_calls]
