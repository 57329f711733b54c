"""Search pages: the one search box (/soeg/), suggestions, "Hvem har gjort det før?" (/match/),
similar projects and the coordinators' synonym list. Real PostgreSQL; projects are made through
the registry operations, which index them."""

import re

import pytest
from django.test import Client

from smartby.audit.models import AuditEntry
from smartby.conftest import assert_refused
from smartby.registry.tests.helpers import make_project
from smartby.search.models import SynonymGroup
from smartby.search.vocabulary import reference_synonyms

pytestmark = pytest.mark.django_db


def page(client: Client, url: str, status: int = 200, headers=None, **params) -> str:
    response = client.get(url, params, headers=headers)
    assert response.status_code == status, (url, params, response.status_code)
    return response.content.decode()


def group_html(html: str, kind: str) -> str:
    """The result section of one kind (project, organisation, person)."""
    return html.split(f'id="kind-{kind}"', 1)[1].split("</section>", 1)[0]


def group_count(html: str, kind: str) -> int:
    heading = re.search(
        rf'<h2 id="kind-{kind}-title">([^<]+) <span class="count">\((\d+)\)</span></h2>', html
    )
    assert heading, f"no {kind} group"
    return int(heading.group(2))


# --- /soeg/ -------------------------------------------------------------------------------


def test_empty_search_page(client, projects):
    html = page(client, "/soeg/")
    assert 'role="combobox"' in html and 'role="listbox"' in html
    assert "Søg på dansk, som du ville skrive" in html
    assert 'id="kind-project"' not in html


def test_results_are_grouped_by_kind_with_counts_and_marked_words(client, projects):
    html = page(client, "/soeg/", q="aarhus")
    # Headings in a fixed order with counts.
    labels = re.findall(r'<h2 id="kind-\w+-title">([^<]+) <span class="count">', html)
    assert labels[:3] == ["Projekter", "Organisationer", "Fagkolleger"]  # then content, if any
    # Three Aarhus projects (affald, ældre, droner), not Odense's.
    assert group_count(html, "project") == 3
    projects_html = group_html(html, "project")
    assert "Fyldningsmålere" not in projects_html
    assert "Affaldssensorer i containere" in projects_html
    # Aarhus Kommune (the organisation) with the name marked.
    assert group_count(html, "organisation") >= 1
    assert "<mark>Aarhus</mark> Kommune" in group_html(html, "organisation")
    # Mette is a consenting contact on an Aarhus project; Jens is not consenting.
    people = group_html(html, "person")
    assert group_count(html, "person") == 1
    assert "Mette Hansen" in people and "Jens" not in html
    # Facet links to the groups.
    assert '<a href="#kind-project">Projekter <span class="count">(3)</span></a>' in html


def test_matching_words_are_marked_in_title_and_snippet(client, projects):
    html = page(client, "/soeg/", q="sensor")
    hits = group_html(html, "project")
    assert "<mark>Affaldssensorer</mark> i containere" in hits
    # "måler" is in the reference synonym group "sensor, føler, måler".
    assert "<mark>Sensorer</mark> <mark>måler</mark> fyldningsgraden" in hits
    assert group_count(html, "project") == 2  # Aarhus and Odense
    assert "Droner" not in hits and "ældre" not in hits


@pytest.mark.parametrize("q", ["sensor", "affaldssensor", "affald", "containere", "sensorerne"])
def test_compound_words_and_inflections_find_the_project(client, projects, q):
    hits = group_html(page(client, "/soeg/", q=q), "project")
    assert projects["affald"].get_absolute_url() in hits, q
    assert "<mark>" in hits, q
    assert "Tryghed for ældre" not in hits and "Droner" not in hits


def test_compound_query_finds_the_parts_in_another_project(client, editor_a):
    make_project(editor_a, title="Sensorer til affald", summary="Måler hvor fuldt det er.")
    make_project(editor_a, title="Gadebelysning", summary="Lys efter behov.", contacts=[])
    hits = group_html(page(client, "/soeg/", q="affaldssensor"), "project")
    assert "<mark>Sensorer</mark> til <mark>affald</mark>" in hits
    assert "Gadebelysning" not in hits


def test_folding_finds_danish_letters(client, projects):
    html = page(client, "/soeg/", q="aeldre")
    hits = group_html(html, "project")
    assert "Tryghed for <mark>ældre</mark> i eget hjem" in hits
    assert group_count(html, "project") == 1
    # "aa" for "å" as well.
    assert "Fyldningsmålere" in group_html(page(client, "/soeg/", q="fyldningsmaalere"), "project")


