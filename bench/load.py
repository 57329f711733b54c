"""Load test (issue 10): mixed traffic of many concurrent users against the production server.

    scripts/with-postgres .venv/bin/python bench/load.py [--projects 100000] [--users 200]
        [--run-time 60] [--server gthread:2x8] [--compare sync:5 ...]

Prepares the database as bench/run.py does (migrate, `smartby demo --projects N` unless the
projects are there, collectstatic, VACUUM ANALYZE), creates editor accounts (members of
organisations that lead projects, with a random password for this run), writes the plan for
bench/locustfile.py (sample slugs and ids, filter values, the judged search queries plus broad
words, the editor accounts) to bench/out/load-plan.json, starts gunicorn on a free loopback
port and runs locust headless against it for a bounded time (a hard timeout kills it). Parses
locust's CSV statistics and prints a per-route Markdown table (p50/p95/p99, requests per second,
errors), also written to bench/out/load-last-run.md for RESULTS.md. Exit code 1 if any request
failed. Sends traffic to 127.0.0.1 only. See bench/README.md.
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import json
import os
import random
import secrets
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import quote

sys.path.insert(0, str(Path(__file__).resolve().parent))
import run
import search

LOCUSTFILE = run.ROOT / "bench" / "locustfile.py"
PLAN_FILE = run.OUT_DIR / "load-plan.json"
EDITOR_DOMAIN = "load.smartby.invalid"
# Broad one-word searches that match thousands of projects, besides the judged queries.
BROAD_QUERIES = ["projekt", "kommune", "data", "energi", "sensorer", "trafik", "vand", "borger"]


@dataclass
class RouteStats:
    name: str
    requests: int
    failures: int
    p50: float
    p95: float
    p99: float
    max: float
    rps: float
    avg_size: float


def create_editors(count: int, per_editor: int, seed: int) -> list[dict]:
    """Editor accounts for this run: one per organisation leading the most projects, each with
    up to `per_editor` of that organisation's projects. The password is new on every run."""
    from django.db.models import Count

    from smartby.accounts.models import Membership, Role, User
    from smartby.orgs.models import Organisation
    from smartby.registry.models import Project

    rng = random.Random(seed)
    orgs = list(
        Organisation.objects.annotate(n=Count("led_projects"))
        .filter(n__gt=0)
        .order_by("-n", "pk")[:count]
    )
    editors = []
    for i, org in enumerate(orgs):
        password = secrets.token_urlsafe(16)
        user, _ = User.objects.get_or_create(
            email=f"editor-{i}@{EDITOR_DOMAIN}", defaults={"role": Role.EDITOR}
        )
        user.set_password(password)
        user.save(update_fields=["password"])
        Membership.objects.get_or_create(user=user, organisation=org)
        slugs = list(Project.objects.filter(lead_organisation=org).values_list("slug", flat=True))
        editors.append(
            {
                "email": user.email,
                "password": password,
                "organisation": org.slug,
                "slugs": rng.sample(slugs, min(per_editor, len(slugs))),
            }
        )
    return editors


def make_plan(args: argparse.Namespace) -> dict:
    from smartby.geo.models import Municipality
    from smartby.registry.models import Area, Project, Status, Technology

    rng = random.Random(args.seed)
    ids = list(Project.objects.order_by("id").values_list("slug", "uid"))
    sample = rng.sample(ids, min(len(ids), 2000))
    queries = search.query_pool() + BROAD_QUERIES
    return {
        "slugs": [slug for slug, _ in sample],
        "uids": [uid for _, uid in sample],
        "areas": list(Area.objects.values_list("slug", flat=True)),
        "technologies": list(Technology.objects.values_list("slug", flat=True)),
        "statuses": [value for value, _ in Status.choices],
        "municipalities": list(Municipality.objects.values_list("code", flat=True)),
        "queries": queries,
        "editors": create_editors(args.editors, 20, args.seed),
    }


def read_stats(prefix: Path) -> tuple[list[RouteStats], RouteStats | None, list[list[str]]]:
    routes, total = [], None
    with open(f"{prefix}_stats.csv", newline="") as f:
        for row in csv.DictReader(f):
            stats = RouteStats(
                name=row["Name"],
                requests=int(row["Request Count"]),
                failures=int(row["Failure Count"]),
                p50=float(row["50%"] if row["50%"] != "N/A" else 0),
                p95=float(row["95%"] if row["95%"] != "N/A" else 0),
                p99=float(row["99%"] if row["99%"] != "N/A" else 0),
                max=float(row["Max Response Time"] or 0),
                rps=float(row["Requests/s"] or 0),
                avg_size=float(row["Average Content Size"] or 0),
            )
            if row["Name"] == "Aggregated":
                total = stats
            else:
                routes.append(stats)
    failures = []
    path = Path(f"{prefix}_failures.csv")
    if path.exists():
        with path.open(newline="") as f:
            failures = [
                [r["Method"], r["Name"], r["Error"], r["Occurrences"]] for r in csv.DictReader(f)
            ]
    return routes, total, failures


