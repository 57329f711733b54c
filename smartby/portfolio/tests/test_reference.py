"""The data migration: the 2016-2020 strategy from seed 002 and the status report of 5.2."""

import json
from datetime import date

from smartby.portfolio.models import EffectGoal, FocusArea, Initiative
from smartby.portfolio.reference import STATUS_FILE, STRATEGY_FILE
from smartby.portfolio.tests.helpers import reference_strategy, smart_city


def test_strategy_2016_2020_is_loaded_with_9_focus_areas_and_33_initiatives(db):
    strategy = reference_strategy()
    assert strategy.period == "2016-2020"
    assert strategy.owner == "Regeringen, KL, Danske Regioner"
    assert FocusArea.objects.filter(strategy=strategy).count() == 9
    initiatives = Initiative.objects.filter(focus_area__strategy=strategy)
    assert initiatives.count() == 33
    numbers = set(initiatives.values_list("number", flat=True))
    # Every initiative number printed in the strategy text (seed 002), 1.1 to 9.3.
    per_area = {1: 5, 2: 3, 3: 5, 4: 3, 5: 3, 6: 4, 7: 5, 8: 2, 9: 3}
    assert numbers == {f"{a}.{i}" for a, n in per_area.items() for i in range(1, n + 1)}
    assert FocusArea.objects.get(strategy=strategy, number="5").title == (
        "Offentlige data som vækstdriver"
    )
    counts = json.loads(STRATEGY_FILE.read_text())["counts"]
    assert counts == {"goals": 3, "focus_areas": 9, "initiatives": 33}


def test_initiative_5_2_has_the_stamdata_of_the_real_status_report(db):
    initiative = smart_city()
    assert initiative.title == "Smart City-partnerskab"
    assert initiative.institution == "Fællesoffentlige digitaliseringsstrategi"
    assert initiative.steering_group == "Styregruppen for teknologi og data"
    assert initiative.project_owner == "Camilla Hjermind"
    assert initiative.project_leader == "Josefine Due"
    assert initiative.start_date == date(2016, 1, 1)
    assert initiative.expected_end == date(2020, 12, 31)
    assert initiative.actual_end == date(2020, 12, 31)
    assert initiative.budget_dkk == 4_000_000
    assert initiative.spend_note == "Budgettet er holdt"
    # The report gives no ministry and no spend in kroner: left empty, not invented.
    assert initiative.ministry == ""
    assert initiative.spend_dkk is None and initiative.variance_dkk is None
    assert "35.200 nye danske job" in initiative.results
    assert initiative.future_ownership.startswith("Smart City Partnerskabet (FODS5.2)")
    assert "intet forbrug i kroner" in initiative.source_note
    goals = list(EffectGoal.objects.filter(initiative=initiative))
    assert [g.number for g in goals] == [1, 2, 3, 4]
    assert [g.kind for g in goals] == ["kapabilitet", "kapabilitet", "kapabilitet", "adfaerd"]
    assert goals[0].result.startswith("Danmarkskortet indeholder smart city-cases fra ca. 2/3")
    assert json.loads(STATUS_FILE.read_text())["number"] == "5.2"
