"""Reference content shipped with the project: the common public digitalisation strategy
2016-2020 (9 focus areas, 33 initiatives; `data/strategy-2016-2020.json`, extracted from seed 002)
and the end-of-initiative status report of 5.2 Smart City-partnerskab
(`data/initiative-5.2-status-2020.json`, from seed 000). Loaded by a data migration; works on
historical models (`apps`) as well as the real ones. Idempotent: a strategy already there is
left alone."""

import json
from datetime import date
from pathlib import Path
from typing import Any

DATA = Path(__file__).parent / "data"
STRATEGY_FILE = DATA / "strategy-2016-2020.json"
STATUS_FILE = DATA / "initiative-5.2-status-2020.json"
STRATEGY_SLUG = "digitaliseringsstrategi-2016-2020"


def read(path: Path) -> dict[str, Any]:
    return json.loads(path.read_text(encoding="utf-8"))


def _initiative_description(item: dict[str, Any]) -> str:
    parts = [item["summary"]]
    if item.get("parties"):
        parts.append("Parter: " + ", ".join(item["parties"]) + ".")
    if item.get("timing"):
        parts.append("Tidsplan: " + item["timing"] + ".")
    if item.get("notes"):
        parts.append(item["notes"])
    return "\n\n".join(parts)


def load_reference_strategy(apps: Any) -> None:
    Strategy = apps.get_model("portfolio", "Strategy")
    FocusArea = apps.get_model("portfolio", "FocusArea")
    Initiative = apps.get_model("portfolio", "Initiative")
    EffectGoal = apps.get_model("portfolio", "EffectGoal")
    if Strategy.objects.filter(slug=STRATEGY_SLUG).exists():
        return
    data = read(STRATEGY_FILE)
    goals = "\n".join(f"{g['number']}. {g['title']}" for g in data["goals"])
    strategy = Strategy.objects.create(
        slug=STRATEGY_SLUG,
        title=data["title"],
        short_title=data["short_title"],
        period=data["period"],
        owner=", ".join(data["issued_by"]),
        source=data["source"],
        description=(
            f"{data['vision']}\n\nStrategiens tre mål:\n\n{goals}\n\n{data['governance']}"
        ),
    )
    for fa_index, fa in enumerate(data["focus_areas"], start=1):
        focus_area = FocusArea.objects.create(
            strategy=strategy,
            number=str(fa["number"]),
            title=fa["title"],
            description=f"{fa['summary']}\n\nMål: {fa['goal']}",
            sort_order=fa_index,
        )
        for i_index, item in enumerate(fa["initiatives"], start=1):
            Initiative.objects.create(
                focus_area=focus_area,
                number=item["number"],
                title=item["title"],
                description=_initiative_description(item),
                sort_order=i_index,
            )
    status = read(STATUS_FILE)
    initiative = Initiative.objects.get(focus_area__strategy=strategy, number=status["number"])
    stamdata = dict(status["stamdata"])
    for key in ("start_date", "expected_end", "actual_end"):
        stamdata[key] = date.fromisoformat(stamdata[key]) if stamdata[key] else None
    for key, value in stamdata.items():
        setattr(initiative, key, value)
    for key in (
        "purpose",
        "results",
        "effect_summary",
        "evaluation",
        "future_ownership",
        "economy",
        "more_info_url",
    ):
        setattr(initiative, key, status[key])
    initiative.source_note = f"{status['source']}\n\n{status['gaps']}"
    initiative.save()
    for goal in status["effect_goals"]:
        EffectGoal.objects.create(initiative=initiative, **goal)


def unload_reference_strategy(apps: Any) -> None:
    apps.get_model("portfolio", "Strategy").objects.filter(slug=STRATEGY_SLUG).delete()
