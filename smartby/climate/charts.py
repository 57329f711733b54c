"""The region overview as an inline SVG: one stacked bar per region, one segment per phase.
Drawn on the server like `smartby.effect.charts` (no JavaScript; colours are presentation
attributes), named by its `<title>` and described by its `<desc>`; the numbers are in the table
beside it and the colours in the legend above it."""

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

from smartby.climate.queries import Category, RegionCounts
from smartby.effect.charts import TEXT, TRACK, _f, fmt

WIDTH = 640
LABEL_H = 22
BAR_H = 22
ROW = LABEL_H + BAR_H + 12
VALUE_W = 48


def region_bars(categories: list[Category], regions: list[RegionCounts]) -> SafeString:
    top = max((r.total for r in regions), default=0) or 1
    plot_w = WIDTH - VALUE_W
    body: list[str] = []
    for i, r in enumerate(regions):
        y0 = 8 + i * ROW
        body.append(f'<text x="0" y="{y0 + 15}">{escape(r.region.name)}</text>')
        bar_y = y0 + LABEL_H
        body.append(
            f'<rect x="0" y="{bar_y}" width="{_f(plot_w * r.total / top)}" height="{BAR_H}"'
            f' fill="{TRACK}"/>'
        )
        x = 0.0
        for cat, n in zip(categories, r.counts, strict=True):
            if not n:
                continue
            w = plot_w * n / top
            body.append(
                f'<rect x="{_f(x)}" y="{bar_y}" width="{_f(w)}" height="{BAR_H}"'
                f' fill="{cat.colour}" stroke="#ffffff" stroke-width="1">'
                f"<title>{escape(r.region.name)} – {escape(cat.label)}: {fmt(n)}</title></rect>"
            )
            x += w
        body.append(
            f'<text x="{_f(x + 6)}" y="{bar_y + 16}" font-weight="bold">{fmt(r.total)}</text>'
        )
    height = 16 + ROW * len(regions)
    most = max(regions, key=lambda r: r.adopted, default=None)
    summary = _(
        "Kommuner pr. fase i hver region; %(total)s kommuner i alt. Alle tal står i tabellen."
    ) % {"total": fmt(sum(r.total for r in regions))}
    if most and most.adopted:
        summary = (
            _("Flest vedtagne eller godkendte planer: %(region)s (%(n)s). ")
            % {"region": most.region.name, "n": fmt(most.adopted)}
            + summary
        )
    title = _("DK2020-faser pr. region")
    return mark_safe(  # noqa: S308 - every text inside is escaped
        f'<svg xmlns="http://www.w3.org/2000/svg" class="chart dk2020-chart"'
        f' viewBox="0 0 {WIDTH} {height}" role="img" aria-labelledby="dk2020-chart-title"'
        f' aria-describedby="dk2020-chart-desc" focusable="false" font-size="15" fill="{TEXT}">'
        f'<title id="dk2020-chart-title">{escape(title)}</title>'
        f'<desc id="dk2020-chart-desc">{escape(summary)}</desc>' + "".join(body) + "</svg>"
    )
