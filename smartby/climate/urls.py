from django.urls import path, re_path

from smartby.climate import views

app_name = "climate"

urlpatterns = [
    path("", views.map_page, name="map"),
    path("kommuner.geojson", views.map_geojson, name="geojson"),
    path("regioner/", views.overview, name="overview"),
    re_path(r"^(?P<code>[0-9]{3})/$", views.municipality_detail, name="municipality"),
    re_path(r"^(?P<code>[0-9]{3})/opdater/$", views.plan_update, name="plan_update"),
]
