import pytest
from django.test import Client

from smartby.api.operations import create_token


@pytest.fixture
def api_client():
    """An anonymous client."""
    return Client()


def _token_client(user, scope: str) -> Client:
    _, secret = create_token(user, name=f"test-{scope}", scope=scope)
    return Client(headers={"Authorization": f"Bearer {secret}"})


@pytest.fixture
def write_a(editor_a) -> Client:
    return _token_client(editor_a, "write")


@pytest.fixture
def write_b(editor_b) -> Client:
    return _token_client(editor_b, "write")


@pytest.fixture
def read_a(editor_a) -> Client:
    return _token_client(editor_a, "read")


@pytest.fixture
def write_coordinator(coordinator) -> Client:
    return _token_client(coordinator, "write")
