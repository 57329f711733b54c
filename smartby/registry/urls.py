from django.urls import path

from smartby.registry import taxonomy_views, views

app_name = "registry"

urlpatterns = [
    path("", views.home, name="home"),
    path("kort/", views.map_page, name="map"),
    path("kort/kommuner.geojson", views.map_geojson, name="map_geojson"),
    path("kort/projekter.json", views.map_markers, name="map_markers"),
    path("projekter/", views.project_list, name="project_list"),
    path("projekter/ny/", views.project_create, name="project_create"),
    path("projekter/importer/", views.project_import, name="project_import"),
    path("projekter/<slug:slug>/", views.project_detail, name="project_detail"),
    path("projekter/<slug:slug>/rediger/", views.project_edit, name="project_edit"),
    path("projekter/<slug:slug>/bekraeft/", views.project_verify, name="project_verify"),
    path("projekter/<slug:slug>/slet/", views.project_delete, name="project_delete"),
    path("projekter/<slug:slug>/sammenlaeg/", views.project_merge, name="project_merge"),
    path("projekter/<slug:slug>/historik/", views.project_history, name="project_history"),
    path("taksonomier/", taxonomy_views.taxonomy_list, name="taxonomy_list"),
    path("taksonomier/<str:kind>/ny/", taxonomy_views.term_create, name="taxonomy_create"),
    path(
        "taksonomier/<str:kind>/<slug:slug>/rediger/",
        taxonomy_views.term_edit,
        name="taxonomy_edit",
    ),
    path(
        "taksonomier/<str:kind>/<slug:slug>/raekke/", taxonomy_views.term_row, name="taxonomy_row"
    ),
    path(
        "taksonomier/<str:kind>/<slug:slug>/slet/",
        taxonomy_views.term_delete,
        name="taxonomy_delete",
    ),
    path(
        "taksonomier/<str:kind>/<slug:slug>/sammenlaeg/",
        taxonomy_views.term_merge,
        name="taxonomy_merge",
    ),
]
