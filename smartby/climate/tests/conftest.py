import pytest


@pytest.fixture(autouse=True)
def _climate_reference_data(request: pytest.FixtureRequest, _reference_data) -> None:
    """Transactional tests (browser) flush the database after each test, which removes the
    DK2020 phases and the plans the data migration loaded; load them again."""
    marker = request.node.get_closest_marker("django_db")
    if not (marker and marker.kwargs.get("transaction")):
        return
    from smartby.climate.models import ClimatePlan, Phase, PhaseEvent
    from smartby.climate.reference import load_reference_data
    from smartby.geo.models import Municipality

    load_reference_data(Phase, ClimatePlan, PhaseEvent, Municipality)
