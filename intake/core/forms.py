from __future__ import annotations

from django.forms.renderers import TemplatesSetting


class IntakeFormRenderer(TemplatesSetting):
    """Accessible forms everywhere: error summary on top, errors beside fields, labels."""

    form_template_name = "forms/form.html"
    field_template_name = "forms/field.html"
