"""Test data for the registry, made through the real operations."""

from typing import Any

from smartby.orgs.models import Organisation
from smartby.registry import operations
from smartby.registry.models import Area, Project, Technology


def project_data(**overrides: Any) -> dict[str, Any]:
    """POST data for ProjectEditor: a valid project led by Aarhus Kommune, with one row in
    each formset. Keys of `overrides` replace fields; formset rows are `prefix-0-field`."""
    lead = overrides.pop("lead", None) or Organisation.objects.get(municipality__code="751")
    data: dict[str, Any] = {
        "title": "Affaldssensorer i kommunale containere",
        "summary": "Sensorer måler fyldningsgraden, så tømning planlægges efter behov.",
        "description": "## Formål\nFærre kørsler og **mindre CO2**.",
        "municipalities": ["751"],
        "lead_organisation": str(lead.pk),
        "area": str(Area.objects.get(name="Forsyning").pk),
        "technologies": [str(Technology.objects.get(name="IoT-sensorer").pk)],
        "status": "pilot",
        "start_date": "2024-03-01",
        "end_date": "2025-12-31",
        "budget_dkk": "1200000",
        "last_verified": "2025-06-01",
    }
    rows: dict[str, list[dict[str, str]]] = {
        "funding": [{"kind": "egen", "source": "Kommunens anlægsbudget", "amount_dkk": "800000"}],
        "partners": [],
        "benefits": [
            {"kind": "klima", "description": "Færre kørsler", "value": "12.5", "unit": "ton CO2"}
        ],
        "contacts": [
            {
                "name": "Mette Hansen",
                "role": "Projektleder",
                "organisation": "Aarhus Kommune",
                "email": "mette@example.org",
                "phone": "+45 12 34 56 78",
                "public": "on",
            },
            {
                "name": "Jens Privat",
                "role": "Tekniker",
                "organisation": "Aarhus Kommune",
                "email": "jens@example.org",
                "phone": "",
            },
        ],
        "links": [{"kind": "link", "title": "Projektside", "url": "https://example.org/affald"}],
        "locations": [{"lat": "56.1567", "lon": "10.2108", "label": "Rådhuspladsen"}],
    }
    for key in list(overrides):
        if key in rows:
            rows[key] = overrides.pop(key)
    data.update(overrides)
    for prefix, items in rows.items():
        data[f"{prefix}-TOTAL_FORMS"] = str(len(items))
        data[f"{prefix}-INITIAL_FORMS"] = "0"
        for i, item in enumerate(items):
            for field, value in item.items():
                data[f"{prefix}-{i}-{field}"] = value
    return data


def edit_data(project: Project, **overrides: Any) -> dict[str, Any]:
    """POST data that keeps `project` as it is (existing rows kept), with overrides."""
    from smartby.registry.forms import ProjectEditor

    editor = ProjectEditor(instance=project)
    data: dict[str, Any] = {}
    for name in editor.form.fields:
        value = editor.form[name].value()
        if value is None:
            value = ""
        if isinstance(value, list | tuple):
            data[name] = [str(getattr(v, "code", v)) for v in value]
        elif hasattr(value, "isoformat"):
            data[name] = value.isoformat()
        else:
            data[name] = str(value)
    data["municipalities"] = [m.code for m in project.municipalities.all()]
    for prefix, fs in editor.formsets.items():
        data[f"{prefix}-TOTAL_FORMS"] = str(len(fs.forms))
        data[f"{prefix}-INITIAL_FORMS"] = str(len(fs.forms))
        for i, form in enumerate(fs.forms):
            for name in form.fields:
                value = form[name].value()
                if name == "project":
                    value = project.pk
                if value is None or value is False:
                    continue
                data[f"{prefix}-{i}-{name}"] = "on" if value is True else str(value)
    data.update(overrides)
    return data


def make_project(actor: Any = None, **overrides: Any) -> Project:
    return operations.create_project(actor, project_data(**overrides))
