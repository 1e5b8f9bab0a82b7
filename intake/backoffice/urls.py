from django.urls import path

from intake.backoffice import (
    content_views,
    division_views,
    outcome_views,
    programme_views,
    question_views,
    selection_views,
    token_views,
    views,
)

app_name = "backoffice"

urlpatterns = [
    path("", views.home, name="home"),
    path("newsletter/", views.newsletter_list, name="newsletter-list"),
    path("newsletter/create/", views.newsletter_create, name="newsletter-create"),
    path("newsletter/subscribers.csv", views.newsletter_export, name="newsletter-export"),
    path("newsletter/<int:pk>/", views.newsletter_detail, name="newsletter-detail"),
    path("newsletter/<int:pk>/update/", views.newsletter_update, name="newsletter-update"),
    path("newsletter/<int:pk>/send/", views.newsletter_send, name="newsletter-send"),
    path("calls/", programme_views.call_list, name="call-list"),
    path("calls/create/", programme_views.call_edit, name="call-create"),
    path("calls/<int:pk>/", programme_views.call_detail, name="call-detail"),
    path("calls/<int:pk>/update/", programme_views.call_edit, name="call-update"),
    path("calls/<int:pk>/copy/", programme_views.call_copy, name="call-copy"),
    path(
        "calls/<int:call_pk>/vacancies/create/", programme_views.vacancy_edit, name="vacancy-create"
    ),
    path("vacancies/<int:pk>/update/", programme_views.vacancy_edit, name="vacancy-update"),
    path("vacancies/<int:pk>/preview/", programme_views.vacancy_preview, name="vacancy-preview"),
    path("vacancies/<int:pk>/status/", programme_views.vacancy_status, name="vacancy-status"),
    path(
        "vacancies/<int:pk>/questions/", question_views.vacancy_questions, name="vacancy-questions"
    ),
    path("selection/", selection_views.selection_home, name="selection"),
    path("selection/<int:year>/", selection_views.screening, name="screening"),
    path("selection/<int:year>/saved/", selection_views.saved_search_create, name="saved-create"),
    path(
        "selection/<int:year>/saved/<int:pk>/delete/",
        selection_views.saved_search_delete,
        name="saved-delete",
    ),
    path("selection/<int:year>/bulk/", selection_views.bulk_move, name="bulk-create"),
    path("selection/<int:year>/proposals/", division_views.proposals, name="proposals"),
    path("selection/<int:year>/outcomes/", outcome_views.outcome_overview, name="outcomes"),
    path(
        "selection/<int:year>/outcomes/<str:stage>/",
        outcome_views.outcome_template,
        name="outcome-template",
    ),
    path(
        "selection/<int:year>/outcomes/<str:stage>/send/",
        outcome_views.outcome_send,
        name="outcome-send",
    ),
    path("selection/<int:year>/archive/", outcome_views.call_archive, name="call-archive"),
    path(
        "selection/<int:year>/proposals/confirm/",
        division_views.proposal_confirm,
        name="proposal-confirm",
    ),
    path("division/", division_views.division_home, name="division"),
    path(
        "division/vacancies/<int:pk>/criteria/",
        division_views.division_vacancy_criteria,
        name="division-vacancy-criteria",
    ),
    path("division/<int:year>/", division_views.division_candidates, name="division-candidates"),
    path(
        "division/candidates/<int:pk>/",
        division_views.division_candidate,
        name="division-candidate",
    ),
    path(
        "division/candidates/<int:pk>/decide/",
        division_views.division_decide,
        name="division-decide",
    ),
    path("division/candidates/<int:pk>/note/", division_views.division_note, name="division-note"),
    path(
        "division/candidates/<int:pk>/schedule/",
        division_views.division_schedule,
        name="division-schedule",
    ),
    path(
        "division/candidates/<int:pk>/interviews/<int:interview>/reschedule/",
        division_views.division_reschedule,
        name="division-reschedule",
    ),
    path(
        "division/candidates/<int:pk>/interviews/<int:interview>/scorecard/",
        division_views.division_scorecard,
        name="division-scorecard",
    ),
    path(
        "division/candidates/<int:pk>/documents/<uuid:document>/",
        division_views.division_document,
        name="division-document",
    ),
    path("selection/bulk/<uuid:pk>/", selection_views.bulk_move_progress, name="bulk-move"),
    path("applications/<int:pk>/", selection_views.application_detail, name="application"),
    path("applications/<int:pk>/move/", selection_views.application_move, name="application-move"),
    path("applications/<int:pk>/rate/", selection_views.application_rate, name="application-rate"),
    path(
        "applications/<int:pk>/eligibility/",
        selection_views.eligibility_review,
        name="eligibility-review",
    ),
    path("selection/<int:year>/criteria/", selection_views.criteria_edit, name="criteria"),
    path("selection/<int:year>/reports/", selection_views.reports, name="reports"),
    path("selection/<int:year>/export.csv", selection_views.export, name="export"),
    path("division/<int:year>/export.csv", division_views.division_export, name="division-export"),
    path(
        "applications/<int:pk>/assessment/",
        selection_views.assessment_action,
        name="assessment-action",
    ),
    path(
        "applications/<int:pk>/documents/<uuid:document>/",
        selection_views.application_document,
        name="application-document",
    ),
    path("tokens/", token_views.tokens, name="tokens"),
    path("tokens/<int:pk>/revoke/", token_views.token_delete, name="token-revoke"),
    path("questions/", content_views.question_list, name="questions"),
    path("questions/<int:pk>/answered/", content_views.question_answered, name="question-answered"),
    path("content/<str:kind>/", content_views.content_list, name="content-list"),
    path("content/<str:kind>/create/", content_views.content_edit, name="content-create"),
    path("content/<str:kind>/<int:pk>/update/", content_views.content_edit, name="content-update"),
]
