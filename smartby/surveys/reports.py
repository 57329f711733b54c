"""The report's tables, generated from a round's figures (the 2014 report's tables, repeatable).

The tables are computed from `Figures`: the percentages of a round by (question, item, group,
option). For a round with responses they come from `analysis.results` (suppressed for public
views); for the baseline round from its published `BaselineFigure` rows. The same functions
therefore print the 2014 tables from the 2014 figures (where the report printed them) and the
tables of any later round.

- The initiative matrix is the question `initiatives` with options `have` and `plan`; each item
  has an `area` (one of the report's seven).
- An area's share is the simple mean of its initiatives' shares (the report's "simpelt
  gennemsnit"), over the initiatives that have a figure (a count beside it says how many); the
  overall share is the simple mean over all initiatives with a figure.
- Most widespread and fastest growing: the top 5 by the share that has / plans the initiative,
  ties at the fifth place included, ties ordered as in the questionnaire.
- Largest differences: smart_city minus ovrige in percentage points (the report's definition:
  positive = more common among smart-city municipalities), the 10 largest by absolute size.
- Change: every figure of the comparison round (the previous round of the same survey, or the
  2014 baseline) that has a value there, beside the figure of this round, and the difference
  in percentage points.
"""

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from fractions import Fraction
from typing import Any, Literal

from django.utils.translation import gettext as _

from smartby.surveys import analysis
from smartby.surveys.analysis import KIND_QUESTION, SIZE_QUESTION, Results, Spec, round1

INITIATIVES = "initiatives"
HAVE, PLAN = "have", "plan"
SMART_CITY, OVRIGE = "smart_city", "ovrige"
DIFF_GROUP = "smart_city_minus_ovrige"  # = models.DIFF_GROUP (kept import-free: pure module)
TOP = 5
TOP_DIFFERENCES = 10

FigureKey = tuple[str, str, str, str]  # question, item ("" if none), group ("" = all), option


