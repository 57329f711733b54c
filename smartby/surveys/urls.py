"""/undersoegelser/: managing surveys and rounds (manage_urls), answering them (answer_urls)
and their results (results_urls) — each list lives beside its views."""

from smartby.surveys.views_answer import urlpatterns as answer_urls
from smartby.surveys.views_manage import urlpatterns as manage_urls
from smartby.surveys.views_results import urlpatterns as results_urls

app_name = "surveys"

urlpatterns = [*manage_urls, *answer_urls, *results_urls]
