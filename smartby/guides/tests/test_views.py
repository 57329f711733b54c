"""Pages: guides, versions, pitches with live cases, the kompetencetjek and who may do what."""

import re

import pytest

from smartby.conftest import assert_refused, make_user
from smartby.guides.models import Guide, Result
from smartby.guides.tests.helpers import answers, assessment, edit_data, form_answers
from smartby.registry.models import Area
from smartby.registry.tests.helpers import make_project

pytestmark = pytest.mark.django_db


def test_guide_list_grouped_by_kind(client):
    response = client.get("/vejledninger/")
    assert response.status_code == 200
    html = response.content.decode()
    for heading in ("Udbudstips", "Elevatortaler", "Bæredygtig digital omstilling"):
        assert f">{heading}</h2>" in html
    assert html.count('class="card"') == Guide.objects.count()
    assert "Ny vejledning" not in html


def test_guide_detail_renders_markdown_safely(client, coordinator):
    guide = Guide.objects.get(slug="udbudstips")
    response = client.get(guide.get_absolute_url())
    html = response.content.decode()
    assert "<h2>1. Start med behovet – ikke med produktet</h2>" in html
    assert "Version 1" in html
    from smartby.guides import operations

    operations.update_guide(
        coordinator, guide, edit_data(guide, body="<script>alert(1)</script>\n\n**fed**")
    )
    html = client.get(guide.get_absolute_url()).content.decode()
    assert "<script>alert" not in html and "<strong>fed</strong>" in html


def test_pitch_shows_live_projects_of_its_area(client, editor_a):
    area = Area.objects.get(slug="forsyning")
    other = Area.objects.get(slug="kultur-og-fritid")
    make_project(
        editor_a, title="Fjernaflæste vandmålere", status="drift", last_verified="2025-05-01"
    )
    make_project(
        editor_a,
        title="Smart grid i Odense",
        status="pilot",
        municipalities=["461"],
        last_verified="2025-09-01",
    )
    make_project(editor_a, title="Idé om varmepumper", status="ide")
    make_project(editor_a, title="Tælling i hallen", status="drift", area=str(other.pk))
    guide = Guide.objects.get(area=area)
    html = client.get(guide.get_absolute_url()).content.decode()
    assert "Fjernaflæste vandmålere" in html and "Smart grid i Odense" in html
    assert "Idé om varmepumper" not in html and "Tælling i hallen" not in html
    # Most recently verified first, with municipality and a link to the project.
    assert html.index("Smart grid i Odense") < html.index("Fjernaflæste vandmålere")
    assert "Odense" in html and 'href="/projekter/fjernaflaeste-vandmaalere/"' in html
    assert 'href="/projekter/?area=forsyning&amp;status=drift&amp;status=pilot"' in html
    assert "Se alle 2 projekter i drift eller pilot" in html
    # The link's filter gives the same projects in the registry's list.
    listing = client.get("/projekter/?area=forsyning&status=drift&status=pilot")
    assert "2 projekter" in listing.content.decode()


def test_pitch_without_live_projects_has_an_empty_state(client):
    guide = Guide.objects.get(area__slug="borgerinddragelse")
    html = client.get(guide.get_absolute_url()).content.decode()
    assert "Der er endnu ingen projekter i drift eller pilot på området." in html


def test_standards_guide_links_to_the_standards_list(client):
    html = client.get("/vejledninger/standarder-og-interoperabilitet/").content.decode()
    assert 'href="/markedsoverblik/standarder/"' in html
    assert "LoRaWAN" in html and "FIWARE" in html and "37122" in html


def test_unknown_guide_is_404(client):
    assert client.get("/vejledninger/findes-ikke/").status_code == 404


# --- edit, create, delete, restore: each persona ---------------------------------------------


