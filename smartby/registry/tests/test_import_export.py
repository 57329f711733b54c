import json

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from smartby.audit.models import AuditEntry
from smartby.orgs.models import Organisation
from smartby.registry.models import Project
from smartby.registry.tests.helpers import make_project

pytestmark = pytest.mark.django_db


def record(**overrides):
    base = {
        "id": "ext-1",
        "title": "Smart gadebelysning med LoRaWAN",
        "summary": "Lamper dæmpes efter trafik.",
        "description": "Markdown *tekst*.",
        "municipalities": ["740", "751"],
        "lead_organisation": "Silkeborg Kommune",
        "area": "Teknik og miljø",
        "technologies": ["LoRaWAN", "Smart belysning"],
        "status": "drift",
        "start_date": "2022-01-01",
        "end_date": None,
        "budget_dkk": 2500000,
        "funding": [{"kind": "eu", "source": "Interreg", "amount_dkk": 1000000}],
        "partners": [{"organisation": "Lysfirma ApS", "role": "Leverandør"}],
        "benefits": [
            {"kind": "okonomi", "description": "Lavere elregning", "value": 30, "unit": "%"}
        ],
        "contacts": [
            {
                "name": "Offentlig Person",
                "role": "Leder",
                "organisation": "Silkeborg Kommune",
                "email": "off@example.org",
                "phone": "",
                "public": True,
            },
            {
                "name": "Privat Person",
                "role": "",
                "organisation": "",
                "email": "priv@example.org",
                "phone": "",
                "public": False,
            },
        ],
        "links": [{"title": "Om projektet", "url": "https://example.org/lys"}],
        "datasets": [{"title": "Lysdata", "url": "https://example.org/data.csv"}],
        "standards": ["LoRaWAN 1.0.3"],
        "location": {"lat": 56.17, "lon": 9.55},
        "last_verified": "2025-09-01",
    }
    base.update(overrides)
    return base


def document(*records, organisations=None):
    return {
        "format": "smartby-projects/1",
        "organisations": organisations
        if organisations is not None
        else [{"name": "Lysfirma ApS", "kind": "virksomhed", "cvr": "10150817", "website": ""}],
        "projects": list(records),
    }


def write(tmp_path, doc, name="in.json"):
    path = tmp_path / name
    path.write_text(json.dumps(doc, ensure_ascii=False), encoding="utf-8")
    return str(path)


def test_import_creates_everything(tmp_path, capsys):
    call_command("import_projects", write(tmp_path, document(record())))
    p = Project.objects.get(uid="ext-1")
    assert sorted(m.code for m in p.municipalities.all()) == ["740", "751"]
    assert p.lead_organisation.name == "Silkeborg Kommune"
    assert {t.name for t in p.technologies.all()} == {"LoRaWAN", "Smart belysning"}
    assert p.partners.get().organisation.cvr == "10150817"
    assert p.links.count() == 3
    assert p.contacts.count() == 2
    assert AuditEntry.objects.filter(source="import", action="create").count() == 1
    assert "1 oprettet" in capsys.readouterr().out


def test_import_is_idempotent_on_id(tmp_path, capsys):
    path = write(tmp_path, document(record()))
    call_command("import_projects", path)
    call_command("import_projects", path)
    assert Project.objects.count() == 1
    assert "1 uændret" in capsys.readouterr().out
    call_command("import_projects", write(tmp_path, document(record(status="afsluttet")), "b.json"))
    assert Project.objects.get(uid="ext-1").status == "afsluttet"
    assert Project.objects.get(uid="ext-1").contacts.count() == 2


def test_invalid_record_imports_nothing_and_lists_errors(tmp_path, capsys):
    doc = document(
        record(),
        record(id="ext-2", title="", municipalities=["999"], area="Rumfart"),
        record(id="ext-3", location={"lat": 10, "lon": 10}),
    )
    with pytest.raises(CommandError) as exc:
        call_command("import_projects", write(tmp_path, doc))
    assert exc.value.returncode == 2
    err = capsys.readouterr().err
    assert "post 1, id ext-2, felt title" in err
    assert "felt municipalities" in err and "999" in err
    assert "Ukendt område: Rumfart" in err
    assert "post 2, id ext-3, felt locations[0].lat" in err
    assert Project.objects.count() == 0
    assert not Organisation.objects.filter(name="Lysfirma ApS").exists()
    assert AuditEntry.objects.count() == 0


