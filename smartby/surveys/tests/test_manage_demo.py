"""The demo round (demo.py)."""

import pytest

from smartby.surveys import demo
from smartby.surveys.models import Response, ResponseStatus, Round
from smartby.surveys.versions import question_specs, validate_answers

pytestmark = pytest.mark.django_db


def test_demo_round_is_deterministic_valid_and_idempotent():
    demo.load(seed=7)
    round_ = Round.objects.get(key=demo.ROUND_KEY)
    assert round_.name == "Smart city-undersøgelsen 2026" and round_.population.count() == 98
    submitted = Response.objects.filter(round=round_, status=ResponseStatus.SUBMITTED)
    assert submitted.count() == 60
    assert Response.objects.filter(round=round_, status=ResponseStatus.DRAFT).count() == 5
    specs = question_specs(round_.version)
    for response in submitted:
        assert validate_answers(specs, response.answers) == []
    first = {r.municipality.code: r.answers for r in submitted.select_related("municipality")}
    demo.load(seed=7)
    assert Round.objects.filter(key=demo.ROUND_KEY).count() == 1
    assert Response.objects.filter(round=round_).count() == 65
    # the same seed gives the same answers
    Round.objects.filter(key=demo.ROUND_KEY).delete()
    demo.load(seed=7)
    again = {
        r.municipality.code: r.answers
        for r in Response.objects.filter(
            round__key=demo.ROUND_KEY, status=ResponseStatus.SUBMITTED
        ).select_related("municipality")
    }
    assert again == first


def test_demo_answers_are_correlated_with_size():
    demo.load(seed=1)
    responses = Response.objects.filter(
        round__key=demo.ROUND_KEY, status=ResponseStatus.SUBMITTED
    ).select_related("municipality")
    big = [r for r in responses if (r.municipality.population or 0) > 67_500]
    small = [r for r in responses if (r.municipality.population or 0) <= 67_500]
    assert big and small

    def smart_share(rows):
        return sum(r.answers["smart_city"] in ("coordinated", "activities") for r in rows) / len(
            rows
        )

    def have_share(rows):
        cells = [v for r in rows for v in r.answers["initiatives"].values()]
        return sum(v == "have" for v in cells) / len(cells)

    assert smart_share(big) > smart_share(small)
    assert have_share(big) > have_share(small)
