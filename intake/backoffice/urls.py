from django.urls import path

from intake.backoffice import content_views, views

app_name = "backoffice"

urlpatterns = [
    path("", views.home, name="home"),
    path("newsletter/", views.newsletter_list, name="newsletter-list"),
    path("newsletter/create/", views.newsletter_create, name="newsletter-create"),
    path("newsletter/subscribers.csv", views.newsletter_export, name="newsletter-export"),
    path("newsletter/<int:pk>/", views.newsletter_detail, name="newsletter-detail"),
    path("newsletter/<int:pk>/update/", views.newsletter_update, name="newsletter-update"),
    path("newsletter/<int:pk>/send/", views.newsletter_send, name="newsletter-send"),
    path("questions/", content_views.question_list, name="questions"),
    path("questions/<int:pk>/answered/", content_views.question_answered, name="question-answered"),
    path("content/<str:kind>/", content_views.content_list, name="content-list"),
    path("content/<str:kind>/create/", content_views.content_edit, name="content-create"),
    path("content/<str:kind>/<int:pk>/update/", content_views.content_edit, name="content-update"),
]
