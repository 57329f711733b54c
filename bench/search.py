"""Search benchmark (issue 6): search, as-you-type suggestions and similar projects at 100,000
projects on PostgreSQL, served by gunicorn as in production.

    scripts/with-postgres .venv/bin/python bench/search.py [--projects 100000] [--requests 200]

Uses bench/run.py's database preparation (the demo loader indexes every project), server and
client. Requests cycle through the judged queries of smartby/search/eval/queries.json (114
realistic Danish queries), their prefixes for suggestions, and random projects for similar
projects, so that no single cached answer is measured. Also measured: a full rebuild of the
index (`reindex_all`) and the index's size. Prints a Markdown section for bench/RESULTS.md.
"""

import argparse
import datetime as dt
import itertools
import json
import os
import random
import sys
import time
from pathlib import Path
from urllib.parse import quote

sys.path.insert(0, str(Path(__file__).resolve().parent))
import run

TARGETS = {"search": 50, "suggest": 30, "similar": 100, "api": 100}
QUERIES = run.ROOT / "smartby" / "search" / "eval" / "queries.json"


def query_pool() -> list[str]:
    return [q["query"] for q in json.loads(QUERIES.read_text(encoding="utf-8"))["queries"]]


def prefixes(queries: list[str]) -> list[str]:
    """What a searcher has typed when suggestions are asked for: 3 to 7 letters of the first
    word, and a first word plus the start of the second."""
    out = []
    for q in queries:
        words = q.split()
        first = words[0]
        out += [first[:n] for n in range(3, min(len(first), 7) + 1)]
        if len(words) > 1:
            out.append(f"{first} {words[1][:3]}")
    return out


def routes(seed: int) -> list[tuple[str, str, list[str]]]:
    from smartby.registry.models import Project

    rng = random.Random(seed)
    queries = query_pool()
    rng.shuffle(queries)
    uids = list(Project.objects.order_by("id").values_list("uid", flat=True))
    sample = rng.sample(uids, min(len(uids), 2000))
    suggest = prefixes(queries)
    rng.shuffle(suggest)
    return [
        ("GET /api/v1/search?q=…", "search", [f"/api/v1/search?q={quote(q)}" for q in queries]),
        ("GET /soeg/?q=… (page)", "search", [f"/soeg/?q={quote(q)}" for q in queries]),
        (
            "GET /api/v1/search/suggestions?q=…",
            "suggest",
            [f"/api/v1/search/suggestions?q={quote(p)}" for p in suggest],
        ),
        (
            "GET /api/v1/projects/{id}/similar",
            "similar",
            [f"/api/v1/projects/{u}/similar" for u in sample],
        ),
        (
            "GET /api/v1/projects?q=… (relevance)",
            "api",
            [f"/api/v1/projects?q={quote(q)}" for q in queries],
        ),
    ]


def rebuild_and_size() -> dict[str, str]:
    from django.db import connection

    from smartby.search.index import reindex_all

    start = time.perf_counter()
    projects, organisations = reindex_all()
    seconds = time.perf_counter() - start
    with connection.cursor() as cursor:
        cursor.execute("VACUUM ANALYZE search_searchentry")
        cursor.execute("VACUUM ANALYZE search_term")
        cursor.execute(
            "SELECT pg_size_pretty(pg_total_relation_size('search_searchentry')),"
            " pg_size_pretty(pg_relation_size('search_entry_document_idx')),"
            " (SELECT count(*) FROM search_term), (SELECT count(*) FROM search_corpusword)"
        )
        table, gin, terms, corpus = cursor.fetchone()
    return {
        "reindex_all": f"{seconds:.1f} s ({projects} projects, {organisations} organisations)",
        "search_searchentry (with indexes)": table,
        "GIN index on document": gin,
        "lexicon terms": str(terms),
        "corpus words": str(corpus),
    }


def command(argv: list[str], loaded: bool) -> str:
    """How this run was started: through scripts/with-postgres (the run loaded the demo into
    a throw-away cluster) or against a database an earlier run had loaded."""
    cmd = " ".join([os.path.relpath(sys.executable, run.ROOT), "bench/search.py", *argv])
    return f"scripts/with-postgres {cmd}" if loaded else f"DATABASE_URL=postgres://…/smartby {cmd}"


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--projects", type=int, default=100_000)
    parser.add_argument("--seed", type=int, default=2026)
    parser.add_argument("--requests", type=int, default=200)
    parser.add_argument("--warmup", type=int, default=12)
    parser.add_argument("--concurrency", type=int, nargs="+", default=[1, 4])
    parser.add_argument("--budget", type=float, default=30)
    parser.add_argument("--timeout", type=float, default=60)
    parser.add_argument("--server", type=run.ServerSpec.parse, default=run.ServerSpec("sync", 3, 1))
    parser.add_argument("--no-rebuild", action="store_true", help="skip the reindex_all timing")
    args = parser.parse_args(argv)
    run.setup_django()
    started = dt.datetime.now(dt.UTC)
    setup = run.prepare_database(args)
    run.write_baseline(run.OUT_DIR / "static")
    index = {} if args.no_rebuild else rebuild_and_size()
    for key, value in index.items():
        print(f"{key}: {value}", flush=True)
    measured = []
    with run.gunicorn(args.server, run.OUT_DIR / "gunicorn.log") as (port, master):
        meter = run.CpuMeter({"app": master, "client": os.getpid()})
        for label, kind, pool in routes(args.seed):
            paths = itertools.cycle(pool)
            run.run_phase(port, [next(paths) for _ in range(args.warmup)], 4, args.budget, 60)
            phases = []
            for c in args.concurrency:
                meter.wait_quiet(10, run.BUSY)
                batch = [next(paths) for _ in range(args.requests)]
                phases.append(run.run_phase(port, batch, c, args.budget, args.timeout, meter))
            measured.append((label, kind, phases))
            print(
                f"  {label:<40} "
                + "  ".join(
                    f"c={p.concurrency}: n={len(p.samples)} errors={p.errors} "
                    f"p50={p.quantile_ms(0.5):.0f} p95={p.quantile_ms(0.95):.0f} ms"
                    for p in phases
                ),
                flush=True,
            )
    rows = []
    for label, kind, phases in measured:
        target = TARGETS[kind]
        cells = []
        for p in phases:
            p95 = p.quantile_ms(0.95)
            verdict = "ERR" if p.errors else ("pass" if p95 <= target else "FAIL")
            cells.append(f"{p.quantile_ms(0.5):.0f} / {p95:.0f} ({verdict})")
        rows.append([label, f"≤ {target}", *cells, str(sum(len(p.samples) for p in phases))])
    header = ["route", "p95 target ms", *(f"c={c} p50 / p95 ms" for c in args.concurrency), "n"]
    table = run.markdown_table(header, rows, set(range(1, len(header))))
    lines = [
        f"Measured {started:%Y-%m-%d %H:%M} UTC at {setup.projects:,} projects, "
        f"gunicorn {args.server.describe()}; command: `{command(argv, setup.load_seconds is not None)}`",
        "",
        table,
        "",
        *(f"- {k}: {v}" for k, v in index.items()),
    ]
    text = "\n".join(lines) + "\n"
    (run.OUT_DIR / "search-last-run.md").write_text(text)
    print("\n" + text)
    return 1 if any(p.errors for _, _, phases in measured for p in phases) else 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
