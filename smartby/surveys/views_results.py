"""Views of the surveys app (views_results); URL patterns below, included by surveys/urls.py."""

from django.urls import URLPattern

urlpatterns: list[URLPattern] = []
