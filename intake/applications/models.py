from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class MemberCountry(models.Model):
    """NATO membership as data with effective dates (it changes: Sweden joined on 7 March 2024)."""

    code = models.CharField(_("country (ISO 3166-1 alpha-2)"), max_length=2, unique=True)
    joined_on = models.DateField(_("member since"))
    left_on = models.DateField(_("member until"), null=True, blank=True)

    class Meta:
        ordering = ["code"]
        verbose_name = _("member country")
        verbose_name_plural = _("member countries")

    def __str__(self) -> str:
        return self.code
