"""Test data for the portfolio, made through the real operations."""

from typing import Any

from smartby.portfolio import operations
from smartby.portfolio.models import EffectGoal, Initiative, StatusReport, Strategy
from smartby.portfolio.reference import STRATEGY_SLUG


def reference_strategy() -> Strategy:
    return Strategy.objects.get(slug=STRATEGY_SLUG)


def smart_city() -> Initiative:
    return Initiative.objects.get(focus_area__strategy__slug=STRATEGY_SLUG, number="5.2")


def strategy_data(**overrides: Any) -> dict[str, Any]:
    data = {
        "title": "Fælleskommunal digitaliseringsstrategi 2022-2025",
        "short_title": "Digitaliseringsstrategi 2022-2025",
        "period": "2022-2025",
        "owner": "KL og kommunerne",
        "description": "Strategiens vision.",
        "source": "",
    }
    data.update(overrides)
    return data


def initiative_data(strategy: Strategy, **overrides: Any) -> dict[str, Any]:
    data = {
        "focus_area": str(strategy.focus_areas.first().pk),
        "number": "1.1",
        "title": "Sensorer i byrummet",
        "description": "Fælles sensornetværk.",
        "ministry": "Indenrigs- og Boligministeriet",
        "institution": "KL",
        "steering_group": "Styregruppen for teknologi og data",
        "project_owner": "Anne Jensen",
        "project_leader": "Bo Hansen",
        "responsible_organisation": "",
        "start_date": "2022-01-01",
        "expected_end": "2024-12-31",
        "actual_end": "2025-06-30",
        "budget_dkk": "2500000",
        "budget_note": "Fællesoffentligt finansieret",
        "spend_dkk": "2750000",
        "spend_note": "",
        "purpose": "At udbrede sensorer.",
        "results": "Resultaterne:\n\n- Et netværk\n- En guide",
        "effect_summary": "",
        "evaluation": "Evalueret med interviews.",
        "future_ownership": "KL overtager driften.",
        "economy": "Finansieret af kommunerne.",
        "more_info_url": "",
        "projects": "",
    }
    data.update(overrides)
    return data


def make_strategy(actor: Any = None, **overrides: Any) -> Strategy:
    strategy = operations.create_strategy(actor, strategy_data(**overrides))
    operations.create_focus_area(
        actor, strategy, {"number": "1", "title": "Data i byen", "description": ""}
    )
    return strategy


def make_initiative(actor: Any = None, strategy: Strategy | None = None, **overrides: Any):
    strategy = strategy or make_strategy(actor)
    return operations.create_initiative(actor, strategy, initiative_data(strategy, **overrides))


def goal_data(**overrides: Any) -> dict[str, Any]:
    data = {
        "number": "1",
        "kind": "adfaerd",
        "text": "Flere kommuner deler sensordata",
        "description": "",
        "indicator": "Kommuner der deler data",
        "unit": "kommuner",
        "baseline_value": "10",
        "baseline_date": "2022-01-01",
        "target_value": "50",
        "target_date": "2025-12-31",
        "result": "",
    }
    data.update(overrides)
    return data


def make_goal(actor: Any, initiative: Initiative, **overrides: Any) -> EffectGoal:
    return operations.create_effect_goal(actor, initiative, goal_data(**overrides))


def status_data(**overrides: Any) -> dict[str, Any]:
    data = {
        "period": "2024 K1",
        "report_date": "2024-03-31",
        "time": "groen",
        "economy": "gul",
        "quality": "roed",
        "comment": "Leverancen er forsinket.",
    }
    data.update(overrides)
    return data


def add_status(actor: Any, initiative: Initiative, **overrides: Any) -> StatusReport:
    return operations.add_status_report(actor, initiative, status_data(**overrides))
