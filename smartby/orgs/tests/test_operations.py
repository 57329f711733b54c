"""Organisation operations: create, update and merge, with validation, permissions and audit."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from smartby.accounts.models import Invitation, Membership
from smartby.audit.models import AuditEntry
from smartby.conftest import make_user
from smartby.orgs import operations
from smartby.orgs.models import Organisation
from smartby.registry.models import Partner, Project
from smartby.registry.tests.helpers import make_project

pytestmark = pytest.mark.django_db

VALID_CVR = "10150817"
COMPANY = {
    "name": "Sensorfirmaet ApS",
    "kind": "virksomhed",
    "cvr": VALID_CVR,
    "website": "https://sensorfirmaet.example.dk",
}


def company(actor, **overrides) -> Organisation:
    return operations.create_organisation(actor, {**COMPANY, **overrides})


def audit_for(obj, action: str) -> AuditEntry:
    return AuditEntry.objects.get(
        object_type=obj._meta.label_lower, object_id=str(obj.pk), action=action
    )


# Create


def test_editor_creates_a_company_with_slug_and_audit(editor_a):
    org = company(editor_a)
    assert (org.name, org.kind, org.cvr, org.slug) == (
        "Sensorfirmaet ApS",
        "virksomhed",
        VALID_CVR,
        "sensorfirmaet-aps",
    )
    entry = audit_for(org, "create")
    assert entry.actor == editor_a
    assert entry.changes["name"] == {"old": None, "new": "Sensorfirmaet ApS"}
    assert entry.changes["cvr"] == {"old": None, "new": VALID_CVR}


def test_cvr_may_be_typed_with_prefix_and_spaces(coordinator):
    assert company(coordinator, cvr="DK-10 15 08 17").cvr == VALID_CVR


def test_slugs_are_unique_and_avoid_reserved_addresses(coordinator):
    assert company(coordinator, name="Ny").slug == "ny-2"
    assert company(coordinator, name="Sensor-firmaet ApS").slug == "sensor-firmaet-aps"
    assert company(coordinator, name="Sensorfirmaet ApS!").slug == "sensorfirmaet-aps"
    assert company(coordinator, name="Sensorfirmaet  ApS.").slug == "sensorfirmaet-aps-2"


@pytest.mark.parametrize(
    ("overrides", "field", "message"),
    [
        (
            {"name": "aarhus KOMMUNE"},
            "name",
            "Der findes allerede en organisation med navnet „Aarhus Kommune“.",
        ),
        ({"name": "   "}, "name", "Organisationen skal have et navn."),
        (
            {"cvr": "12345678"},
            "cvr",
            "CVR-nummeret skal være 8 cifre og bestå modulus 11-kontrollen.",
        ),
        (
            {"cvr": "1015081"},
            "cvr",
            "CVR-nummeret skal være 8 cifre og bestå modulus 11-kontrollen.",
        ),
        ({"kind": "kommune"}, "kind", "Vælg en gyldig type."),
        ({"kind": "region"}, "kind", "Vælg en gyldig type."),
        ({"kind": ""}, "kind", "Vælg organisationens type."),
        ({"website": "ikke en adresse"}, "website", "Indtast en gyldig webadresse."),
    ],
)
def test_invalid_input_gives_danish_errors_and_writes_nothing(editor_a, overrides, field, message):
    before = Organisation.objects.count()
    with pytest.raises(ValidationError) as exc:
        company(editor_a, **overrides)
    assert exc.value.message_dict[field] == [message]
    assert Organisation.objects.count() == before
    assert not AuditEntry.objects.exists()


def test_user_without_organisation_cannot_create(db):
    loner = make_user("solo@example.org")
    with pytest.raises(PermissionDenied):
        company(loner)
    assert not Organisation.objects.filter(name=COMPANY["name"]).exists()


def test_anonymous_cannot_create(db):
    from django.contrib.auth.models import AnonymousUser

    with pytest.raises(PermissionDenied):
        company(AnonymousUser())


# Update


def test_member_edits_own_organisation_and_slug_stays(editor_a, org_a):
    operations.update_organisation(
        editor_a, org_a, {"name": org_a.name, "kind": "kommune", "cvr": "55133018", "website": ""}
    )
    org_a.refresh_from_db()
    assert org_a.cvr == "55133018"
    assert audit_for(org_a, "update").changes == {"cvr": {"old": "", "new": "55133018"}}


def test_editor_cannot_rename_or_retype_a_municipality(editor_a, org_a):
    operations.update_organisation(
        editor_a,
        org_a,
        {"name": "Smart City Aarhus", "kind": "virksomhed", "cvr": "", "website": ""},
    )
    org_a.refresh_from_db()
    assert (org_a.name, org_a.kind) == ("Aarhus Kommune", "kommune")
    assert not AuditEntry.objects.exists()


def test_coordinator_renames_a_municipality_but_its_type_is_locked(coordinator, org_a):
    operations.update_organisation(
        coordinator, org_a, {"name": "Aarhus Kommune (ny)", "kind": "andet"}
    )
    org_a.refresh_from_db()
    assert (org_a.name, org_a.kind, org_a.slug) == (
        "Aarhus Kommune (ny)",
        "kommune",
        "aarhus-kommune",
    )


def test_outsider_cannot_edit_and_nothing_changes(editor_b, org_a):
    with pytest.raises(PermissionDenied):
        operations.update_organisation(
            editor_b, org_a, {"name": org_a.name, "kind": "kommune", "cvr": VALID_CVR}
        )
    org_a.refresh_from_db()
    assert org_a.cvr == ""


def test_editor_cannot_edit_a_company_they_are_not_member_of(editor_a, coordinator):
    org = company(coordinator)
    with pytest.raises(PermissionDenied):
        operations.update_organisation(editor_a, org, {**COMPANY, "name": "Andet navn"})


def test_rename_to_existing_name_is_refused(coordinator):
    org = company(coordinator)
    with pytest.raises(ValidationError) as exc:
        operations.update_organisation(coordinator, org, {**COMPANY, "name": "odense kommune"})
    assert exc.value.message_dict["name"] == [
        "Der findes allerede en organisation med navnet „Odense Kommune“."
    ]
    org.refresh_from_db()
    assert org.name == COMPANY["name"]


def test_company_cannot_become_a_municipality(coordinator):
    org = company(coordinator)
    with pytest.raises(ValidationError):
        operations.update_organisation(coordinator, org, {**COMPANY, "kind": "kommune"})
    org.refresh_from_db()
    assert org.kind == "virksomhed"


def test_update_without_changes_writes_no_audit(coordinator):
    org = company(coordinator)
    operations.update_organisation(coordinator, org, COMPANY)
    assert not AuditEntry.objects.filter(action="update").exists()


# Merge


@pytest.fixture
def merge_setup(coordinator, editor_a, org_a, org_b):
    keep = company(coordinator, name="Sensorfirmaet A/S", cvr="")
    dup = company(coordinator, name="Sensorfirmaet", cvr="")
    led = make_project(coordinator, title="Ledet af dubletten", lead=dup)
    # `keep` takes part in a project the duplicate leads: after the merge it leads it instead.
    led_with_keep = make_project(
        coordinator,
        title="Dubletten leder, keep er partner",
        lead=dup,
        partners=[{"organisation": str(keep.pk), "role": "Leverandør"}],
    )
    both = make_project(
        editor_a,
        title="Begge er partnere",
        partners=[
            {"organisation": str(keep.pk), "role": "Leverandør"},
            {"organisation": str(dup.pk), "role": "Dataleverandør"},
        ],
    )
    only_dup = make_project(
        editor_a,
        title="Kun dubletten er partner",
        partners=[{"organisation": str(dup.pk), "role": "Rådgiver"}],
    )
    untouched = make_project(editor_a, title="Uden dubletten")
    member_of_both = make_user("begge@example.org", orgs=())
    member_of_dup = make_user("dub@example.org", orgs=())
    Membership.objects.create(user=member_of_both, organisation=keep)
    Membership.objects.create(user=member_of_both, organisation=dup)
    Membership.objects.create(user=member_of_dup, organisation=dup)
    invitation = Invitation.objects.create(
        email="ny@example.org",
        organisation=dup,
        token_hash="x" * 64,
        expires_at="2099-01-01T00:00:00Z",
    )
    AuditEntry.objects.all().delete()
    return {
        "keep": keep,
        "dup": dup,
        "led": led,
        "led_with_keep": led_with_keep,
        "both": both,
        "only_dup": only_dup,
        "untouched": untouched,
        "member_of_both": member_of_both,
        "member_of_dup": member_of_dup,
        "invitation": invitation,
    }


def test_merge_moves_projects_partnerships_memberships_and_deletes_duplicate(
    coordinator, merge_setup
):
    s = merge_setup
    keep, dup = s["keep"], s["dup"]
    before = {p: Project.objects.get(pk=s[p].pk).updated_at for p in ("led", "untouched")}

    operations.merge_organisations(coordinator, keep, dup)

    assert not Organisation.objects.filter(pk=dup.pk).exists()
    assert set(keep.led_projects.values_list("title", flat=True)) == {
        "Ledet af dubletten",
        "Dubletten leder, keep er partner",
    }
    # A single partnership per project, and none where keep is now lead.
    partner_titles = sorted(
        Partner.objects.filter(organisation=keep).values_list("project__title", flat=True)
    )
    assert partner_titles == ["Begge er partnere", "Kun dubletten er partner"]
    assert s["both"].partners.get(organisation=keep).role == "Leverandør"
    assert s["only_dup"].partners.get(organisation=keep).role == "Rådgiver"
    assert not s["led_with_keep"].partners.exists()
    # Memberships and invitations follow.
    assert set(keep.memberships.values_list("user__email", flat=True)) == {
        "begge@example.org",
        "dub@example.org",
    }
    assert Membership.objects.filter(user=s["member_of_both"]).count() == 1
    s["invitation"].refresh_from_db()
    assert s["invitation"].organisation == keep
    # Changed projects count as updated; others do not.
    assert Project.objects.get(pk=s["led"].pk).updated_at > before["led"]
    assert Project.objects.get(pk=s["untouched"].pk).updated_at == before["untouched"]


def test_merge_is_audited_on_both_organisations_and_each_project(coordinator, merge_setup):
    s = merge_setup
    keep, dup = s["keep"], s["dup"]
    dup_pk = dup.pk
    operations.merge_organisations(coordinator, keep, dup)

    merge = audit_for(keep, "merge")
    assert merge.actor == coordinator
    assert merge.changes["merged"] == {"old": "Sensorfirmaet", "new": "Sensorfirmaet A/S"}
    assert merge.changes["led_projects"]["new"] == 2
    assert merge.changes["partnerships"]["new"] == 1
    assert merge.changes["partnerships_dropped"]["new"] == 1
    assert merge.changes["memberships"]["new"] == 1
    assert merge.changes["invitations"]["new"] == 1
    deleted = AuditEntry.objects.get(
        object_type="orgs.organisation", object_id=str(dup_pk), action="delete"
    )
    assert deleted.changes["merged_into"] == {"old": None, "new": keep.slug}
    assert audit_for(s["led"], "update").changes == {
        "lead_organisation": {"old": "Sensorfirmaet", "new": "Sensorfirmaet A/S"}
    }
    assert audit_for(s["only_dup"], "update").changes == {
        "partners": {"old": "Sensorfirmaet", "new": "Sensorfirmaet A/S"}
    }
    assert not AuditEntry.objects.filter(object_id=str(s["untouched"].pk)).exists()


@pytest.mark.parametrize("persona", ["editor_a", "editor_b"])
def test_editors_cannot_merge_and_nothing_changes(request, persona, merge_setup):
    s = merge_setup
    with pytest.raises(PermissionDenied):
        operations.merge_organisations(request.getfixturevalue(persona), s["keep"], s["dup"])
    assert Organisation.objects.filter(pk=s["dup"].pk).exists()
    assert s["dup"].led_projects.count() == 2
    assert not AuditEntry.objects.exists()


def test_municipality_cannot_be_merged_away(coordinator, org_a, org_b):
    with pytest.raises(ValidationError) as exc:
        operations.merge_organisations(coordinator, org_b, org_a)
    assert "referencedata" in exc.value.message_dict["keep"][0]
    assert Organisation.objects.filter(pk=org_a.pk).exists()


def test_duplicate_merges_into_a_municipality(coordinator, org_a):
    dup = company(coordinator, name="Århus Kommune", kind="andet", cvr="")
    make_project(coordinator, title="Fejlregistreret", lead=dup)
    operations.merge_organisations(coordinator, org_a, dup)
    assert org_a.led_projects.filter(title="Fejlregistreret").exists()


def test_organisation_cannot_merge_with_itself(coordinator):
    org = company(coordinator)
    with pytest.raises(ValidationError) as exc:
        operations.merge_organisations(coordinator, org, org)
    assert exc.value.message_dict["keep"] == [
        "En organisation kan ikke lægges sammen med sig selv."
    ]
    assert Organisation.objects.filter(pk=org.pk).exists()
