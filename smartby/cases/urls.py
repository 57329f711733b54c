from django.urls import path

from smartby.cases import views

app_name = "cases"

urlpatterns = [
    path("", views.usecase_list, name="usecase_list"),
    path("ny/", views.usecase_create, name="usecase_create"),
    path("<slug:slug>/", views.usecase_detail, name="usecase_detail"),
    path("<slug:slug>/rediger/", views.usecase_edit, name="usecase_edit"),
    path("<slug:slug>/slet/", views.usecase_delete, name="usecase_delete"),
    path(
        "<slug:slug>/business-cases/ny/",
        views.businesscase_create,
        name="businesscase_create",
    ),
    path(
        "<slug:slug>/business-cases/<int:pk>/",
        views.businesscase_detail,
        name="businesscase_detail",
    ),
    path(
        "<slug:slug>/business-cases/<int:pk>/rediger/",
        views.businesscase_edit,
        name="businesscase_edit",
    ),
    path(
        "<slug:slug>/business-cases/<int:pk>/slet/",
        views.businesscase_delete,
        name="businesscase_delete",
    ),
    path(
        "<slug:slug>/business-cases/<int:pk>/business-case.pdf",
        views.businesscase_pdf,
        name="businesscase_pdf",
    ),
    path(
        "<slug:slug>/business-cases/<int:pk>/aar-for-aar.csv",
        views.businesscase_csv,
        name="businesscase_csv",
    ),
]
