"""Charts as inline SVG, drawn on the server: no JavaScript, no CDN, nothing for a strict
Content-Security-Policy to block (colours are presentation attributes, not style attributes).

Each chart is `role="img"`, named by its `<title>` (`aria-labelledby`) and described by its
`<desc>` (`aria-describedby`: the largest values in a sentence); the numbers themselves are in
the table beside it. Each bar also carries a `<title>` with its label and value, which browsers
show as a tooltip.
"""

import math
from collections.abc import Iterable

from django.utils.formats import number_format
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

from smartby.effect.figures import Chart, Figure

WIDTH = 640
PALETTE = ["#1b4d89", "#e8590c", "#1b6b3a", "#6b3fa0"]  # at least 3:1 against white
TEXT = "#1d2530"
MUTED = "#4b5563"
GRID = "#d5dbe3"
AXIS = "#6b7480"
TRACK = "#e9eef4"
LOW = (0xF4, 0xF6, 0xF9)  # matrix: no contacts
HIGH = (0x1B, 0x4D, 0x89)  # matrix: the most contacts


def fmt(value: float) -> str:
    return number_format(value, force_grouping=True)


def _f(x: float) -> str:
    """A coordinate, short."""
    return f"{x:.1f}".rstrip("0").rstrip(".")


def nice_step(top: float, ticks: int = 4) -> int:
    """A round step (1, 2, 5 times a power of ten) giving at most `ticks` steps up to `top`."""
    raw = max(top, 1) / ticks
    magnitude = 10 ** math.floor(math.log10(raw))
    for m in (1, 2, 5, 10):
        if m * magnitude >= raw:
            return max(1, int(m * magnitude))
    return max(1, int(10 * magnitude))


def scale(chart: Chart) -> tuple[int, list[int]]:
    """(top of the scale, tick values)."""
    data_max = max((v for _name, values in chart.series for v in values), default=0)
    if chart.max_value:
        top = max(chart.max_value, data_max)
        step = nice_step(top)
        ticks = list(range(0, top + 1, step))
        return top, ticks if ticks[-1] == top else [*ticks, top]
    step = nice_step(data_max)
    top = max(step, math.ceil(data_max / step) * step)
    return top, list(range(0, top + 1, step))


def _svg(figure: Figure, height: float, body: Iterable[str], summary: str) -> SafeString:
    title_id, desc_id = f"chart-{figure.slug}-title", f"chart-{figure.slug}-desc"
    return mark_safe(  # noqa: S308 - every text inside is escaped
        f'<svg xmlns="http://www.w3.org/2000/svg" class="chart" viewBox="0 0 {WIDTH} {_f(height)}"'
        f' role="img" aria-labelledby="{title_id}" aria-describedby="{desc_id}" focusable="false"'
        f' font-size="15" fill="{TEXT}">'
        f'<title id="{title_id}">{escape(figure.title)}</title>'
        f'<desc id="{desc_id}">{escape(summary)}</desc>' + "".join(body) + "</svg>"
    )


def _summary(chart: Chart) -> str:
    """One sentence for screen readers: the largest value of each series."""
    parts = []
    for name, values in chart.series:
        if values:
            i = max(range(len(values)), key=lambda k: values[k])
            parts.append(
                _("%(series)s: højest %(value)s (%(label)s)")
                % {"series": name, "value": fmt(values[i]), "label": chart.labels[i]}
            )
    return "; ".join(parts) + ". " + _("Alle tal står i tabellen.")


def _legend(chart: Chart, x: float, y: float) -> list[str]:
    out = []
    for i, (name, _values) in enumerate(chart.series):
        out.append(
            f'<rect x="{_f(x)}" y="{_f(y - 10)}" width="12" height="12" fill="{PALETTE[i]}"/>'
            f'<text x="{_f(x + 18)}" y="{_f(y)}">{escape(name)}</text>'
        )
        x += 18 + 8 * len(name) + 28
    return out


def column_chart(figure: Figure) -> SafeString:
    """Values over time: one group of columns per month (or day), one column per series."""
    chart = figure.chart
    assert chart is not None
    legend = len(chart.series) > 1
    left, right, top, bottom = 52, 8, 34 if legend else 14, 48
    height = 300
    plot_w, plot_h = WIDTH - left - right, height - top - bottom
    ymax, ticks = scale(chart)
    n = max(1, len(chart.labels))
    group = plot_w / n
    bar_w = group * 0.76 / len(chart.series)
    body: list[str] = _legend(chart, left, 16) if legend else []

    def y(v: float) -> float:
        return top + plot_h * (1 - v / ymax)

    for t in ticks:
        body.append(
            f'<line x1="{left}" x2="{WIDTH - right}" y1="{_f(y(t))}" y2="{_f(y(t))}"'
            f' stroke="{GRID if t else AXIS}"/>'
            f'<text x="{left - 6}" y="{_f(y(t) + 4)}" text-anchor="end" fill="{MUTED}">'
            f"{fmt(t)}</text>"
        )
    every = math.ceil(n / 12)
    shown_second = ""
    for i, label in enumerate(chart.labels):
        x0 = left + i * group + group * 0.12
        for s, (name, values) in enumerate(chart.series):
            v = values[i]
            x = x0 + s * bar_w
            body.append(
                f'<rect x="{_f(x)}" y="{_f(y(v))}" width="{_f(max(bar_w - 1, 1))}"'
                f' height="{_f(plot_h * v / ymax)}" fill="{PALETTE[s]}">'
                f"<title>{escape(label)} – {escape(name)}: {fmt(v)}</title></rect>"
            )
            if v and bar_w >= 22:
                body.append(
                    f'<text x="{_f(x + bar_w / 2)}" y="{_f(y(v) - 4)}" text-anchor="middle"'
                    f' font-size="11">{fmt(v)}</text>'
                )
        if i % every == 0:
            # "jan 2025": the month under each column, the year only where it changes.
            first, _space, second = label.rpartition(" ") if " " in label else (label, "", "")
            cx = _f(left + (i + 0.5) * group)
            body.append(
                f'<text x="{cx}" y="{height - bottom + 18}" text-anchor="middle"'
                f' fill="{MUTED}">{escape(first)}</text>'
            )
            if second and second != shown_second:
                body.append(
                    f'<text x="{cx}" y="{height - bottom + 36}" text-anchor="middle"'
                    f' fill="{MUTED}">{escape(second)}</text>'
                )
                shown_second = second
    return _svg(figure, height, body, _summary(chart))


