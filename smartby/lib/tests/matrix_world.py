"""The data behind the permission matrix (test_permission_matrix.py, test_api_permission_matrix.py).

One world per test module, made through the apps' own operations and test helpers: organisations
A (Aarhus, 751) and B (Odense, 461), the five personas, and for every object-level route an
object owned by organisation A. Tests run inside a savepoint of the world's transaction, so what
one case writes never reaches the next.
"""

import datetime as dt
import hashlib
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Any

from django.contrib.auth.tokens import default_token_generator
from django.db import connection, transaction
from django.test import Client, override_settings
from django.utils import timezone
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode

from smartby.accounts.models import Role, User
from smartby.conftest import make_user
from smartby.orgs.models import Organisation

PERSONAS = ("anonymous", "editor_a", "editor_b", "coordinator", "superuser")

# Who is allowed; everybody else must be refused.
ACCESS: dict[str, tuple[str, ...]] = {
    "public": PERSONAS,
    "login": PERSONAS[1:],
    "owner": ("editor_a", "coordinator", "superuser"),  # A's object: A, coordinator, superuser
    "assessor": ("editor_a", "coordinator", "superuser"),  # editor_a assesses the world's round
    "a_only": ("editor_a",),  # editor_a's own: API tokens, subscriptions, scores, results
    "coord": ("coordinator", "superuser"),
    "super": ("superuser",),
    "nobody": (),
}

# Tables a refused request may legitimately touch: the login sessions of the personas, and the
# API's bookkeeping of each request (a token's last use, the anonymous rate-limit counters).
VOLATILE_TABLES = {"django_session", "api_apitoken", "api_ratecounter"}


@dataclass
class World:
    users: dict[str, User] = field(default_factory=dict)
    tokens: dict[str, str] = field(default_factory=dict)
    org_a: Organisation | None = None
    org_b: Organisation | None = None
    ids: dict[str, Any] = field(default_factory=dict)

    def client(self, persona: str, **kwargs: Any) -> Client:
        """A fresh client logged in as `persona` (logging in writes `last_login`: do it before
        taking a snapshot)."""
        c = Client(**kwargs)
        if persona != "anonymous":
            c.force_login(self.users[persona])
        return c

    def api_client(self, persona: str) -> Client:
        """A client sending `persona`'s write token (anonymous: no token)."""
        if persona == "anonymous":
            return Client()
        return Client(headers={"Authorization": f"Bearer {self.tokens[persona]}"})


def snapshot() -> dict[str, str]:
    """A digest per table (except VOLATILE_TABLES) of where each row version lives and which
    (sub)transaction wrote it, in one query: an INSERT, UPDATE or DELETE changes it, and no
    column is read (the municipality geometries are large)."""
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT tablename FROM pg_tables WHERE schemaname = current_schema() ORDER BY 1"
        )
        tables = [t for (t,) in cursor.fetchall() if t not in VOLATILE_TABLES]
        parts = [
            f"SELECT '{t}', md5(coalesce(string_agg(ctid::text || xmin::text, ','"  # noqa: S608
            f" ORDER BY ctid), '')) FROM \"{t}\""
            for t in tables
        ]
        # The names come from pg_tables, not from input.
        cursor.execute(" UNION ALL ".join(parts))
        return dict(cursor.fetchall())


def changed_tables(before: dict[str, str], after: dict[str, str]) -> list[str]:
    return sorted(t for t in before.keys() | after.keys() if before.get(t) != after.get(t))


