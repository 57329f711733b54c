"""Pages: lists, filters, detail, forms with errors kept, the business-case editor and its
"Tilføj linje" without JavaScript, result page, and refusals for each persona."""

import pytest
from django.urls import reverse

from smartby.cases.models import BusinessCase, UseCase
from smartby.cases.tests.helpers import (
    NPV_TEXT,
    business_case_data,
    edit_data,
    make_business_case,
    make_use_case,
    use_case_data,
)
from smartby.conftest import assert_refused
from smartby.registry.models import Area
from smartby.registry.tests.helpers import make_project

pytestmark = pytest.mark.django_db


def test_empty_list(client):
    r = client.get(reverse("cases:usecase_list"))
    assert r.status_code == 200
    assert "Der er endnu ingen use cases." in r.content.decode()
    assert "Ny use case" not in r.content.decode()


def test_list_filters_and_pagination(client, editor_a):
    make_use_case(editor_a)
    make_use_case(
        editor_a,
        title="Fugtsensorer i skoler",
        problem="Fugt i klasselokaler",
        area=str(Area.objects.get(name="Læring og uddannelse").pk),
    )
    r = client.get(reverse("cases:usecase_list"), {"q": "fugt"})
    body = r.content.decode()
    assert "1 use case" in body and "Fugtsensorer i skoler" in body
    assert "Affaldssensorer" not in body
    r = client.get(reverse("cases:usecase_list"), {"area": "forsyning"})
    body = r.content.decode()
    assert "Affaldssensorer i kuber" in body and "Fugtsensorer" not in body
    # HTMX asks for the results only.
    r = client.get(reverse("cases:usecase_list"), {"q": "xyzzy"}, HTTP_HX_REQUEST="true")
    assert "<html" not in r.content.decode() and "Ingen use cases matcher" in r.content.decode()
    # Junk never crashes.
    r = client.get(reverse("cases:usecase_list"), {"q": "a\x00b" * 100, "side": "x"})
    assert r.status_code == 200
    for i in range(21):
        make_use_case(editor_a, title=f"Use case {i:02d}")
    r = client.get(reverse("cases:usecase_list"), {"side": "2"})
    assert "Side 2 af 2" in r.content.decode()


def test_detail_shows_links_and_business_cases(client, editor_a):
    project = make_project(editor_a, title="Sensorer i kuber")
    use_case = make_use_case(editor_a, projects=project.slug)
    make_business_case(editor_a, use_case)
    body = client.get(use_case.get_absolute_url()).content.decode()
    assert "Sensorer i kuber" in body and project.get_absolute_url() in body
    assert "Basisscenarie" in body and NPV_TEXT in body
    assert "Redigér" not in body  # anonymous
    assert client.get("/use-cases/findes-ikke/").status_code == 404
    # The project's page links back to the use case.
    page = client.get(project.get_absolute_url()).content.decode()
    assert use_case.get_absolute_url() in page and use_case.title in page


def test_create_keeps_input_on_errors_then_saves(client_a):
    url = reverse("cases:usecase_create")
    assert client_a.get(url).status_code == 200
    r = client_a.post(url, use_case_data(problem="", projects="ukendt-projekt"))
    body = r.content.decode()
    assert r.status_code == 400
    assert "Beskriv problemet" in body and "Ukendt projekt: ukendt-projekt" in body
    assert 'value="Affaldssensorer i kuber"' in body and "ukendt-projekt</textarea>" in body
    assert not UseCase.objects.exists()
    r = client_a.post(url, use_case_data())
    use_case = UseCase.objects.get()
    assert r.status_code == 302 and r["Location"] == use_case.get_absolute_url()


def test_edit_use_case(client_a, editor_a):
    use_case = make_use_case(editor_a)
    url = reverse("cases:usecase_edit", args=[use_case.slug])
    assert client_a.get(url).status_code == 200
    r = client_a.post(url, use_case_data(title="Affaldssensorer i nedgravede containere"))
    assert r.status_code == 302
    assert UseCase.objects.get().title == "Affaldssensorer i nedgravede containere"


@pytest.mark.parametrize("persona", ["anonymous", "editor_b"])
def test_other_users_are_refused_everywhere(persona, as_persona, editor_a):
    bc = make_business_case(editor_a)
    slug = bc.use_case.slug
    client = as_persona(persona)
    urls = [
        reverse("cases:usecase_edit", args=[slug]),
        reverse("cases:usecase_delete", args=[slug]),
        reverse("cases:businesscase_create", args=[slug]),
        reverse("cases:businesscase_edit", args=[slug, bc.pk]),
        reverse("cases:businesscase_delete", args=[slug, bc.pk]),
    ]
    for url in urls:
        assert_refused(persona, client.get(url))
        assert_refused(persona, client.post(url, business_case_data(title="Hack")))
    assert BusinessCase.objects.get().title == "Basisscenarie"
    assert UseCase.objects.count() == 1


