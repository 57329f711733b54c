from django.urls import path

from smartby.observability import views

app_name = "observability"

urlpatterns = [
    path("healthz", views.healthz, name="healthz"),
    path("metrics", views.metrics_view, name="metrics"),
]
