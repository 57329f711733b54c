from django.urls import path, register_converter

from smartby.portfolio import views


class NumberConverter:
    """An initiative's number such as 5.2."""

    regex = r"[0-9]{1,4}(?:\.[0-9]{1,4}){0,3}"

    def to_python(self, value: str) -> str:
        return value

    def to_url(self, value: str) -> str:
        return value


register_converter(NumberConverter, "portfolio_number")

app_name = "portfolio"

urlpatterns = [
    path("", views.strategy_list, name="strategy_list"),
    path("ny/", views.strategy_create, name="strategy_create"),
    path("<slug:slug>/", views.strategy_detail, name="strategy_detail"),
    path("<slug:slug>/rediger/", views.strategy_edit, name="strategy_edit"),
    path("<slug:slug>/overblik.pdf", views.overview_pdf, name="overview_pdf"),
    path("<slug:slug>/fokusomraader/ny/", views.focus_area_create, name="focus_area_create"),
    path("<slug:slug>/initiativer/ny/", views.initiative_create, name="initiative_create"),
    path(
        "<slug:slug>/initiativer/<portfolio_number:number>/",
        views.initiative_detail,
        name="initiative_detail",
    ),
    path(
        "<slug:slug>/initiativer/<portfolio_number:number>/rediger/",
        views.initiative_edit,
        name="initiative_edit",
    ),
    path(
        "<slug:slug>/initiativer/<portfolio_number:number>/status/ny/",
        views.status_create,
        name="status_create",
    ),
    path(
        "<slug:slug>/initiativer/<portfolio_number:number>/effektmaal/ny/",
        views.goal_create,
        name="goal_create",
    ),
    path(
        "<slug:slug>/initiativer/<portfolio_number:number>/effektmaal/<int:goal>/maaling/ny/",
        views.measurement_create,
        name="measurement_create",
    ),
    path(
        "<slug:slug>/initiativer/<portfolio_number:number>/statusrapport.pdf",
        views.initiative_pdf,
        name="initiative_pdf",
    ),
    path(
        "<slug:slug>/initiativer/<portfolio_number:number>/statusrapport.docx",
        views.initiative_docx,
        name="initiative_docx",
    ),
]
