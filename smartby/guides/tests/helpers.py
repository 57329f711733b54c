"""Test data for guides and the kompetencetjek, made through the real operations."""

from typing import Any

from smartby.guides import operations
from smartby.guides.models import Assessment, Guide


def edit_data(guide: Guide, **overrides: Any) -> dict[str, Any]:
    """POST data that keeps `guide` as it is, with overrides."""
    data = {
        "title": guide.title,
        "summary": guide.summary,
        "body": guide.body,
        "change_note": "",
        "base_version": str(guide.current_version.number) if guide.current_version else "",
    }
    data.update(overrides)
    return data


def assessment() -> Assessment:
    found = operations.published_assessment()
    assert found is not None, "the data migration publishes a kompetencetjek"
    return found


def answers(value: int = 2, **by_dimension: int) -> dict[str, int]:
    """Every question of the published assessment answered with `value`; dimension slugs (with
    _ for -) as keyword arguments give that dimension's questions another value."""
    out = {}
    for d in assessment().dimensions.all():
        v = by_dimension.get(d.slug.replace("-", "_"), value)
        for q in d.questions.all():
            out[str(q.id)] = v
    return out


def form_answers(raw: dict[str, int]) -> dict[str, str]:
    """The same answers as the kompetencetjek form posts them (q<id>=<value>)."""
    return {f"q{k}": str(v) for k, v in raw.items()}
