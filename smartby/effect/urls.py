from django.urls import path

from smartby.effect import views

app_name = "effect"

urlpatterns = [
    path("", views.dashboard, name="dashboard"),
    path("<slug:slug>.csv", views.download, name="download"),
]
