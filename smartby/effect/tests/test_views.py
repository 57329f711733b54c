"""The dashboard page, its period form and the CSV downloads."""

import csv
import datetime as dt
import io
import re
from html.parser import HTMLParser

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from smartby.effect import figures
from smartby.effect.exports import figure_rows
from smartby.effect.models import PageView, SearchTerm
from smartby.effect.period import Period
from smartby.geo.models import Municipality
from smartby.network.models import ContactRequest
from smartby.registry.models import Project
from smartby.registry.tests.helpers import make_project

pytestmark = pytest.mark.django_db

PERIOD = "from=2025-01-01&to=2025-06-30"


class Tables(HTMLParser):
    """The rows of the table in each `<section id=...>`, cell texts stripped."""

    def __init__(self) -> None:
        super().__init__()
        self.tables: dict[str, list[list[str]]] = {}
        self.section = ""
        self.cell: list[str] | None = None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "section" and "effect-figure" in (attrs.get("class") or ""):
            self.section = attrs["id"]
            self.tables[self.section] = []
        elif tag == "tr" and self.section:
            self.tables[self.section].append([])
        elif tag in ("td", "th") and self.section:
            self.cell = []

    def handle_endtag(self, tag):
        if tag in ("td", "th") and self.cell is not None:
            self.tables[self.section][-1].append(" ".join("".join(self.cell).split()))
            self.cell = None
        elif tag == "section":
            self.section = ""

    def handle_data(self, data):
        if self.cell is not None:
            self.cell.append(data)


def page_tables(html: str) -> dict[str, list[list[str]]]:
    parser = Tables()
    parser.feed(html)
    return parser.tables


def read_csv(response) -> list[list[str]]:
    body = response.content.decode("utf-8")
    assert body.startswith("\ufeff")
    return list(csv.reader(io.StringIO(body[1:]), delimiter=";"))


def as_csv_value(text: str) -> str:
    """A table cell written the CSV way: no thousands separator, no % sign, no dash."""
    if text == "–":
        return ""
    text = text.removesuffix(" %")
    return text.replace(".", "") if re.fullmatch(r"[\d.]+(,\d)?", text) else text


@pytest.fixture
def data(editor_a):
    munis = {m.code: m for m in Municipality.objects.filter(code__in=["751", "461", "101"])}
    for i, code in enumerate(["751", "461", "101"]):
        p = make_project(None, title=f"Projekt {i}", municipalities=[code])
        Project.objects.filter(pk=p.pk).update(
            created_at=dt.datetime(2025, i + 1, 10, 12, tzinfo=dt.UTC),
            last_verified=dt.date(2025, i + 1, 10) if i else None,
        )
    c = ContactRequest.objects.create(
        topic="erfaringer", from_municipality=munis["751"], to_municipality=munis["461"]
    )
    ContactRequest.objects.filter(pk=c.pk).update(
        created_at=dt.datetime(2025, 2, 1, 12, tzinfo=dt.UTC)
    )
    SearchTerm.objects.create(day=dt.date(2025, 3, 1), term="affald", count=1234)
    SearchTerm.objects.create(day=dt.date(2025, 3, 1), term="=HYPERLINK(1)", count=3)
    PageView.objects.create(day=dt.date(2025, 4, 1), section="kort", count=2500)
    PageView.objects.create(day=dt.date(2025, 4, 2), section="forside", count=7)


def test_the_dashboard_is_public_and_shows_every_figure(client, data):
    response = client.get("/effekt/?" + PERIOD)
    assert response.status_code == 200
    html = response.content.decode()
    assert "Tallene gælder perioden 1. januar 2025 – 30. juni 2025." in html
    assert "Siden er offentlig og viser kun samlede tal" in html
    tables = page_tables(html)
    assert list(tables) == list(figures.FIGURES)
    for slug in figures.FIGURES:
        assert f'href="/effekt/{slug}.csv?{PERIOD}"' in html.replace("&amp;", "&")


def test_every_chart_is_an_accessible_image_with_a_table_beside_it(client, data):
    html = client.get("/effekt/?" + PERIOD).content.decode()
    svgs = re.findall(r"<svg [^>]*>", html)
    assert len(svgs) == len(figures.FIGURES)  # every figure has data in this period
    for svg in svgs:
        assert 'role="img"' in svg
        title_id = re.search(r'aria-labelledby="([^"]+)"', svg).group(1)
        desc_id = re.search(r'aria-describedby="([^"]+)"', svg).group(1)
        assert f'<title id="{title_id}">' in html
        assert f'<desc id="{desc_id}">' in html
    main = html.split("<main", 1)[1].split("</main>", 1)[0]
    assert "<script" not in main  # the charts need no JavaScript


