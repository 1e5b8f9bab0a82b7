from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ApplicationsConfig(AppConfig):
    name = "intake.applications"
    label = "applications"
    verbose_name = _("Applications")

    def ready(self) -> None:
        from django.db.models.signals import post_delete, post_save

        from intake.applications.models import MemberCountry
        from intake.applications.selectors import members_changed

        # A cache, not a business rule: this process reads the member list again at once
        # (other processes within MEMBERS_TTL_SECONDS).
        for signal in (post_save, post_delete):
            signal.connect(
                lambda **kw: members_changed(),
                sender=MemberCountry,
                weak=False,
                dispatch_uid=f"members-changed-{signal}",
            )
