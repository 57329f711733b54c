import pytest

from smartby.radar import demo, queries, reference
from smartby.radar.models import Blip, Edition
from smartby.radar.queries import Move

pytestmark = pytest.mark.django_db


def test_the_reference_edition_is_complete():
    edition = Edition.objects.get(year=reference.YEAR)
    assert edition.published and edition.published_at
    names = set(edition.blips.values_list("technology__name", flat=True))
    assert names == {name for name, *_ in reference.BLIPS}
    assert len(names) == 20
    assert set(edition.blips.values_list("quadrant", flat=True)) == {
        "sensorer",
        "netvaerk",
        "data",
        "anvendelser",
    }
    assert set(edition.blips.values_list("ring", flat=True)) == {
        "anvend",
        "afproev",
        "undersoeg",
        "afvent",
    }


def test_demo_adds_an_earlier_edition_once_so_that_moves_show():
    demo.load(seed=1)
    demo.load(seed=2)
    assert Edition.objects.filter(year=demo.YEAR, published=True).count() == 1
    count = Blip.objects.filter(edition__year=demo.YEAR).count()
    assert count == len(demo.BLIPS)

    radar = queries.radar_for(Edition.objects.get(year=reference.YEAR))
    assert radar.previous.year == demo.YEAR
    moves = {e.technology.name: e.move for e in radar.entries}
    assert moves["LoRaWAN"] == Move.IN
    assert moves["Robotter"] == Move.OUT
    assert moves["IoT-sensorer"] == Move.UNCHANGED
    assert moves["Digital tvilling"] == Move.NEW
    assert [b.technology.name for b in radar.left] == ["Blockchain"]
