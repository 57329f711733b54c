"""The results page, its exports (CSV, XLSX, PDF parsed back), the command and the coordinators'
list of initiatives to register."""

import csv
import datetime as dt
import io
import json
import random
from decimal import ROUND_HALF_UP, Decimal

import pytest
from django.apps import apps
from django.core.management import CommandError, call_command
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook
from pypdf import PdfReader

from smartby.geo.models import Municipality
from smartby.registry.tests.helpers import make_project
from smartby.surveys import cedi2014
from smartby.surveys.models import Invitation, Response, ResponseStatus, Round, Survey
from smartby.surveys.versions import question_specs

pytestmark = pytest.mark.django_db

SMART = ("coordinated", "activities")


def generated_answers(specs: list[dict], rng: random.Random) -> dict:
    """Valid answers for the specs, honouring skip logic; some optional questions skipped."""
    answers: dict = {}
    for spec in specs:
        condition = spec.get("condition")
        if condition and answers.get(condition["question"]) not in condition["in"]:
            continue
        if spec["key"] != "smart_city" and rng.random() < 0.1:
            continue
        options = [o["key"] for o in spec["options"]]
        if spec["type"] == "single":
            answers[spec["key"]] = rng.choice(options)
        elif spec["type"] == "multiple":
            answers[spec["key"]] = rng.sample(options, rng.randint(1, min(3, len(options))))
        elif spec["type"] in ("matrix", "likert"):
            answers[spec["key"]] = {
                i["key"]: rng.choice(options) for i in spec["items"] if rng.random() < 0.9
            }
        elif spec["type"] == "number":
            answers[spec["key"]] = rng.randint(0, 20)
        elif rng.random() < 0.3:
            answers[spec["key"]] = "Svar i fritekst"
    return answers


def make_closed_round(key: str = "runde-2025", count: int = 40, seed: int = 1) -> Round:
    """A closed round of the 2014 questionnaire with `count` submitted answers and 3 drafts."""
    cedi2014.install(apps)
    version = Survey.objects.get(key="cedi-2014").latest_version()
    today = timezone.localdate()
    round_ = Round.objects.create(
        version=version,
        key=key,
        name=f"Smart City i kommunerne {key[-4:]}",
        opens_on=today - dt.timedelta(days=60),
        closes_on=today - dt.timedelta(days=5),
    )
    municipalities = list(Municipality.objects.order_by("code"))
    round_.population.set(municipalities)
    specs = question_specs(version)
    rng = random.Random(seed)
    for i, m in enumerate(municipalities[: count + 3]):
        submitted = i < count
        Response.objects.create(
            round=round_,
            municipality=m,
            status=ResponseStatus.SUBMITTED if submitted else ResponseStatus.DRAFT,
            submitted_at=timezone.now() if submitted else None,
            answers=generated_answers(specs, rng),
        )
    return round_


def half_up(count: int, n: int) -> str:
    value = (Decimal(count) * 100 / n).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)
    return str(value).replace(".", ",")


def submitted(round_: Round) -> list[Response]:
    return list(round_.responses.filter(status="submitted").select_related("municipality"))


@pytest.fixture
def closed_round() -> Round:
    return make_closed_round()


def test_results_page_shows_figures_counted_independently(client, closed_round) -> None:
    url = reverse("surveys:results", args=[closed_round.key])
    response = client.get(url)
    assert response.status_code == 200
    html = response.content.decode()
    assert "40 af 98 inviterede kommuner har indsendt en besvarelse" in html
    rs = submitted(closed_round)
    # The screening question: share of each answer among those who answered it.
    answered = [r for r in rs if "smart_city" in r.answers]
    for option in ("coordinated", "none"):
        count = sum(1 for r in answered if r.answers["smart_city"] == option)
        if count >= 3:
            assert (
                f'<td class="num">{count}</td><td class="num">{half_up(count, len(answered))}</td>'
                in html
            )
    # An initiative: share that has it, in the initiative table.
    item = "energy_public_buildings"
    with_item = [r for r in rs if item in r.answers.get("initiatives", {})]
    have = sum(1 for r in with_item if r.answers["initiatives"][item] == "have")
    assert half_up(have, len(with_item)) in html
    assert html.count('role="img"') >= 10  # charts
    assert "<caption" in html and 'scope="row"' in html
    assert "Kommuner med Smart City" in html


