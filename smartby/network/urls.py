from django.urls import path

from smartby.network import views

app_name = "network"

urlpatterns = [
    path("fagkolleger/", views.directory_page, name="directory"),
    path("fagkolleger/min-profil/", views.profile, name="profile"),
    path("fagkolleger/<int:pk>/kontakt/", views.peer_contact, name="peer_contact"),
    path("fagkolleger/<int:pk>/kontakt/sendt/", views.peer_contact_sent, name="peer_contact_sent"),
    path("projekter/<slug:slug>/kontakt/", views.project_contact, name="project_contact"),
    path(
        "projekter/<slug:slug>/kontakt/sendt/",
        views.project_contact_sent,
        name="project_contact_sent",
    ),
]
