from django.urls import path

from smartby.geo import views

app_name = "geo"

urlpatterns = [
    path("kommuner/", views.municipality_list, name="municipality_list"),
    path("kommuner/<str:code>/", views.municipality_detail, name="municipality_detail"),
    path("kommuner/<str:code>/rediger/", views.municipality_edit, name="municipality_edit"),
]
