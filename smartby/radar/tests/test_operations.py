import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from smartby.audit.models import AuditEntry
from smartby.lib.errors import ValidationFailed
from smartby.radar import operations
from smartby.radar.models import Blip, Edition
from smartby.radar.tests.helpers import make_edition, tech
from smartby.registry import taxonomy

pytestmark = pytest.mark.django_db

EDITORS = ["editor_a", "editor_b"]


@pytest.fixture
def edition():
    return make_edition(
        2030,
        [("LoRaWAN", "netvaerk", "afproev"), ("AI", "anvendelser", "undersoeg")],
        published=False,
    )


def fields(exc: pytest.ExceptionInfo) -> dict[str, str]:
    return {e["field"]: e["message"] for e in exc.value.errors}


def test_create_edition_copies_the_latest_edition(coordinator, edition):
    new = operations.create_edition(coordinator, {"year": "2031", "title": "Radar 2031"})

    assert not new.published
    copied = {(b.technology.name, b.quadrant, b.ring, b.rationale) for b in new.blips.all()}
    original = {(b.technology.name, b.quadrant, b.ring, b.rationale) for b in edition.blips.all()}
    assert copied == original
    entry = AuditEntry.objects.get(object_type="radar.edition", object_id=str(new.pk))
    assert entry.action == "create"
    assert entry.changes["copied_from"] == {"old": None, "new": 2030}
    assert entry.changes["blips"] == {"old": None, "new": 2}


@pytest.mark.parametrize(
    ("data", "field", "message"),
    [
        ({"year": "2026", "title": "x"}, "year", "Der findes allerede en udgave for 2026."),
        ({"year": "1999", "title": "x"}, "year", "Året skal være 2000 eller senere."),
        ({"year": "tyve", "title": "x"}, "year", "Skriv året som et tal, fx 2027."),
        ({"year": "2032", "title": "  "}, "title", "Skriv en titel."),
        ({"year": "2032", "title": "a\x00b"}, "title", "Null-tegn er ikke tilladte."),
    ],
)
def test_create_edition_validation(coordinator, data, field, message):
    before = Edition.objects.count()
    with pytest.raises(ValidationFailed) as exc:
        operations.create_edition(coordinator, data)
    assert fields(exc)[field] == message
    assert Edition.objects.count() == before


def test_update_edition_audits_changes(coordinator, edition):
    operations.update_edition(
        coordinator, edition, {"title": "Ny titel", "introduction": "## Intro\n\x07Tekst"}
    )
    edition.refresh_from_db()
    assert edition.title == "Ny titel"
    assert edition.introduction == "## Intro\nTekst"
    entry = AuditEntry.objects.get(object_type="radar.edition", action="update")
    assert set(entry.changes) == {"title", "introduction"}


def test_publish_edition(coordinator, edition):
    operations.publish_edition(coordinator, edition)
    edition.refresh_from_db()
    assert edition.published and edition.published_at
    assert AuditEntry.objects.filter(object_type="radar.edition", action="publish").exists()
    with pytest.raises(ValidationFailed) as exc:
        operations.publish_edition(coordinator, edition)
    assert fields(exc)[""] == "Udgaven er allerede udgivet."


def test_an_empty_edition_cannot_be_published(coordinator):
    empty = make_edition(2031, published=False)
    with pytest.raises(ValidationFailed) as exc:
        operations.publish_edition(coordinator, empty)
    assert "mindst én teknologi" in fields(exc)[""]
    empty.refresh_from_db()
    assert not empty.published


def test_delete_edition_only_drafts(coordinator, edition):
    published = make_edition(2031, [("AI", "anvendelser", "anvend")])
    with pytest.raises(ValidationFailed):
        operations.delete_edition(coordinator, published)
    operations.delete_edition(coordinator, edition)
    assert not Edition.objects.filter(pk=edition.pk).exists()
    assert not Blip.objects.filter(edition_id=edition.pk).exists()
    assert Edition.objects.filter(pk=published.pk).exists()


def test_add_blip(coordinator, edition):
    blip = operations.add_blip(
        coordinator,
        edition,
        {
            "technology": "droner",
            "quadrant": "sensorer",
            "ring": "afproev",
            "rationale": "Droner inspicerer broer.",
        },
    )
    assert (blip.technology.name, blip.quadrant, blip.ring) == ("Droner", "sensorer", "afproev")
    entry = AuditEntry.objects.get(object_type="radar.blip", object_id=str(blip.pk))
    assert entry.changes["ring"] == {"old": None, "new": "afproev"}


@pytest.mark.parametrize(
    ("data", "field", "message"),
    [
        (
            {"technology": "lorawan", "quadrant": "netvaerk", "ring": "anvend", "rationale": "x"},
            "technology",
            "Vælg en teknologi fra listen, som ikke allerede er på radaren.",
        ),
        (
            {"technology": "dro\x00ner", "quadrant": "x", "ring": "anvend", "rationale": "x"},
            "quadrant",
            "Vælg en af de fire kvadranter.",
        ),
        (
            {"technology": "droner", "quadrant": "sensorer", "ring": "", "rationale": "x"},
            "ring",
            "Vælg en ring.",
        ),
        (
            {"technology": "droner", "quadrant": "sensorer", "ring": "anvend", "rationale": " "},
            "rationale",
            "Skriv en begrundelse.",
        ),
        (
            {"technology": "ukendt", "quadrant": "sensorer", "ring": "anvend", "rationale": "x"},
            "technology",
            "Vælg en teknologi fra listen, som ikke allerede er på radaren.",
        ),
    ],
)
def test_add_blip_validation(coordinator, edition, data, field, message):
    with pytest.raises(ValidationFailed) as exc:
        operations.add_blip(coordinator, edition, data)
    assert fields(exc)[field] == message
    assert edition.blips.count() == 2
    assert not AuditEntry.objects.exists()


