# One source of truth per state (#11): an application's `status` (draft, submitted, withdrawn)
# is dropped; what it meant is derived from `stage` ("" a draft, "withdrawn" withdrawn, any other
# stage submitted). Before the column goes, what only `status` recorded is carried into `stage`,
# each change with its history row; the (call, stage) index serves what (call, status) did.

from django.db import migrations, models
from django.utils import timezone

REASON = "Migration 0009: taken from the former status"


def stages_from_status(apps, schema_editor):
    """Applications whose `status` says more than their `stage`: submitted or withdrawn with no
    stage (never entered the pipeline), and withdrawn by the applicant with a stage that did
    not follow. An office withdrawal (stage "withdrawn", status "submitted") needs nothing."""
    Application = apps.get_model("applications", "Application")
    StageChange = apps.get_model("applications", "StageChange")
    now = timezone.now()
    changes = []
    fixes = [
        (Application.objects.filter(stage="", status="submitted"), "submitted"),
        (Application.objects.filter(status="withdrawn").exclude(stage="withdrawn"), "withdrawn"),
    ]
    for rows, stage in fixes:
        for application in rows.only("pk", "stage", "submitted_at", "withdrawn_at"):
            at = (application.withdrawn_at if stage == "withdrawn" else None) or (
                application.submitted_at or now
            )
            changes.append(
                StageChange(
                    application_id=application.pk,
                    from_stage=application.stage,
                    to_stage=stage,
                    at=at,
                    reason=REASON,
                )
            )
            Application.objects.filter(pk=application.pk).update(stage=stage)
    StageChange.objects.bulk_create(changes, batch_size=500)


def status_from_stage(apps, schema_editor):
    """Back: the status each stage means."""
    Application = apps.get_model("applications", "Application")
    Application.objects.filter(stage="").update(status="draft")
    Application.objects.filter(stage="withdrawn").update(status="withdrawn")
    Application.objects.exclude(stage__in=["", "withdrawn"]).update(status="submitted")


class Migration(migrations.Migration):
    dependencies = [
        ("applications", "0008_move_history_and_index"),
    ]

    operations = [
        migrations.RunPython(stages_from_status, status_from_stage, elidable=False),
        migrations.RemoveIndex(
            model_name="application",
            name="application_call_id_e0dcc4_idx",
        ),
        migrations.RemoveField(
            model_name="application",
            name="status",
        ),
    ]
