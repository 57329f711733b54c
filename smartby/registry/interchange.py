"""The interchange format `smartby-projects/1` used by export, import and the API.

    {"format": "smartby-projects/1",
     "organisations": [{"name", "kind", "cvr", "website"}, ...],   # optional, see below
     "projects": [{"id", "title", "summary", "description", "municipalities", "lead_organisation",
                   "area", "technologies", "status", "start_date", "end_date", "budget_dkk",
                   "funding", "partners", "benefits", "contacts", "links", "datasets",
                   "standards", "location", "locations", "last_verified"}, ...]}

Organisations are referred to by name. `organisations` lists the ones a file refers to that are
not reference data (companies, institutions...), so a file can be imported into an empty
installation; an import creates those that are missing.
"""

from collections.abc import Iterable, Iterator
from decimal import Decimal
from typing import Any

from django.db.models import Prefetch, QuerySet

from smartby.orgs.models import Organisation
from smartby.registry.models import Area, Contact, LinkKind, Project, Technology

FORMAT = "smartby-projects/1"
LIST_KEYS = ("funding", "partners", "benefits", "contacts", "links", "locations")


def export_queryset(qs: QuerySet[Project]) -> QuerySet[Project]:
    """Prefetch what `project_to_record` reads (a constant number of queries per chunk)."""
    return qs.select_related("lead_organisation", "area").prefetch_related(
        Prefetch("municipalities", to_attr="_municipalities"),
        Prefetch("technologies", to_attr="_technologies"),
        "funding",
        Prefetch("partners", to_attr="_partners_list"),
        "partners__organisation",
        "benefits",
        "contacts",
        "links",
        "locations",
    )


def _date(value: Any) -> str | None:
    return value.isoformat() if value else None


def _number(value: Decimal | None) -> float | int | None:
    if value is None:
        return None
    return int(value) if value == value.to_integral_value() else float(value)


def contact_record(c: Contact, *, private: bool) -> dict[str, Any]:
    record = {"name": c.name, "role": c.role, "organisation": c.organisation, "public": c.public}
    if private or c.public:
        record |= {"email": c.email, "phone": c.phone}
    return record


def project_to_record(p: Project, *, include_private_contacts: bool = False) -> dict[str, Any]:
    """One project in the interchange format. Contacts who have not consented to publication
    are left out unless `include_private_contacts` (the full backup export)."""
    municipalities = getattr(p, "_municipalities", None) or p.municipalities.all()
    technologies = getattr(p, "_technologies", None) or p.technologies.all()
    links = list(p.links.all())
    locations = list(p.locations.all())
    contacts = [c for c in p.contacts.all() if include_private_contacts or c.public]
    return {
        "id": p.uid,
        "slug": p.slug,
        "title": p.title,
        "summary": p.summary,
        "description": p.description,
        "municipalities": sorted(m.code for m in municipalities),
        "lead_organisation": p.lead_organisation.name,
        "area": p.area.name,
        "technologies": sorted(t.name for t in technologies),
        "status": p.status,
        "start_date": _date(p.start_date),
        "end_date": _date(p.end_date),
        "budget_dkk": p.budget_dkk,
        "funding": [
            {"kind": f.kind, "source": f.source, "amount_dkk": f.amount_dkk}
            for f in p.funding.all()
        ],
        "partners": [
            {"organisation": pa.organisation.name, "role": pa.role} for pa in p.partners.all()
        ],
        "benefits": [
            {
                "kind": b.kind,
                "description": b.description,
                "value": _number(b.value),
                "unit": b.unit,
            }
            for b in p.benefits.all()
        ],
        "contacts": [contact_record(c, private=include_private_contacts) for c in contacts],
        "links": [{"title": x.title, "url": x.url} for x in links if x.kind == LinkKind.LINK],
        "datasets": [{"title": x.title, "url": x.url} for x in links if x.kind == LinkKind.DATASET],
        "standards": [x.title for x in links if x.kind == LinkKind.STANDARD],
        "location": {"lat": locations[0].lat, "lon": locations[0].lon} if locations else None,
        "locations": [{"lat": x.lat, "lon": x.lon, "label": x.label} for x in locations],
        "last_verified": _date(p.last_verified),
        "created_at": p.created_at.isoformat() if p.created_at else None,
        "updated_at": p.updated_at.isoformat() if p.updated_at else None,
    }


