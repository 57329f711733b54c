"""Progress chart of an effect goal as inline SVG (no JavaScript, CSP-safe: colours are
presentation attributes). The measurements are drawn as a line over time, the baseline as a
point and the target as a dashed line; the same numbers are in the table beside the chart."""

from datetime import date
from decimal import Decimal

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

from smartby.effect.charts import AXIS, GRID, MUTED, PALETTE, TEXT, nice_step
from smartby.portfolio.models import EffectGoal

WIDTH, HEIGHT = 640, 260
LEFT, RIGHT, TOP, BOTTOM = 64, 20, 16, 40
TARGET = "#1b6b3a"


def number(value: Decimal | float | int) -> str:
    """Danish number: thousands with '.', decimals with ',' (only when needed)."""
    d = Decimal(str(value))
    if d == d.to_integral_value():
        return f"{int(d):,}".replace(",", ".")
    whole, _sep, frac = f"{d:,.2f}".partition(".")
    return f"{whole.replace(',', '.')},{frac}"


def _f(x: float) -> str:
    return f"{x:.1f}".rstrip("0").rstrip(".")


def goal_chart(goal: EffectGoal) -> SafeString:
    """The chart, or an empty string when there is nothing to draw (no measurements)."""
    points = [(m.date, float(m.value)) for m in goal.measurements.all()]
    if not points:
        return mark_safe("")
    dated = list(points)
    if goal.baseline_value is not None and goal.baseline_date:
        dated.append((goal.baseline_date, float(goal.baseline_value)))
    if goal.target_value is not None and goal.target_date:
        dated.append((goal.target_date, float(goal.target_value)))
    first = min(d for d, _v in dated)
    last = max(d for d, _v in dated)
    values = [v for _d, v in dated]
    if goal.target_value is not None:
        values.append(float(goal.target_value))
    low = min(0.0, min(values))
    step = nice_step(max(values) - low or 1)
    top = low + max(step, -(-(max(values) - low) // step) * step)
    span_days = max((last - first).days, 1)
    plot_w, plot_h = WIDTH - LEFT - RIGHT, HEIGHT - TOP - BOTTOM

    def x(day: date) -> float:
        return LEFT + plot_w * ((day - first).days / span_days if last != first else 0.5)

    def y(value: float) -> float:
        return TOP + plot_h * (1 - (value - low) / ((top - low) or 1))

    body: list[str] = []
    tick = low
    while tick <= top + 1e-9:
        body.append(
            f'<line x1="{LEFT}" x2="{WIDTH - RIGHT}" y1="{_f(y(tick))}" y2="{_f(y(tick))}"'
            f' stroke="{GRID}"/>'
            f'<text x="{LEFT - 8}" y="{_f(y(tick) + 5)}" text-anchor="end" fill="{MUTED}"'
            f' font-size="13">{escape(number(tick))}</text>'
        )
        tick += step
    body.append(
        f'<line x1="{LEFT}" x2="{WIDTH - RIGHT}" y1="{_f(y(low))}" y2="{_f(y(low))}"'
        f' stroke="{AXIS}"/>'
    )
    for day in sorted({first, last}):
        body.append(
            f'<text x="{_f(x(day))}" y="{HEIGHT - 14}" text-anchor="middle" fill="{MUTED}"'
            f' font-size="13">{day:%d.%m.%Y}</text>'
        )
    if goal.target_value is not None:
        ty = _f(y(float(goal.target_value)))
        body.append(
            f'<line x1="{LEFT}" x2="{WIDTH - RIGHT}" y1="{ty}" y2="{ty}" stroke="{TARGET}"'
            f' stroke-width="2" stroke-dasharray="6 4"><title>'
            f"{escape(_('Mål'))}: {escape(number(goal.target_value))}</title></line>"
            f'<text x="{WIDTH - RIGHT}" y="{_f(y(float(goal.target_value)) - 6)}"'
            f' text-anchor="end" fill="{TARGET}" font-size="13">{escape(_("Mål"))}</text>'
        )
    series = sorted(points)
    if goal.baseline_value is not None and goal.baseline_date:
        bx, by = x(goal.baseline_date), y(float(goal.baseline_value))
        body.append(
            f'<circle cx="{_f(bx)}" cy="{_f(by)}" r="5" fill="white" stroke="{MUTED}"'
            f' stroke-width="2"><title>{escape(_("Udgangspunkt"))}: '
            f"{escape(number(goal.baseline_value))}</title></circle>"
        )
    path = " ".join(f"{_f(x(d))},{_f(y(v))}" for d, v in series)
    body.append(f'<polyline points="{path}" fill="none" stroke="{PALETTE[0]}" stroke-width="3"/>')
    for d, v in series:
        body.append(
            f'<circle cx="{_f(x(d))}" cy="{_f(y(v))}" r="4" fill="{PALETTE[0]}">'
            f"<title>{d:%d.%m.%Y}: {escape(number(v))} {escape(goal.unit)}</title></circle>"
        )
    latest_day, latest_value = series[-1]
    summary = _("Seneste måling %(date)s: %(value)s %(unit)s.") % {
        "date": f"{latest_day:%d.%m.%Y}",
        "value": number(latest_value),
        "unit": goal.unit,
    }
    if goal.target_value is not None:
        summary += " " + _("Målet er %(value)s.") % {"value": number(goal.target_value)}
    slug = f"goal-{goal.pk}"
    title = _("Udvikling for effektmål %(n)s") % {"n": goal.number}
    return mark_safe(  # noqa: S308 - every text inside is escaped
        f'<svg xmlns="http://www.w3.org/2000/svg" class="chart" viewBox="0 0 {WIDTH} {HEIGHT}"'
        f' role="img" aria-labelledby="{slug}-title" aria-describedby="{slug}-desc"'
        f' focusable="false" font-size="15" fill="{TEXT}">'
        f'<title id="{slug}-title">{escape(title)}</title>'
        f'<desc id="{slug}-desc">{escape(summary)}</desc>' + "".join(body) + "</svg>"
    )
