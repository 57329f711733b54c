import pytest


@pytest.fixture(autouse=True)
def _guides_reference_data(request: pytest.FixtureRequest, _reference_data) -> None:
    """Transactional tests (browser) flush the database after each test, which removes the
    guides and the kompetencetjek that the data migrations loaded; load them again."""
    marker = request.node.get_closest_marker("django_db")
    if not (marker and marker.kwargs.get("transaction")):
        return
    from smartby.guides.models import Assessment, Dimension, Guide, GuideVersion, Question
    from smartby.guides.reference import load_reference_assessment, load_reference_guides
    from smartby.registry.models import Area

    load_reference_guides(Guide, GuideVersion, Area)
    load_reference_assessment(Assessment, Dimension, Question)
