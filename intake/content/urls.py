from django.urls import path

from intake.content import views

app_name = "content"

urlpatterns = [
    path("faq/", views.faq, name="faq"),
    path("faq/<slug:slug>/", views.faq_entry, name="faq-entry"),
    path("about/<slug:slug>/", views.page, name="page"),
    path("videos/", views.video_list, name="videos"),
    path("videos/<slug:slug>/<str:part>", views.video_file, name="video-file"),
    path("contact/", views.contact, name="contact"),
    path("contact/sent/", views.contact_sent, name="contact-sent"),
]