@pytest.mark.parametrize(
    "persona,allowed",
    [
        ("anonymous", False),
        ("editor_a", True),
        ("editor_b", True),
        ("coordinator", True),
        ("superuser", True),
    ],
)
def test_edit_guide_by_persona(as_persona, persona, allowed):
    client = as_persona(persona)
    guide = Guide.objects.get(slug="udbudstips")
    url = f"/vejledninger/{guide.slug}/rediger/"
    get = client.get(url)
    post = client.post(url, edit_data(guide, body="Ny tekst", change_note="Kortere"))
    guide.refresh_from_db()
    if allowed:
        assert get.status_code == 200
        assert post.status_code == 302 and post["Location"] == guide.get_absolute_url()
        assert guide.current_version.number == 2 and guide.body == "Ny tekst"
    else:
        assert_refused(persona, get)
        assert_refused(persona, post)
        assert guide.current_version.number == 1


def test_user_without_organisation_cannot_edit(client):
    client.force_login(make_user("ingen@example.org"))
    guide = Guide.objects.get(slug="udbudstips")
    assert client.get(f"/vejledninger/{guide.slug}/rediger/").status_code == 403
    assert (
        client.post(f"/vejledninger/{guide.slug}/rediger/", edit_data(guide, body="x")).status_code
        == 403
    )


def test_edit_errors_keep_the_input(client_a):
    guide = Guide.objects.get(slug="udbudstips")
    response = client_a.post(
        f"/vejledninger/{guide.slug}/rediger/", edit_data(guide, title="", body="Min nye tekst")
    )
    assert response.status_code == 400
    html = response.content.decode()
    assert "Skriv en titel." in html and "Min nye tekst" in html
    assert 'href="#field-title"' in html
    # Saving the unchanged text is refused with a message, not a new version.
    response = client_a.post(f"/vejledninger/{guide.slug}/rediger/", edit_data(guide))
    assert response.status_code == 400 and "Du har ikke ændret noget." in response.content.decode()
    assert guide.versions.count() == 1


@pytest.mark.parametrize(
    "persona,allowed",
    [("anonymous", False), ("editor_a", False), ("coordinator", True), ("superuser", True)],
)
def test_create_and_delete_guide_by_persona(as_persona, persona, allowed):
    client = as_persona(persona)
    data = {
        "kind": "anden",
        "title": "Droner i kommunen",
        "summary": "Regler og erfaringer.",
        "body": "## Regler\nTilladelse.",
    }
    get = client.get("/vejledninger/ny/")
    post = client.post("/vejledninger/ny/", data)
    if allowed:
        assert get.status_code == 200
        assert post.status_code == 302
        guide = Guide.objects.get(title="Droner i kommunen")
        assert client.get(f"/vejledninger/{guide.slug}/slet/").status_code == 200
        assert client.post(f"/vejledninger/{guide.slug}/slet/").status_code == 302
        assert not Guide.objects.filter(pk=guide.pk).exists()
    else:
        assert_refused(persona, get)
        assert_refused(persona, post)
        assert not Guide.objects.filter(title="Droner i kommunen").exists()
        delete = client.post("/vejledninger/udbudstips/slet/")
        assert_refused(persona, delete)
        assert Guide.objects.filter(slug="udbudstips").exists()


def test_create_errors_are_shown(client_coordinator):
    response = client_coordinator.post(
        "/vejledninger/ny/", {"kind": "elevatortale", "title": "Tale", "summary": "", "body": "x"}
    )
    assert response.status_code == 400
    html = response.content.decode()
    assert "Vælg det område, elevatortalen handler om." in html
    assert "Skriv et kort resumé." in html