def test_a_typo_is_corrected_and_shown(client, projects):
    html = page(client, "/soeg/", q="containre")
    assert "Søgte også på:" in html
    assert "<del>containre</del> → <strong>" in html
    hits = group_html(html, "project")
    assert "Affaldssensorer" in hits and "Fyldningsmålere" in hits
    # Correctly spelt words show no correction.
    assert "Søgte også på" not in page(client, "/soeg/", q="containere")


def test_only_stop_words_gives_a_friendly_message(client, projects):
    html = page(client, "/soeg/", q="og i på")
    assert "Skriv mindst ét ord, der ikke er et fyldord." in html
    assert 'id="kind-project"' not in html


def test_nothing_found_says_so(client, projects):
    html = page(client, "/soeg/", q="zyxwvutsrq")
    assert group_count(html, "project") == 0
    assert "Ingen fundet." in html


@pytest.mark.parametrize(
    "q",
    [
        "sensor\x00affald",
        "\x00",
        "a" * 1000,
        "affald " * 150,
        "🚀 sensorer 🗑️",
        "🚀",
        "'\"<script>alert(1)</script>",
        "-affald",
        "!!! & | ( ) :* \\",
        "\u202e\u200bsensor",
    ],
)
def test_odd_input_does_not_crash(client, projects, q):
    html = page(client, "/soeg/", q=q)
    assert "<script>alert(1)</script>" not in html
    assert "\x00" not in html


def test_emoji_next_to_a_word_still_finds_it(client, projects):
    hits = group_html(page(client, "/soeg/", q="🚀 sensorer"), "project")
    assert "Affaldssensorer" in hits


# --- /soeg/forslag/ -----------------------------------------------------------------------


def test_suggestions_complete_the_word_and_list_projects(client, projects):
    html = page(client, "/soeg/forslag/", q="affa")
    options = re.findall(r'<li role="option"[^>]*>.*?</li>', html)
    assert options, html
    terms = [o for o in options if 'class="suggestion-term"' in o]
    titles = [o for o in options if 'class="suggestion-project"' in o]
    assert any('data-value="affald' in o for o in terms), terms
    assert len(titles) == 1 and "Affaldssensorer i containere" in titles[0]
    assert f'data-url="{projects["affald"].get_absolute_url()}"' in titles[0]
    # Each option has an id for aria-activedescendant.
    ids = re.findall(r'<li role="option" id="([^"]+)"', html)
    assert len(ids) == len(options) == len(set(ids))


def test_suggestions_keep_the_words_before_the_last(client, projects):
    html = page(client, "/soeg/forslag/", q="sensorer i conta")
    assert 'data-value="sensorer i container' in html


@pytest.mark.parametrize("q", ["", " ", "a", "og", "\x00"])
def test_no_suggestions_for_nothing_or_too_little(client, projects, q):
    response = client.get("/soeg/forslag/", {"q": q})
    assert response.status_code == 200
    assert response.content.decode().strip() == ""


# --- /match/ ------------------------------------------------------------------------------

CHALLENGE = (
    "Vores containere flyder over i weekenden. Vi vil bruge sensorer til at måle "
    "fyldningsgraden, så tømning kun sker efter behov."
)


def test_match_form(client):
    html = page(client, "/match/")
    assert "Hvem har gjort det før?" in html
    assert '<textarea id="tekst" name="tekst"' in html
    assert "csrfmiddlewaretoken" in html


@pytest.mark.parametrize("text", ["", "åh", "  x "])
def test_match_with_too_little_text_is_refused_and_kept(client, projects, text):
    response = client.post("/match/", {"tekst": text})
    assert response.status_code == 400
    html = response.content.decode()
    assert "Beskriv udfordringen med mindst et par ord." in html
    assert 'aria-invalid="true"' in html
    assert f">{text.strip()}</textarea>" in html


def test_match_with_too_much_text_is_refused(client, projects):
    response = client.post("/match/", {"tekst": "sensor " * 800})
    assert response.status_code == 400
    assert "Beskrivelsen må højst være 5000 tegn." in response.content.decode()