def test_the_period_defaults_to_the_last_twelve_months(client):
    response = client.get("/effekt/")
    assert response.status_code == 200
    period = response.context["period"]
    assert period == Period.default()
    assert len(page_tables(response.content.decode())["projekter"]) == 1 + 12 + 1  # head, foot


def test_only_one_date_given(client):
    response = client.get("/effekt/?to=2025-06-30")
    assert response.context["period"] == Period(dt.date(2024, 7, 1), dt.date(2025, 6, 30))
    response = client.get("/effekt/?from=2025-06-01")
    assert response.context["period"].date_from == dt.date(2025, 6, 1)


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ("from=2025-07-01&to=2025-06-30", "Til-datoen må ikke ligge før fra-datoen."),
        ("from=2025-13-01", "Skriv datoen som ÅÅÅÅ-MM-DD, fx 2025-01-31."),
        ("to=i%20går", "Skriv datoen som ÅÅÅÅ-MM-DD, fx 2025-01-31."),
        ("from=31.12.2024", "Skriv datoen som ÅÅÅÅ-MM-DD, fx 2025-01-31."),
        ("from=2000-01-01&to=2025-01-01", "Perioden kan højst være 10 år."),
        ("from=%00", "Skriv datoen som ÅÅÅÅ-MM-DD, fx 2025-01-31."),
    ],
)
def test_a_bad_period_is_explained_in_danish(client, query, message):
    response = client.get("/effekt/?" + query)
    assert response.status_code == 400
    html = response.content.decode()
    assert message in html
    assert 'class="error-summary"' in html
    assert "<svg" not in html
    download = client.get("/effekt/projekter.csv?" + query)
    assert download.status_code == 400
    assert message in download.content.decode()


def test_an_empty_period_shows_zeros_and_no_charts(client):
    response = client.get("/effekt/?from=2025-01-01&to=2025-01-01")
    assert response.status_code == 200
    html = response.content.decode()
    assert "<svg" not in html
    assert "Ingen kontakter på tværs af kommuner i perioden." in html
    assert "Intet søgeord er søgt mindst 3 gange i perioden." in html
    assert read_csv(client.get("/effekt/soegninger.csv?from=2025-01-01&to=2025-01-01")) == [
        ["soegeord", "soegninger"]
    ]


@pytest.mark.parametrize("slug", list(figures.FIGURES))
def test_each_csv_matches_its_table(client, data, slug):
    response = client.get(f"/effekt/{slug}.csv?{PERIOD}")
    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"] == (
        f'attachment; filename="smartby-effekt-{slug}-2025-01-01-2025-06-30.csv"'
    )
    rows = read_csv(response)
    period = Period(dt.date(2025, 1, 1), dt.date(2025, 6, 30))
    assert rows == figure_rows(figures.FIGURES[slug](period))

    table = page_tables(client.get("/effekt/?" + PERIOD).content.decode())[slug]
    assert len(table) == len(rows)  # header, rows and totals
    for table_row, csv_row in zip(table[1:], rows[1:], strict=True):
        # The first column is a label or a date (written differently); the rest are numbers.
        assert [as_csv_value(c) for c in table_row[1:]] == csv_row[1:]


def test_csv_values(client, data):
    rows = read_csv(client.get(f"/effekt/soegninger.csv?{PERIOD}"))
    assert rows == [["soegeord", "soegninger"], ["affald", "1234"], ["'=HYPERLINK(1)", "3"]]
    rows = read_csv(client.get(f"/effekt/kommuner.csv?{PERIOD}"))
    assert rows[1:3] == [["2025-01", "1", "1,0"], ["2025-02", "2", "2,0"]]
    rows = read_csv(client.get(f"/effekt/sidevisninger.csv?{PERIOD}"))
    assert rows[1] == ["Danmarkskortet", "2500", "99,7"]


def test_unknown_figure_is_404(client):
    assert client.get("/effekt/findes-ikke.csv").status_code == 404


def test_text_from_visitors_is_escaped_in_chart_and_table(client):
    SearchTerm.objects.create(day=dt.date(2025, 3, 1), term="<script>alert(1)</script>", count=5)
    html = client.get("/effekt/?" + PERIOD).content.decode()
    assert "<script>alert(1)" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html


def test_query_count_is_constant_in_the_number_of_projects(client, editor_a):
    def count() -> int:
        with CaptureQueriesContext(connection) as ctx:
            assert client.get("/effekt/?" + PERIOD).status_code == 200
        return len(ctx.captured_queries)

    for i in range(2):
        make_project(None, title=f"Før {i}")
    few = count()
    munis = list(Municipality.objects.values_list("code", flat=True)[:12])
    for i, code in enumerate(munis):
        p = make_project(None, title=f"Efter {i}", municipalities=[code])
        Project.objects.filter(pk=p.pk).update(
            created_at=dt.datetime(2025, 1 + i % 6, 2, tzinfo=dt.UTC)
        )
    assert count() == few
