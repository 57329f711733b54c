from django.urls import path

from smartby.search import views

app_name = "search"

urlpatterns = [
    path("soeg/", views.search_page, name="search"),
    path("soeg/forslag/", views.suggest, name="suggest"),
    path("soeg/synonymer/", views.synonym_list, name="synonyms"),
    path("soeg/synonymer/ny/", views.synonym_edit, name="synonym_create"),
    path("soeg/synonymer/<int:pk>/", views.synonym_edit, name="synonym_edit"),
    path("soeg/synonymer/<int:pk>/slet/", views.synonym_delete, name="synonym_delete"),
    path("match/", views.match_page, name="match"),
    path("projekter/<slug:slug>/lignende/", views.similar_fragment, name="similar"),
]