def test_match_finds_projects_municipalities_and_consenting_people(client, projects):
    response = client.post("/match/", {"tekst": CHALLENGE})
    assert response.status_code == 200
    html = response.content.decode()
    main = html.split('id="match-projects"', 1)[1]
    ranked = re.findall(r'class="hit-title">([^<]+)</a>', main)
    assert set(ranked[:2]) == {
        "Affaldssensorer i containere",
        "Fyldningsmålere på byens containere",
    }
    assert "Droner inspicerer broer" not in ranked
    assert "Tryghed for ældre i eget hjem" not in ranked
    assert "Fælles ord:" in main and "<mark>" in html
    municipalities = html.split('id="match-municipalities"', 1)[1].split('id="match-people"')[0]
    assert 'href="/kommuner/751/">Aarhus</a>' in municipalities
    assert 'href="/kommuner/461/">Odense</a>' in municipalities
    people = html.split('id="match-people"', 1)[1].split("</section>")[0]
    assert "<strong>Mette Hansen</strong>" in people
    assert "<strong>Sofie Syd</strong>" in people
    assert f"/projekter/{projects['affald'].slug}/kontakt/" in people or "Skriv gennem" in people
    # GDPR: the contact who did not consent is not shown, and no address is shown.
    assert "Jens Privat" not in html and "Tekniker" not in html
    assert "@aarhus.example.org" not in html and "@odense.example.org" not in html
    # The text is kept in the form.
    assert CHALLENGE in html


def test_match_without_anything_similar(client, projects):
    response = client.post("/match/", {"tekst": "Kvantecomputere og rumfart"})
    assert response.status_code == 200
    assert "Vi fandt ingen projekter, der ligner." in response.content.decode()


def test_match_requires_csrf_token(projects):
    client = Client(enforce_csrf_checks=True)
    assert client.post("/match/", {"tekst": CHALLENGE}).status_code == 403
    form = client.get("/match/").content.decode()
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', form).group(1)
    response = client.post("/match/", {"tekst": CHALLENGE, "csrfmiddlewaretoken": token})
    assert response.status_code == 200
    assert "Affaldssensorer i containere" in response.content.decode()


def test_match_refuses_other_methods(client):
    assert client.put("/match/").status_code == 405


# --- similar projects ---------------------------------------------------------------------


def test_similar_fragment_for_htmx_and_full_page_without(client, projects):
    affald, odense = projects["affald"], projects["odense"]
    url = f"/projekter/{affald.slug}/lignende/"
    fragment = client.get(url, headers={"HX-Request": "true"})
    assert fragment.status_code == 200
    html = fragment.content.decode()
    assert "<html" not in html and "<h1" not in html
    assert html.lstrip().startswith('<ol class="hits scored">')
    # The project is not in its own list; the Odense project is, with its reasons.
    assert affald.get_absolute_url() not in html
    item = html.split(f'href="{odense.get_absolute_url()}"', 1)[1].split("</li></ul>")[0]
    assert "Fælles ord:" in item
    assert "Samme område: Forsyning" in item
    assert "Fælles teknologier: IoT-sensorer" in item
    assert "En anden kommune" in item
    assert "Droner inspicerer broer" not in html

    full = page(client, url)
    assert "<html" in full and "<h1>Lignende projekter</h1>" in full
    listed = full.split('<ol class="hits scored">', 1)[1].split("</ol>", 1)[0]
    assert odense.get_absolute_url() in listed
    assert affald.get_absolute_url() not in listed


def test_similar_ranks_the_similar_project_first(client, projects):
    odense = projects["odense"]
    html = page(client, f"/projekter/{odense.slug}/lignende/", headers={"HX-Request": "true"})
    titles = re.findall(r'class="hit-title">([^<]+)</a>', html)
    assert titles and titles[0] == "Affaldssensorer i containere"
    assert "Fyldningsmålere på byens containere" not in titles


def test_similar_without_any_says_so(client, editor_a):
    alone = make_project(
        editor_a, title="Kvantecomputere", summary="Rumfart.", technologies=[], contacts=[]
    )
    html = page(client, f"/projekter/{alone.slug}/lignende/", headers={"HX-Request": "true"})
    assert "Vi har ikke fundet lignende projekter endnu." in html


def test_similar_of_unknown_project_is_404(client, projects):
    assert client.get("/projekter/findes-ikke/lignende/").status_code == 404


