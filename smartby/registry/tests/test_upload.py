"""The upload page /projekter/importer/: size and content checks, dry run, all-or-nothing import,
the uploader's rights per record, audit."""

import json
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from smartby.audit.models import AuditEntry
from smartby.orgs.models import Organisation
from smartby.registry.interchange import FORMAT
from smartby.registry.models import Project
from smartby.registry.tests.helpers import make_project

pytestmark = pytest.mark.django_db

URL = "/projekter/importer/"


def record(n: int = 1, **overrides: Any) -> dict[str, Any]:
    base = {
        "id": f"upload-{n}",
        "title": f"Sensorer i parker nr. {n}",
        "summary": "Jordfugt måles, så vanding sker efter behov.",
        "municipalities": ["751"],
        "lead_organisation": "Aarhus Kommune",
        "area": "Forsyning",
        "technologies": ["IoT-sensorer"],
        "status": "pilot",
        "start_date": "2024-01-01",
        "budget_dkk": 100000,
        "contacts": [
            {"name": "Mette Hansen", "email": "mette@example.org", "public": False},
        ],
        "partners": [{"organisation": "Parkfirma ApS", "role": "Leverandør"}],
        "location": {"lat": 56.15, "lon": 10.2},
    }
    base.update(overrides)
    return base


def document(*records: dict[str, Any]) -> dict[str, Any]:
    return {
        "format": FORMAT,
        "organisations": [{"name": "Parkfirma ApS", "kind": "virksomhed"}],
        "projects": list(records),
    }


def upload(content: bytes | str | dict, name: str = "projekter.json") -> SimpleUploadedFile:
    if isinstance(content, dict):
        content = json.dumps(content)
    if isinstance(content, str):
        content = content.encode()
    return SimpleUploadedFile(name, content, content_type="application/json")


def post(client, content, action: str = "import", name: str = "projekter.json"):
    return client.post(URL, {"file": upload(content, name), "action": action})


def counts() -> tuple[int, int, int]:
    return Project.objects.count(), AuditEntry.objects.count(), Organisation.objects.count()


def test_anonymous_is_sent_to_login_and_the_page_renders_for_editors(client, client_a):
    assert client.get(URL).status_code == 302
    page = client_a.get(URL)
    assert page.status_code == 200
    assert 'type="file"' in page.content.decode()


def test_valid_file_is_imported_and_audited(client_a):
    before = counts()
    response = post(client_a, document(record(1), record(2)))
    assert response.status_code == 302
    assert Project.objects.filter(uid__in=["upload-1", "upload-2"]).count() == 2
    assert counts()[0] == before[0] + 2
    entries = AuditEntry.objects.filter(action="create", object_type="registry.project")
    assert {e.source for e in entries} == {"upload"}
    assert entries.count() == 2
    assert Organisation.objects.filter(name="Parkfirma ApS").exists()
    page = client_a.get(URL).content.decode()
    assert "Importen er gennemført: 2 oprettet, 0 opdateret, 0 uændret." in page
    # A second upload of the same file changes nothing (idempotent on id).
    audits = AuditEntry.objects.count()
    assert post(client_a, document(record(1), record(2))).status_code == 302
    assert (Project.objects.count(), AuditEntry.objects.count()) == (before[0] + 2, audits)


def test_dry_run_shows_the_plan_and_stores_nothing(client_a, editor_a):
    make_project(editor_a)
    existing = Project.objects.get()
    before = counts()
    changed = record(9, id=existing.uid, title="Ny titel fra fil")
    response = post(client_a, document(record(1), changed), action="check")
    assert response.status_code == 200
    body = response.content.decode()
    assert "Kontrol: filen kan importeres" in body
    assert "1 projekter oprettes, 1 opdateres og 0 er uændrede" in body
    assert "Ny titel fra fil" in body and "opdateres" in body
    assert counts() == before
    existing.refresh_from_db()
    assert existing.title != "Ny titel fra fil"


def test_dry_run_through_htmx_answers_with_the_result_fragment(client_a):
    response = client_a.post(
        URL,
        {"file": upload(document(record(1))), "action": "check"},
        headers={"HX-Request": "true"},
    )
    assert response.status_code == 200
    body = response.content.decode()
    assert "<html" not in body
    assert "Kontrol: filen kan importeres" in body
    assert not Project.objects.filter(uid="upload-1").exists()


def test_half_invalid_file_writes_nothing_and_lists_errors_per_record(client_a):
    before = counts()
    bad = record(2, title="", status="ukendt", location={"lat": 10, "lon": 10})
    response = post(client_a, document(record(1), bad, record(3)))
    assert response.status_code == 400
    body = response.content.decode()
    assert "intet er importeret" in body
    assert "Post 2 (id <code>upload-2</code>)" in body
    assert "Projektet skal have en titel." in body
    assert "Ukendt status" in body
    assert "Breddegraden skal ligge i Danmark" in body
    assert counts() == before  # no project, no audit entry, not even the new organisation


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"", "Filen er tom."),
        (b"   \n", "Filen er tom."),
        (b"dette er ikke json", "Filen er ikke gyldig JSON (linje 1, kolonne 1)."),
        (b'{"format": "smartby-projects/1", "projects": [', "Filen er ikke gyldig JSON"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "Filen er ikke en tekstfil"),
        ('{"format": "smartby-projects/1", "projects": []}'.encode("utf-16"), "tekstfil"),
        ('{"titel": "Bæk"}'.encode("latin-1"), "Filen er ikke UTF-8-kodet tekst"),
        (b"[1, 2, 3]", "Filen skal indeholde et JSON-objekt."),
        (b'{"format": "csv"}', "Ukendt format: &#x27;csv&#x27;"),
        (b'{"format": "smartby-projects/1", "projects": {}}', "skal være en liste af objekter"),
        (b"[" * 100_000, "Filen kan ikke læses som JSON."),
        (b'{"n": ' + b"9" * 5000 + b"}", "Filen kan ikke læses som JSON."),
    ],
)
@pytest.mark.parametrize("action", ["check", "import"])
def test_malformed_upload_gives_a_clear_error_and_stores_nothing(
    client_a, content, message, action
):
    before = counts()
    response = client_a.post(
        URL,
        {"file": SimpleUploadedFile("x.json", content), "action": action},
    )
    assert response.status_code == 400
    body = response.content.decode()
    assert "Filen kan ikke bruges" in body
    assert message in body
    assert counts() == before


