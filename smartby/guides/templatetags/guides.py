"""Template helpers of the guides app: dictionary lookup and the score bar chart."""

from typing import Any

from django import template

register = template.Library()

ROW_HEIGHT = 52
BAR_WIDTH = 540


@register.filter
def get_item(mapping: Any, key: Any) -> Any:
    if not mapping:
        return None
    return mapping.get(key) if hasattr(mapping, "get") else None


@register.filter
def signed(value: float | None) -> str:
    """+3.5 / −2.0 / ±0.0 with Danish decimal comma; empty for None."""
    if value is None:
        return ""
    text = f"{abs(value):.1f}".replace(".", ",")
    if value > 0:
        return f"+{text}"
    if value < 0:
        return f"−{text}"
    return f"±{text}"


@register.inclusion_tag("guides/_score_chart.html")
def score_chart(rows: list[dict[str, Any]], chart_id: str, title: str) -> dict[str, Any]:
    """An SVG bar per dimension (0–100), with an optional peer-average mark (`peer`)."""
    bars = []
    for i, row in enumerate(rows):
        score, peer = row.get("score"), row.get("peer")
        bars.append(
            {
                **row,
                "y": i * ROW_HEIGHT,
                "width": round(BAR_WIDTH * score / 100, 1) if score is not None else None,
                "peer_x": round(BAR_WIDTH * peer / 100, 1) if peer is not None else None,
            }
        )
    return {
        "bars": bars,
        "chart_id": chart_id,
        "title": title,
        "height": max(len(rows), 1) * ROW_HEIGHT,
        "bar_width": BAR_WIDTH,
        "number_x": BAR_WIDTH + 10,
        "has_peers": any(b["peer_x"] is not None for b in bars),
    }
