from django.urls import path

from smartby.orgs import views

app_name = "orgs"

urlpatterns = [
    path("", views.organisation_list, name="organisation_list"),
    path("ny/", views.organisation_create, name="organisation_create"),
    path("<slug:slug>/", views.organisation_detail, name="organisation_detail"),
    path("<slug:slug>/rediger/", views.organisation_edit, name="organisation_edit"),
    path("<slug:slug>/sammenlaeg/", views.organisation_merge, name="organisation_merge"),
]
