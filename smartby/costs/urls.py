from django.urls import path

from smartby.costs import views

app_name = "costs"

Y = "<slug:slug>/<int:year>"

urlpatterns = [
    path("", views.collaboration_list, name="collaboration_list"),
    path("ny/", views.collaboration_create, name="collaboration_create"),
    path("<slug:slug>/", views.collaboration_detail, name="collaboration_detail"),
    path("<slug:slug>/rediger/", views.collaboration_edit, name="collaboration_edit"),
    path("<slug:slug>/slet/", views.collaboration_delete, name="collaboration_delete"),
    path("<slug:slug>/medlemmer/ny/", views.member_create, name="member_create"),
    path("<slug:slug>/medlemmer/<int:pk>/rediger/", views.member_edit, name="member_edit"),
    path("<slug:slug>/medlemmer/<int:pk>/slet/", views.member_delete, name="member_delete"),
    path("<slug:slug>/budgetaar/ny/", views.budget_year_create, name="budget_year_create"),
    path(f"{Y}/", views.budget_year, name="budget_year"),
    path(f"{Y}/rediger/", views.budget_year_edit, name="budget_year_edit"),
    path(f"{Y}/slet/", views.budget_year_delete, name="budget_year_delete"),
    path(f"{Y}/fordeling.csv", views.export_csv, name="export_csv"),
    path(f"{Y}/fordeling.xlsx", views.export_xlsx, name="export_xlsx"),
    path(f"{Y}/fordeling.pdf", views.export_pdf, name="export_pdf"),
    path(f"{Y}/scenarier/ny/", views.scenario_create, name="scenario_create"),
    path(f"{Y}/scenarier/<int:pk>/rediger/", views.scenario_edit, name="scenario_edit"),
    path(f"{Y}/scenarier/<int:pk>/slet/", views.scenario_delete, name="scenario_delete"),
]
