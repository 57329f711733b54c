"""The 46 recommendations loaded by the data migration, checked against the report's text."""

import re
from pathlib import Path

import pytest

from smartby.priorities.models import Recommendation, Theme, ThemeKind
from smartby.priorities.reference import extract

SEED = Path(__file__).resolve().parents[3].parent / "shared/seeds/004_dfb68c92e8e72b49.txt"


def _norm(text: str) -> str:
    return re.sub(r"[^a-zæøå0-9]+", "", text.lower())


@pytest.mark.django_db
def test_migration_loads_46_recommendations_in_12_themes():
    assert Recommendation.objects.count() == 46
    assert list(Recommendation.objects.values_list("number", flat=True)) == list(range(1, 47))
    counts = {k: Theme.objects.filter(kind=k).count() for k in ThemeKind.values}
    assert counts == {"eu": 1, "indsatsomraade": 7, "fundament": 4}
    per_kind = {k: Recommendation.objects.filter(theme__kind=k).count() for k in ThemeKind.values}
    assert per_kind == {"eu": 3, "indsatsomraade": 31, "fundament": 12}
    r = Recommendation.objects.get(number=16)
    assert r.title == "Det lette og trygge samtykke (samtykkeportal)"
    assert r.theme.title == "Digital offentlig service med borgerne i centrum"
    assert r.theme.vision.startswith("Vi skal hæve serviceniveauet markant")
    assert r.status == "ikke_paabegyndt" and r.page == 82


@pytest.mark.skipif(not SEED.exists(), reason="the seed text is not beside the project")
def test_texts_occur_verbatim_in_the_report():
    seed = _norm(SEED.read_text(encoding="utf-8"))
    data = extract()
    for r in data["recommendations"]:
        for text in [r["title"], r["proposal"], *r["prerequisites"], *r["actions"]]:
            assert _norm(text) in seed, (r["number"], text[:60])
    for t in data["themes"]:
        assert _norm(t["title"]) in seed
        if t["vision"]:
            assert _norm(t["vision"]) in seed
