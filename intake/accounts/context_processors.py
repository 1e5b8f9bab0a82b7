from __future__ import annotations

from typing import Any

from django.conf import settings
from django.http import HttpRequest


def site(request: HttpRequest) -> dict[str, Any]:
    from intake.accounts.roles import (
        can_edit_content,
        can_edit_newsletter,
        can_manage_arrivals,
        can_moderate_community,
        can_screen,
        can_track_clearance,
        has_staff_role,
        is_delegation,
        is_hiring_manager,
    )

    user = getattr(request, "user", None)
    return {
        "INTAKE_DEMO": settings.INTAKE_DEMO,
        "PROGRAMME_MAILBOX": settings.PROGRAMME_MAILBOX,
        "is_staff_user": bool(user is not None and has_staff_role(user)),
        "can_edit_newsletter": bool(user is not None and can_edit_newsletter(user)),
        "can_edit_content": bool(user is not None and can_edit_content(user)),
        "can_screen": bool(user is not None and can_screen(user)),
        "is_hiring_manager": bool(user is not None and is_hiring_manager(user)),
        "can_track_clearance": bool(user is not None and can_track_clearance(user)),
        "is_delegation": bool(user is not None and is_delegation(user)),
        "can_manage_arrivals": bool(user is not None and can_manage_arrivals(user)),
        "can_moderate_community": bool(user is not None and can_moderate_community(user)),
    }
