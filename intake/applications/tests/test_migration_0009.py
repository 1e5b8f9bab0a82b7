"""Migration 0009 drops Application.status without losing what only it recorded."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.utils import timezone

BEFORE = [("applications", "0008_move_history_and_index")]
AFTER = [("applications", "0009_application_stage_only")]


def _migrate(targets):
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(targets)
    return executor.loader.project_state(targets).apps


@pytest.fixture(autouse=True)
def _back_to_the_latest_schema():
    """Later migrations exist: the database goes back to every app's latest, not to 0009."""
    yield
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(executor.loader.graph.leaf_nodes())


@pytest.mark.django_db(transaction=True)
def test_the_status_is_carried_into_the_stage_before_the_column_goes():
    # Given applications as they were before 0009, some of them drifting
    apps = _migrate(BEFORE)
    Application = apps.get_model("applications", "Application")
    Call = apps.get_model("programme", "Call")
    User = apps.get_model("accounts", "User")
    call = Call.objects.create(
        year=2031, opens_at=timezone.now(), closes_at=timezone.now() + timedelta(days=9)
    )
    rows = {}
    for name, status, stage in [
        ("draft", "draft", ""),
        ("screened", "submitted", "screened"),
        ("office_withdrew", "submitted", "withdrawn"),  # the drift of #11: stage is right
        ("never_entered", "submitted", ""),  # submitted before the pipeline, missed by 0005
        ("applicant_withdrew", "withdrawn", "submitted"),  # the applicant's word, lost by stage
    ]:
        user = User.objects.create(email=f"{name}@example.org")
        rows[name] = Application.objects.create(
            applicant=user,
            call=call,
            status=status,
            stage=stage,
            reference=None if status == "draft" else f"M-{name}",
            submitted_at=None if status == "draft" else timezone.now(),
        ).pk
    # When 0009 runs
    apps = _migrate(AFTER)
    Application = apps.get_model("applications", "Application")
    StageChange = apps.get_model("applications", "StageChange")
    # Then each application's stage says what its status said, with a history row per change
    stages = dict(Application.objects.values_list("pk", "stage"))
    assert {name: stages[pk] for name, pk in rows.items()} == {
        "draft": "",
        "screened": "screened",
        "office_withdrew": "withdrawn",
        "never_entered": "submitted",
        "applicant_withdrew": "withdrawn",
    }
    changes = StageChange.objects.values_list("application_id", "from_stage", "to_stage")
    assert sorted(changes) == sorted(
        [
            (rows["never_entered"], "", "submitted"),
            (rows["applicant_withdrew"], "submitted", "withdrawn"),
        ]
    )
    # And back: the status each stage means
    apps = _migrate(BEFORE)
    statuses = dict(
        apps.get_model("applications", "Application").objects.values_list("pk", "status")
    )
    assert {name: statuses[pk] for name, pk in rows.items()} == {
        "draft": "draft",
        "screened": "submitted",
        "office_withdrew": "withdrawn",
        "never_entered": "submitted",
        "applicant_withdrew": "withdrawn",
    }
    _migrate(AFTER)
