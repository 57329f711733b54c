import xml.etree.ElementTree as ET  # parses our own output only

import pytest

from smartby.radar import queries, svg
from smartby.radar.models import Edition, Quadrant, Ring
from smartby.radar.tests.helpers import make_edition

pytestmark = pytest.mark.django_db

NS = {"svg": "http://www.w3.org/2000/svg"}


def drawing(edition: Edition, **kwargs) -> tuple[ET.Element, queries.Radar]:
    radar = queries.radar_for(edition)
    urls = {e.number: e.blip.get_absolute_url() for e in radar.entries}
    return ET.fromstring(  # noqa: S314
        svg.render(radar, url_of=urls, **kwargs).removeprefix(
            '<?xml version="1.0" encoding="UTF-8"?>\n'
        )
    ), radar


def test_the_reference_edition_draws_one_link_per_blip():
    edition = Edition.objects.get(year=2026)
    root, radar = drawing(edition)
    links = root.findall(".//svg:a", NS)
    assert len(links) == len(radar.entries) == edition.blips.count() >= 18
    lora = next(a for a in links if "LoRaWAN" in a.get("aria-label"))
    assert lora.get("href") == "/teknologiradar/teknologi/lorawan/"
    assert lora.find("svg:title", NS).text == lora.get("aria-label")
    assert "Anvend" in lora.get("aria-label") and "Netværk og forbindelse" in lora.get("aria-label")
    numbers = [a.find("svg:text", NS).text for a in links]
    assert numbers == [str(n) for n in range(1, len(links) + 1)]


def test_blips_sit_in_their_cell_and_do_not_overlap():
    radar = queries.radar_for(Edition.objects.get(year=2026))
    positions = svg.place(radar.entries)
    for entry in radar.entries:
        p = positions[entry.number]
        dx, dy = p.x - svg.CENTRE, p.y - svg.CENTRE
        radius = (dx**2 + dy**2) ** 0.5
        ring = entry.blip.ring_index
        assert svg.RING_EDGES[ring] < radius < svg.RING_EDGES[ring + 1]
        # Clear of the ring names on the vertical axis and of the horizontal axis.
        assert abs(dx) >= svg.LABEL_MARGIN - 0.01 and abs(dy) >= svg.EDGE_MARGIN - 0.01
        quadrant = {(True, False): 0, (True, True): 1, (False, True): 2, (False, False): 3}[
            (dx > 0, dy > 0)
        ]
        assert quadrant == entry.blip.quadrant_index, entry.technology.name
    points = list(positions.values())
    closest = min(a.distance(b) for i, a in enumerate(points) for b in points[i + 1 :])
    assert closest >= svg.MIN_DISTANCE


def test_a_crowded_cell_keeps_blips_apart():
    names = [
        "IoT-sensorer", "LoRaWAN", "AI", "Droner", "Robotter", "Dataplatform", "Åbne data",
        "Smart belysning", "Trafikstyring", "Telemedicin",
    ]  # fmt: skip
    radar = queries.radar_for(make_edition(2030, [(n, "data", "anvend") for n in names]))
    points = list(svg.place(radar.entries).values())
    # Ten in the innermost cell: apart, if not always by the preferred distance.
    assert min(a.distance(b) for i, a in enumerate(points) for b in points[i + 1 :]) > (
        2 * svg.BLIP_RADIUS + 2
    )


def test_positions_are_stable_per_technology():
    first = make_edition(2030, [("LoRaWAN", "netvaerk", "anvend"), ("AI", "anvendelser", "afvent")])
    later = make_edition(
        2031,
        [
            ("LoRaWAN", "netvaerk", "anvend"),
            ("AI", "anvendelser", "afvent"),
            ("Droner", "sensorer", "afproev"),
        ],
    )

    def by_name(edition: Edition) -> dict[str, svg.Point]:
        radar = queries.radar_for(edition)
        positions = svg.place(radar.entries)
        return {e.technology.name: positions[e.number] for e in radar.entries}

    a, b = by_name(first), by_name(later)
    assert a["LoRaWAN"] == b["LoRaWAN"] and a["AI"] == b["AI"]
    assert by_name(first) == a  # deterministic


def test_standalone_file_has_heading_list_and_absolute_links():
    edition = make_edition(2030, [("LoRaWAN", "netvaerk", "anvend")])
    radar = queries.radar_for(edition)
    body = svg.render(
        radar,
        url_of={1: "https://smartby.example/teknologiradar/teknologi/lorawan/"},
        standalone=True,
    )
    assert body.startswith('<?xml version="1.0" encoding="UTF-8"?>')
    root = ET.fromstring(body.split("\n", 1)[1])  # noqa: S314
    texts = [t.text for t in root.iter(f"{{{NS['svg']}}}text")]
    assert "Teknologiradar 2030" in texts
    assert "1. LoRaWAN – Anvend" in texts
    assert root.find(".//svg:a", NS).get("href").startswith("https://")
    for label in [str(q.label) for q in Quadrant] + [str(r.label) for r in Ring]:
        assert label in texts


def test_active_quadrant_dims_the_others():
    edition = make_edition(
        2030, [("LoRaWAN", "netvaerk", "anvend"), ("AI", "anvendelser", "afvent")]
    )
    root, _ = drawing(edition, active_quadrant="netvaerk")
    classes = {a.get("data-quadrant"): a.get("class") for a in root.findall(".//svg:a", NS)}
    assert classes == {"netvaerk": "radar-blip", "anvendelser": "radar-blip is-dimmed"}
