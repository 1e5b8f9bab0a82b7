"""A URLconf for the error-page tests: the site's URLs plus a view that fails."""

from django.urls import path

from config.urls import urlpatterns as site_urlpatterns


def broken(request):
    raise RuntimeError("a bug")


urlpatterns = [*site_urlpatterns, path("broken/", broken)]
