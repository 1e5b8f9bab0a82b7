from django.urls import path

from intake.applications import applicant_views as views

app_name = "apply"

urlpatterns = [
    path("", views.dashboard, name="dashboard"),
    path("profile/", views.profile_edit, name="profile"),
    path("documents/", views.documents, name="documents"),
    path("documents/<uuid:pk>/", views.document_download, name="document"),
    path("documents/<uuid:pk>/delete", views.document_delete, name="document-delete"),
    path("<int:year>/", views.application_edit, name="edit"),
    path("<int:year>/autosave", views.application_autosave, name="autosave"),
    path("<int:year>/review", views.application_review, name="review"),
    path("<int:year>/receipt", views.application_receipt, name="receipt"),
    path("<int:year>/receipt.pdf", views.application_receipt_pdf, name="receipt-pdf"),
    path("<int:year>/withdraw", views.application_withdraw, name="withdraw"),
    path("selection/<int:pk>/answer", views.selection_answer, name="selection-answer"),
    path("interviews/<int:pk>/slot", views.interview_slot, name="interview-slot"),
    path("interviews/<int:pk>/invitation.ics", views.interview_ics, name="interview-ics"),
]
