from django.urls import path

from smartby.privacy import views

app_name = "privacy"

urlpatterns = [
    path("privatliv/mine-data/", views.request_link, name="request"),
    path("privatliv/mine-data/sendt/", views.sent, name="sent"),
    path("privatliv/mine-data/koordinator/", views.coordinator, name="coordinator"),
    path("privatliv/mine-data/<str:token>/", views.link, name="link"),
    path("privatliv/mine-data/<str:token>/eksport/", views.link_export, name="link_export"),
    path("privatliv/mine-data/<str:token>/slet/", views.link_delete, name="link_delete"),
    path("konto/mine-data/", views.account, name="account"),
    path("konto/mine-data/eksport/", views.account_export, name="account_export"),
    path("konto/mine-data/slet/", views.account_delete, name="account_delete"),
]