class Figures:
    """Percentages by (question, item, group, option): computed from results, or published.

    An option key "a+b" is the combined share of both options (from the counts; with published
    figures only when printed as such). The group `DIFF_GROUP` is smart_city minus ovrige in
    percentage points."""

    def __init__(
        self,
        questions: Sequence[dict] = (),
        published: dict[FigureKey, float] | None = None,
        published_n: dict[FigureKey, int | None] | None = None,
    ) -> None:
        self.questions = {q["key"]: q for q in questions}
        self.published = published
        self.published_n = published_n or {}

    @classmethod
    def from_results(cls, doc: Results, profile: Sequence[dict] = ()) -> "Figures":
        return cls([*doc["questions"], *profile])

    @classmethod
    def from_published(cls, rows: Iterable[Any]) -> "Figures":
        """From `BaselineFigure` rows (or objects with the same attributes)."""
        published: dict[FigureKey, float] = {}
        counts: dict[FigureKey, int | None] = {}
        for row in rows:
            key = (row.question_key, row.item_key, row.group, row.option_key)
            published[key] = float(row.pct)
            counts[key] = row.n
        return cls(published=published, published_n=counts)

    def _block(self, question: str, item: str, group: str) -> dict | None:
        q = self.questions.get(question)
        if q is None:
            return None
        block = q if group == "" else q["groups"].get(group)
        if block is None:
            return None
        if item:
            return next((i for i in block.get("items", []) if i["key"] == item), None)
        return block if "options" in block else None

    def pct(self, question: str, item: str, group: str, option: str) -> float | None:
        if group == DIFF_GROUP:
            if self.published is not None and (question, item, group, option) in self.published:
                return self.published[(question, item, group, option)]
            a = self.pct(question, item, SMART_CITY, option)
            b = self.pct(question, item, OVRIGE, option)
            return None if a is None or b is None else round1(a - b)
        if self.published is not None:
            return self.published.get((question, item, group, option))
        block = self._block(question, item, group)
        if block is None:
            return None
        cells = [block["options"].get(o) for o in option.split("+")]
        if any(c is None for c in cells):
            return None
        if len(cells) == 1:
            return cells[0]["pct"]
        if any(c["count"] is None for c in cells):
            return None
        return analysis.pct(sum(c["count"] for c in cells), block["n"])

    def n(self, question: str, item: str, group: str, option: str = "") -> int | None:
        if self.published is not None:
            return self.published_n.get((question, item, group, option))
        block = self._block(question, item, group)
        return None if block is None else block["n"]

    def cell(self, question: str, item: str, group: str, option: str) -> dict:
        """{"count", "pct", "suppressed"} of one option (count None for published figures)."""
        if self.published is not None:
            return {
                "count": None,
                "pct": self.pct(question, item, group, option),
                "suppressed": False,
            }
        block = self._block(question, item, group)
        cell = (block or {}).get("options", {}).get(option) or {"count": None, "pct": None}
        return {
            "count": cell["count"],
            "pct": cell["pct"],
            "suppressed": bool(cell.get("suppressed")),
        }

    def stats(self, question: str, group: str) -> dict | None:
        q = self.questions.get(question)
        block = None if q is None else (q if group == "" else q["groups"].get(group))
        return None if block is None else block.get("stats")

    def question_n(self, question: str, group: str) -> int | None:
        if self.published is not None:
            values = [
                n
                for (q, _i, g, _o), n in self.published_n.items()
                if q == question and g == group and n
            ]
            return max(values) if values else None
        q = self.questions.get(question)
        block = None if q is None else (q if group == "" else q["groups"].get(group))
        return None if block is None else block["n"]

    def keys(self, group: str | None = None) -> list[FigureKey]:
        """Every figure that has a value (in one group, or in all)."""
        if self.published is not None:
            return [
                k
                for k, v in self.published.items()
                if v is not None and (group is None or k[2] == group)
            ]
        out: list[FigureKey] = []
        for key, q in self.questions.items():
            blocks = [("", q), *q["groups"].items()]
            for g, block in blocks:
                if group is not None and g != group:
                    continue
                for o, cell in block.get("options", {}).items():
                    if cell["pct"] is not None:
                        out.append((key, "", g, o))
                for item in block.get("items", []):
                    for o, cell in item["options"].items():
                        if cell["pct"] is not None:
                            out.append((key, item["key"], g, o))
        return out


# --- tables -------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Column:
    key: str  # the CSV/XLSX header
    label: str  # the table header
    kind: Literal["text", "int", "pct", "pp"] = "text"


@dataclass
class Table:
    slug: str
    title: str
    columns: list[Column]
    rows: list[list[Any]]
    description: str = ""
    notes: list[str] = field(default_factory=list)
    # Draw a bar chart of these columns (indexes) with the labels in `chart_label`.
    chart_values: list[int] = field(default_factory=list)
    chart_label: int = 0


def _initiative_items(specs: Sequence[Spec]) -> list[dict]:
    spec = next((s for s in specs if s["key"] == INITIATIVES), None)
    return list(spec.get("items") or []) if spec else []


def initiative_rows(specs: Sequence[Spec], figs: Figures, group: str = "") -> list[dict]:
    """One row per initiative: its text, area, n and the shares that have and plan it."""
    return [
        {
            "key": item["key"],
            "text": item["text"],
            "area": item.get("area") or "",
            "n": figs.n(INITIATIVES, item["key"], group, HAVE),
            "have": figs.pct(INITIATIVES, item["key"], group, HAVE),
            "plan": figs.pct(INITIATIVES, item["key"], group, PLAN),
        }
        for item in _initiative_items(specs)
    ]


def mean(values: Iterable[float | None]) -> tuple[float | None, int]:
    """The simple mean of the values that exist (one decimal) and how many there were."""
    present = [v for v in values if v is not None]
    if not present:
        return None, 0
    return round1(sum(Fraction(str(v)) for v in present) / len(present)), len(present)


