from django.urls import path

from smartby.radar import views

app_name = "radar"

urlpatterns = [
    path("", views.index, name="index"),
    path("ny/", views.edition_create, name="edition_create"),
    path("teknologi/<slug:slug>/", views.technology_detail, name="technology"),
    path("<int:year>/", views.edition_detail, name="edition"),
    path("<int:year>/teknologiradar.svg", views.edition_svg, name="edition_svg"),
    path("<int:year>/teknologiradar.csv", views.edition_csv, name="edition_csv"),
    path("<int:year>/rediger/", views.edition_edit, name="edition_edit"),
    path("<int:year>/udgiv/", views.edition_publish, name="edition_publish"),
    path("<int:year>/slet/", views.edition_delete, name="edition_delete"),
    path("<int:year>/placeringer/ny/", views.blip_add, name="blip_add"),
    path("<int:year>/placeringer/<slug:slug>/", views.blip_edit, name="blip_edit"),
    path("<int:year>/placeringer/<slug:slug>/fjern/", views.blip_remove, name="blip_remove"),
]
