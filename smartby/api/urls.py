from django.urls import path, re_path
from django.views.decorators.csrf import csrf_exempt

from smartby.api.api import api
from smartby.api.errors import not_found

urlpatterns = [
    path("v1/", api.urls),
    # Anything else under /api/ is answered in the API's error format, not with an HTML page
    # (csrf_exempt like the API's own views, so a PUT to an unknown path is a 404, not a 403).
    re_path(r"^.*$", csrf_exempt(not_found)),
]