def area_means(
    specs: Sequence[Spec], figs: Figures, group: str, option: str
) -> tuple[dict[str, tuple], tuple]:
    """({area: (mean share, initiatives with a figure, initiatives)} in questionnaire order,
    the same over all initiatives)."""
    items = _initiative_items(specs)
    areas: dict[str, list[str]] = {}
    for item in items:
        areas.setdefault(item.get("area") or "", []).append(item["key"])
    out = {}
    for area, keys in areas.items():
        m, k = mean(figs.pct(INITIATIVES, key, group, option) for key in keys)
        out[area] = (m, k, len(keys))
    m, k = mean(figs.pct(INITIATIVES, i["key"], group, option) for i in items)
    return out, (m, k, len(items))


def initiatives_table(specs: Sequence[Spec], figs: Figures, group: str = "") -> Table:
    rows = [
        [r["text"], r["area"], r["n"], r["have"], r["plan"]]
        for r in initiative_rows(specs, figs, group)
    ]
    return Table(
        slug="initiativer",
        title=_("Andel der har eller planlægger hvert initiativ"),
        columns=[
            Column("initiativ", _("Initiativ")),
            Column("hovedomraade", _("Hovedområde")),
            Column("n", _("Antal svar"), "int"),
            Column("har_pct", _("Har (pct.)"), "pct"),
            Column("planlaegger_pct", _("Planlægger inden for 12 måneder (pct.)"), "pct"),
        ],
        rows=rows,
        chart_values=[3],
    )


def areas_table(specs: Sequence[Spec], figs: Figures) -> Table:
    everyone, everyone_all = area_means(specs, figs, "", HAVE)
    smart, smart_all = area_means(specs, figs, SMART_CITY, HAVE)
    others, others_all = area_means(specs, figs, OVRIGE, HAVE)
    planned, planned_all = area_means(specs, figs, "", PLAN)
    rows = [
        [
            area or _("Uden hovedområde"),
            f"{k}/{total}",
            m,
            smart[area][0],
            others[area][0],
            planned[area][0],
        ]
        for area, (m, k, total) in everyone.items()
    ]
    m, k, total = everyone_all
    rows.append(
        [_("Alle initiativer"), f"{k}/{total}", m, smart_all[0], others_all[0], planned_all[0]]
    )
    return Table(
        slug="hovedomraader",
        title=_(
            "Andel af kommuner, der har igangsat konkrete aktiviteter inden for hvert hovedområde"
        ),
        columns=[
            Column("hovedomraade", _("Hovedområde")),
            Column("initiativer_med_tal", _("Initiativer med tal")),
            Column("har_pct", _("Alle: har (pct.)"), "pct"),
            Column("smart_city_har_pct", _("Kommuner med Smart City (pct.)"), "pct"),
            Column("ovrige_har_pct", _("Øvrige kommuner (pct.)"), "pct"),
            Column("planlaegger_pct", _("Alle: planlægger (pct.)"), "pct"),
        ],
        rows=rows,
        description=_(
            "Simpelt gennemsnit af andelene for hovedområdets initiativer (de initiativer, der "
            "har et tal); den sidste række er gennemsnittet over alle initiativer."
        ),
        chart_values=[2],
    )


def ranked(rows: list[dict], key: str, top: int) -> list[dict]:
    """The `top` rows by `key` (descending), ties at the last place included; questionnaire
    order among equals."""
    present = [r for r in rows if r[key] is not None]
    present.sort(key=lambda r: -abs(r[key]))
    if len(present) <= top:
        return present
    cutoff = abs(present[top - 1][key])
    return [r for r in present if abs(r[key]) >= cutoff]