def test_group_selector_and_suppressed_cells(client, closed_round) -> None:
    url = reverse("surveys:results", args=[closed_round.key])
    rs = submitted(closed_round)
    yder = [r for r in rs if r.municipality.kind == "yderkommune"]
    response = client.get(url, {"gruppe": "yderkommune"})
    html = response.content.decode()
    assert response.status_code == 200
    assert f"<strong>Yderkommuner</strong> – {len(yder)} besvarelse" in html
    assert "–" in html and "færre end 3 kommuner" in html
    # A region with answers, and a group that does not exist.
    response = client.get(url, {"gruppe": "over_67500"})
    assert response.status_code == 200
    response = client.get(url, {"gruppe": "bogus"})
    assert response.status_code == 400
    assert "Valget kunne ikke bruges" in response.content.decode()


def test_baseline_page_shows_published_figures(client) -> None:
    cedi2014.install(apps)
    response = client.get(reverse("surveys:results", args=[cedi2014.BASELINE_ROUND_KEY]))
    html = response.content.decode()
    assert response.status_code == 200
    assert "54 kommuner svarede" in html
    assert "De mest udbredte initiativer" in html
    assert "78,0" in html  # energy savings in public buildings
    assert "offentliggjorte tal" in html


def test_comparison_with_the_baseline(client, closed_round) -> None:
    response = client.get(reverse("surveys:results", args=[closed_round.key]))
    html = response.content.decode()
    assert "Udvikling siden Smart City i de danske kommuner 2013–14 (baseline)" in html
    rs = submitted(closed_round)
    answered = [r for r in rs if "smart_city" in r.answers]
    count = sum(1 for r in answered if r.answers["smart_city"] == "coordinated")
    now = (Decimal(count) * 100 / len(answered)).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)
    if count >= 3:
        change = (now - Decimal("17.0")).quantize(Decimal("0.1"))
        sign = "+" if change > 0 else ""
        assert (
            f'<td class="num">17,0</td><td class="num">{str(now).replace(".", ",")}</td><td class="num">{sign}{str(change).replace(".", ",")}</td>'
            in html
        )


def test_open_round_results_only_for_coordinators(client, client_coordinator, closed_round) -> None:
    closed_round.closes_on = timezone.localdate() + dt.timedelta(days=3)
    closed_round.save()
    url = reverse("surveys:results", args=[closed_round.key])
    assert client.get(url).status_code == 403
    assert client.get(reverse("surveys:results_csv", args=[closed_round.key])).status_code == 403
    response = client_coordinator.get(url)
    assert response.status_code == 200
    assert "Foreløbige tal" in response.content.decode()
    assert client.get(reverse("surveys:results", args=["findes-ikke"])).status_code == 404