def test_project_page_loads_similar_projects(client, projects):
    affald = projects["affald"]
    html = page(client, affald.get_absolute_url())
    section = html.split('<section aria-labelledby="similar-title"', 1)[1].split("</section>")[0]
    assert "Lignende projekter" in section
    assert f'hx-get="/projekter/{affald.slug}/lignende/"' in section
    assert 'hx-trigger="load"' in section
    # Without JavaScript there is a link to the full page.
    assert f'href="/projekter/{affald.slug}/lignende/"' in section


# --- synonyms -----------------------------------------------------------------------------

SYNONYM_URLS = [
    ("get", "/soeg/synonymer/"),
    ("get", "/soeg/synonymer/ny/"),
    ("post", "/soeg/synonymer/ny/"),
    ("get", "/soeg/synonymer/{pk}/"),
    ("post", "/soeg/synonymer/{pk}/"),
    ("post", "/soeg/synonymer/{pk}/slet/"),
]


@pytest.mark.parametrize("persona", ["anonymous", "editor_a", "editor_b"])
@pytest.mark.parametrize(("method", "url"), SYNONYM_URLS)
def test_synonyms_are_for_coordinators_only(as_persona, persona, method, url):
    group = SynonymGroup.objects.first()
    before = list(SynonymGroup.objects.values_list("pk", "terms"))
    client = as_persona(persona)
    data = {"terms": "bænk, hvilested"} if method == "post" else None
    response = getattr(client, method)(url.format(pk=group.pk), data)
    assert_refused(persona, response)
    assert list(SynonymGroup.objects.values_list("pk", "terms")) == before
    assert not AuditEntry.objects.filter(object_type__icontains="synonym").exists()


def test_coordinator_sees_the_reference_groups(client_coordinator):
    html = page(client_coordinator, "/soeg/synonymer/")
    total = len(reference_synonyms())
    assert total > 40 and SynonymGroup.objects.count() == total
    assert f"{total} grupper" in html
    assert "affald, skrald, renovation" in html
    assert 'href="/soeg/synonymer/ny/"' in html
    # Filtered by a word.
    html = page(client_coordinator, "/soeg/synonymer/", q="skybrud")
    assert "1 gruppe" in html and "skybrud, oversvømmelse, monsterregn" in html
    assert "affald, skrald" not in html


def test_superuser_may_edit_synonyms(client_superuser):
    assert client_superuser.get("/soeg/synonymer/").status_code == 200


@pytest.mark.parametrize(
    ("synonym", "title"),
    [("siddeplads", "Flere siddepladser i parken"), ("hvilested", "Nye hvilesteder i byen")],
)
def test_synonym_in_the_singular_finds_the_plural_in_s_and_er(
    client, client_coordinator, editor_a, synonym, title
):
    make_project(editor_a, title=title, summary="Hvil.", contacts=[])
    assert group_count(page(client, "/soeg/", q="bænk"), "project") == 0
    response = client_coordinator.post("/soeg/synonymer/ny/", {"terms": f"bænk, {synonym}"})
    assert response.status_code == 302
    assert group_count(page(client, "/soeg/", q="bænk"), "project") == 1


def test_create_synonym_group_takes_effect_in_search_at_once(
    client, client_coordinator, coordinator, editor_a
):
    project = make_project(
        editor_a,
        title="Flere hvilesteder i parken",
        summary="Borgerne ønsker at kunne sidde ned.",
        contacts=[],
    )
    before = page(client, "/soeg/", q="bænk")
    assert group_count(before, "project") == 0

    response = client_coordinator.post(
        "/soeg/synonymer/ny/", {"terms": "Bænk,  hvilested\nbænke", "note": "Byrum"}
    )
    assert response.status_code == 302 and response["Location"] == "/soeg/synonymer/"
    group = SynonymGroup.objects.get(note="Byrum")
    assert group.terms == "bænk, hvilested, bænke"
    assert group.updated_by == coordinator
    entry = AuditEntry.objects.get(object_id=str(group.pk), action="create")
    assert entry.actor == coordinator
    assert entry.changes == {"terms": {"old": None, "new": "bænk, hvilested, bænke"}}
    assert "Synonymgruppen er oprettet." in page(client_coordinator, "/soeg/synonymer/")

    after = page(client, "/soeg/", q="bænk")
    assert group_count(after, "project") == 1
    hits = group_html(after, "project")
    assert project.get_absolute_url() in hits
    assert "Flere <mark>hvilesteder</mark> i parken" in hits