def widespread_table(
    specs: Sequence[Spec], figs: Figures, group: str = "", top: int = TOP
) -> Table:
    rows = ranked(initiative_rows(specs, figs, group), HAVE, top)
    return Table(
        slug="mest-udbredte",
        title=_("De mest udbredte initiativer"),
        columns=[
            Column("initiativ", _("Initiativ")),
            Column("hovedomraade", _("Hovedområde")),
            Column("har_pct", _("Udbredelse (pct.)"), "pct"),
        ],
        rows=[[r["text"], r["area"], r[HAVE]] for r in rows],
        chart_values=[2],
    )


def growing_table(specs: Sequence[Spec], figs: Figures, group: str = "", top: int = TOP) -> Table:
    rows = ranked(initiative_rows(specs, figs, group), PLAN, top)
    return Table(
        slug="hurtigst-voksende",
        title=_("De hurtigst voksende initiativer"),
        columns=[
            Column("initiativ", _("Initiativ")),
            Column("hovedomraade", _("Hovedområde")),
            Column(
                "planlaegger_pct",
                _("Andel der vil arbejde med initiativet fremadrettet (pct.)"),
                "pct",
            ),
        ],
        rows=[[r["text"], r["area"], r[PLAN]] for r in rows],
        description=_("Andel der forventer at gå i gang i løbet af de kommende 12 måneder."),
        chart_values=[2],
    )


def differences_table(specs: Sequence[Spec], figs: Figures, top: int = TOP_DIFFERENCES) -> Table:
    rows = []
    for item in _initiative_items(specs):
        rows.append(
            {
                "text": item["text"],
                "area": item.get("area") or "",
                "a": figs.pct(INITIATIVES, item["key"], SMART_CITY, HAVE),
                "b": figs.pct(INITIATIVES, item["key"], OVRIGE, HAVE),
                "diff": figs.pct(INITIATIVES, item["key"], DIFF_GROUP, HAVE),
            }
        )
    top_rows = ranked(rows, "diff", top)
    return Table(
        slug="stoerste-forskelle",
        title=_(
            "Aktiviteter med størst forskel i pct.-point mellem Smart City-kommuner og øvrige kommuner"
        ),
        columns=[
            Column("initiativ", _("Aktivitet")),
            Column("hovedomraade", _("Hovedområde")),
            Column("smart_city_pct", _("Kommuner med Smart City (pct.)"), "pct"),
            Column("ovrige_pct", _("Øvrige kommuner (pct.)"), "pct"),
            Column("forskel_pp", _("Forskel (pct.-point)"), "pp"),
        ],
        rows=[[r["text"], r["area"], r["a"], r["b"], r["diff"]] for r in top_rows],
        description=_(
            "En positiv forskel betyder, at en større andel af kommunerne med Smart City har "
            "initiativet; en negativ, at en større andel af de øvrige kommuner har det."
        ),
    )


class Labels:
    """Danish labels of questions, items, options and groups for the tables."""

    def __init__(self, specs: Sequence[Spec], groups: dict[str, str]) -> None:
        self.specs = {s["key"]: s for s in specs}
        self.groups = groups

    def question(self, key: str) -> str:
        if key == KIND_QUESTION:
            return _("Kommunetype")
        if key == SIZE_QUESTION:
            return _("Kommunestørrelse")
        spec = self.specs.get(key)
        return (spec or {}).get("text") or key

    def item(self, question: str, key: str) -> str:
        spec = self.specs.get(question) or {}
        return next((i["text"] for i in spec.get("items") or [] if i["key"] == key), key)

    def option(self, question: str, key: str) -> str:
        spec = self.specs.get(question) or {}
        labels = {o["key"]: o["label"] for o in spec.get("options") or []}
        labels.update(self.groups)  # kinds and sizes of the pseudo-questions
        return " + ".join(labels.get(k, k) for k in key.split("+"))

    def group(self, key: str) -> str:
        if key == "":
            return _("Alle")
        if key == DIFF_GROUP:
            return _("Forskel Smart City − øvrige (pct.-point)")
        return self.groups.get(key, key)


