import datetime as dt
from io import StringIO
from typing import Any

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db.models import Count, Sum

from smartby.geo.models import Municipality
from smartby.lib.validators import is_valid_cvr
from smartby.orgs.models import Organisation
from smartby.registry import demo
from smartby.registry.forms import ProjectEditor
from smartby.registry.interchange import Lookups, project_to_record, record_to_form_data
from smartby.registry.models import (
    Area,
    Benefit,
    Contact,
    Link,
    Location,
    Project,
    Status,
    Technology,
)

pytestmark = pytest.mark.django_db

NOW = dt.datetime(2026, 6, 15, 12, 0, tzinfo=dt.UTC)
TODAY = NOW.date()


def run(*args: str) -> tuple[str, str]:
    out, err = StringIO(), StringIO()
    call_command("demo", *args, stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def snapshot() -> list[tuple[Any, ...]]:
    """Everything the demo writes, without database ids."""
    rows = []
    projects = Project.objects.order_by("uid").select_related("lead_organisation", "area")
    for p in projects.prefetch_related(
        "municipalities",
        "technologies",
        "funding",
        "partners__organisation",
        "benefits",
        "contacts",
        "links",
        "locations",
    ):
        rows.append(
            (
                p.uid,
                p.slug,
                p.title,
                p.summary,
                p.description,
                p.status,
                p.start_date,
                p.end_date,
                p.budget_dkk,
                p.last_verified,
                p.created_at,
                p.updated_at,
                p.lead_organisation.name,
                p.area.name,
                sorted(m.code for m in p.municipalities.all()),
                sorted(t.name for t in p.technologies.all()),
                [(f.kind, f.source, f.amount_dkk) for f in p.funding.all()],
                [(x.organisation.name, x.role) for x in p.partners.all()],
                [(b.kind, b.description, b.value, b.unit) for b in p.benefits.all()],
                [(c.name, c.role, c.organisation, c.email, c.public) for c in p.contacts.all()],
                [(x.kind, x.title, x.url) for x in p.links.all()],
                [(x.lat, x.lon, x.label) for x in p.locations.all()],
            )
        )
    return rows


def test_command_generates_a_complete_registry() -> None:
    out, err = run("--projects", "300", "--seed", "7")

    assert "300 demoprojekter oprettet" in out
    assert "300/300 projekter" in err
    assert Project.objects.count() == 300
    assert sorted(Project.objects.values_list("uid", flat=True)) == sorted(
        f"demo-7-{i}" for i in range(300)
    )
    # Coverage: every municipality, area, technology and status.
    assert not Municipality.objects.filter(projects__isnull=True).exists()
    assert not Area.objects.filter(projects__isnull=True).exists()
    assert not Technology.objects.filter(projects__isnull=True).exists()
    assert set(Project.objects.values_list("status", flat=True)) == set(Status.values)
    # Joint projects: 2-5 municipalities, roughly 15 %.
    counts = Project.objects.annotate(n=Count("municipalities")).values_list("n", flat=True)
    assert min(counts) == 1 and max(counts) <= 5
    assert 15 <= sum(1 for n in counts if n > 1) <= 80
    # Slugs are unique and fit the field.
    slugs = list(Project.objects.values_list("slug", flat=True))
    assert len(set(slugs)) == 300 and max(map(len, slugs)) <= 120


def test_dates_budgets_and_freshness_are_plausible() -> None:
    demo.generate(300, 11, today=TODAY, now=NOW)

    for p in Project.objects.all():
        if p.start_date and p.end_date:
            assert p.end_date >= p.start_date
        if p.status in (Status.COMPLETED, Status.STOPPED):
            assert p.start_date and p.end_date and p.end_date < TODAY
        if p.status in (Status.PILOT, Status.IMPLEMENTATION, Status.OPERATION):
            assert p.start_date and p.start_date <= TODAY
            assert p.end_date is None or p.end_date > TODAY
        if p.status == Status.OPERATION:
            assert p.end_date is None
        if p.status in (Status.IDEA, Status.PLANNING) and p.start_date:
            assert p.start_date > TODAY
        assert TODAY - dt.timedelta(days=731) <= p.last_verified <= TODAY
        assert p.created_at <= p.updated_at <= NOW
        funded = p.funding.aggregate(total=Sum("amount_dkk"))["total"]
        if p.budget_dkk is not None:
            assert p.budget_dkk > 0 and funded == p.budget_dkk
    # Freshness varies: updated and verified over the whole period, not all today.
    verified = list(Project.objects.values_list("last_verified", flat=True))
    assert min(verified) < TODAY - dt.timedelta(days=500)
    assert max(verified) > TODAY - dt.timedelta(days=60)
    assert len({p.updated_at.date() for p in Project.objects.all()}) > 100


def test_children_organisations_and_locations_are_valid() -> None:
    demo.generate(300, 12, today=TODAY, now=NOW)

    companies = Organisation.objects.filter(kind="virksomhed")
    assert companies.count() >= len(demo.COMPANIES)
    assert all(is_valid_cvr(o.cvr) for o in companies.exclude(cvr=""))
    assert all(
        is_valid_cvr(o.cvr) for o in companies.filter(name__in=[c.name for c in demo.COMPANIES])
    )
    for name in ("Alexandra Instituttet", "Aarhus Universitet", "DTU", "Teknologisk Institut"):
        assert Organisation.objects.get(name=name).kind == "vidensinstitution"

    emails = list(Contact.objects.values_list("email", flat=True))
    assert emails and all(e.endswith(".example.org") or e.endswith("@example.org") for e in emails)
    assert {True, False} == set(Contact.objects.values_list("public", flat=True))

    assert set(Benefit.objects.values_list("kind", flat=True)) == {
        "okonomi",
        "kvalitet",
        "klima",
        "andet",
    }
    measured = Benefit.objects.filter(value__isnull=False)
    assert measured.exists() and not measured.filter(unit="").exists()
    assert set(Link.objects.values_list("kind", flat=True)) == {"link", "datasaet", "standard"}
    assert not Link.objects.filter(kind__in=["link", "datasaet"], url="").exists()

    per_project = Project.objects.annotate(n=Count("locations")).values_list("n", flat=True)
    assert min(per_project) >= 1 and max(per_project) <= 3
    for lat, lon in Location.objects.values_list("lat", "lon"):
        assert 54.5 <= lat <= 57.8 and 8.0 <= lon <= 15.2


def test_demo_content_passes_the_registry_validation() -> None:
    demo.generate(60, 13, today=TODAY, now=NOW)
    lookups = Lookups()

    for p in Project.objects.all():
        data, errors = record_to_form_data(
            project_to_record(p, include_private_contacts=True), lookups, p
        )
        editor = ProjectEditor(data, instance=p)
        assert not errors and editor.is_valid(), (p.uid, errors, editor.errors())


def test_same_seed_gives_the_same_content() -> None:
    demo.generate(120, 5, today=TODAY, now=NOW)
    first = snapshot()
    Project.objects.all().delete()

    demo.generate(120, 5, today=TODAY, now=NOW)

    assert snapshot() == first
    Project.objects.all().delete()
    demo.generate(120, 6, today=TODAY, now=NOW)
    assert [r[2] for r in snapshot()] != [r[2] for r in first]


def test_if_empty_does_nothing_when_projects_exist() -> None:
    out, _ = run("--projects", "20", "--seed", "1", "--if-empty")
    assert "20 demoprojekter oprettet" in out

    out, _ = run("--projects", "20", "--seed", "2", "--if-empty")

    assert "findes allerede projekter" in out
    assert Project.objects.count() == 20


def test_the_same_seed_twice_is_refused_and_another_seed_adds() -> None:
    run("--projects", "10", "--seed", "3")

    with pytest.raises(CommandError, match="seed 3"):
        run("--projects", "10", "--seed", "3")
    run("--projects", "10", "--seed", "4")

    assert Project.objects.count() == 20
    assert Project.objects.filter(uid__startswith="demo-4-").count() == 10


def test_municipality_points_cover_every_municipality_inside_denmark() -> None:
    codes = set(Municipality.objects.values_list("code", flat=True))
    assert set(demo.MUNICIPALITY_POINTS) == codes
    for _town, lat, lon, radius_km in demo.MUNICIPALITY_POINTS.values():
        assert 0 < radius_km <= 3
        margin = radius_km / 60  # degrees, generous at Danish latitudes
        assert 54.5 + margin <= lat <= 57.8 - margin
        assert 8.0 + margin <= lon <= 15.2 - margin


def test_demo_cvr_numbers_pass_modulus_11() -> None:
    numbers = [demo.demo_cvr(o.name) for o in demo.COMPANIES]
    assert all(is_valid_cvr(n) for n in numbers)
    assert len(set(numbers)) == len(numbers)
