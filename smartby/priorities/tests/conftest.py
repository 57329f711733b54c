import pytest

from smartby.conftest import make_user
from smartby.priorities.tests.helpers import make_round


@pytest.fixture
def assessor_c(db):
    """A third logged-in user (no organisation) to invite as assessor."""
    return make_user("cecilie@region.example.org", name="Cecilie Region")


@pytest.fixture
def round_(coordinator, editor_a, editor_b):
    """An open round with three proposals; editor_a and editor_b are invited assessors."""
    return make_round(coordinator, assessors=[editor_a, editor_b])