def changes_table(
    labels: Labels,
    current: Figures,
    previous: Figures,
    keys: Sequence[FigureKey],
    *,
    previous_name: str,
) -> Table:
    """Each figure of the comparison round beside this round's figure and the change in
    percentage points (null where this round has no figure, e.g. suppressed)."""
    order = {k: i for i, k in enumerate(labels.specs)}
    rows = []
    for q, item, group, option in sorted(keys, key=lambda k: (order.get(k[0], len(order)), k)):
        before = previous.pct(q, item, group, option)
        if before is None:
            continue
        now = current.pct(q, item, group, option)
        rows.append(
            [
                labels.question(q),
                labels.item(q, item) if item else "",
                labels.group(group),
                labels.option(q, option),
                before,
                now,
                None if now is None else round1(now - before),
            ]
        )
    return Table(
        slug="udvikling",
        title=_("Udvikling siden %(name)s") % {"name": previous_name},
        columns=[
            Column("spoergsmaal", _("Spørgsmål")),
            Column("delspoergsmaal", _("Delspørgsmål")),
            Column("gruppe", _("Gruppe")),
            Column("svar", _("Svar")),
            Column("foer_pct", _("Før (pct.)"), "pct"),
            Column("nu_pct", _("Nu (pct.)"), "pct"),
            Column("aendring_pp", _("Ændring (pct.-point)"), "pp"),
        ],
        rows=rows,
        description=_(
            "Kun tal, som sammenligningsrunden har; en tom celle betyder, at tallet ikke findes "
            "eller er skjult i denne runde."
        ),
    )


def report_tables(specs: Sequence[Spec], figs: Figures, group: str = "") -> list[Table]:
    """The report's tables for one round, in the report's order (without the change table)."""
    if not _initiative_items(specs):
        return []
    return [
        areas_table(specs, figs),
        widespread_table(specs, figs, group),
        growing_table(specs, figs, group),
        differences_table(specs, figs),
        initiatives_table(specs, figs, group),
    ]


# --- from the database --------------------------------------------------------------------------


@dataclass
class RoundReport:
    """Everything the results page, the exports and the API show for one round."""

    round: Any
    specs: list[Spec]
    figures: Figures
    labels: Labels
    groups: dict[str, int | None]  # respondents per group (None: not known, the baseline)
    respondents: int | None
    results: Results | None  # None for the baseline round (figures only)
    public: bool


def round_specs(round_: Any) -> list[Spec]:
    from smartby.surveys.versions import question_specs

    return question_specs(round_.version)


def respondents_of(round_: Any) -> list[analysis.Respondent]:
    """The submitted responses of a round as the analysis takes them (drafts never count)."""
    from smartby.surveys.models import Response, ResponseStatus

    responses = (
        Response.objects.filter(round=round_, status=ResponseStatus.SUBMITTED)
        .select_related("municipality__region")
        .order_by("municipality__code")
    )
    return [
        {
            "code": r.municipality.code,
            "kind": r.municipality.kind,
            "population": r.municipality.population,
            "region": r.municipality.region.code,
            "answers": r.answers or {},
        }
        for r in responses
    ]


def region_names() -> dict[str, str]:
    from smartby.geo.models import Region

    return dict(Region.objects.order_by("code").values_list("code", "name"))


def group_labels(regions: dict[str, str], threshold: int | None = None) -> dict[str, str]:
    """Danish names of every group, in the results' order."""
    from django.utils.formats import number_format

    threshold = analysis.size_threshold() if threshold is None else threshold
    over, under = analysis.size_groups(threshold)
    size = number_format(threshold, force_grouping=True)
    return {
        SMART_CITY: _("Kommuner med Smart City"),
        OVRIGE: _("Øvrige kommuner"),
        "bykommune": _("Bykommuner"),
        "mellemkommune": _("Mellemkommuner"),
        "landkommune": _("Landkommuner"),
        "yderkommune": _("Yderkommuner"),
        over: _("Over %(n)s indbyggere") % {"n": size},
        under: _("%(n)s indbyggere eller færre") % {"n": size},
        **{code: _("Region %(name)s") % {"name": name} for code, name in regions.items()},
    }


