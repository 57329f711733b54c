"""Taxonomies (areas and technologies): operations, the coordinators-only pages and htmx."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from smartby.audit.models import AuditEntry
from smartby.conftest import PERSONAS, assert_refused
from smartby.registry import taxonomy
from smartby.registry.models import Area, Project, Technology
from smartby.registry.tests.helpers import make_project

pytestmark = pytest.mark.django_db

ALLOWED = {"coordinator", "superuser"}
HTMX = {"HTTP_HX_REQUEST": "true"}


def tech(name: str) -> Technology:
    return Technology.objects.get(name=name)


def area(name: str) -> Area:
    return Area.objects.get(name=name)


def audit(obj, action: str) -> AuditEntry:
    return AuditEntry.objects.get(
        object_type=obj._meta.label_lower, object_id=str(obj.pk), action=action
    )


# Operations


def test_create_derives_a_unique_slug_and_audits(coordinator):
    term = taxonomy.create_term(coordinator, Technology, {"name": "Kunstig intelligens (AI)"})
    assert term.slug == "kunstig-intelligens-ai"
    assert audit(term, "create").changes == {
        "name": {"old": None, "new": "Kunstig intelligens (AI)"},
        "slug": {"old": None, "new": "kunstig-intelligens-ai"},
    }
    again = taxonomy.create_term(coordinator, Technology, {"name": "Kunstig intelligens AI"})
    assert again.slug == "kunstig-intelligens-ai-2"


def test_new_area_goes_last_unless_an_order_is_given(coordinator):
    last = Area.objects.order_by("-sort_order").first().sort_order
    assert taxonomy.create_term(coordinator, Area, {"name": "Beredskab"}).sort_order == last + 1
    assert (
        taxonomy.create_term(coordinator, Area, {"name": "Trafik", "sort_order": "0"}).sort_order
        == 0
    )
    assert Area.objects.first().name == "Trafik"


def test_rename_keeps_the_slug(coordinator):
    iot = tech("IoT-sensorer")
    taxonomy.update_term(coordinator, iot, {"name": "IoT og sensorer", "slug": ""})
    iot.refresh_from_db()
    assert (iot.name, iot.slug) == ("IoT og sensorer", "iot-sensorer")
    assert audit(iot, "update").changes == {
        "name": {"old": "IoT-sensorer", "new": "IoT og sensorer"}
    }


def test_slug_changes_only_explicitly(coordinator):
    supply = area("Forsyning")
    taxonomy.update_term(
        coordinator, supply, {"name": "Forsyning", "slug": "Forsyning-og-energi", "sort_order": 9}
    )
    supply.refresh_from_db()
    assert (supply.slug, supply.sort_order) == ("forsyning-og-energi", 9)
    assert set(audit(supply, "update").changes) == {"slug", "sort_order"}


@pytest.mark.parametrize(
    ("model", "data", "field", "message"),
    [
        (Technology, {"name": "iot-SENSORER"}, "name", "Navnet „IoT-sensorer“ er allerede i brug."),
        (Technology, {"name": "  "}, "name", "Skriv et navn."),
        (
            Technology,
            {"name": "Nyt", "slug": "lorawan"},
            "slug",
            "Kortnavnet „lorawan“ bruges allerede af „LoRaWAN“.",
        ),
        (Area, {"name": "forsyning"}, "name", "Navnet „Forsyning“ er allerede i brug."),
        (
            Area,
            {"name": "Nyt", "sort_order": "-1"},
            "sort_order",
            "Rækkefølgen kan ikke være negativ.",
        ),
        (Area, {"name": "Nyt", "sort_order": "x"}, "sort_order", "Skriv et helt tal."),
    ],
)
def test_invalid_input_gives_danish_errors_and_writes_nothing(
    coordinator, model, data, field, message
):
    before = model.objects.count()
    with pytest.raises(ValidationError) as exc:
        taxonomy.create_term(coordinator, model, data)
    assert exc.value.message_dict[field] == [message]
    assert model.objects.count() == before
    assert not AuditEntry.objects.exists()


def test_delete_unused_term(coordinator):
    blockchain = tech("Blockchain")
    taxonomy.delete_term(coordinator, blockchain)
    assert not Technology.objects.filter(name="Blockchain").exists()
    assert AuditEntry.objects.filter(action="delete", object_repr="Blockchain").exists()


def test_delete_used_technology_is_refused_with_count(coordinator, editor_a):
    make_project(editor_a)
    make_project(editor_a, title="To")
    with pytest.raises(ValidationError) as exc:
        taxonomy.delete_term(coordinator, tech("IoT-sensorer"))
    assert exc.value.messages == [
        "Teknologien „IoT-sensorer“ bruges af 2 projekter og kan ikke slettes. "
        "Læg den sammen med en anden teknologi i stedet."
    ]
    assert Technology.objects.filter(name="IoT-sensorer").exists()
    assert not AuditEntry.objects.filter(object_type="registry.technology").exists()


def test_delete_used_area_is_refused_with_count(coordinator, editor_a):
    make_project(editor_a)
    with pytest.raises(ValidationError) as exc:
        taxonomy.delete_term(coordinator, area("Forsyning"))
    assert exc.value.messages == [
        "Området „Forsyning“ bruges af 1 projekt og kan ikke slettes. "
        "Læg det sammen med et andet område i stedet."
    ]
    assert Area.objects.filter(name="Forsyning").exists()


def test_merge_technologies_keeps_a_single_link(coordinator, editor_a):
    iot, lora, ai = tech("IoT-sensorer"), tech("LoRaWAN"), tech("AI")
    both = make_project(editor_a, title="Begge", technologies=[str(iot.pk), str(lora.pk)])
    only_lora = make_project(editor_a, title="Kun LoRa", technologies=[str(lora.pk), str(ai.pk)])
    neither = make_project(editor_a, title="Ingen", technologies=[str(ai.pk)])
    AuditEntry.objects.all().delete()

    taxonomy.merge_terms(coordinator, iot, lora)

    assert not Technology.objects.filter(pk=lora.pk).exists()
    assert list(both.technologies.all()) == [iot]
    assert set(only_lora.technologies.all()) == {iot, ai}
    assert list(neither.technologies.all()) == [ai]
    assert Project.technologies.through.objects.filter(technology=iot).count() == 2
    assert audit(iot, "merge").changes == {
        "merged": {"old": "LoRaWAN", "new": "IoT-sensorer"},
        "projects": {"old": None, "new": 2},
    }
    assert audit(both, "update").changes == {
        "technologies": {"old": "LoRaWAN", "new": "IoT-sensorer"}
    }
    assert not AuditEntry.objects.filter(object_type="registry.project", object_id=str(neither.pk))
    assert AuditEntry.objects.filter(action="delete", object_repr="LoRaWAN").exists()


def test_merge_areas_moves_projects(coordinator, editor_a):
    supply, tech_env = area("Forsyning"), area("Teknik og miljø")
    moved = make_project(editor_a)  # Forsyning
    stays = make_project(editor_a, title="Miljø", area=str(tech_env.pk))

    taxonomy.merge_terms(coordinator, tech_env, supply)

    assert not Area.objects.filter(pk=supply.pk).exists()
    moved.refresh_from_db()
    stays.refresh_from_db()
    assert moved.area == tech_env and stays.area == tech_env
    assert audit(moved, "update").changes == {
        "area": {"old": "Forsyning", "new": "Teknik og miljø"}
    }


def test_merge_validation(coordinator):
    iot = tech("IoT-sensorer")
    with pytest.raises(ValidationError):
        taxonomy.merge_terms(coordinator, iot, iot)
    with pytest.raises(ValidationError):
        taxonomy.merge_terms(coordinator, area("Forsyning"), iot)
    assert Technology.objects.filter(pk=iot.pk).exists()


@pytest.mark.parametrize("persona", ["editor_a", "editor_b"])
def test_operations_refuse_editors(request, persona):
    user = request.getfixturevalue(persona)
    iot, lora = tech("IoT-sensorer"), tech("LoRaWAN")
    with pytest.raises(PermissionDenied):
        taxonomy.create_term(user, Technology, {"name": "Ny"})
    with pytest.raises(PermissionDenied):
        taxonomy.update_term(user, iot, {"name": "Andet"})
    with pytest.raises(PermissionDenied):
        taxonomy.delete_term(user, tech("Blockchain"))
    with pytest.raises(PermissionDenied):
        taxonomy.merge_terms(user, iot, lora)
    assert (
        Technology.objects.filter(name__in=["IoT-sensorer", "LoRaWAN", "Blockchain"]).count() == 3
    )
    assert not AuditEntry.objects.exists()


# Pages: the permission matrix


@pytest.mark.parametrize("persona", PERSONAS)
def test_list_permission_matrix(persona, as_persona, editor_a):
    make_project(editor_a)
    response = as_persona(persona).get("/taksonomier/")
    if persona in ALLOWED:
        assert response.status_code == 200
        body = response.content.decode()
        assert "Forsyning" in body and "IoT-sensorer" in body
        counts = {
            s["kind"].slug: {t.name: t.n for t in s["terms"]} for s in response.context["sections"]
        }
        assert counts["omraader"]["Forsyning"] == 1
        assert counts["teknologier"]["IoT-sensorer"] == 1
        assert counts["teknologier"]["Blockchain"] == 0
    else:
        assert_refused(persona, response)


@pytest.mark.parametrize("persona", PERSONAS)
def test_write_paths_permission_matrix(persona, as_persona, editor_a):
    make_project(editor_a)
    c = as_persona(persona)
    responses = [
        c.post("/taksonomier/teknologier/ny/", {"name": "Kvantecomputere"}),
        c.post("/taksonomier/omraader/ny/", {"name": "Beredskab", "sort_order": "20"}),
        c.post("/taksonomier/teknologier/lorawan/rediger/", {"name": "LoRa", "slug": ""}),
        c.post("/taksonomier/teknologier/blockchain/slet/"),
        c.post("/taksonomier/teknologier/droner/sammenlaeg/", {"keep": str(tech("AI").pk)}),
        c.post(
            "/taksonomier/omraader/kultur-og-fritid/sammenlaeg/",
            {"keep": str(area("Forsyning").pk)},
        ),
    ]
    names = set(Technology.objects.values_list("name", flat=True))
    areas = set(Area.objects.values_list("name", flat=True))
    if persona in ALLOWED:
        assert all(r.status_code == 302 for r in responses), [r.status_code for r in responses]
        assert "Kvantecomputere" in names and "LoRa" in names
        assert "Blockchain" not in names and "Droner" not in names
        assert "Beredskab" in areas and "Kultur og fritid" not in areas
        assert AuditEntry.objects.filter(actor__isnull=False).count() >= 6
    else:
        for r in responses:
            assert_refused(persona, r)
        assert {"LoRaWAN", "Blockchain", "Droner"} <= names
        assert not names & {"Kvantecomputere", "LoRa"}
        assert "Kultur og fritid" in areas and "Beredskab" not in areas
        assert not AuditEntry.objects.exclude(object_type="registry.project").exists()


@pytest.mark.parametrize(
    "url",
    [
        "/taksonomier/teknologier/ny/",
        "/taksonomier/teknologier/iot-sensorer/rediger/",
        "/taksonomier/teknologier/iot-sensorer/raekke/",
        "/taksonomier/teknologier/iot-sensorer/slet/",
        "/taksonomier/teknologier/iot-sensorer/sammenlaeg/",
        "/taksonomier/omraader/forsyning/rediger/",
    ],
)
def test_pages_render_for_coordinators_and_refuse_editors(client_coordinator, client_b, url):
    assert client_coordinator.get(url).status_code == 200
    assert client_b.get(url).status_code == 403


def test_unknown_kind_or_term_is_404(client_coordinator):
    assert client_coordinator.get("/taksonomier/farver/ny/").status_code == 404
    assert (
        client_coordinator.get("/taksonomier/teknologier/findes-ikke/rediger/").status_code == 404
    )


# Pages: validation and behaviour without JavaScript


def test_create_redirects_to_the_list_with_a_message(client_coordinator):
    response = client_coordinator.post(
        "/taksonomier/teknologier/ny/", {"name": "Kvantecomputere"}, follow=True
    )
    assert response.redirect_chain[-1][0] == "/taksonomier/#teknologier"
    assert "„Kvantecomputere“ er tilføjet." in response.content.decode()


def test_duplicate_name_is_shown_in_danish_and_nothing_written(client_coordinator):
    response = client_coordinator.post("/taksonomier/teknologier/ny/", {"name": "lorawan"})
    assert response.status_code == 400
    assert "Navnet „LoRaWAN“ er allerede i brug." in response.content.decode()
    assert Technology.objects.filter(name__iexact="lorawan").count() == 1
    assert not AuditEntry.objects.exists()


def test_delete_of_used_technology_shows_danish_error_and_deletes_nothing(
    client_coordinator, editor_a
):
    make_project(editor_a)
    url = "/taksonomier/teknologier/iot-sensorer/slet/"
    message = "Teknologien „IoT-sensorer“ bruges af 1 projekt og kan ikke slettes."
    get = client_coordinator.get(url)
    assert message in get.content.decode()
    post = client_coordinator.post(url)
    assert post.status_code == 400
    assert message in post.content.decode()
    assert Technology.objects.filter(name="IoT-sensorer").exists()
    assert not AuditEntry.objects.filter(object_type="registry.technology").exists()


def test_edit_with_error_shows_stored_name(client_coordinator):
    response = client_coordinator.post(
        "/taksonomier/teknologier/iot-sensorer/rediger/", {"name": "AI", "slug": "ny-slug"}
    )
    assert response.status_code == 400
    body = response.content.decode()
    assert "Navnet „AI“ er allerede i brug." in body
    assert "Redigér „IoT-sensorer“" in body
    assert tech("IoT-sensorer").slug == "iot-sensorer"


def test_merge_form_requires_a_choice(client_coordinator):
    response = client_coordinator.post("/taksonomier/teknologier/droner/sammenlaeg/", {})
    assert response.status_code == 400
    assert "Vælg det, der skal beholdes." in response.content.decode()
    assert Technology.objects.filter(name="Droner").exists()


# htmx: inline rename and add


def test_htmx_edit_returns_an_inline_row_form(client_coordinator):
    iot = tech("IoT-sensorer")
    response = client_coordinator.get("/taksonomier/teknologier/iot-sensorer/rediger/", **HTMX)
    body = response.content.decode()
    assert response.status_code == 200
    assert body.startswith(f'<tr id="teknologier-{iot.pk}"')
    assert "<html" not in body
    assert 'hx-post="/taksonomier/teknologier/iot-sensorer/rediger/"' in body
    assert 'action="/taksonomier/teknologier/iot-sensorer/rediger/"' in body
    assert "autofocus" in body


def test_htmx_rename_returns_the_updated_row_and_a_status_message(client_coordinator):
    response = client_coordinator.post(
        "/taksonomier/teknologier/iot-sensorer/rediger/", {"name": "IoT og sensorer"}, **HTMX
    )
    body = response.content.decode()
    assert response.status_code == 200
    assert '<th scope="row">IoT og sensorer</th>' in body
    assert 'hx-swap-oob="innerHTML"' in body and "er gemt" in body
    assert tech("IoT og sensorer").slug == "iot-sensorer"


def test_htmx_rename_error_stays_in_the_row_with_200(client_coordinator):
    response = client_coordinator.post(
        "/taksonomier/teknologier/iot-sensorer/rediger/", {"name": "ai"}, **HTMX
    )
    body = response.content.decode()
    assert response.status_code == 200  # htmx swaps only 2xx responses
    assert body.startswith("<tr") and "Navnet „AI“ er allerede i brug." in body
    assert not Technology.objects.filter(name="ai").exists()


def test_htmx_add_returns_the_section_with_the_new_row(client_coordinator):
    response = client_coordinator.post(
        "/taksonomier/omraader/ny/", {"name": "Beredskab", "sort_order": "3"}, **HTMX
    )
    body = response.content.decode()
    assert response.status_code == 200
    assert body.startswith('<section id="omraader"')
    assert "Beredskab" in body and "„Beredskab“ er tilføjet." in body
    assert area("Beredskab").sort_order == 3


def test_htmx_add_error_returns_the_section_with_errors(client_coordinator):
    response = client_coordinator.post("/taksonomier/omraader/ny/", {"name": "FORSYNING"}, **HTMX)
    assert response.status_code == 200
    assert "Navnet „Forsyning“ er allerede i brug." in response.content.decode()
    assert Area.objects.filter(name__iexact="forsyning").count() == 1


def test_list_orders_areas_by_sort_order_and_technologies_by_name(client_coordinator):
    sections = {
        s["kind"].slug: s for s in client_coordinator.get("/taksonomier/").context["sections"]
    }
    areas = [t.name for t in sections["omraader"]["terms"]]
    assert areas == list(Area.objects.values_list("name", flat=True))
    assert areas[:2] == ["Teknik og miljø", "Forsyning"]
    names = [t.name for t in sections["teknologier"]["terms"]]
    assert names == list(Technology.objects.values_list("name", flat=True))


def test_list_page_forms_work_without_javascript(client_coordinator):
    body = client_coordinator.get("/taksonomier/").content.decode()
    # Every htmx form is also a plain form with method and action, and ids are unique.
    assert 'method="post" action="/taksonomier/omraader/ny/"' in body
    assert 'method="post" action="/taksonomier/teknologier/ny/"' in body
    assert 'href="/taksonomier/teknologier/iot-sensorer/rediger/"' in body
    assert body.count('id="omraader-ny-name"') == 1
    assert body.count('id="teknologier-ny-name"') == 1


# In a real browser: htmx inline editing, and the same page scanned by axe-core


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_inline_rename_and_add_in_the_browser(
    page, live_server, login_page, axe_check, coordinator
):
    from playwright.sync_api import expect

    errors: list[str] = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    login_page(page, coordinator)
    page.goto(live_server.url + "/taksonomier/")
    axe_check(page)
    iot = tech("IoT-sensorer")
    row = page.locator(f"#teknologier-{iot.pk}")
    row.get_by_role("link", name="Redigér IoT-sensorer").click()
    name = row.get_by_role("textbox", name="Navn", exact=True)
    expect(name).to_be_focused()
    name.fill("IoT og sensorer")
    row.get_by_role("button", name="Gem").click()
    expect(row.locator("th")).to_have_text("IoT og sensorer")
    expect(page.locator("#taxonomy-status")).to_contain_text(
        "Ændringerne til „IoT og sensorer“ er gemt."
    )
    assert page.url.endswith("/taksonomier/")  # no page load: htmx swapped the row

    section = page.locator("#omraader")
    section.get_by_role("textbox", name="Navn", exact=True).fill("forsyning")
    section.get_by_role("button", name="Tilføj").click()
    expect(page.locator("#omraader")).to_contain_text("Navnet „Forsyning“ er allerede i brug.")
    page.locator("#omraader").get_by_role("textbox", name="Navn", exact=True).fill("Beredskab")
    page.locator("#omraader").get_by_role("button", name="Tilføj").click()
    expect(page.locator("#omraader table")).to_contain_text("Beredskab")
    expect(page.locator("#taxonomy-status")).to_contain_text("„Beredskab“ er tilføjet.")
    axe_check(page)
    assert tech("IoT og sensorer").slug == "iot-sensorer"
    assert not errors, errors