def test_history_version_diff_and_compare(client, client_a):
    guide = Guide.objects.get(slug="udbudstips")
    body = guide.body.replace("Start med behovet", "Begynd med behovet") + "\n\nEkstra afsnit."
    client_a.post(f"/vejledninger/{guide.slug}/rediger/", edit_data(guide, body=body))
    history = client.get(f"/vejledninger/{guide.slug}/historik/").content.decode()
    assert "Version 2" in history and "Anna Aarhus" in history
    assert "Gendan version 1" not in history  # anonymous readers see no restore button
    version = client.get(f"/vejledninger/{guide.slug}/historik/2/")
    html = version.content.decode()
    assert "<del>Start</del>" in html and "<ins>Begynd</ins>" in html
    assert "<ins>Ekstra afsnit.</ins>" in html
    compare = client.get(f"/vejledninger/{guide.slug}/historik/sammenlign/?fra=2&til=1")
    assert "Ændringer fra version 1 til 2" in compare.content.decode()
    assert client.get(f"/vejledninger/{guide.slug}/historik/9/").status_code == 404
    bad = client.get(f"/vejledninger/{guide.slug}/historik/sammenlign/?fra=x")
    assert bad.status_code == 302


@pytest.mark.parametrize(
    "persona,allowed",
    [("anonymous", False), ("editor_b", True), ("coordinator", True)],
)
def test_restore_by_persona(as_persona, editor_a, persona, allowed):
    from smartby.guides import operations

    guide = Guide.objects.get(slug="udbudstips")
    original = guide.body
    operations.update_guide(editor_a, guide, edit_data(guide, body="Forkert"))
    response = as_persona(persona).post(f"/vejledninger/{guide.slug}/historik/1/gendan/")
    guide.refresh_from_db()
    if allowed:
        assert response.status_code == 302
        assert guide.current_version.number == 3 and guide.body == original
    else:
        assert_refused(persona, response)
        assert guide.current_version.number == 2


# --- kompetencetjek ---------------------------------------------------------------------------


def test_assessment_form(client):
    response = client.get("/kompetencetjek/")
    assert response.status_code == 200
    html = response.content.decode()
    assert html.count('<fieldset class="dimension"') == 7
    assert html.count('type="radio"') == 5 * sum(
        d.questions.count() for d in assessment().dimensions.all()
    )
    assert "I meget høj grad" in html and "Slet ikke" in html


def test_incomplete_answers_show_errors_and_keep_the_rest(client):
    raw = answers(3)
    missing = next(iter(raw))
    raw.pop(missing)
    response = client.post("/kompetencetjek/", form_answers(raw))
    assert response.status_code == 400
    html = response.content.decode()
    assert "1 spørgsmål mangler et svar" in html
    assert f'href="#q{missing}"' in html
    assert f'id="q{missing}-error"' in html
    kept = next(k for k in raw)
    assert re.search(rf'id="q{kept}-3" value="3" checked', html)
    assert not Result.objects.exists()


