"""Test data for the answering tests: a small survey with every question type and skip logic,
a round, and invitations with a known link (as `send_invitations` would have sent)."""

import datetime as dt
import socket

import pytest
from django.utils import timezone

from smartby.geo.models import Municipality
from smartby.surveys import links
from smartby.surveys.models import Invitation, Question, Round, Section, Survey, SurveyVersion

INITIATIVE_OPTIONS = [
    {"key": "have", "label": "Har"},
    {"key": "plan", "label": "Planlægger inden for 12 måneder"},
    {"key": "no", "label": "Nej"},
    {"key": "dont_know", "label": "Ved ikke"},
]

#: A complete, valid answer set for a municipality that works with smart city.
COMPLETE = {
    "smart_city": "coordinated",
    "motivation": {"climate": "high", "service": "low"},
    "initiatives": {"energy": "have", "parking": "plan"},
    "employees": 12,
    "networks": ["national", "regional"],
    "comment": "Vi arbejder på tværs af forvaltningerne.",
}


def make_version(key: str = "test-undersoegelse") -> SurveyVersion:
    survey = Survey.objects.create(key=key, title="Smart City i kommunerne", description="")
    version = SurveyVersion.objects.create(survey=survey, number=1)
    intro = Section.objects.create(version=version, key="status", title="Status", order=1)
    work = Section.objects.create(version=version, key="arbejdet", title="Arbejdet", order=2)

    def q(section, order, key, text, type, **extra):
        return Question.objects.create(
            version=version, section=section, order=order, key=key, text=text, type=type, **extra
        )

    q(
        intro,
        1,
        "smart_city",
        "Har din kommune igangsat initiativer i relation til Smart City?",
        "single",
        required=True,
        options=[
            {"key": "coordinated", "label": "Overordnet eller koordineret arbejde"},
            {"key": "activities", "label": "Enkeltstående aktiviteter"},
            {"key": "planning", "label": "Planlægger inden for 12 måneder"},
            {"key": "none", "label": "Hverken initiativer eller planer"},
        ],
    )
    q(
        intro,
        2,
        "motivation",
        "Hvad motiverer jeres Smart City-arbejde?",
        "likert",
        required=True,
        options=[{"key": "low", "label": "I lav grad"}, {"key": "high", "label": "I høj grad"}],
        items=[
            {"key": "climate", "text": "Forbedre miljø og klima", "area": ""},
            {"key": "service", "text": "Bedre service for borgerne", "area": ""},
        ],
        condition={"question": "smart_city", "in": ["coordinated", "activities"]},
    )
    q(
        work,
        1,
        "initiatives",
        "Har kommunen følgende initiativer?",
        "matrix",
        required=True,
        options=INITIATIVE_OPTIONS,
        items=[
            {"key": "energy", "text": "Energibesparelser i bygninger", "area": "Teknik og miljø"},
            {"key": "parking", "text": "Intelligent parkering", "area": "Teknik og miljø"},
        ],
    )
    q(work, 2, "employees", "Hvor mange medarbejdere arbejder med det?", "number")
    q(
        work,
        3,
        "networks",
        "Hvilke netværk ønsker I?",
        "multiple",
        options=[
            {"key": "national", "label": "Nationale netværk"},
            {"key": "regional", "label": "Regionale netværk"},
            {"key": "none", "label": "Ingen"},
        ],
    )
    q(work, 4, "comment", "Kommentarer", "text")
    return version


def make_round(
    version: SurveyVersion | None = None,
    *,
    key: str = "runde-2026",
    opens_on: dt.date | None = None,
    closes_on: dt.date | None = None,
    codes: tuple[str, ...] = ("751", "461", "101"),
) -> Round:
    today = timezone.localdate()
    round = Round.objects.create(
        version=version or make_version(),
        key=key,
        name="Runde 2026",
        opens_on=opens_on or today - dt.timedelta(days=1),
        closes_on=closes_on or today + dt.timedelta(days=20),
    )
    round.population.set(Municipality.objects.filter(code__in=codes))
    return round


def issue_link(round: Round, code: str = "751", email: str = "post@kommune.example.org") -> str:
    """An invitation of `code` whose link was sent; returns the link's token."""
    municipality = Municipality.objects.get(code=code)
    invitation, _ = Invitation.objects.get_or_create(
        round=round,
        municipality=municipality,
        defaults={
            "email": email,
            "token_hash": links.hash_token(links.new_token(1)),
            "expires_at": round.closes_at(),
        },
    )
    token = links.new_token(invitation.pk)
    invitation.token_hash = links.hash_token(token)
    invitation.sent_at = timezone.now()
    invitation.save()
    return token


def form_data(answers: dict) -> dict:
    """The POST fields of the answer form for `answers`."""
    data: dict = {}
    for key, value in answers.items():
        if isinstance(value, dict):
            data.update({f"a.{key}.{item}": option for item, option in value.items()})
        elif isinstance(value, list):
            data[f"a.{key}"] = value
        else:
            data[f"a.{key}"] = str(value)
    return data


@pytest.fixture
def unreachable_smtp(settings, monkeypatch):
    """The default mailer points at a local port where nothing listens; no retry delays."""
    from smartby.lib import emails

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    settings.MAILERS = {
        "default": {
            "BACKEND": "django.core.mail.backends.smtp.EmailBackend",
            "OPTIONS": {"host": "127.0.0.1", "port": port, "timeout": 1},
        }
    }
    monkeypatch.setattr(emails, "RETRY_DELAY_SECONDS", 0)
