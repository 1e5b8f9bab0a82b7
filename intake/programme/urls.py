from django.urls import path

from intake.programme import views
from intake.programme.feeds import VacancyFeed

app_name = "programme"

urlpatterns = [
    path("", views.vacancy_list, name="vacancy-list"),
    path("feed.atom", VacancyFeed(), name="vacancy-feed"),
    path("calendar.ics", views.call_ics, name="call-ics"),
    path("<int:year>/calendar.ics", views.call_ics, name="call-ics-year"),
    path("<int:year>/<str:reference>/", views.vacancy_detail, name="vacancy-detail-short"),
    path("<int:year>/<str:reference>/<slug:slug>/", views.vacancy_detail, name="vacancy-detail"),
]
