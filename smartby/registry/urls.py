from django.urls import path

from smartby.registry import views

app_name = "registry"

urlpatterns = [
    path("", views.home, name="home"),
    path("kort/", views.map_page, name="map"),
    path("kort/kommuner.geojson", views.map_geojson, name="map_geojson"),
    path("kort/projekter.json", views.map_markers, name="map_markers"),
    path("projekter/", views.project_list, name="project_list"),
    path("projekter/ny/", views.project_create, name="project_create"),
    path("projekter/<slug:slug>/", views.project_detail, name="project_detail"),
    path("projekter/<slug:slug>/rediger/", views.project_edit, name="project_edit"),
    path("projekter/<slug:slug>/bekraeft/", views.project_verify, name="project_verify"),
    path("projekter/<slug:slug>/slet/", views.project_delete, name="project_delete"),
    path("projekter/<slug:slug>/sammenlaeg/", views.project_merge, name="project_merge"),
    path("projekter/<slug:slug>/historik/", views.project_history, name="project_history"),
]
