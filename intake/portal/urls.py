from django.urls import path

from intake.portal.views import (
    application,
    arrival,
    community,
    dashboard,
    documents,
    idcard,
    placement,
    profile,
    selection,
)

app_name = "apply"

urlpatterns = [
    path("", dashboard.dashboard, name="dashboard"),
    path("profile/", profile.profile_edit, name="profile"),
    path("documents/", documents.documents, name="documents"),
    path("documents/<uuid:pk>/", documents.document_download, name="document"),
    path("documents/<uuid:pk>/delete", documents.document_delete, name="document-delete"),
    path("<int:year>/", application.application_edit, name="edit"),
    path("<int:year>/autosave", application.application_autosave, name="autosave"),
    path("<int:year>/review", application.application_review, name="review"),
    path("<int:year>/receipt", application.application_receipt, name="receipt"),
    path("<int:year>/receipt.pdf", application.application_receipt_pdf, name="receipt-pdf"),
    path("<int:year>/withdraw", application.application_withdraw, name="withdraw"),
    path("selection/<int:pk>/answer", selection.selection_answer, name="selection-answer"),
    path("placement/<int:pk>/offer.pdf", placement.offer_pdf, name="offer-pdf"),
    path("placement/<int:pk>/offer/answer", placement.offer_answer, name="offer-answer"),
    path("placement/<int:pk>/withdraw", placement.placement_withdraw, name="placement-withdraw"),
    path("placement/<int:pk>/references", placement.referees_edit, name="referees"),
    path("placement/<int:pk>/message", placement.placement_message, name="placement-message"),
    path("arrival/<int:pk>/", arrival.arrival, name="arrival"),
    path("arrival/<int:pk>/step", arrival.arrival_step, name="arrival-step"),
    path("arrival/<int:pk>/funding", arrival.arrival_funding, name="arrival-funding"),
    path("arrival/<int:pk>/idcard/", idcard.idcard_edit, name="idcard"),
    path("arrival/<int:pk>/idcard/photo", idcard.idcard_photo, name="idcard-photo"),
    path("interviews/<int:pk>/slot", selection.interview_slot, name="interview-slot"),
    path("interviews/<int:pk>/invitation.ics", selection.interview_ics, name="interview-ics"),
    path("community/", community.community, name="community"),
    path("community/join/", community.community_join, name="community-join"),
    path("community/create/", community.community_new, name="community-new"),
    path("community/<int:pk>/", community.community_thread, name="community-thread"),
    path("community/<int:pk>/reply/", community.community_reply, name="community-reply"),
    path("community/<int:pk>/follow/", community.community_follow, name="community-follow"),
    path("community/posts/<int:pk>/flag/", community.community_flag, name="community-flag"),
    path(
        "community/digest/<str:token>/stop/",
        community.community_unsubscribe,
        name="community-unsubscribe",
    ),
]
