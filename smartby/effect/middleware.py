"""Count page views per section per day, without cookies and without personal data."""

from collections.abc import Callable

from django.http import HttpRequest, HttpResponse

from smartby.effect.measure import (
    is_bot,
    is_static,
    record_page_view,
    record_search,
    section_for_path,
)
from smartby.effect.models import Section

# The API's project search: its `q` is a search term like the project list's and the map's.
API_SEARCH_PATH = "/api/v1/projects"


def counts_as_view(request: HttpRequest, response: HttpResponse, section: str) -> bool:
    """A successful GET of a whole HTML page (or any API resource) by something that is not a
    bot. htmx partial updates of a page are not new page views; nor are the map's JSON feeds."""
    if request.method != "GET" or response.status_code != 200:
        return False
    if is_static(request.path) or is_bot(request.headers.get("User-Agent", "")):
        return False
    if section == Section.API:
        return True
    if request.headers.get("HX-Request"):
        return False
    return response.get("Content-Type", "").startswith("text/html")


class PageViewMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        section = section_for_path(request.path)
        if counts_as_view(request, response, section):
            record_page_view(section)
            if request.path.rstrip("/") == API_SEARCH_PATH:
                record_search(request.GET.get("q", ""), request)
        return response