def test_create_use_case_refused_without_organisation(as_persona, client_coordinator):
    url = reverse("cases:usecase_create")
    assert_refused("anonymous", as_persona("anonymous").get(url))
    from smartby.conftest import make_user

    lonely = make_user("alene@example.org")
    client = as_persona("anonymous")
    client.force_login(lonely)
    assert client.get(url).status_code == 403
    assert client_coordinator.get(url).status_code == 200


def test_coordinator_edits_and_deletes_any(client_coordinator, editor_a):
    bc = make_business_case(editor_a)
    slug = bc.use_case.slug
    r = client_coordinator.post(
        reverse("cases:businesscase_edit", args=[slug, bc.pk]), edit_data(bc, discount_rate="0")
    )
    assert r.status_code == 302
    # At 0 %: -100,000 + 50,000 + 50,000 = 0.
    assert "0 <span" in client_coordinator.get(r["Location"]).content.decode()
    r = client_coordinator.post(reverse("cases:businesscase_delete", args=[slug, bc.pk]))
    assert r.status_code == 302 and not BusinessCase.objects.exists()
    r = client_coordinator.post(reverse("cases:usecase_delete", args=[slug]))
    assert r.status_code == 302 and not UseCase.objects.exists()


def test_business_case_editor_add_line_without_js_and_errors_per_line(client_a, editor_a):
    use_case = make_use_case(editor_a)
    url = reverse("cases:businesscase_create", args=[use_case.slug])
    body = client_a.get(url).content.decode()
    assert 'value="Basisscenarie"' in body and "Tilføj linje" in body
    # "Tilføj linje" re-renders with one more empty line and saves nothing.
    lines = [{"kind": "investering", "label": "Udstyr", "year": "0", "amount": "5000"}]
    r = client_a.post(url, business_case_data(lines, add_line="1"))
    body = r.content.decode()
    assert r.status_code == 200
    assert 'name="lines-TOTAL_FORMS" value="2"' in body
    assert 'name="lines-1-kind"' in body and "autofocus" in body
    assert 'value="Udstyr"' in body
    assert not BusinessCase.objects.exists()
    # An error in line 2 is shown at that line, with everything typed kept.
    lines.append({"kind": "gevinst", "label": "Besparelse", "year": "9", "amount": "abc"})
    r = client_a.post(url, business_case_data(lines))
    body = r.content.decode()
    assert r.status_code == 400
    assert 'href="#field-lines-1-amount"' in body and "Skriv beløbet som et tal" in body
    assert "Året ligger uden for tidshorisonten (0–2)" in body
    assert 'value="abc"' in body and 'value="Besparelse"' in body
    assert not BusinessCase.objects.exists()
    lines[1].update(year="1", amount="6.000")
    r = client_a.post(url, business_case_data(lines))
    bc = BusinessCase.objects.get()
    assert r.status_code == 302 and r["Location"] == bc.get_absolute_url()


def test_result_page(client, editor_a):
    bc = make_business_case(editor_a)
    body = client.get(bc.get_absolute_url()).content.decode()
    assert NPV_TEXT in body
    assert "2028 (efter 3 år)" in body  # cumulative -100,000, -50,000, 0
    assert "<caption" in body and 'scope="row"' in body and 'scope="col"' in body
    assert "Gevinster -20 %" in body and "Mindre affald på gaden" in body
    assert client.get(f"/use-cases/{bc.use_case.slug}/business-cases/999999/").status_code == 404
    assert client.get(f"/use-cases/andet/business-cases/{bc.pk}/").status_code == 404


def test_links_to_catalogue_standards(client, client_a, editor_a):
    from smartby.catalogue.models import Standard

    standard, _ = Standard.objects.get_or_create(
        slug="lorawan", defaults={"name": "LoRaWAN", "kind": "protokol"}
    )
    use_case = make_use_case(editor_a, standards=[standard.slug])
    body = client.get(use_case.get_absolute_url()).content.decode()
    assert standard.get_absolute_url() in body
    form = client_a.get(reverse("cases:usecase_edit", args=[use_case.slug])).content.decode()
    assert 'value="lorawan"' in form and "checked" in form


def test_list_and_detail_queries_do_not_grow(client, editor_a, django_assert_max_num_queries):
    for i in range(3):
        use_case = make_use_case(editor_a, title=f"Use case {i}")
        make_business_case(editor_a, use_case)
    with django_assert_max_num_queries(8):
        assert client.get(reverse("cases:usecase_list")).status_code == 200
    with django_assert_max_num_queries(12):
        assert client.get(use_case.get_absolute_url()).status_code == 200
    with django_assert_max_num_queries(12):
        assert client.get("/api/v1/use-cases").status_code == 200
    for i in range(3, 9):
        make_business_case(editor_a, make_use_case(editor_a, title=f"Use case {i}"))
    with django_assert_max_num_queries(8):
        assert client.get(reverse("cases:usecase_list")).status_code == 200
    with django_assert_max_num_queries(12):
        assert client.get("/api/v1/use-cases").status_code == 200