def organisation_record(o: Organisation) -> dict[str, Any]:
    return {"name": o.name, "kind": o.kind, "cvr": o.cvr, "website": o.website}


def iter_records(
    qs: QuerySet[Project], *, include_private_contacts: bool = False, chunk_size: int = 500
) -> Iterator[dict[str, Any]]:
    for p in export_queryset(qs).iterator(chunk_size=chunk_size):
        yield project_to_record(p, include_private_contacts=include_private_contacts)


def referenced_organisations(qs: QuerySet[Project]) -> QuerySet[Organisation]:
    """Non-reference organisations that the projects lead or partner with."""
    ids = set(qs.values_list("lead_organisation_id", flat=True))
    ids |= set(qs.values_list("partners__organisation_id", flat=True))
    ids.discard(None)
    return Organisation.objects.filter(
        pk__in=ids, municipality__isnull=True, region__isnull=True
    ).exclude(kind="national")


# --- import: a record becomes form data for registry.forms.ProjectEditor -------------------


class Lookups:
    """Name -> id maps for organisations, areas and technologies (loaded once per import)."""

    def __init__(self) -> None:
        self.orgs = {
            name.casefold(): pk for pk, name in Organisation.objects.values_list("pk", "name")
        }
        self.areas = {name.casefold(): pk for pk, name in Area.objects.values_list("pk", "name")}
        self.techs = {
            name.casefold(): slug for slug, name in Technology.objects.values_list("pk", "name")
        }


def _text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else ""
    return str(value)


def record_to_form_data(
    record: dict[str, Any], lookups: Lookups, existing: Project | None = None
) -> tuple[dict[str, Any], list[dict[str, str]]]:
    """Turn one interchange record into POST-like data for ProjectEditor.

    Returns the data and the errors that are found before the forms run (unknown names,
    wrong types of containers); field values themselves are validated by the forms.
    """
    errors: list[dict[str, str]] = []
    data: dict[str, Any] = {}

    def err(field: str, message: str) -> None:
        errors.append({"field": field, "message": message})

    for key in (
        "title",
        "summary",
        "description",
        "status",
        "start_date",
        "end_date",
        "last_verified",
    ):
        data[key] = _text(record.get(key))
    data["budget_dkk"] = _text(record.get("budget_dkk"))

    municipalities = record.get("municipalities") or []
    if not isinstance(municipalities, list):
        err("municipalities", "Skal være en liste af kommunekoder.")
        municipalities = []
    data["municipalities"] = [_text(c).zfill(3) for c in municipalities]

    def lookup(table: dict, value: Any, field: str, label: str) -> Any:
        if value in (None, ""):
            return ""
        found = table.get(_text(value).casefold())
        if found is None:
            err(field, f"Ukendt {label}: {value}.")
            return ""
        return found

    data["lead_organisation"] = lookup(
        lookups.orgs, record.get("lead_organisation"), "lead_organisation", "organisation"
    )
    data["area"] = lookup(lookups.areas, record.get("area"), "area", "område")
    techs = record.get("technologies") or []
    if not isinstance(techs, list):
        err("technologies", "Skal være en liste af teknologinavne.")
        techs = []
    data["technologies"] = [lookup(lookups.techs, t, "technologies", "teknologi") for t in techs]

    rows: dict[str, list[dict[str, Any]]] = {}
    for key in ("funding", "partners", "benefits", "contacts"):
        value = record.get(key) or []
        if not isinstance(value, list) or not all(isinstance(x, dict) for x in value):
            err(key, "Skal være en liste af objekter.")
            value = []
        rows[key] = value
    rows["partners"] = [
        {
            "organisation": lookup(
                lookups.orgs, p.get("organisation"), f"partners[{i}].organisation", "organisation"
            ),
            "role": p.get("role"),
        }
        for i, p in enumerate(rows["partners"])
    ]
    links: list[dict[str, Any]] = []
    for key, kind in (("links", LinkKind.LINK), ("datasets", LinkKind.DATASET)):
        value = record.get(key) or []
        if not isinstance(value, list) or not all(isinstance(x, dict) for x in value):
            err(key, "Skal være en liste af objekter med title og url.")
            value = []
        links += [{"kind": kind, "title": x.get("title"), "url": x.get("url")} for x in value]
    standards = record.get("standards") or []
    if not isinstance(standards, list):
        err("standards", "Skal være en liste af navne.")
        standards = []
    links += [{"kind": LinkKind.STANDARD, "title": s, "url": ""} for s in standards]
    rows["links"] = links

    locations = record.get("locations")
    if locations is None:
        locations = [record["location"]] if record.get("location") else []
    if not isinstance(locations, list) or not all(isinstance(x, dict) for x in locations):
        err("locations", "Skal være en liste af {lat, lon}.")
        locations = []
    rows["locations"] = locations

    for key in LIST_KEYS:
        _formset_data(data, key, rows[key], existing)
    return data, errors