def test_csv_export_is_suppressed_and_complete(client, closed_round) -> None:
    response = client.get(reverse("surveys:results_csv", args=[closed_round.key]))
    assert response.status_code == 200
    text = response.content.decode("utf-8")
    assert text.startswith("\ufeff")
    rows = list(csv.DictReader(io.StringIO(text.lstrip("\ufeff")), delimiter=";"))
    rs = submitted(closed_round)
    answered = [r for r in rs if "smart_city" in r.answers]
    row = next(
        r
        for r in rows
        if r["spoergsmaal_noegle"] == "smart_city"
        and r["gruppe_noegle"] == ""
        and r["svar_noegle"] == "none"
    )
    count = sum(1 for r in answered if r.answers["smart_city"] == "none")
    assert row["n"] == str(len(answered))
    if count >= 3:
        assert row["antal"] == str(count) and row["pct"] == half_up(count, len(answered))
    suppressed = [r for r in rows if r["skjult"] == "ja"]
    assert suppressed and all(r["antal"] == "" and r["pct"] == "" for r in suppressed)
    assert all(r["antal"] == "" or int(r["antal"]) == 0 or int(r["antal"]) >= 3 for r in rows)
    item = next(
        r
        for r in rows
        if r["spoergsmaal_noegle"] == "initiatives"
        and r["delspoergsmaal_noegle"] == "energy_public_buildings"
        and r["gruppe_noegle"] == ""
        and r["svar_noegle"] == "have"
    )
    with_item = [r for r in rs if "energy_public_buildings" in r.answers.get("initiatives", {})]
    have = sum(
        1 for r in with_item if r.answers["initiatives"]["energy_public_buildings"] == "have"
    )
    assert item["n"] == str(len(with_item))
    assert item["antal"] == (str(have) if have >= 3 else "")
    groups = {r["gruppe_noegle"] for r in rows}
    assert {
        "",
        "smart_city",
        "ovrige",
        "yderkommune",
        "over_67500",
        "under_67500",
        "1084",
    } <= groups


def test_xlsx_export(client, closed_round) -> None:
    response = client.get(reverse("surveys:results_xlsx", args=[closed_round.key]))
    assert response.status_code == 200
    wb = load_workbook(io.BytesIO(response.content))
    assert wb.sheetnames[0] == "Resultater"
    assert any("udbredte" in name for name in wb.sheetnames)
    header = [c.value for c in wb["Resultater"][1]]
    assert header[:2] == ["spoergsmaal_noegle", "spoergsmaal"]
    counts = [row[9] for row in wb["Resultater"].iter_rows(min_row=2, values_only=True)]
    assert all(c is None or c == 0 or c >= 3 for c in counts)


def test_pdf_report(client, closed_round) -> None:
    response = client.get(reverse("surveys:results_pdf", args=[closed_round.key]))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    text = "".join(page.extract_text() for page in PdfReader(io.BytesIO(response.content)).pages)
    assert closed_round.name in text
    assert "De mest udbredte initiativer" in text
    assert "Udvikling siden" in text


def test_command_prints_full_json(closed_round, capsys) -> None:
    call_command("survey_results", closed_round.key, "--format", "json")
    doc = json.loads(capsys.readouterr().out)
    assert doc["round"] == closed_round.key
    assert doc["respondents"] == 40
    rs = submitted(closed_round)
    q = next(q for q in doc["questions"] if q["key"] == "smart_city")
    answered = [r for r in rs if "smart_city" in r.answers]
    assert q["n"] == len(answered)
    for option, cell in q["options"].items():
        count = sum(1 for r in answered if r.answers["smart_city"] == option)
        assert cell["count"] == count  # nothing suppressed
        assert f"{cell['pct']:.1f}".replace(".", ",") == half_up(count, len(answered))
    groups = list(q["groups"])
    assert groups[:8] == [
        "smart_city",
        "ovrige",
        "bykommune",
        "mellemkommune",
        "landkommune",
        "yderkommune",
        "over_67500",
        "under_67500",
    ]
    assert groups[8:] == ["1081", "1082", "1083", "1084", "1085"]
    matrix = next(q for q in doc["questions"] if q["key"] == "initiatives")
    assert len(matrix["items"]) == 31


def test_command_csv_and_unknown_round(closed_round, capsys) -> None:
    call_command("survey_results", closed_round.key, "--format", "csv")
    out = capsys.readouterr().out
    assert out.startswith("spoergsmaal_noegle;")
    with pytest.raises(CommandError) as error:
        call_command("survey_results", "findes-ikke")
    assert error.value.returncode == 2


# --- initiatives to register ----------------------------------------------------------------------