def test_complete_answers_show_scores_without_saving(client):
    response = client.post(
        "/kompetencetjek/", form_answers(answers(2, data=4, borgerinddragelse=0))
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert "<svg" in html and 'role="img"' in html
    assert re.search(r"Data</th><td class=\"num\">100,0</td>", html)
    assert re.search(r"Borgerinddragelse</th><td class=\"num\">0,0</td>", html)
    assert "Log ind, og tag testen igen" in html
    # total (5 · 50 + 100 + 0) / 7 = 50.0
    assert "<strong>50,0</strong>" in html
    assert not Result.objects.exists()


def test_logged_in_member_saves_for_own_organisation(client_a, org_a, org_b):
    page = client_a.post("/kompetencetjek/", form_answers(answers(2))).content.decode()
    assert f'<option value="{org_a.pk}">Aarhus Kommune</option>' in page
    refused = client_a.post(
        "/kompetencetjek/gem/", {"organisation": org_b.pk, **form_answers(answers(2))}
    )
    assert refused.status_code == 403
    saved = client_a.post(
        "/kompetencetjek/gem/", {"organisation": org_a.pk, **form_answers(answers(2))}
    )
    assert saved.status_code == 302
    assert saved["Location"] == f"/kompetencetjek/organisation/{org_a.slug}/"
    result = Result.objects.get()
    assert result.organisation == org_a and result.total == 50.0
    incomplete = client_a.post("/kompetencetjek/gem/", {"organisation": org_a.pk})
    assert incomplete.status_code == 302 and Result.objects.count() == 1


def test_anonymous_cannot_save(client, org_a):
    response = client.post(
        "/kompetencetjek/gem/", {"organisation": org_a.pk, **form_answers(answers(2))}
    )
    assert_refused("anonymous", response)
    assert not Result.objects.exists()


def _result(org, value, user=None):
    from smartby.guides import operations

    return operations.save_result(user, assessment(), org, answers(value)) if user else None


@pytest.mark.parametrize(
    "persona,allowed",
    [
        ("anonymous", False),
        ("editor_a", True),
        ("editor_b", False),
        ("coordinator", True),
        ("superuser", True),
    ],
)
def test_organisation_results_visible_to_members_and_coordinators(
    as_persona, editor_a, org_a, persona, allowed
):
    result = _result(org_a, 3, editor_a)
    client = as_persona(persona)
    page = client.get(f"/kompetencetjek/organisation/{org_a.slug}/")
    detail = client.get(f"/kompetencetjek/resultater/{result.pk}/")
    if allowed:
        assert page.status_code == 200 and detail.status_code == 200
        assert "75,0" in page.content.decode()
    else:
        assert_refused(persona, page)
        assert_refused(persona, detail)


def test_organisation_page_over_time_and_peers(client_a, editor_a, org_a):
    import datetime as dt

    from smartby.orgs.models import Organisation

    first = _result(org_a, 1, editor_a)
    first.created_at -= dt.timedelta(days=300)
    first.save()
    _result(org_a, 3, editor_a)
    html = client_a.get(f"/kompetencetjek/organisation/{org_a.slug}/").content.decode()
    assert "(+50,0)" in html
    assert "Sammenligningen vises, når mindst 3 andre organisationer" in html
    others = Organisation.objects.filter(kind="kommune").exclude(pk=org_a.pk)[:3]
    for org, value in zip(others, (0, 2, 4), strict=True):
        member = make_user(f"m{org.pk}@example.org", orgs=(org.municipality.code,))
        _result(org, value, member)
    html = client_a.get(f"/kompetencetjek/organisation/{org_a.slug}/").content.decode()
    assert "gennemsnittet af de seneste resultater for 3 andre organisationer" in html
    # Average of 0, 50 and 100 is 50; ours is 75, so +25 in every dimension.
    assert html.count("+25,0") == 7
    for org in others:
        assert org.name not in html


@pytest.mark.parametrize(
    "persona,allowed",
    [("anonymous", False), ("editor_a", False), ("coordinator", True)],
)
def test_managing_the_kompetencetjek_by_persona(as_persona, persona, allowed):
    client = as_persona(persona)
    dimension = assessment().dimensions.get(slug="data")
    question = dimension.questions.first()
    pages = [
        client.get("/kompetencetjek/administration/"),
        client.get(f"/kompetencetjek/administration/dimensioner/{dimension.pk}/"),
        client.get("/kompetencetjek/administration/spoergsmaal/ny/"),
    ]
    post = client.post(
        f"/kompetencetjek/administration/spoergsmaal/{question.pk}/",
        {
            "dimension": dimension.pk,
            "text": "Nyt spørgsmål om data",
            "help": "",
            "weight": 3,
            "order": 1,
        },
    )
    delete = client.post(f"/kompetencetjek/administration/spoergsmaal/{question.pk}/slet/")
    if allowed:
        assert all(p.status_code == 200 for p in pages)
        assert post.status_code == 302 and delete.status_code == 302
        assert not dimension.questions.filter(pk=question.pk).exists()
    else:
        for response in [*pages, post, delete]:
            assert_refused(persona, response)
        question.refresh_from_db()
        assert question.text != "Nyt spørgsmål om data"


def test_question_form_errors(client_coordinator):
    dimension = assessment().dimensions.get(slug="data")
    response = client_coordinator.post(
        "/kompetencetjek/administration/spoergsmaal/ny/",
        {"dimension": dimension.pk, "text": "", "weight": 0, "order": 1},
    )
    assert response.status_code == 400
    html = response.content.decode()
    assert "Skriv spørgsmålet." in html