@pytest.mark.parametrize(
    ("synonym", "title"),
    [("siddemøbel", "Nye siddemøbler i parken"), ("cykel", "Cykler i byen")],
)
def test_synonym_in_the_singular_finds_the_plural(
    client, client_coordinator, editor_a, synonym, title
):
    make_project(editor_a, title=title, summary="Hvil.", contacts=[])
    response = client_coordinator.post("/soeg/synonymer/ny/", {"terms": f"bænk, {synonym}"})
    assert response.status_code == 302
    assert group_count(page(client, "/soeg/", q="bænk"), "project") == 1


@pytest.mark.parametrize(
    ("terms", "message"),
    [
        ("bænk", "Skriv mindst to forskellige ord eller udtryk, adskilt med komma."),
        ("bænk, Bænk ,bænk", "Skriv mindst to forskellige ord eller udtryk, adskilt med komma."),
        ("", "Dette felt er påkrævet."),
        ("bænk, ---", "indeholder hverken bogstaver eller tal."),
        ("bænk, " + "x" * 61, "er for langt: højst 60 tegn pr. ord eller udtryk."),
    ],
)
def test_invalid_synonym_group_is_refused_and_input_kept(client_coordinator, terms, message):
    count = SynonymGroup.objects.count()
    response = client_coordinator.post("/soeg/synonymer/ny/", {"terms": terms, "note": "Min note"})
    assert response.status_code == 400
    html = response.content.decode()
    assert message in html
    assert 'class="error-summary"' in html
    assert 'value="Min note"' in html
    if terms:
        assert f">{terms}</textarea>" in html or f">\n{terms}</textarea>" in html
    assert SynonymGroup.objects.count() == count
    assert not AuditEntry.objects.exists()


def test_edit_synonym_group(client_coordinator, coordinator):
    group = SynonymGroup.objects.get(terms__startswith="skybrud")
    form = page(client_coordinator, f"/soeg/synonymer/{group.pk}/")
    assert "Ret synonymgruppe" in form and "skybrud, oversvømmelse, monsterregn" in form

    response = client_coordinator.post(
        f"/soeg/synonymer/{group.pk}/", {"terms": "skybrud, oversvømmelse, wolkenbruch"}
    )
    assert response.status_code == 302
    group.refresh_from_db()
    assert group.terms == "skybrud, oversvømmelse, wolkenbruch"
    entry = AuditEntry.objects.get(object_id=str(group.pk), action="update")
    assert entry.actor == coordinator
    assert entry.changes["terms"] == {
        "old": "skybrud, oversvømmelse, monsterregn",
        "new": "skybrud, oversvømmelse, wolkenbruch",
    }

    invalid = client_coordinator.post(f"/soeg/synonymer/{group.pk}/", {"terms": "skybrud"})
    assert invalid.status_code == 400
    assert "Skriv mindst to forskellige ord" in invalid.content.decode()
    group.refresh_from_db()
    assert group.terms == "skybrud, oversvømmelse, wolkenbruch"


def test_edit_unknown_synonym_group_is_404(client_coordinator):
    assert client_coordinator.get("/soeg/synonymer/999999/").status_code == 404
    assert client_coordinator.post("/soeg/synonymer/999999/slet/").status_code == 404


def test_delete_synonym_group_is_post_only_and_takes_effect(client, client_coordinator, editor_a):
    make_project(editor_a, title="Flere hvilesteder i parken", summary="Hvil.", contacts=[])
    client_coordinator.post("/soeg/synonymer/ny/", {"terms": "bænk, hvilested"})
    group = SynonymGroup.objects.get(terms="bænk, hvilested")
    assert group_count(page(client, "/soeg/", q="bænk"), "project") == 1

    url = f"/soeg/synonymer/{group.pk}/slet/"
    assert client_coordinator.get(url).status_code == 405
    assert SynonymGroup.objects.filter(pk=group.pk).exists()

    response = client_coordinator.post(url)
    assert response.status_code == 302 and response["Location"] == "/soeg/synonymer/"
    assert not SynonymGroup.objects.filter(pk=group.pk).exists()
    entry = AuditEntry.objects.get(object_id=str(group.pk), action="delete")
    assert entry.changes == {"terms": {"old": "bænk, hvilested", "new": None}}
    assert "er slettet" in page(client_coordinator, "/soeg/synonymer/")
    assert group_count(page(client, "/soeg/", q="bænk"), "project") == 0
