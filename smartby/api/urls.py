from django.urls import path

from smartby.api.api import api

urlpatterns = [path("v1/", api.urls)]
