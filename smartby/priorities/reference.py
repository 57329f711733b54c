"""Digitaliseringspartnerskabet's 46 recommendations and their themes, loaded by a data
migration from the project's own copy of the extract (`data/digitaliseringspartnerskab-2021.json`,
checked against the report's text: every title, proposal, prerequisite, action and vision text
occurs verbatim in it)."""

import json
from functools import cache
from pathlib import Path
from typing import Any

from smartby.lib.text import danish_slugify

DATA = Path(__file__).parent / "data" / "digitaliseringspartnerskab-2021.json"


@cache
def extract() -> dict[str, Any]:
    return json.loads(DATA.read_text(encoding="utf-8"))


def load_recommendations(theme_model: Any, recommendation_model: Any) -> None:
    """Create the themes and recommendations that are missing (idempotent)."""
    data = extract()
    themes = {}
    for t in data["themes"]:
        theme, _created = theme_model.objects.get_or_create(
            title=t["title"],
            defaults={
                "kind": t["kind"],
                "number": t["number"],
                "section": t["section"],
                "slug": danish_slugify(t["title"], max_length=120),
                "vision": t["vision"],
                "summary": t["summary"],
            },
        )
        themes[theme.title] = theme
    for r in data["recommendations"]:
        recommendation_model.objects.get_or_create(
            number=r["number"],
            defaults={
                "title": r["title"],
                "theme": themes[r["focus_area"]],
                "proposal": r["proposal"],
                "summary": r["summary"],
                "prerequisites": r["prerequisites"],
                "actions": r["actions"],
                "section": r["section"],
                "page": r["page"],
            },
        )