def register_round() -> Round:
    """Aarhus (751) answered "Har" for energy savings and smart grid; it has a project about
    building management in Teknik og miljø, not one about smart grid."""
    cedi2014.install(apps)
    version = Survey.objects.get(key="cedi-2014").latest_version()
    today = timezone.localdate()
    round_ = Round.objects.create(
        version=version,
        key="registrering",
        name="Runde",
        opens_on=today - dt.timedelta(days=30),
        closes_on=today - dt.timedelta(days=1),
    )
    aarhus = Municipality.objects.get(code="751")
    Response.objects.create(
        round=round_,
        municipality=aarhus,
        status="submitted",
        submitted_at=timezone.now(),
        answers={
            "smart_city": "coordinated",
            "initiatives": {
                "energy_public_buildings": "have",
                "smart_grid": "have",
                "broadband": "plan",
            },
        },
    )
    Invitation.objects.create(
        round=round_,
        municipality=aarhus,
        email="direktion@aarhus.example.org",
        token_hash="x" * 64,
        expires_at=timezone.now(),
        handed_over_to="it@aarhus.example.org",
    )
    from smartby.registry.models import Area

    make_project(
        title="Intelligent bygningsstyring i skoler",
        summary="Energibesparelser med sensorer i kommunens bygninger.",
        area=str(Area.objects.get(name="Teknik og miljø").pk),
    )
    return round_


def test_initiatives_to_register_matches_area_and_words() -> None:
    from smartby.surveys.registry_invites import initiatives_to_register

    rows = initiatives_to_register(register_round())
    assert len(rows) == 1
    assert rows[0]["municipality"].code == "751"
    assert [i["key"] for i in rows[0]["initiatives"]] == ["smart_grid"]
    assert rows[0]["email"] == "it@aarhus.example.org"


def test_register_page_and_invitation_email(
    client, client_coordinator, client_a, smtp_server
) -> None:
    round_ = register_round()
    url = reverse("surveys:results_register", args=[round_.key])
    assert client.get(url).status_code == 403
    assert client_a.get(url).status_code == 403
    page = client_coordinator.get(url)
    assert page.status_code == 200
    assert "Smart Grid" in page.content.decode()
    invite = reverse("surveys:results_register_invite", args=[round_.key, "751"])
    assert client_a.post(invite).status_code == 403
    assert client_coordinator.get(invite).status_code == 405
    response = client_coordinator.post(invite, follow=True)
    assert response.status_code == 200
    assert "Invitationen til at registrere projekterne er sendt til it@aarhus.example.org" in (
        response.content.decode()
    )
    message = smtp_server.wait_for(1)[0]
    assert message["To"] == "it@aarhus.example.org"
    body = smtp_server.text(message)
    assert "Smart Grid" in body
    assert any(link.endswith("/projekter/ny/") for link in smtp_server.links(message))
    assert "Invitation sendt" in client_coordinator.get(url).content.decode()
    # A municipality without anything to register: a message, no email.
    response = client_coordinator.post(
        reverse("surveys:results_register_invite", args=[round_.key, "461"]), follow=True
    )
    assert "ingen initiativer at registrere" in response.content.decode()


def test_comparison_with_the_previous_round_and_a_chosen_one(client, closed_round) -> None:
    later = make_closed_round(key="runde-2026", count=30, seed=2)
    later.opens_on = closed_round.opens_on + dt.timedelta(days=1)
    later.save()
    url = reverse("surveys:results", args=[later.key])
    html = client.get(url).content.decode()
    assert f"Udvikling siden {closed_round.name}" in html

    # Before and now, independently: the share answering "none" in the two rounds.
    def share(round_: Round) -> tuple[int, int]:
        answered = [r for r in submitted(round_) if "smart_city" in r.answers]
        return sum(1 for r in answered if r.answers["smart_city"] == "none"), len(answered)

    (c1, n1), (c2, n2) = share(closed_round), share(later)
    if c1 >= 3 and c2 >= 3:
        assert (
            f'<td class="num">{half_up(c1, n1)}</td><td class="num">{half_up(c2, n2)}</td>' in html
        )
    html = client.get(url, {"sammenlign": cedi2014.BASELINE_ROUND_KEY}).content.decode()
    assert "Udvikling siden Smart City i de danske kommuner 2013–14 (baseline)" in html
    assert client.get(url, {"sammenlign": "findes-ikke"}).status_code == 400
