"""Views of the surveys app (views_manage); URL patterns below, included by surveys/urls.py."""

from django.urls import URLPattern

urlpatterns: list[URLPattern] = []
