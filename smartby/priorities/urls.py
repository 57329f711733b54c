from django.urls import path

from smartby.priorities import views

app_name = "priorities"

urlpatterns = [
    path("", views.index, name="index"),
    path("anbefalinger/", views.recommendation_list, name="recommendation_list"),
    path("anbefalinger/fremdrift/", views.progress_latest, name="progress_latest"),
    path("anbefalinger/fremdrift/<int:year>/", views.progress, name="progress"),
    path(
        "anbefalinger/fremdrift/<int:year>/fremdrift.pdf", views.progress_pdf, name="progress_pdf"
    ),
    path(
        "anbefalinger/fremdrift/<int:year>/fremdrift.csv", views.progress_csv, name="progress_csv"
    ),
    path("anbefalinger/<int:number>/", views.recommendation_detail, name="recommendation_detail"),
    path("anbefalinger/<int:number>/status/", views.status_add, name="status_add"),
    path("anbefalinger/<int:number>/dokumentation/", views.evidence_add, name="evidence_add"),
    path(
        "anbefalinger/<int:number>/dokumentation/<int:pk>/slet/",
        views.evidence_delete,
        name="evidence_delete",
    ),
    path("runder/", views.round_list, name="round_list"),
    path("runder/ny/", views.round_create, name="round_create"),
    path("runder/<slug:slug>/", views.round_detail, name="round_detail"),
    path("runder/<slug:slug>/rediger/", views.round_edit, name="round_edit"),
    path("runder/<slug:slug>/tilstand/", views.round_state, name="round_state"),
    path("runder/<slug:slug>/forslag/", views.proposal_create, name="proposal_create"),
    path("runder/<slug:slug>/forslag/<int:pk>/rediger/", views.proposal_edit, name="proposal_edit"),
    path(
        "runder/<slug:slug>/forslag/<int:pk>/slet/", views.proposal_delete, name="proposal_delete"
    ),
    path("runder/<slug:slug>/bedoemmere/", views.assessor_invite, name="assessor_invite"),
    path(
        "runder/<slug:slug>/bedoemmere/<int:pk>/fjern/",
        views.assessor_remove,
        name="assessor_remove",
    ),
    path("runder/<slug:slug>/vurder/", views.round_score, name="round_score"),
    path("runder/<slug:slug>/resultater/", views.round_results, name="round_results"),
    path("runder/<slug:slug>/resultater.csv", views.results_csv, name="results_csv"),
    path("runder/<slug:slug>/resultater.xlsx", views.results_xlsx, name="results_xlsx"),
]
