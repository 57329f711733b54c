"""The judged search evaluation (search/eval/): nDCG@10, recall@10 and MRR of a ranking.

`api_ranking` is the ranking `GET /api/v1/projects?q=...` returns (the same filter and sort
functions); `baseline_ranking` is PostgreSQL's plain `danish` configuration over title (A),
summary (B) and description (C) with websearch syntax, for comparison.
"""

import json
import math
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from django.contrib.postgres.search import SearchQuery, SearchRank, SearchVector
from django.db.models import F

from smartby.registry.filters import ProjectFilters, filtered_projects, sort_projects
from smartby.registry.models import Project

K = 10
EVAL_DIR = Path(__file__).parent / "eval"

Ranking = Callable[[str], list[str]]


@dataclass
class Judged:
    id: str
    query: str
    kind: str
    relevant: dict[str, int]


@dataclass
class QueryResult:
    judged: Judged
    ranked: list[str]
    ndcg: float
    recall: float
    rr: float


@dataclass
class Report:
    results: list[QueryResult] = field(default_factory=list)

    def mean(self, metric: str, kind: str | None = None) -> float:
        values = [getattr(r, metric) for r in self.results if kind in (None, r.judged.kind)]
        return sum(values) / len(values) if values else 0.0

    def kinds(self) -> list[str]:
        return sorted({r.judged.kind for r in self.results})

    def as_dict(self) -> dict[str, Any]:
        def summary(kind: str | None) -> dict[str, float]:
            return {m: round(self.mean(m, kind), 4) for m in ("ndcg", "recall", "rr")} | {
                "queries": sum(1 for r in self.results if kind in (None, r.judged.kind))
            }

        return {"all": summary(None), **{k: summary(k) for k in self.kinds()}}


def load_queries(path: Path) -> list[Judged]:
    data = json.loads(path.read_text(encoding="utf-8"))
    return [
        Judged(
            q["id"],
            q["query"],
            q.get("kind", "plain"),
            {k: int(v) for k, v in q["relevant"].items()},
        )
        for q in data["queries"]
    ]


def dcg(gains: list[int]) -> float:
    return sum((2**g - 1) / math.log2(i + 2) for i, g in enumerate(gains))


def score(judged: Judged, ranked: list[str]) -> QueryResult:
    top = ranked[:K]
    gains = [judged.relevant.get(pid, 0) for pid in top]
    ideal = dcg(sorted(judged.relevant.values(), reverse=True)[:K])
    relevant = {pid for pid, g in judged.relevant.items() if g > 0}
    found = [i for i, pid in enumerate(top) if pid in relevant]
    return QueryResult(
        judged,
        top,
        ndcg=dcg(gains) / ideal if ideal else 0.0,
        recall=len(found) / min(len(relevant), K) if relevant else 0.0,
        rr=1 / (found[0] + 1) if found else 0.0,
    )


def evaluate(queries: list[Judged], ranking: Ranking) -> Report:
    return Report([score(j, ranking(j.query)) for j in queries])


def api_ranking(q: str) -> list[str]:
    f = ProjectFilters(q=q)
    ranked = sort_projects(filtered_projects(f), "relevans", f)
    return list(ranked.values_list("uid", flat=True)[:K])


def baseline_ranking(q: str) -> list[str]:
    """Plain PostgreSQL `danish` full-text search (the state before this search engine)."""
    vector = (
        SearchVector("title", weight="A", config="danish")
        + SearchVector("summary", weight="B", config="danish")
        + SearchVector("description", weight="C", config="danish")
    )
    query = SearchQuery(q, config="danish", search_type="websearch")
    qs = (
        Project.objects.annotate(document=vector)
        .filter(document=query)
        .annotate(rank=SearchRank(F("document"), query))
        .order_by("-rank", F("last_verified").desc(nulls_last=True), "-id")
    )
    return list(qs.values_list("uid", flat=True)[:K])


def by_kind(report: Report) -> dict[str, list[QueryResult]]:
    out: dict[str, list[QueryResult]] = defaultdict(list)
    for r in report.results:
        out[r.judged.kind].append(r)
    return out
