import pytest

from smartby.radar import queries
from smartby.radar.queries import Evidence, Move
from smartby.radar.tests.helpers import make_edition, tech
from smartby.registry.tests.helpers import make_project

pytestmark = pytest.mark.django_db


def moves(radar: queries.Radar) -> dict[str, str]:
    return {e.technology.name: e.move for e in radar.entries}


def test_moves_against_the_previous_published_edition():
    make_edition(
        2030,
        [
            ("LoRaWAN", "netvaerk", "afproev"),
            ("AI", "anvendelser", "afvent"),
            ("Droner", "sensorer", "afproev"),
            ("Åbne data", "data", "anvend"),
            ("Blockchain", "netvaerk", "undersoeg"),
        ],
    )
    # A newer draft is not what a later edition is compared with.
    make_edition(2031, [("Robotter", "sensorer", "anvend")], published=False)
    edition = make_edition(
        2032,
        [
            ("LoRaWAN", "netvaerk", "anvend"),  # in
            ("AI", "anvendelser", "undersoeg"),  # in
            ("Droner", "sensorer", "afvent"),  # out
            ("Åbne data", "data", "anvend"),  # unchanged
            ("Digital tvilling", "data", "undersoeg"),  # new
        ],
    )
    radar = queries.radar_for(edition)
    assert radar.previous.year == 2030
    assert moves(radar) == {
        "LoRaWAN": Move.IN,
        "AI": Move.IN,
        "Droner": Move.OUT,
        "Åbne data": Move.UNCHANGED,
        "Digital tvilling": Move.NEW,
    }
    assert [b.technology.name for b in radar.left] == ["Blockchain"]
    lora = next(e for e in radar.entries if e.technology.name == "LoRaWAN")
    assert lora.previous_ring == "afproev"


def test_numbering_by_quadrant_ring_and_name():
    edition = make_edition(
        2030,
        [
            ("AI", "anvendelser", "undersoeg"),
            ("LoRaWAN", "netvaerk", "anvend"),
            ("Droner", "sensorer", "afproev"),
            ("Affaldssensorer", "sensorer", "afproev"),
            ("IoT-sensorer", "sensorer", "anvend"),
        ],
    )
    radar = queries.radar_for(edition)
    assert [(e.number, e.technology.name) for e in radar.entries] == [
        (1, "IoT-sensorer"),
        (2, "Affaldssensorer"),
        (3, "Droner"),
        (4, "LoRaWAN"),
        (5, "AI"),
    ]


def test_the_first_edition_marks_everything_new():
    from smartby.radar.models import Edition

    Edition.objects.all().delete()
    radar = queries.radar_for(make_edition(2030, [("AI", "anvendelser", "anvend")]))
    assert radar.previous is None
    assert moves(radar) == {"AI": Move.NEW}


def test_evidence_counts_distinct_municipalities_by_status(editor_a, coordinator):
    iot, lora = tech("IoT-sensorer"), tech("LoRaWAN")
    ids = lambda *ts: [str(t.pk) for t in ts]  # noqa: E731
    # IoT in pilot: Aarhus twice (counted once) and a joint Aarhus + Odense project.
    make_project(editor_a, title="P1", status="pilot", technologies=ids(iot))
    make_project(editor_a, title="P2", status="pilot", technologies=ids(iot, lora))
    make_project(
        coordinator,
        title="P3",
        status="pilot",
        municipalities=["751", "461"],
        technologies=ids(iot),
    )
    # In operation: Aarhus and Aalborg.
    make_project(editor_a, title="D1", status="drift", technologies=ids(iot))
    make_project(
        coordinator, title="D2", status="drift", municipalities=["851"], technologies=ids(iot)
    )
    # Other statuses do not count.
    make_project(editor_a, title="I1", status="ide", municipalities=["101"], technologies=ids(iot))
    make_project(
        coordinator, title="S1", status="stoppet", municipalities=["147"], technologies=ids(lora)
    )

    evidence = queries.evidence_for([iot.pk, lora.pk, tech("AI").pk])
    assert evidence[iot.pk] == Evidence(pilot=2, operation=2)
    assert evidence[lora.pk] == Evidence(pilot=1, operation=0)
    assert tech("AI").pk not in evidence

    edition = make_edition(
        2030, [("IoT-sensorer", "sensorer", "anvend"), ("AI", "anvendelser", "undersoeg")]
    )
    entries = {e.technology.name: e for e in queries.radar_for(edition).entries}
    assert entries["IoT-sensorer"].evidence == Evidence(pilot=2, operation=2)
    assert entries["AI"].evidence == Evidence()
    assert entries["IoT-sensorer"].pilot_url == "/projekter/?technology=iot-sensorer&status=pilot"
    assert entries["IoT-sensorer"].operation_url == (
        "/projekter/?technology=iot-sensorer&status=drift"
    )


def test_the_evidence_links_filter_the_project_list(client, editor_a, coordinator):
    make_project(editor_a, title="Sensorpilot i Aarhus", status="pilot")
    make_project(coordinator, title="Sensordrift i Odense", status="drift", municipalities=["461"])
    edition = make_edition(2030, [("IoT-sensorer", "sensorer", "anvend")])
    entry = queries.radar_for(edition).entries[0]
    page = client.get(entry.pilot_url).content.decode()
    assert "Sensorpilot i Aarhus" in page and "Sensordrift i Odense" not in page


def test_radar_queries_do_not_grow_with_the_number_of_blips(django_assert_num_queries, editor_a):
    names = ["IoT-sensorer", "LoRaWAN", "AI", "Droner", "Robotter", "Dataplatform"]
    make_project(editor_a, status="pilot")
    small = make_edition(2030, [(n, "sensorer", "anvend") for n in names[:2]])
    large = make_edition(2031, [(n, "data", "afproev") for n in names])
    # previous edition, blips of both editions, evidence
    with django_assert_num_queries(3):
        queries.radar_for(small)
    with django_assert_num_queries(3):
        radar = queries.radar_for(large)
    assert len(radar.entries) == 6


def test_technology_history(coordinator):
    make_edition(2030, [("LoRaWAN", "netvaerk", "afproev")])
    make_edition(2031, [("AI", "anvendelser", "anvend")])
    make_edition(2032, [("LoRaWAN", "netvaerk", "anvend")])
    make_edition(2033, [("LoRaWAN", "netvaerk", "afvent")], published=False)

    public = queries.technology_history(tech("LoRaWAN"), drafts=False)
    placements = [(p.edition.year, p.blip.ring if p.blip else None, p.move) for p in public]
    assert placements[:3] == [
        (2032, "anvend", Move.NEW),
        (2031, None, None),
        (2030, "afproev", Move.OUT),  # Anvend in the reference edition of 2026
    ]
    assert all(p.edition.published for p in public)

    drafts = queries.technology_history(tech("LoRaWAN"), drafts=True)
    assert (drafts[0].edition.year, drafts[0].blip.ring, drafts[0].move) == (
        2033,
        "afvent",
        Move.OUT,
    )