def run_locust(args: argparse.Namespace, port: int, prefix: Path, run_time: int) -> int:
    cmd = [
        sys.executable,
        "-m",
        "locust",
        "-f",
        str(LOCUSTFILE),
        "--headless",
        "--host",
        f"http://{run.HOST}:{port}",
        "--users",
        str(args.users),
        "--spawn-rate",
        str(args.spawn_rate),
        "--run-time",
        f"{run_time}s",
        "--stop-timeout",
        "30",
        "--csv",
        str(prefix),
        "--only-summary",
        "--loglevel",
        "WARNING",
    ]
    env = dict(
        os.environ,
        SMARTBY_LOAD_PLAN=str(PLAN_FILE),
        LOAD_WAIT=args.wait,
        LOAD_EDITOR_WAIT=args.editor_wait,
        LOAD_TIMEOUT=str(args.timeout),
        LOAD_EDITOR_WEIGHT=str(args.editor_weight),
        LOAD_READER_WEIGHT=str(args.reader_weight),
    )
    # Hard bound: spawning, the run, the 30 s stop timeout and a margin; then it is killed.
    limit = run_time + args.users / args.spawn_rate + 30 + 60
    print(f"$ locust … --users {args.users} --run-time {run_time}s (killed after {limit:.0f} s)")
    with (run.OUT_DIR / "locust.log").open("a") as log:
        proc = subprocess.Popen(cmd, cwd=run.ROOT, env=env, stdout=log, stderr=subprocess.STDOUT)
        try:
            return proc.wait(limit)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()
            raise SystemExit(
                f"locust did not stop within {limit:.0f} s; see bench/out/locust.log"
            ) from None


def warmup_paths(plan: dict) -> list[str]:
    """A few requests of every anonymous route, so that every worker has imported its code and
    filled its caches before the measured run (a production server is warm)."""
    slugs, uids, queries = plan["slugs"], plan["uids"], plan["queries"]
    paths = [
        "/kort/kommuner.geojson",
        "/kort/projekter.json",
        "/projekter/",
        "/projekter/?side=2",
        f"/soeg/?q={quote(queries[0])}",
        f"/api/v1/search?q={quote(queries[0])}",
        f"/kommuner/{plan['municipalities'][0]}/",
        "/api/v1/projects",
        "/konto/log-ind/",
    ]
    paths += [f"/projekter/{slug}/" for slug in slugs[:2]]
    paths += [f"/api/v1/projects/{uid}" for uid in uids[:2]]
    return paths


def measure(
    args: argparse.Namespace, spec: run.ServerSpec, postmaster: int | None, run_time: int
) -> tuple[list[RouteStats], RouteStats | None, list[list[str]], dict[str, float], int]:
    prefix = run.OUT_DIR / f"load-{str(spec).replace(':', '-')}"
    for suffix in ("_stats.csv", "_failures.csv", "_exceptions.csv", "_stats_history.csv"):
        Path(f"{prefix}{suffix}").unlink(missing_ok=True)
    log_path = run.OUT_DIR / "gunicorn.log"
    with run.gunicorn(spec, log_path) as (port, master):
        roots = {"app": master}
        if postmaster:
            roots["db"] = postmaster
        meter = run.CpuMeter(roots)
        warm = run.run_phase(port, warmup_paths(args.plan) * args.warmup, 4, 120, args.timeout)
        print(
            f"  warm-up: {len(warm.samples)} requests, {warm.errors} errors, p50 "
            f"{warm.quantile_ms(0.5):.0f} ms, max {warm.quantile_ms(1.0):.0f} ms",
            flush=True,
        )
        before, start = meter.snapshot(), time.monotonic()
        code = run_locust(args, port, prefix, run_time)
        use = meter.since(before, time.monotonic() - start)
    cores = {}
    if use:
        cores = {name: secs / use.seconds for name, secs in use.groups.items()}
        cores["locust and others"] = use.other_cores
    routes, total, failures = read_stats(prefix)
    return routes, total, failures, cores, code


