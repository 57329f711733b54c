"""Survey charts as inline SVG drawn on the server (the pattern of `effect/charts.py`): no
JavaScript, nothing for a strict Content-Security-Policy to block.

Each chart is `role="img"`, named by its `<title>` and described by its `<desc>`; every number
is in the table beside it. Suppressed or missing shares are drawn as no bar and written "–".
"""

from collections.abc import Sequence

from django.utils.formats import number_format
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

WIDTH = 640
# Colours with at least 3:1 contrast against white.
PALETTE = ["#1b4d89", "#e8590c", "#1b6b3a", "#6b3fa0", "#8a4b00", "#b3261e", "#0f6e74", "#5b6472"]
TEXT = "#1d2530"
MUTED = "#4b5563"
TRACK = "#e9eef4"
DASH = "–"


def fmt(value: float | None) -> str:
    return DASH if value is None else number_format(value, decimal_pos=1)


def _f(x: float) -> str:
    return f"{x:.1f}".rstrip("0").rstrip(".")


def _svg(slug: str, title: str, summary: str, height: float, body: list[str]) -> SafeString:
    title_id, desc_id = f"chart-{slug}-title", f"chart-{slug}-desc"
    return mark_safe(  # noqa: S308 - every text inside is escaped
        f'<svg xmlns="http://www.w3.org/2000/svg" class="chart" viewBox="0 0 {WIDTH} {_f(height)}"'
        f' role="img" aria-labelledby="{title_id}" aria-describedby="{desc_id}" focusable="false"'
        f' font-size="14" fill="{TEXT}">'
        f'<title id="{title_id}">{escape(title)}</title>'
        f'<desc id="{desc_id}">{escape(summary)}</desc>' + "".join(body) + "</svg>"
    )


def _clip(label: str, limit: int = 80) -> str:
    return label if len(label) <= limit else label[: limit - 1] + "…"


def _summary(labels: Sequence[str], values: Sequence[float | None]) -> str:
    present = [(v, label) for v, label in zip(values, labels, strict=True) if v is not None]
    if not present:
        return _("Ingen tal at vise.") + " " + _("Alle tal står i tabellen.")
    value, label = max(present, key=lambda p: p[0])
    return (
        _("Højest: %(label)s med %(value)s pct.") % {"label": label, "value": fmt(value)}
        + " "
        + _("Alle tal står i tabellen.")
    )


def bars(
    slug: str, title: str, labels: Sequence[str], values: Sequence[float | None]
) -> SafeString:
    """Horizontal bars of percentages (0–100), one per label, the label above its bar."""
    row, pad, value_w = 46, 6, 70
    plot_w = WIDTH - value_w
    body: list[str] = []
    for i, (label, v) in enumerate(zip(labels, values, strict=True)):
        y0 = pad + i * row
        w = 0 if v is None else plot_w * v / 100
        body.append(f'<text x="0" y="{y0 + 14}">{escape(_clip(label))}</text>')
        body.append(f'<rect x="0" y="{y0 + 20}" width="{plot_w}" height="18" fill="{TRACK}"/>')
        if v:
            body.append(
                f'<rect x="0" y="{y0 + 20}" width="{_f(max(w, 1))}" height="18" fill="{PALETTE[0]}">'
                f"<title>{escape(label)}: {fmt(v)} %</title></rect>"
            )
        body.append(
            f'<text x="{_f(w + 6)}" y="{y0 + 34}" font-weight="bold">{fmt(v)}'
            + (" %" if v is not None else "")
            + "</text>"
        )
    return _svg(slug, title, _summary(labels, values), pad * 2 + row * len(labels), body)


def stacked(
    slug: str,
    title: str,
    labels: Sequence[str],
    series: Sequence[tuple[str, Sequence[float | None]]],
) -> SafeString:
    """One 100 % bar per label (a matrix item), one segment per series (an answer option)."""
    legend_rows = (len(series) + 1) // 2
    top = 10 + 22 * legend_rows
    row, value_w = 46, 10
    plot_w = WIDTH - value_w
    body: list[str] = []
    for s, (name, _values) in enumerate(series):
        x, y = (s % 2) * (WIDTH / 2), 10 + 22 * (s // 2)
        body.append(
            f'<rect x="{_f(x)}" y="{y}" width="12" height="12" fill="{PALETTE[s % len(PALETTE)]}"/>'
            f'<text x="{_f(x + 18)}" y="{y + 11}">{escape(_clip(name, 36))}</text>'
        )
    for i, label in enumerate(labels):
        y0 = top + i * row
        body.append(f'<text x="0" y="{y0 + 14}">{escape(_clip(label))}</text>')
        body.append(f'<rect x="0" y="{y0 + 20}" width="{plot_w}" height="18" fill="{TRACK}"/>')
        x = 0.0
        for s, (name, values) in enumerate(series):
            v = values[i]
            if not v:
                continue
            w = plot_w * v / 100
            body.append(
                f'<rect x="{_f(x)}" y="{y0 + 20}" width="{_f(w)}" height="18"'
                f' fill="{PALETTE[s % len(PALETTE)]}">'
                f"<title>{escape(label)} – {escape(name)}: {fmt(v)} %</title></rect>"
            )
            x += w
    first_name, first = series[0] if series else ("", [])
    summary = (first_name + ": " if first_name else "") + _summary(labels, list(first))
    return _svg(slug, title, summary, top + row * len(labels) + 6, body)
