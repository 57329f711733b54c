"""The engine's commands: survey-new-round, survey-questions, survey-import-responses."""

import datetime
import io
import json

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.utils import timezone

from smartby.audit.models import AuditEntry
from smartby.geo.models import Municipality
from smartby.surveys import cedi2014
from smartby.surveys.models import Question, Response, ResponseStatus, Round

pytestmark = pytest.mark.django_db


def run(*args: str) -> str:
    out = io.StringIO()
    call_command(*args, stdout=out, stderr=io.StringIO())
    return out.getvalue()


def run_failing(*args: str) -> tuple[int, str]:
    err = io.StringIO()
    with pytest.raises(CommandError) as exc:
        call_command(*args, stdout=io.StringIO(), stderr=err)
    return exc.value.returncode, err.getvalue() + str(exc.value)


@pytest.fixture
def round_key() -> str:
    today = timezone.localdate()
    return run(
        "survey_new_round",
        "--template",
        "cedi-2014",
        "--name",
        "Test 2026",
        "--opens",
        (today - datetime.timedelta(days=1)).isoformat(),
        "--closes",
        (today + datetime.timedelta(days=20)).isoformat(),
    ).strip()


def test_new_round_prints_only_the_key(round_key):
    assert round_key == "test-2026"
    round_ = Round.objects.get(key=round_key)
    assert round_.population.count() == 98 and round_.version.survey.key == "cedi-2014"
    assert AuditEntry.objects.filter(object_type="surveys.round", source="cli").count() == 1


def test_new_round_default_dates():
    key = run("survey_new_round", "--template", "cedi-2014", "--name", "Standard").strip()
    round_ = Round.objects.get(key=key)
    assert round_.opens_on == timezone.localdate()
    assert (round_.closes_on - round_.opens_on).days == 28


def test_new_round_errors():
    code, text = run_failing("survey_new_round", "--template", "findes-ikke", "--name", "X")
    assert code == 2 and "Ukendt spørgeskema" in text
    code, text = run_failing(
        "survey_new_round",
        "--template",
        "cedi-2014",
        "--name",
        "X",
        "--opens",
        "2026-05-02",
        "--closes",
        "2026-05-01",
    )
    assert code == 2 and "Lukkedatoen skal ligge efter åbningsdatoen." in text
    code, _text = run_failing(
        "survey_new_round", "--template", "cedi-2014", "--name", "X", "--opens", "nej"
    )
    assert code == 2
    assert not Round.objects.filter(is_baseline=False).exists()


def test_questions_json(round_key):
    specs = json.loads(run("survey_questions", round_key, "--format", "json"))
    assert [s["key"] for s in specs][:2] == ["smart_city", "relevance"]
    initiatives = next(s for s in specs if s["key"] == "initiatives")
    assert len(initiatives["items"]) == 31
    assert initiatives["items"][0] == {
        "key": "energy_public_buildings",
        "text": cedi2014.INITIATIVES[0][2],
        "area": "Teknik og miljø",
    }
    assert "items" not in specs[0]
    baseline = json.loads(run("survey_questions", "cedi-2014-baseline"))
    assert baseline == specs
    code, _text = run_failing("survey_questions", "findes-ikke")
    assert code == 2


def full_matrix_rows(code: str, value: str = "have") -> list[str]:
    return [f"{code},initiatives.{key},{value}" for key, _area, _text in cedi2014.INITIATIVES]


GOOD = [
    "kommune_kode,spoergsmaal,svar",
    "751,smart_city,coordinated",
    "751,knowledge_sources,national",
    "751,knowledge_sources,research",
    "751,organisation,other",
    "751,organisation_other,Projektbaseret organisering",
    "751,motivation_smart_city.climate,very_high",
    *full_matrix_rows("751"),
    "461,smart_city,none",
    "461,rejection_reasons,too_vague",
    *full_matrix_rows("461", "no"),
]


def write(tmp_path, lines: list[str]):
    path = tmp_path / "svar.csv"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return str(path)


def test_import_creates_submitted_responses(round_key, tmp_path):
    out = run("survey_import_responses", round_key, write(tmp_path, GOOD))
    assert "2 besvarelser importeret til test-2026 (2 nye, 0 erstattet)" in out
    aarhus = Response.objects.get(round__key=round_key, municipality__code="751")
    assert aarhus.status == ResponseStatus.SUBMITTED and aarhus.submitted_at
    assert aarhus.answers["knowledge_sources"] == ["national", "research"]
    assert aarhus.answers["motivation_smart_city"] == {"climate": "very_high"}
    assert aarhus.answers["initiatives"]["open_data"] == "have"
    assert aarhus.answers["organisation_other"] == "Projektbaseret organisering"
    assert AuditEntry.objects.filter(object_type="surveys.response", action="import").count() == 2
    # a second import replaces the answers
    again = [*GOOD[:1], "751,smart_city,none", *full_matrix_rows("751", "plan")]
    out = run("survey_import_responses", round_key, write(tmp_path, again))
    assert "(0 nye, 1 erstattet)" in out
    aarhus.refresh_from_db()
    assert aarhus.answers["smart_city"] == "none" and "knowledge_sources" not in aarhus.answers


