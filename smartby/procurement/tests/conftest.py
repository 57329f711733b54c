import pytest
from django.test import Client

from smartby.api.operations import create_token


def token_client(user, scope: str = "write") -> Client:
    _, secret = create_token(user, name=f"test-{scope}", scope=scope)
    return Client(headers={"Authorization": f"Bearer {secret}"})


@pytest.fixture
def api_tokens(editor_a, editor_b, coordinator):
    """`api_tokens["editor_a"]` is a client with a write token of that persona."""
    return {
        "anonymous": Client(),
        "editor_a": token_client(editor_a),
        "editor_b": token_client(editor_b),
        "coordinator": token_client(coordinator),
    }
