"""View decorators shared by the apps."""

from collections.abc import Callable
from functools import wraps
from typing import Any

from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse

type View = Callable[..., HttpResponse]


def allowed_only(check: Callable[[Any], bool], message: Any) -> Callable[[View], View]:
    """Anonymous visitors go to the login page; logged-in users for whom `check(user)` is false
    get 403 with `message` (a lazy translation)."""

    def decorator(view: View) -> View:
        @wraps(view)
        def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
            if not request.user.is_authenticated:
                return redirect_to_login(request.get_full_path())
            if not check(request.user):
                raise PermissionDenied(str(message))
            return view(request, *args, **kwargs)

        return wrapper

    return decorator
