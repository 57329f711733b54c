from django.urls import path

from smartby.api import views

app_name = "api_tokens"

urlpatterns = [
    path("", views.token_list, name="list"),
    path("<int:pk>/tilbagekald/", views.token_revoke, name="revoke"),
]
