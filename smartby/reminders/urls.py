from django.urls import path

from smartby.reminders import views

app_name = "reminders"

urlpatterns = [
    path("friskhed/", views.overview, name="overview"),
    path("friskhed/<int:pk>/send-igen/", views.retry, name="retry"),
    path("paamindelser/stadig-korrekt/<str:token>/", views.verify, name="verify"),
    path("paamindelser/opdater/<str:token>/", views.update, name="update"),
    path("paamindelser/afsluttet/<str:token>/", views.complete, name="complete"),
    path("paamindelser/afmeld/<str:token>/", views.unsubscribe, name="unsubscribe"),
]