def _formset_data(
    data: dict[str, Any], key: str, items: list[dict[str, Any]], existing: Project | None
) -> None:
    """Formset rows that replace the existing project's rows: existing rows are reused
    (updated) and the surplus deleted. Partners are matched by organisation, so a partner that
    stays keeps its row and the unique (project, organisation) rule holds."""
    old_ids: list[int] = []
    if existing is not None and existing.pk:
        old_ids = list(getattr(existing, key).order_by("id").values_list("pk", flat=True))
    if key == "partners" and old_ids:
        by_org = dict(existing.partners.values_list("organisation_id", "pk"))
        matched, fresh = [], []
        for item in items:
            org = _text(item.get("organisation"))
            pk = by_org.pop(int(org), None) if org.isdigit() else None
            (matched if pk else fresh).append((pk, item))
        rows = matched + [(pk, None) for pk in by_org.values()] + [(None, it) for _, it in fresh]
    else:
        n = max(len(items), len(old_ids))
        rows = [
            (old_ids[i] if i < len(old_ids) else None, items[i] if i < len(items) else None)
            for i in range(n)
        ]
    data[f"{key}-TOTAL_FORMS"] = str(len(rows))
    data[f"{key}-INITIAL_FORMS"] = str(sum(pk is not None for pk, _ in rows))
    for i, (pk, item) in enumerate(rows):
        if pk is not None:
            data[f"{key}-{i}-id"] = str(pk)
            data[f"{key}-{i}-project"] = str(existing.pk)
        if item is None:
            data[f"{key}-{i}-DELETE"] = "on"
        else:
            for field, value in item.items():
                data[f"{key}-{i}-{field}"] = _text(value)


def load_document(document: Any) -> tuple[list[dict[str, Any]], list[dict[str, Any]], list[str]]:
    """Check the envelope; return (organisations, projects, errors)."""
    if not isinstance(document, dict):
        return [], [], ["Filen skal indeholde et JSON-objekt."]
    if document.get("format") != FORMAT:
        return [], [], [f'Ukendt format: {document.get("format")!r} (forventet "{FORMAT}").']
    projects = document.get("projects")
    organisations = document.get("organisations", [])
    errors = []
    if not isinstance(projects, list) or not all(isinstance(p, dict) for p in projects):
        errors.append('"projects" skal være en liste af objekter.')
    if not isinstance(organisations, list) or not all(isinstance(o, dict) for o in organisations):
        errors.append('"organisations" skal være en liste af objekter.')
    return (organisations if not errors else []), (projects if not errors else []), errors


def project_uids(records: Iterable[dict[str, Any]]) -> list[str]:
    return [_text(r.get("id")) for r in records]