def test_import_semicolon_and_padded_codes(round_key, tmp_path):
    lines = ["kommune_kode;spoergsmaal;svar", "101;smart_city;planning"]
    lines += [row.replace(",", ";") for row in full_matrix_rows("101")]
    assert "1 besvarelser" in run("survey_import_responses", round_key, write(tmp_path, lines))


def test_import_is_all_or_nothing(round_key, tmp_path):
    bad = [
        *GOOD,
        "999,smart_city,none",  # unknown municipality
        "461,smart_city,coordinated",  # duplicate single answer
        "461,initiatives.teleportation,have",  # unknown item
        "461,initiatives,have",  # matrix without item
        "461,political_anchoring,high",  # skipped by the condition (461 answered none)
        "461,hat_size,7",  # unknown question
        "461,knowledge_sources,maybe",  # unknown option
        "751,smart_city.x,none",  # item on a single-choice question
        "751,comments,",  # empty answer
    ]
    code, text = run_failing("survey_import_responses", round_key, write(tmp_path, bad))
    assert code == 2
    first = len(GOOD) + 1
    assert f"Linje {first}: Ukendt kommunekode „999“." in text
    assert f"Linje {first + 1}: Odense har allerede et svar på „smart_city“" in text
    assert f"Linje {first + 2}: Ukendt delspørgsmål „initiatives.teleportation“." in text
    assert f"Linje {first + 3}: Angiv delspørgsmålet som initiatives.NØGLE." in text
    assert f"Linje {first + 4}: Odense (political_anchoring): Spørgsmålet stilles ikke" in text
    assert f"Linje {first + 5}: Ukendt spørgsmål „hat_size“." in text
    assert f"Linje {first + 6}: Ukendt svarmulighed „maybe“" in text
    assert f"Linje {first + 7}: Spørgsmålet „smart_city“ har ingen delspørgsmål." in text
    assert f"Linje {first + 8}: Svaret er tomt." in text
    assert "9 fejl – intet er importeret." in text
    assert not Response.objects.filter(round__key=round_key).exists()


def test_import_checks_population_required_answers_and_numbers(round_key, tmp_path):
    round_ = Round.objects.get(key=round_key)
    round_.population.remove(Municipality.objects.get(code="101"))
    lines = [
        "kommune_kode,spoergsmaal,svar",
        "101,smart_city,none",
        "751,smart_city,none",  # the initiatives matrix is required
        "461,initiatives.open_data,have",  # smart_city is required
    ]
    code, text = run_failing("survey_import_responses", round_key, write(tmp_path, lines))
    assert code == 2
    assert "Linje 2: København er ikke med i rundens population." in text
    assert "Linje 3: Aarhus (initiatives): Spørgsmålet skal besvares." in text
    assert "Linje 4: Odense (smart_city): Spørgsmålet skal besvares." in text
    assert "Linje 4: Odense (initiatives.broadband): Delspørgsmålet skal besvares." in text
    assert not Response.objects.exists()


def test_import_numbers(round_key, tmp_path):
    version = Round.objects.get(key=round_key).version
    Question.objects.create(
        version=version,
        section=version.sections.get(key="networks"),
        key="staff",
        text="Hvor mange årsværk?",
        type="number",
        order=99,
    )
    lines = [
        "kommune_kode,spoergsmaal,svar",
        "751,smart_city,none",
        *full_matrix_rows("751"),
        '751,staff,"2,5"',
        "461,smart_city,none",
        *full_matrix_rows("461"),
        "461,staff,mange",
    ]
    code, text = run_failing("survey_import_responses", round_key, write(tmp_path, lines))
    assert code == 2 and "„mange“ er ikke et tal." in text
    run("survey_import_responses", round_key, write(tmp_path, lines[:-33]))
    assert Response.objects.get(municipality__code="751").answers["staff"] == 2.5


def test_import_refuses_baseline_closed_and_bad_files(round_key, tmp_path):
    code, text = run_failing("survey_import_responses", "cedi-2014-baseline", write(tmp_path, GOOD))
    assert code == 2 and "baseline-runde" in text
    code, text = run_failing(
        "survey_import_responses", round_key, write(tmp_path, ["kode,svar", "751,x"])
    )
    assert (
        code == 2 and "Linje 1: Filen skal have kolonnerne kommune_kode,spoergsmaal,svar." in text
    )
    code, text = run_failing("survey_import_responses", round_key, str(tmp_path / "mangler.csv"))
    assert code == 2 and "Kan ikke læse" in text
    Round.objects.filter(key=round_key).update(closed_at=timezone.now())
    code, text = run_failing("survey_import_responses", round_key, write(tmp_path, GOOD))
    assert code == 2 and "Runden er lukket" in text
    out = run("survey_import_responses", round_key, write(tmp_path, GOOD), "--allow-closed")
    assert "2 besvarelser" in out
