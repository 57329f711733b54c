"""Database constraints of the survey models."""

import datetime

import pytest
from django.db import IntegrityError, transaction
from django.utils import timezone

from smartby.geo.models import Municipality
from smartby.surveys.models import (
    BaselineFigure,
    Invitation,
    Question,
    Response,
    Round,
    Survey,
    SurveyVersion,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def version() -> SurveyVersion:
    return Survey.objects.get(key="cedi-2014").latest_version()


def make_round(version: SurveyVersion, key: str = "r1", **extra) -> Round:
    data = {"opens_on": datetime.date(2026, 3, 1), "closes_on": datetime.date(2026, 4, 1)}
    return Round.objects.create(version=version, key=key, name=key, **(data | extra))


def refused(create) -> None:
    with pytest.raises(IntegrityError), transaction.atomic():
        create()


def test_unique_keys(version):
    refused(lambda: Survey.objects.create(key="cedi-2014", title="x"))
    refused(lambda: SurveyVersion.objects.create(survey=version.survey, number=1))
    refused(lambda: SurveyVersion.objects.create(survey=version.survey, number=0))
    section = version.sections.first()
    refused(
        lambda: Question.objects.create(
            version=version, section=section, key="smart_city", text="x", type="text"
        )
    )
    make_round(version)
    refused(lambda: make_round(version))


def test_question_type_is_checked(version):
    refused(
        lambda: Question.objects.create(
            version=version, section=version.sections.first(), key="new", text="x", type="essay"
        )
    )


def test_round_dates_and_baseline_fields(version):
    refused(lambda: make_round(version, closes_on=datetime.date(2026, 3, 1)))
    refused(lambda: make_round(version, key="r2", baseline_respondents=5))


def test_one_response_and_invitation_per_municipality(version):
    round_ = make_round(version)
    aarhus = Municipality.objects.get(code="751")
    Response.objects.create(round=round_, municipality=aarhus)
    refused(lambda: Response.objects.create(round=round_, municipality=aarhus))
    expires = timezone.now() + datetime.timedelta(days=30)
    Invitation.objects.create(
        round=round_, municipality=aarhus, email="a@aarhus.dk", token_hash="a", expires_at=expires
    )
    refused(
        lambda: Invitation.objects.create(
            round=round_,
            municipality=aarhus,
            email="b@aarhus.dk",
            token_hash="b",
            expires_at=expires,
        )
    )


def test_submitted_response_needs_submitted_at(version):
    round_ = make_round(version)
    odense = Municipality.objects.get(code="461")
    refused(lambda: Response.objects.create(round=round_, municipality=odense, status="submitted"))
    refused(lambda: Response.objects.create(round=round_, municipality=odense, status="sent"))


def test_baseline_figure_range_and_uniqueness():
    baseline = Round.objects.get(key="cedi-2014-baseline")
    refused(
        lambda: BaselineFigure.objects.create(
            round=baseline, question_key="smart_city", option_key="none", pct=31
        )
    )
    refused(
        lambda: BaselineFigure.objects.create(
            round=baseline, question_key="x", option_key="y", pct=-3
        )
    )
    refused(
        lambda: BaselineFigure.objects.create(
            round=baseline, question_key="x", option_key="y", pct="100.1"
        )
    )
    BaselineFigure.objects.create(
        round=baseline, question_key="x", group="smart_city_minus_ovrige", option_key="y", pct=-3
    )


def test_round_status(version):
    today = timezone.localdate()
    day = datetime.timedelta(days=1)
    assert make_round(version, "a", opens_on=today + day, closes_on=today + 9 * day).status == (
        "planned"
    )
    open_round = make_round(version, "b", opens_on=today - day, closes_on=today)
    assert open_round.status == "open" and open_round.is_open
    assert make_round(version, "c", opens_on=today - 9 * day, closes_on=today - day).status == (
        "closed"
    )
    open_round.closed_at = timezone.now()
    assert open_round.status == "closed" and not open_round.is_open


def test_str_and_urls(version):
    round_ = make_round(version, "runde-2026")
    assert str(round_) == "runde-2026"
    assert round_.get_absolute_url() == "/undersoegelser/runder/runde-2026/"
    assert version.get_absolute_url() == "/undersoegelser/skemaer/cedi-2014/version/1/"
    assert version.survey.get_absolute_url() == "/undersoegelser/skemaer/cedi-2014/"
    assert "version 1" in str(version)
    figure = BaselineFigure.objects.get(
        round__key="cedi-2014-baseline", question_key="smart_city", option_key="none"
    )
    assert str(figure) == "smart_city / alle / none: 31.0 %"