def full_results(round_: Any) -> Results:
    """The unsuppressed results (the `survey-results` command)."""
    return analysis.results(
        round_.key, round_specs(round_), respondents_of(round_), regions=region_names()
    )


def round_report(round_: Any, *, public: bool = True) -> RoundReport:
    """The round's figures: computed from its submitted responses (suppressed when `public`),
    or, for the baseline round, its published figures."""
    specs = round_specs(round_)
    regions = region_names()
    labels = Labels(specs, group_labels(regions))
    if round_.is_baseline:
        figures = Figures.from_published(round_.baseline_figures.all())
        groups: dict[str, int | None] = dict.fromkeys(labels.groups, None)
        return RoundReport(
            round_, specs, figures, labels, groups, round_.baseline_respondents, None, public
        )
    people = respondents_of(round_)
    doc = analysis.results(round_.key, specs, people, regions=regions)
    prof = analysis.profile(people, regions=regions)
    if public:
        doc = analysis.suppress(doc, specs)
        prof = analysis.suppress({"questions": prof}, analysis.profile_specs(0))["questions"]
    sizes = analysis.group_sizes(people, regions=regions)
    return RoundReport(
        round_,
        specs,
        Figures.from_results(doc, prof),
        labels,
        dict(sizes),
        len(people),
        doc,
        public,
    )


def comparison_rounds(round_: Any) -> list[Any]:
    """Earlier rounds of the same survey (any version), the latest first; the baseline round
    of the survey counts as the earliest."""
    from smartby.surveys.models import Round

    return list(
        Round.objects.filter(
            version__survey_id=round_.version.survey_id, opens_on__lt=round_.opens_on
        )
        .exclude(pk=round_.pk)
        .order_by("-opens_on", "-created")
    )


def changes(report: RoundReport, previous: RoundReport, group: str | None = None) -> Table:
    """The change table: every figure the comparison round has (in `group`, or all groups for
    a baseline) beside this round's."""
    keys = previous.figures.keys(None if previous.round.is_baseline else (group or ""))
    return changes_table(
        report.labels, report.figures, previous.figures, keys, previous_name=previous.round.name
    )


def _published_block(figs: Figures, spec: Spec, group: str) -> dict:
    q = spec["key"]
    options = [o["key"] for o in spec.get("options") or []]

    def cells(item: str) -> dict:
        return {o: {"count": None, "pct": figs.pct(q, item, group, o)} for o in options}

    if spec["type"] in analysis.ITEM_TYPES:
        items = [i["key"] for i in spec.get("items") or []]
        return {
            "n": figs.question_n(q, group),
            "items": [{"key": i, "n": None, "options": cells(i)} for i in items],
        }
    return {"n": figs.question_n(q, group), "options": cells("")}


def published_document(report: RoundReport) -> Results:
    """The baseline round's published figures in the shape of the results (counts null, n the
    largest printed base or null, pct null where the report has no figure)."""
    questions = [
        {
            "key": spec["key"],
            **_published_block(report.figures, spec, ""),
            "groups": {g: _published_block(report.figures, spec, g) for g in report.groups},
        }
        for spec in report.specs
        if spec["type"] in (*analysis.CHOICE_TYPES, *analysis.ITEM_TYPES)
    ]
    return {"round": report.round.key, "respondents": report.respondents, "questions": questions}


def public_document(report: RoundReport) -> Results:
    """What the API serves: the suppressed results, or the baseline's published figures."""
    return report.results if report.results is not None else published_document(report)