def stats_table(routes: list[RouteStats], total: RouteStats | None) -> str:
    count = sum(r.requests for r in routes) or 1
    rows = []
    for r in [*sorted(routes, key=lambda r: r.name), *([total] if total else [])]:
        rows.append(
            [
                f"`{r.name}`" if r is not total else "**all**",
                f"{100 * r.requests / count:.1f} %",
                str(r.requests),
                f"{r.p50:.0f}",
                f"{r.p95:.0f}",
                f"{r.p99:.0f}",
                f"{r.max:.0f}",
                f"{r.rps:.1f}",
                str(r.failures),
            ]
        )
    header = [
        "route",
        "share",
        "requests",
        "p50 ms",
        "p95 ms",
        "p99 ms",
        "max ms",
        "req/s",
        "errors",
    ]
    return run.markdown_table(header, rows, set(range(1, len(header))))


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--projects", type=int, default=100_000)
    parser.add_argument("--seed", type=int, default=2026)
    parser.add_argument("--users", type=int, default=200)
    parser.add_argument("--spawn-rate", type=float, default=20, help="users started per second")
    parser.add_argument(
        "--run-time", type=int, default=60, help="seconds of load (after spawning starts)"
    )
    parser.add_argument("--wait", default="1-5", help="readers' think time, seconds min-max")
    parser.add_argument("--editor-wait", default="5-15", help="editors' think time, min-max")
    parser.add_argument("--reader-weight", type=int, default=9)
    parser.add_argument("--editor-weight", type=int, default=1)
    parser.add_argument("--editors", type=int, default=40, help="editor accounts to create")
    parser.add_argument("--timeout", type=float, default=120, help="client timeout per request")
    parser.add_argument(
        "--server", type=run.ServerSpec.parse, default=run.ServerSpec("gthread", 2, 8)
    )
    parser.add_argument(
        "--compare",
        type=run.ServerSpec.parse,
        nargs="*",
        default=[],
        help="also run these server configurations (for --compare-time seconds each)",
    )
    parser.add_argument("--compare-time", type=int, default=30)
    parser.add_argument(
        "--warmup", type=int, default=3, help="rounds of warm-up requests per route (c=4)"
    )
    args = parser.parse_args(argv)
    run.setup_django()
    started = dt.datetime.now(dt.UTC)
    setup = run.prepare_database(args)
    run.write_baseline(run.OUT_DIR / "static")
    plan = args.plan = make_plan(args)
    PLAN_FILE.write_text(json.dumps(plan), encoding="utf-8")
    PLAN_FILE.chmod(0o600)  # holds this run's editor passwords
    print(f"Plan: {len(plan['editors'])} editor accounts, {len(plan['queries'])} queries.")
    from django.db import connection, connections

    with connection.cursor() as cursor:
        cursor.execute("SHOW max_connections")
        max_connections = cursor.fetchone()[0]
    connections.close_all()

    comparisons = []
    for spec in args.compare:
        print(f"\nComparing {spec.describe()} for {args.compare_time} s:", flush=True)
        routes, total, failures, cores, _ = measure(args, spec, setup.postmaster, args.compare_time)
        comparisons.append((spec, total, failures, cores))
        if total:
            print(
                f"  {spec}: {total.requests} requests, p50 {total.p50:.0f} ms, p95 "
                f"{total.p95:.0f} ms, p99 {total.p99:.0f} ms, {total.rps:.1f} req/s, "
                f"{total.failures} errors",
                flush=True,
            )

    print(f"\nMeasuring {args.server.describe()} for {args.run_time} s:", flush=True)
    routes, total, failures, cores, code = measure(
        args, args.server, setup.postmaster, args.run_time
    )
    info = run.machine()
    lines = [
        f"Measured {started:%Y-%m-%d %H:%M} UTC at {setup.projects:,} projects: {args.users} "
        f"users (spawned {args.spawn_rate:g}/s; readers:editors {args.reader_weight}:"
        f"{args.editor_weight}; think time {args.wait} s, editors {args.editor_wait} s) for "
        f"{args.run_time} s against gunicorn {args.server.describe()}, PostgreSQL "
        f"max_connections {max_connections}; {info.get('cpu', '')}, {info.get('nproc', '')} "
        f"cores. Command: `scripts/with-postgres .venv/bin/python bench/load.py "
        f"{' '.join(argv)}`".rstrip(),
        "",
        stats_table(routes, total),
        "",
    ]
    if cores:
        lines.append(
            "CPU during the run (cores): "
            + ", ".join(f"{name} {value:.2f}" for name, value in cores.items())
        )
        lines.append("")
    if failures:
        lines += [
            "Errors:",
            "",
            run.markdown_table(["method", "route", "error", "count"], failures, {3}),
            "",
        ]
    if comparisons:
        rows = [
            [
                spec.describe(),
                str(t.requests if t else 0),
                f"{t.p50:.0f}" if t else "–",
                f"{t.p95:.0f}" if t else "–",
                f"{t.p99:.0f}" if t else "–",
                f"{t.rps:.1f}" if t else "–",
                str(t.failures if t else "–"),
                f"{c.get('app', 0):.2f}",
            ]
            for spec, t, _, c in comparisons
        ]
        header = [
            "server",
            "requests",
            "p50 ms",
            "p95 ms",
            "p99 ms",
            "req/s",
            "errors",
            "app cores",
        ]
        lines += [
            f"Server comparison ({args.compare_time} s each, same users and mix):",
            "",
            run.markdown_table(header, rows, set(range(1, len(header)))),
            "",
        ]
    text = "\n".join(lines)
    (run.OUT_DIR / "load-last-run.md").write_text(text)
    print("\n" + text)
    failed = (total.failures if total else 1) or bool(failures) or code not in (0, 1)
    return 1 if failed or not routes else 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