def test_partial_imports_the_valid_records(tmp_path, capsys):
    doc = document(record(), record(id="ext-2", status="ukendt"))
    call_command("import_projects", write(tmp_path, doc), "--partial")
    assert list(Project.objects.values_list("uid", flat=True)) == ["ext-1"]
    captured = capsys.readouterr()
    assert "1 oprettet" in captured.out and "post 1, id ext-2, felt status" in captured.err


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("{not json", "ikke gyldig JSON"),
        ('{"format": "andet/1", "projects": []}', "Ukendt format"),
        ('{"format": "smartby-projects/1", "projects": {}}', "skal være en liste"),
        ("[]", "JSON-objekt"),
    ],
)
def test_bad_files_give_clear_errors(tmp_path, capsys, content, message):
    path = tmp_path / "bad.json"
    path.write_text(content)
    with pytest.raises(CommandError) as exc:
        call_command("import_projects", str(path))
    assert message in str(exc.value) + capsys.readouterr().err


def test_duplicate_ids_in_file_are_rejected(tmp_path, capsys):
    with pytest.raises(CommandError):
        call_command("import_projects", write(tmp_path, document(record(), record())))
    assert "findes flere gange" in capsys.readouterr().err
    assert Project.objects.count() == 0


def test_invalid_cvr_in_organisations_is_reported(tmp_path, capsys):
    doc = document(
        record(), organisations=[{"name": "Lysfirma ApS", "kind": "virksomhed", "cvr": "12345678"}]
    )
    with pytest.raises(CommandError):
        call_command("import_projects", write(tmp_path, doc))
    assert "modulus 11" in capsys.readouterr().err


def test_dry_run_writes_nothing(tmp_path, capsys):
    call_command("import_projects", write(tmp_path, document(record())), "--dry-run")
    assert Project.objects.count() == 0
    assert "Tørkørsel" in capsys.readouterr().out


def test_export_then_import_round_trip(tmp_path, editor_a, django_db_blocker):
    make_project(editor_a)
    out = tmp_path / "export.json"
    call_command("export_projects", "--output", str(out), "--include-private-contacts")
    exported = json.loads(out.read_text())
    assert exported["format"] == "smartby-projects/1"
    first = exported["projects"][0]
    for key in [
        "id",
        "title",
        "summary",
        "description",
        "municipalities",
        "lead_organisation",
        "area",
        "technologies",
        "status",
        "start_date",
        "end_date",
        "budget_dkk",
        "funding",
        "partners",
        "benefits",
        "contacts",
        "links",
        "location",
        "last_verified",
    ]:
        assert key in first
    Project.objects.all().delete()
    call_command("import_projects", str(out))
    again = tmp_path / "again.json"
    call_command("export_projects", "--output", str(again), "--include-private-contacts")

    def strip(d):
        return [
            {k: v for k, v in p.items() if k not in ("created_at", "updated_at")}
            for p in d["projects"]
        ]

    assert strip(json.loads(again.read_text())) == strip(exported)


def test_export_leaves_out_private_contacts_by_default(tmp_path, editor_a):
    make_project(editor_a)
    out = tmp_path / "e.json"
    call_command("export_projects", "--output", str(out))
    text = out.read_text()
    assert "mette@example.org" in text
    assert "jens@example.org" not in text and "Jens Privat" not in text


def test_export_filters(tmp_path, editor_a):
    make_project(editor_a)
    make_project(editor_a, title="Andet", status="drift")
    out = tmp_path / "f.json"
    call_command("export_projects", "--output", str(out), "--filter", "status=drift")
    assert [p["title"] for p in json.loads(out.read_text())["projects"]] == ["Andet"]