def test_no_file_chosen(client_a):
    response = client_a.post(URL, {"action": "check"})
    assert response.status_code == 400
    assert "Vælg en fil." in response.content.decode()


def test_extension_and_content_type_do_not_decide(client_a):
    """A valid file with another name and type is accepted; a .json name does not make a PNG
    acceptable (covered above)."""
    response = client_a.post(
        URL,
        {
            "file": SimpleUploadedFile(
                "eksport.txt", json.dumps(document(record(1))).encode(), "text/plain"
            ),
            "action": "import",
        },
    )
    assert response.status_code == 302
    assert Project.objects.filter(uid="upload-1").exists()


def test_oversize_upload_is_refused_before_it_is_stored(client_a, settings):
    settings.IMPORT_MAX_UPLOAD_BYTES = 2000
    before = counts()
    big = document(*[record(i) for i in range(1, 20)])
    assert len(json.dumps(big)) > 2000
    response = post(client_a, big)
    assert response.status_code == 400
    body = response.content.decode()
    assert "Filen er for stor (højst 1 kB)." in body
    assert counts() == before


def test_oversize_body_far_above_the_limit_is_refused(client_a, settings):
    settings.IMPORT_MAX_UPLOAD_BYTES = 1024
    response = post(client_a, b"{" + b" " * 300_000 + b"}")
    assert response.status_code == 400
    assert "Filen er for stor" in response.content.decode()


def test_csrf_is_still_checked(editor_a):
    from django.test import Client

    client = Client(enforce_csrf_checks=True)
    client.force_login(editor_a)
    response = client.post(URL, {"file": upload(document(record(1))), "action": "import"})
    assert response.status_code == 403
    assert not Project.objects.filter(uid="upload-1").exists()


def test_editor_cannot_create_for_another_organisation(client_a):
    before = counts()
    odense = record(1, lead_organisation="Odense Kommune", municipalities=["461"])
    response = post(client_a, document(odense, record(2)))
    assert response.status_code == 400
    body = response.content.decode()
    assert (
        "Du kan kun oprette projekter for dine egne organisationer (ikke Odense Kommune)." in body
    )
    assert counts() == before


def test_editor_of_a_cannot_touch_b_s_project_via_upload(client_a, editor_b, org_b):
    theirs = make_project(editor_b, lead=org_b, municipalities=["461"], title="Odenses projekt")
    before = counts()
    # B's project in A's file, even with A's own organisation as the new lead.
    hijack = record(1, id=theirs.uid, title="Overtaget")
    response = post(client_a, document(hijack))
    assert response.status_code == 400
    assert "du har ikke adgang til at redigere det" in response.content.decode()
    theirs.refresh_from_db()
    assert (theirs.title, theirs.lead_organisation_id) == ("Odenses projekt", org_b.pk)
    assert counts() == before


def test_coordinator_may_import_for_any_organisation(client_superuser):
    odense = record(1, lead_organisation="Odense Kommune", municipalities=["461"])
    assert post(client_superuser, document(odense)).status_code == 302
    assert Project.objects.get(uid="upload-1").lead_organisation.name == "Odense Kommune"


def test_user_without_organisation_is_refused(client):
    from smartby.conftest import make_user

    client.force_login(make_user("ingen@example.org"))
    assert client.get(URL).status_code == 403
    response = client.post(URL, {"file": upload(document(record(1))), "action": "import"})
    assert response.status_code == 403
    assert not Project.objects.filter(uid="upload-1").exists()


def test_many_records_are_checked_and_imported(client_a):
    records = [record(i, contacts=[], partners=[]) for i in range(1, 101)]
    doc = {"format": FORMAT, "projects": records}
    response = post(client_a, doc, action="check")
    assert response.status_code == 200
    assert "100 projekter oprettes" in response.content.decode()
    assert Project.objects.filter(uid__startswith="upload-").count() == 0
    assert post(client_a, doc).status_code == 302
    assert Project.objects.filter(uid__startswith="upload-").count() == 100


def test_more_records_than_the_page_imports_at_once_are_refused(client_a, settings):
    settings.IMPORT_MAX_RECORDS = 3
    response = post(client_a, document(*(record(n) for n in range(1, 5))), action="check")
    assert response.status_code == 400
    html = response.content.decode()
    assert "Filen har 4 projekter; der kan højst importeres 3 ad gangen her." in html
    assert "smartby import-projects" in html
    assert not Project.objects.exists()
    ok = post(client_a, document(*(record(n) for n in range(1, 4))))
    assert ok.status_code in (200, 302)
    assert Project.objects.count() == 3
