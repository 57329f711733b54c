from django.urls import path

from smartby.guides import hub, views

app_name = "guides"

urlpatterns = [
    path("viden/", hub.hub, name="hub"),
    path("vejledninger/", views.guide_list, name="guide_list"),
    path("vejledninger/ny/", views.guide_create, name="guide_create"),
    path("vejledninger/<slug:slug>/", views.guide_detail, name="guide_detail"),
    path("vejledninger/<slug:slug>/rediger/", views.guide_edit, name="guide_edit"),
    path("vejledninger/<slug:slug>/slet/", views.guide_delete, name="guide_delete"),
    path("vejledninger/<slug:slug>/historik/", views.guide_history, name="guide_history"),
    path(
        "vejledninger/<slug:slug>/historik/sammenlign/",
        views.guide_compare,
        name="guide_compare",
    ),
    path(
        "vejledninger/<slug:slug>/historik/<int:number>/",
        views.guide_version,
        name="guide_version",
    ),
    path(
        "vejledninger/<slug:slug>/historik/<int:number>/gendan/",
        views.guide_restore,
        name="guide_restore",
    ),
    path("kompetencetjek/", views.assessment, name="assessment"),
    path("kompetencetjek/gem/", views.result_save, name="result_save"),
    path("kompetencetjek/resultater/<int:pk>/", views.result_detail, name="result_detail"),
    path(
        "kompetencetjek/organisation/<slug:slug>/",
        views.organisation_results,
        name="organisation_results",
    ),
    path("kompetencetjek/administration/", views.assessment_admin, name="assessment_admin"),
    path(
        "kompetencetjek/administration/dimensioner/<int:pk>/",
        views.dimension_edit,
        name="dimension_edit",
    ),
    path(
        "kompetencetjek/administration/spoergsmaal/ny/",
        views.question_edit,
        name="question_create",
    ),
    path(
        "kompetencetjek/administration/spoergsmaal/<int:pk>/",
        views.question_edit,
        name="question_edit",
    ),
    path(
        "kompetencetjek/administration/spoergsmaal/<int:pk>/slet/",
        views.question_delete,
        name="question_delete",
    ),
]
