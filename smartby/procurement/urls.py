from django.urls import path

from smartby.procurement import views

app_name = "procurement"

urlpatterns = [
    path("", views.index, name="index"),
    path("klausuler/", views.clause_list, name="clause_list"),
    path("klausuler/ny/", views.clause_create, name="clause_create"),
    path("klausuler/<slug:slug>/", views.clause_detail, name="clause_detail"),
    path("klausuler/<slug:slug>/rediger/", views.clause_edit, name="clause_edit"),
    path("klausuler/<slug:slug>/foreslaa/", views.clause_propose, name="clause_propose"),
    path("klausuler/<slug:slug>/udfas/", views.clause_retire, name="clause_retire"),
    path("klausuler/<slug:slug>/historik/", views.clause_history, name="clause_history"),
    path(
        "klausuler/<slug:slug>/versioner/<int:number>/",
        views.version_detail,
        name="version_detail",
    ),
    path(
        "klausuler/<slug:slug>/versioner/<int:number>/godkend/",
        views.version_review,
        {"decision": "accept"},
        name="version_accept",
    ),
    path(
        "klausuler/<slug:slug>/versioner/<int:number>/afvis/",
        views.version_review,
        {"decision": "reject"},
        name="version_reject",
    ),
    path("kravdokument/", views.compose, name="compose"),
    path("kravdokument/udfyld/", views.compose_fill, name="compose_fill"),
    path("kravdokument/forhaandsvisning/", views.compose_preview, name="compose_preview"),
    path("kravdokument/kravdokument.docx", views.compose_docx, name="compose_docx"),
    path("kravdokument/kravdokument.pdf", views.compose_pdf, name="compose_pdf"),
    path("kravdokument/gem/", views.document_save, name="document_save"),
    path("kravdokumenter/", views.document_list, name="document_list"),
    path("kravdokumenter/<int:pk>/", views.document_detail, name="document_detail"),
    path("kravdokumenter/<int:pk>/kravdokument.docx", views.document_docx, name="document_docx"),
    path("kravdokumenter/<int:pk>/kravdokument.pdf", views.document_pdf, name="document_pdf"),
    path("kravdokumenter/<int:pk>/slet/", views.document_delete, name="document_delete"),
]