def build_world() -> World:
    from smartby.api.operations import create_token
    from smartby.cases.tests.helpers import make_business_case, make_use_case
    from smartby.catalogue import operations as catalogue_ops
    from smartby.catalogue.models import Standard
    from smartby.catalogue.tests.helpers import (
        make_solution,
        make_supplier,
        make_use,
        supplier_member,
    )
    from smartby.climate.tests.helpers import set_plan
    from smartby.costs.tests.helpers import make_budget_year, make_collaboration, make_scenario
    from smartby.guides.models import Dimension, Guide
    from smartby.guides.models import Question as AssessmentQuestion
    from smartby.guides.operations import save_result
    from smartby.guides.tests.helpers import answers, assessment
    from smartby.kits.tests.helpers import book, make_event, make_kit
    from smartby.network.tests.helpers import opt_in
    from smartby.portfolio.tests.helpers import add_status, make_goal, make_initiative
    from smartby.priorities import operations as priorities_ops
    from smartby.priorities.models import Recommendation
    from smartby.priorities.tests.helpers import make_round
    from smartby.procurement import operations as procurement_ops
    from smartby.procurement.tests.helpers import clause_data, make_clause
    from smartby.radar.models import Blip
    from smartby.radar.tests.helpers import make_edition
    from smartby.registry.models import Technology
    from smartby.registry.tests.helpers import make_project
    from smartby.reminders.models import Reminder
    from smartby.search import operations as search_ops
    from smartby.subscriptions import operations as subscriptions_ops
    from smartby.surveys import operations as survey_ops
    from smartby.surveys.models import Question as SurveyQuestion
    from smartby.surveys.models import Round as SurveyRound
    from smartby.surveys.models import Survey

    w = World()
    w.org_a = Organisation.objects.get(municipality__code="751")
    w.org_b = Organisation.objects.get(municipality__code="461")
    w.users = {
        "editor_a": make_user("anna@aarhus.example.org", orgs=("751",), name="Anna Aarhus"),
        "editor_b": make_user("bo@odense.example.org", orgs=("461",), name="Bo Odense"),
        "coordinator": make_user(
            "kim@kl.example.org", role=Role.COORDINATOR, name="Kim Koordinator"
        ),
        "superuser": User.objects.create_superuser("root@smartby.example.org", "x-Y-z-42-long"),
    }
    w.tokens = {
        name: create_token(u, name="matrix", scope="write")[1] for name, u in w.users.items()
    }
    editor_a, coordinator = w.users["editor_a"], w.users["coordinator"]
    ids = w.ids

    # registry: two projects led by A (one to merge into the other)
    project = make_project(editor_a, title="Matrix: A's affaldssensorer")
    other = make_project(editor_a, title="Matrix: A's parkeringssensorer")
    ids["project"] = project.slug
    ids["project_pk"] = project.pk
    ids["project_uid"] = project.uid
    ids["other_project"] = other.slug
    ids["technology"] = Technology.objects.order_by("pk").first().slug

    # accounts: editor_b is the "other user" of the user administration
    ids["user"] = w.users["editor_b"].pk
    ids["org_b"] = w.org_b.pk
    ids["uidb64"] = urlsafe_base64_encode(force_bytes(editor_a.pk))
    ids["reset_token"] = default_token_generator.make_token(editor_a)
    ids["api_token_pk"] = create_token(editor_a, name="matrix-revoke", scope="read")[0].pk

    # reminders: a failed reminder about A's project
    now = timezone.now()
    ids["reminder"] = Reminder.objects.create(
        project=project,
        run_date=now.date(),
        email="mette@example.org",
        email_hash=hashlib.sha256(b"mette@example.org").hexdigest(),
        status="failed",
        next_attempt_at=now,
    ).pk

    # subscriptions: editor_a follows a technology
    tech = Technology.objects.order_by("pk").first()
    ids["subscription"] = subscriptions_ops.follow(editor_a, "technology", tech.slug).pk

    # catalogue
    supplier = make_supplier(coordinator, name="Matrix Sensorer ApS")
    solution = make_solution(coordinator, supplier, name="Matrix-sensor")
    ids["supplier"] = supplier.slug
    ids["solution"] = solution.slug
    ids["solution_pk"] = solution.pk
    ids["supplier_pk"] = supplier.pk
    ids["use"] = make_use(editor_a, solution, project).pk
    ids["standard"] = Standard.objects.order_by("pk").first().slug
    ids["standard_pk"] = Standard.objects.order_by("pk").first().pk
    ids["proposal"] = catalogue_ops.propose_supplier_change(
        supplier_member(supplier, "sara@matrix.example.org"),
        supplier,
        {**_supplier_fields(supplier), "description": "Ny tekst."},
    ).pk

    # radar: an unpublished edition of the future, with one blip
    edition = make_edition(2031, [("LoRaWAN", "netvaerk", "afproev")], published=False)
    ids["year"] = edition.year
    ids["blip"] = Blip.objects.filter(edition=edition).first().technology.slug

    # cases: a use case of A with a business case
    use_case = make_use_case(editor_a, title="Matrix: A's use case")
    ids["use_case"] = use_case.slug
    ids["use_case_pk"] = use_case.pk
    business_case = make_business_case(editor_a, use_case)
    ids["business_case"] = business_case.pk

    # procurement: a clause with a pending proposal; a document of A
    clause = make_clause(coordinator, title="Matrix-klausul")
    ids["clause"] = clause.slug
    proposed = procurement_ops.propose_version(
        editor_a,
        clause,
        clause_data(
            title="Matrix-klausul", text="{{leverandør}} leverer data.", change_note="Forslag"
        ),
    )
    ids["version"] = proposed.number
    ids["document"] = procurement_ops.save_document(
        editor_a,
        {
            "titel": "Matrix-kravdokument",
            "ordregiver": "Aarhus Kommune",
            "klausul": [clause.slug],
            "v-leverandør": "Leverandøren",
            "v-ordregiver": "Aarhus Kommune",
            "v-dataformat": "CSV",
        },
        w.org_a.pk,
    ).pk

    # guides + kompetencetjek: a result of A
    guide = Guide.objects.order_by("pk").first()
    ids["guide"] = guide.slug
    ids["guide_version"] = guide.current_version.number if guide.current_version else 1
    ids["result"] = save_result(editor_a, assessment(), w.org_a, answers()).pk
    ids["answers"] = answers()
    ids["org_a"] = w.org_a.slug
    ids["dimension"] = Dimension.objects.order_by("pk").first().pk
    ids["question"] = AssessmentQuestion.objects.order_by("pk").first().pk

    # kits: a kit of A, booked by A; an event organised by A
    kit = make_kit(w.org_a, name="Matrix-kit")
    ids["kit"] = kit.slug
    ids["kit_pk"] = kit.pk
    ids["booking"] = book(editor_a, kit, w.org_a, 10, 12).pk
    ids["booking_start"] = (timezone.localdate() + dt.timedelta(days=30)).isoformat()
    ids["event"] = make_event(editor_a, w.org_a, title="Matrix-møde").pk

    # surveys (seeded survey; a round made for the matrix)
    survey = Survey.objects.order_by("pk").first()
    ids["survey"] = survey.key
    ids["survey_version"] = survey.versions.order_by("number").first().number
    ids["survey_question"] = (
        SurveyQuestion.objects.filter(version__survey=survey).order_by("pk").first().pk
    )
    ids["survey_round"] = (
        SurveyRound.objects.filter(version__survey=survey).order_by("pk").first().key
    )
    today = timezone.localdate()
    ids["open_round"] = survey_ops.create_round(
        coordinator,
        survey,
        {
            "name": "Matrix-runde 2027",
            "opens_on": (today - dt.timedelta(days=1)).isoformat(),
            "closes_on": (today + dt.timedelta(days=30)).isoformat(),
        },
    ).key

    # portfolio: an initiative A is responsible for, with a goal and a status report
    initiative = make_initiative(coordinator, responsible_organisation=str(w.org_a.pk))
    ids["strategy"] = initiative.focus_area.strategy.slug
    ids["initiative"] = initiative.number
    ids["initiative_pk"] = initiative.pk
    goal = make_goal(coordinator, initiative)
    ids["goal"] = goal.pk
    add_status(editor_a, initiative)

    # priorities: a round with editor_a as assessor; evidence on a recommendation
    rnd = make_round(coordinator, assessors=[editor_a], title="Matrix-runde")
    ids["round"] = rnd.slug
    ids["round_proposal"] = rnd.proposals.order_by("pk").first().pk
    ids["assessor"] = rnd.assessors.order_by("pk").first().pk
    recommendation = Recommendation.objects.order_by("number").first()
    ids["recommendation"] = recommendation.number
    ids["evidence"] = priorities_ops.add_evidence(
        coordinator,
        recommendation,
        {"title": "Matrix-link", "url": "https://example.org/m", "added_on": "2026-01-05"},
    ).pk
    ids["progress_year"] = timezone.localdate().year

    # climate: A's municipality has a plan
    set_plan(coordinator, "751")

    # costs
    collaboration = make_collaboration("Matrix-samarbejde")
    budget_year = make_budget_year(collaboration)
    ids["collaboration"] = collaboration.slug
    ids["member"] = collaboration.members.order_by("pk").first().pk
    ids["budget_year"] = budget_year.year
    ids["scenario"] = make_scenario(budget_year).pk

    # search synonyms; network profile of editor_a
    ids["synonym"] = search_ops.create_synonym_group(
        coordinator, {"terms": "matrixord, matrixsynonym"}
    ).pk
    ids["peer"] = opt_in(editor_a).pk
    return w


def _supplier_fields(supplier: Any) -> dict[str, Any]:
    return {
        "organisation": str(supplier.organisation_id),
        "cvr": supplier.organisation.cvr or "",
        "size": supplier.size,
        "description": supplier.description,
        "contact_email": supplier.contact_email,
        "contact_phone": supplier.contact_phone,
        "website": supplier.website,
    }


def world_fixture(django_db_setup: Any, django_db_blocker: Any) -> Iterator[World]:
    """Body of a module-scoped fixture: build the world in a transaction that is rolled back."""
    fast = override_settings(PASSWORD_HASHERS=["django.contrib.auth.hashers.MD5PasswordHasher"])
    with django_db_blocker.unblock(), fast, transaction.atomic():
        world = build_world()
        yield world
        transaction.set_rollback(True)


Builder = Callable[[World], dict[str, Any]]
