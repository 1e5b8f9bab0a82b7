from __future__ import annotations

from datetime import datetime
from typing import Any

from django.contrib.syndication.views import Feed
from django.http import HttpRequest
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed
from django.utils.translation import gettext as _

from intake.programme import selectors
from intake.programme.models import Vacancy


class VacancyFeed(Feed):
    """An Atom feed of the newest published vacancies of the current call."""

    feed_type = Atom1Feed

    def get_object(self, request: HttpRequest, *args: Any, **kwargs: Any) -> Any:
        return selectors.call_current()

    def title(self, obj: Any) -> str:
        return _("NATO Internship Programme — new vacancies")

    def link(self, obj: Any) -> str:
        return reverse("programme:vacancy-list")

    def subtitle(self, obj: Any) -> str:
        return _("Internship vacancies at NATO Headquarters in Brussels")

    def items(self, obj: Any) -> Any:
        return selectors.vacancies_public(call=obj).order_by("-published_at")[:50]

    def item_title(self, item: Vacancy) -> str:
        return f"{item.t('title')} — {item.unit}"

    def item_description(self, item: Vacancy) -> str:
        return item.t("description")

    def item_pubdate(self, item: Vacancy) -> datetime | None:
        return item.published_at

    def item_updateddate(self, item: Vacancy) -> datetime:
        return item.updated_at
