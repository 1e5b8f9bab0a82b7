"""The assessment platform's callback: ``POST /api/v1/assessments/webhook``."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from ninja import Router, Schema, Status

from intake.selection.assessments import WebhookRefused, webhook_apply, webhook_verify

router = Router(tags=["assessments"])


class CallbackIn(Schema):
    event_id: str
    invitation: str
    status: str
    score: float | None = None
    completed_at: str | None = None


class CallbackOut(Schema):
    invitation: str
    status: str


class Refusal(Schema):
    detail: str


@router.post(
    "/webhook",
    response={200: CallbackOut, 401: Refusal, 404: Refusal, 409: Refusal, 422: Refusal},
    summary="Assessment platform callback (signed)",
    description=(
        "Called by the external assessment platform when a candidate completes the online "
        "assessment. Headers: `X-Intake-Timestamp` (Unix seconds) and `X-Intake-Signature`, the "
        "hex HMAC-SHA256 of `timestamp + '.' + raw body` with the shared secret. A signature "
        "older than 5 minutes is refused (401), as is a forged one (401); an `event_id` already "
        "received is a replay (409). Body: `event_id`, `invitation` (the id Intake put in the "
        "candidate's link), `status` (`completed`), `score`, `completed_at` (ISO 8601)."
    ),
    openapi_extra={
        "requestBody": {"content": {"application/json": {"schema": CallbackIn.json_schema()}}}
    },
)
def assessment_webhook(request: HttpRequest) -> Any:
    try:
        callback = webhook_verify(
            body=request.body,
            timestamp=request.headers.get("X-Intake-Timestamp", ""),
            signature=request.headers.get("X-Intake-Signature", ""),
        )
        invitation = webhook_apply(callback)
    except WebhookRefused as refusal:
        return Status(refusal.status, {"detail": refusal.reason})
    return Status(200, {"invitation": invitation.external_id, "status": invitation.status})
