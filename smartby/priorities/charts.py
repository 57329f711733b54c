"""The prioritisation matrix as inline SVG drawn on the server (no JavaScript, CSP-safe): value
(mean of the two value criteria) along x, digitalisation potential along y, both on the 1–5
scale, one point per scored proposal labelled with its rank. The chart is `role="img"` with a
`<title>` and a `<desc>`; the same numbers are in the table beside it."""

from collections.abc import Sequence

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

from smartby.priorities.aggregation import ProposalResult
from smartby.priorities.criteria import SCALE_MAX, SCALE_MID, SCALE_MIN

WIDTH, HEIGHT = 640, 520
LEFT, RIGHT, TOP, BOTTOM = 70, 20, 20, 60
POINT = "#1b4d89"
TEXT = "#1d2530"
MUTED = "#4b5563"
GRID = "#d5dbe3"
AXIS = "#6b7480"
QUADRANT = "#eef3f9"


def _f(x: float) -> str:
    return f"{x:.1f}".rstrip("0").rstrip(".")


def _num(x: float) -> str:
    return f"{x:.2f}".replace(".", ",")


def matrix_svg(results: Sequence[ProposalResult], *, chart_id: str = "matrix") -> SafeString:
    plot_w, plot_h = WIDTH - LEFT - RIGHT, HEIGHT - TOP - BOTTOM
    span = SCALE_MAX - SCALE_MIN

    def x(v: float) -> float:
        return LEFT + plot_w * (v - SCALE_MIN) / span

    def y(v: float) -> float:
        return TOP + plot_h * (1 - (v - SCALE_MIN) / span)

    body = [
        # The top-right quadrant (high value, high potential) is shaded.
        f'<rect x="{_f(x(SCALE_MID))}" y="{_f(y(SCALE_MAX))}" width="{_f(plot_w / 2)}"'
        f' height="{_f(plot_h / 2)}" fill="{QUADRANT}"/>'
    ]
    for t in range(SCALE_MIN, SCALE_MAX + 1):
        body.append(
            f'<line x1="{_f(x(t))}" x2="{_f(x(t))}" y1="{TOP}" y2="{TOP + plot_h}"'
            f' stroke="{AXIS if t in (SCALE_MIN, SCALE_MID) else GRID}"/>'
            f'<line x1="{LEFT}" x2="{LEFT + plot_w}" y1="{_f(y(t))}" y2="{_f(y(t))}"'
            f' stroke="{AXIS if t in (SCALE_MIN, SCALE_MID) else GRID}"/>'
            f'<text x="{_f(x(t))}" y="{TOP + plot_h + 18}" text-anchor="middle" fill="{MUTED}">'
            f"{t}</text>"
            f'<text x="{LEFT - 8}" y="{_f(y(t) + 5)}" text-anchor="end" fill="{MUTED}">{t}</text>'
        )
    body.append(
        f'<text x="{_f(LEFT + plot_w / 2)}" y="{HEIGHT - 14}" text-anchor="middle">'
        f"{escape(_('Værdi (borgere og virksomheder, regeringens mål) →'))}</text>"
        f'<text transform="translate(18 {_f(TOP + plot_h / 2)}) rotate(-90)"'
        f' text-anchor="middle">{escape(_("Digitaliseringspotentiale →"))}</text>'
        f'<text x="{_f(x(SCALE_MAX) - 6)}" y="{TOP + 16}" text-anchor="end" fill="{MUTED}"'
        f' font-size="13">{escape(_("Høj værdi, stort potentiale"))}</text>'
    )
    scored = [r for r in results if r.n]
    placed: dict[tuple[float, float], int] = {}
    for r in scored:
        assert r.value is not None and r.potential is not None
        px, py = x(r.value), y(r.potential)
        key = (round(px), round(py))
        offset = placed.get(key, 0)  # points on the same spot get their labels side by side
        placed[key] = offset + 1
        label = str(r.rank)
        body.append(
            f'<g class="point"><circle cx="{_f(px)}" cy="{_f(py)}" r="7" fill="{POINT}"'
            f' stroke="#ffffff" stroke-width="1.5"><title>{escape(r.title)}: '
            + escape(
                _("værdi %(value)s, potentiale %(potential)s")
                % {"value": _num(r.value), "potential": _num(r.potential)}
            )
            + f'</title></circle><text x="{_f(px + 10 + 14 * offset)}" y="{_f(py - 8)}"'
            f' font-weight="bold" font-size="14">{escape(label)}</text></g>'
        )
    if scored:
        best = scored[0]
        summary = _(
            "%(n)s forslag placeret efter værdi og digitaliseringspotentiale. Nummer 1 er "
            "„%(title)s“. Alle tal står i tabellen."
        ) % {"n": len(scored), "title": best.title}
    else:
        summary = _("Ingen forslag er vurderet endnu.")
    title_id, desc_id = f"{chart_id}-title", f"{chart_id}-desc"
    return mark_safe(  # noqa: S308 - every text inside is escaped
        f'<svg xmlns="http://www.w3.org/2000/svg" class="chart priorities-matrix"'
        f' viewBox="0 0 {WIDTH} {HEIGHT}" role="img" aria-labelledby="{title_id}"'
        f' aria-describedby="{desc_id}" focusable="false" font-size="15" fill="{TEXT}">'
        f'<title id="{title_id}">{escape(_("Prioriteringsmatrix: værdi og digitaliseringspotentiale"))}'
        f'</title><desc id="{desc_id}">{escape(summary)}</desc>' + "".join(body) + "</svg>"
    )