def test_moving_a_blip_needs_a_new_rationale(coordinator, edition):
    blip = edition.blips.get(technology__name="LoRaWAN")
    with pytest.raises(ValidationFailed) as exc:
        operations.update_blip(coordinator, blip, {"ring": "anvend"})
    assert fields(exc)["rationale"] == (
        "Teknologien flyttes: skriv en ny begrundelse for flytningen."
    )
    blip.refresh_from_db()
    assert blip.ring == "afproev"

    operations.update_blip(
        coordinator, blip, {"ring": "anvend", "rationale": "Fælles net i 12 kommuner."}
    )
    blip.refresh_from_db()
    assert blip.ring == "anvend"
    entry = AuditEntry.objects.get(object_type="radar.blip", action="move")
    assert entry.changes["ring"] == {"old": "afproev", "new": "anvend"}
    assert entry.changes["rationale"]["new"] == "Fælles net i 12 kommuner."


def test_rewording_a_blip_is_an_update(coordinator, edition):
    blip = edition.blips.get(technology__name="AI")
    operations.update_blip(coordinator, blip, {"rationale": "Bedre begrundelse."})
    assert AuditEntry.objects.get(object_type="radar.blip").action == "update"


def test_remove_blip_needs_a_reason_which_is_audited(coordinator, edition):
    blip = edition.blips.get(technology__name="AI")
    with pytest.raises(ValidationFailed) as exc:
        operations.remove_blip(coordinator, blip, {"reason": ""})
    assert fields(exc)["reason"] == "Skriv en begrundelse."
    assert Blip.objects.filter(pk=blip.pk).exists()

    operations.remove_blip(coordinator, blip, {"reason": "Ingen efterspørgsel."})
    assert not Blip.objects.filter(pk=blip.pk).exists()
    entry = AuditEntry.objects.get(object_type="radar.blip", action="delete")
    assert entry.changes["reason"] == {"old": None, "new": "Ingen efterspørgsel."}
    assert entry.changes["technology"] == {"old": "AI", "new": None}


@pytest.mark.parametrize("persona", ["anonymous", *EDITORS])
def test_every_operation_refuses_non_coordinators(request, persona, edition):
    from django.contrib.auth.models import AnonymousUser

    user = AnonymousUser() if persona == "anonymous" else request.getfixturevalue(persona)
    blip = edition.blips.get(technology__name="AI")
    attempts = [
        lambda: operations.create_edition(user, {"year": "2031", "title": "x"}),
        lambda: operations.update_edition(user, edition, {"title": "x", "introduction": ""}),
        lambda: operations.publish_edition(user, edition),
        lambda: operations.delete_edition(user, edition),
        lambda: operations.add_blip(
            user,
            edition,
            {"technology": "droner", "quadrant": "sensorer", "ring": "anvend", "rationale": "x"},
        ),
        lambda: operations.update_blip(user, blip, {"ring": "anvend", "rationale": "y"}),
        lambda: operations.remove_blip(user, blip, {"reason": "z"}),
    ]
    for attempt in attempts:
        with pytest.raises(PermissionDenied):
            attempt()
    edition.refresh_from_db()
    assert (edition.title, edition.published, edition.blips.count()) == (
        "Teknologiradar 2030",
        False,
        2,
    )
    assert not Edition.objects.filter(year=2031).exists()
    assert not AuditEntry.objects.exists()


def test_superuser_may_edit(superuser, edition):
    operations.publish_edition(superuser, edition)
    assert Edition.objects.get(pk=edition.pk).published


def test_a_technology_on_the_radar_cannot_be_deleted_from_the_taxonomy(coordinator, edition):
    with pytest.raises(ValidationError) as exc:
        taxonomy.delete_term(coordinator, tech("LoRaWAN"))
    assert exc.value.messages == [
        "Teknologien „LoRaWAN“ er placeret på teknologiradaren og kan ikke slettes. "
        "Læg den sammen med en anden teknologi i stedet."
    ]
    assert edition.blips.filter(technology__name="LoRaWAN").exists()
    assert not AuditEntry.objects.filter(action="delete").exists()


def test_merging_technologies_moves_their_blips(coordinator, edition):
    other = make_edition(2031, [("Droner", "sensorer", "afproev")], published=False)
    both = make_edition(
        2032, [("Droner", "sensorer", "afvent"), ("AI", "anvendelser", "anvend")], published=False
    )
    taxonomy.merge_terms(coordinator, tech("AI"), tech("Droner"))

    assert list(other.blips.values_list("technology__name", "ring")) == [("AI", "afproev")]
    # Both on one edition: the kept technology's blip stays.
    assert list(both.blips.values_list("technology__name", "ring")) == [("AI", "anvend")]
