import pytest
from django.test import Client

from smartby.api.operations import create_token


@pytest.fixture
def token_for():
    """`token_for(user)` is a client sending a write token of `user`."""

    def make(user, scope: str = "write") -> Client:
        _, secret = create_token(user, name=f"test-{scope}", scope=scope)
        return Client(headers={"Authorization": f"Bearer {secret}"})

    return make
