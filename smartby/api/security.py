"""Authentication of API writes, shared by every app's router."""

from typing import Any

from django.http import HttpRequest
from ninja.errors import HttpError
from ninja.security import HttpBearer

from smartby.api.models import TokenScope
from smartby.api.operations import authenticate_token


class WriteToken(HttpBearer):
    """A token with write scope; the request's user becomes the token's user."""

    def authenticate(self, request: HttpRequest, token: str) -> Any:
        api_token = authenticate_token(token)
        if api_token is None:
            return None
        if api_token.scope != TokenScope.WRITE:
            raise HttpError(403, "API-nøglen har kun læseadgang.")
        request.user = api_token.user
        return api_token.user
