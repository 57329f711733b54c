from django.urls import path

from smartby.catalogue import views

app_name = "catalogue"

urlpatterns = [
    path("", views.solution_list, name="solution_list"),
    path("sammenlign/", views.compare, name="compare"),
    path("loesninger/ny/", views.solution_create, name="solution_create"),
    path("loesninger/<slug:slug>/", views.solution_detail, name="solution_detail"),
    path("loesninger/<slug:slug>/rediger/", views.solution_edit, name="solution_edit"),
    path("loesninger/<slug:slug>/slet/", views.solution_delete, name="solution_delete"),
    path("loesninger/<slug:slug>/foreslaa/", views.propose_solution, name="propose_solution"),
    path("loesninger/<slug:slug>/brug/ny/", views.use_create, name="use_create"),
    path("brug/<int:pk>/rediger/", views.use_edit, name="use_edit"),
    path("brug/<int:pk>/slet/", views.use_delete, name="use_delete"),
    path("leverandoerer/", views.supplier_list, name="supplier_list"),
    path("leverandoerer/ny/", views.supplier_create, name="supplier_create"),
    path("leverandoerer/<slug:slug>/", views.supplier_detail, name="supplier_detail"),
    path("leverandoerer/<slug:slug>/rediger/", views.supplier_edit, name="supplier_edit"),
    path("leverandoerer/<slug:slug>/slet/", views.supplier_delete, name="supplier_delete"),
    path("leverandoerer/<slug:slug>/foreslaa/", views.propose_supplier, name="propose_supplier"),
    path(
        "leverandoerer/<slug:slug>/ny-loesning/",
        views.propose_new_solution,
        name="propose_new_solution",
    ),
    path("standarder/", views.standard_list, name="standard_list"),
    path("standarder/ny/", views.standard_create, name="standard_create"),
    path("standarder/<slug:slug>/", views.standard_detail, name="standard_detail"),
    path("standarder/<slug:slug>/rediger/", views.standard_edit, name="standard_edit"),
    path("standarder/<slug:slug>/slet/", views.standard_delete, name="standard_delete"),
    path("forslag/", views.proposal_list, name="proposal_list"),
    path("forslag/<int:pk>/", views.proposal_detail, name="proposal_detail"),
    path("forslag/<int:pk>/behandl/", views.proposal_decide, name="proposal_decide"),
]