def bar_chart(figure: Figure) -> SafeString:
    """Categories: one horizontal bar each, its label above it and its value at its end. With a
    `max_value` (98 municipalities) a pale track shows the whole."""
    chart = figure.chart
    assert chart is not None
    _name, values = chart.series[0]
    colors = chart.colors or [PALETTE[0]] * len(values)
    row, pad = 50, 8
    height = pad * 2 + row * len(values)
    value_w = 90  # room for "98 / 98" after a full bar
    plot_w = WIDTH - value_w
    ymax, _ticks = scale(chart)
    body: list[str] = []
    for i, (label, v, color) in enumerate(zip(chart.labels, values, colors, strict=True)):
        y0 = pad + i * row
        w = plot_w * v / ymax
        body.append(f'<text x="0" y="{y0 + 15}">{escape(label)}</text>')
        if chart.max_value:
            body.append(
                f'<rect x="0" y="{y0 + 22}" width="{_f(plot_w * chart.max_value / ymax)}"'
                f' height="20" fill="{TRACK}"/>'
            )
        body.append(
            f'<rect x="0" y="{y0 + 22}" width="{_f(max(w, 1 if v else 0))}" height="20"'
            f' fill="{color}"><title>{escape(label)}: {fmt(v)}</title></rect>'
            f'<text x="{_f(w + 6)}" y="{y0 + 37}" font-weight="bold">{fmt(v)}'
            + (
                f'<tspan font-weight="normal" fill="{MUTED}"> / {fmt(chart.max_value)}</tspan>'
                if chart.max_value
                else ""
            )
            + "</text>"
        )
    return _svg(figure, height, body, _summary(chart))


def _mix(t: float) -> str:
    r, g, b = (round(lo + (hi - lo) * t) for lo, hi in zip(LOW, HIGH, strict=True))
    return f"#{r:02x}{g:02x}{b:02x}"


def matrix_chart(figure: Figure) -> SafeString:
    """A heat map: rows are where contacts came from, columns where they went."""
    chart = figure.chart
    assert chart is not None
    left, top, cell_h = 120, 52, 40
    cell_w = (WIDTH - left) / max(1, len(chart.col_labels))
    height = top + cell_h * len(chart.series) + 4
    vmax = max((v for _name, values in chart.series for v in values), default=0) or 1
    body = [
        f'<text x="{left - 8}" y="40" text-anchor="end" fill="{MUTED}">'
        f"{escape(_('fra ↓ til →'))}</text>"
    ]
    for j, label in enumerate(chart.col_labels):
        cx = _f(left + (j + 0.5) * cell_w)
        body.append(
            f'<text x="{cx}" y="40" text-anchor="middle" fill="{MUTED}">{escape(label)}</text>'
        )
    for i, (row_label, values) in enumerate(chart.series):
        y0 = top + i * cell_h
        body.append(
            f'<text x="{left - 8}" y="{y0 + cell_h / 2 + 4}" text-anchor="end">'
            f"{escape(chart.labels[i])}</text>"
        )
        for j, v in enumerate(values):
            t = v / vmax
            x0 = left + j * cell_w
            body.append(
                f'<rect x="{_f(x0 + 1)}" y="{y0 + 1}" width="{_f(cell_w - 2)}"'
                f' height="{cell_h - 2}" fill="{_mix(t)}" stroke="{GRID}">'
                f"<title>{escape(row_label)} → {escape(figure.chart.col_labels[j])}: {fmt(v)}"
                f"</title></rect>"
                f'<text x="{_f(x0 + cell_w / 2)}" y="{y0 + cell_h / 2 + 5}" text-anchor="middle"'
                f' fill="{"#ffffff" if t > 0.5 else TEXT}">{fmt(v)}</text>'
            )
    return _svg(figure, height, body, _summary_matrix(chart))


def _summary_matrix(chart: Chart) -> str:
    best = max(
        ((v, i, j) for i, (_name, values) in enumerate(chart.series) for j, v in enumerate(values)),
        default=(0, 0, 0),
    )
    v, i, j = best
    return (
        _("Flest kontakter fra %(from)s til %(to)s: %(n)s.")
        % {"from": chart.labels[i], "to": chart.col_labels[j], "n": fmt(v)}
        + " "
        + _("Alle tal står i tabellen.")
    )


RENDERERS = {"columns": column_chart, "bars": bar_chart, "matrix": matrix_chart}


def render(figure: Figure) -> SafeString:
    """The figure's chart, or an empty string when there is nothing to draw."""
    if figure.chart is None or not figure.has_data:
        return mark_safe("")
    return RENDERERS[figure.chart.kind](figure)
