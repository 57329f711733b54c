"""Smartby benchmark: the public read pages at 100,000 projects on PostgreSQL.

    scripts/with-postgres .venv/bin/python bench/run.py [--projects 100000] [--requests 200]

Against DATABASE_URL it migrates, loads the demo projects (unless the database already holds
exactly that many), collects static files, runs VACUUM ANALYZE, then starts the production
server (gunicorn smartby.wsgi, DEBUG off, static files through whitenoise) on a free loopback
port and measures a bounded number of requests per route at concurrency 1 and 4 with a small
http.client client. It prints a table, compares p95 with the targets and rewrites the generated
part of bench/RESULTS.md. Before the server starts, each route is also run once in-process with
Django's query log, and the slowest queries (and those behind /kort/kommuner.geojson?q=sensorer)
are EXPLAIN ANALYZEd into bench/out/explain.txt. See bench/README.md.
"""

from __future__ import annotations

import argparse
import contextlib
import datetime as dt
import gzip
import http.client
import io
import os
import platform
import random
import shlex
import shutil
import socket
import subprocess
import sys
import tarfile
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

ROOT = Path(__file__).resolve().parent.parent
OUT_DIR = ROOT / "bench" / "out"
# Where the measured application code lives: the working tree, or with --snapshot a clean
# export of the committed HEAD in bench/out/snapshot/.
APP_DIR = ROOT
RESULTS_FILE = ROOT / "bench" / "RESULTS.md"
BEGIN, END = "<!-- bench:begin -->", "<!-- bench:end -->"
HOST = "127.0.0.1"

# p95 targets in milliseconds on the 2-core reference machine.
TARGETS_MS = {"map": 100, "list": 200, "detail": 50, "api": 100}
KIND_LABELS = {
    "map": "map data",
    "list": "list",
    "detail": "detail",
    "api": "API list",
    "static": "baseline",
}
API_ROUTES = ("/api/v1/projects", "/api/v1/projects?q=sensorer&area=forsyning")

MAP_FILTERS = ["", "?area=forsyning", "?technology=iot-sensorer&status=drift", "?q=sensorer"]
FTS_PATH = "/kort/kommuner.geojson?q=sensorer"
FTS_INDEX = "search_entry_document_idx"  # the search index (search.0002); see fulltext_indexes
FTS_TABLE = "search_searchentry"
BASELINE_STATIC = "bench/kommuner-baseline.geojson"
DETAIL = "/projekter/<slug>/"
UNCACHED = "<sensorer>"  # a spelling of the search "sensorer" that no cached count has seen


def uncached_spellings() -> Iterator[str]:
    """Spellings of one search that PostgreSQL's Danish stemmer turns into the same query
    ('sensor') but that differ as text, so that no count cached per filter text can answer
    them: the cost of a search nobody has made since the registry last changed."""
    for word in ("sensorer", "sensoren", "sensorerne", "sensor"):
        for mask in range(1, 2 ** len(word)):
            yield "".join(c.upper() if mask >> i & 1 else c for i, c in enumerate(word))


@dataclass(frozen=True)
class Route:
    label: str
    kind: str  # map | list | detail | api | static
    path: str  # DETAIL for the project detail page: a random existing slug per request


def routes() -> list[Route]:
    found = [
        Route(f"/kort/kommuner.geojson{f}", "map", f"/kort/kommuner.geojson{f}")
        for f in MAP_FILTERS
    ]
    found += [
        Route(f"/kort/projekter.json{f}", "map", f"/kort/projekter.json{f}") for f in MAP_FILTERS
    ]
    found += [
        Route(f"{p}?q=sensorer, uncached", "map", f"{p}?q={UNCACHED}")
        for p in ("/kort/kommuner.geojson", "/kort/projekter.json")
    ]
    found += [
        Route(p, "list", p)
        for p in (
            "/projekter/",
            "/projekter/?area=forsyning",
            "/projekter/?q=sensorer",
            "/projekter/?side=50",
            "/kommuner/751/",
        )
    ]
    found.append(Route("/projekter/?q=sensorer, uncached", "list", f"/projekter/?q={UNCACHED}"))
    found.append(Route(DETAIL, "detail", DETAIL))
    found += [Route(p, "api", p) for p in API_ROUTES]
    found.append(Route(f"/static/{BASELINE_STATIC}", "static", f"/static/{BASELINE_STATIC}"))
    return found


# --- the HTTP client -------------------------------------------------------------------------


@dataclass
class Sample:
    seconds: float
    status: int  # 0: the request failed (connection error, timeout)
    size: int


@dataclass
class Phase:
    concurrency: int
    samples: list[Sample]
    wall: float
    cpu: CpuUse | None = None

    @property
    def ok(self) -> list[Sample]:
        return [s for s in self.samples if s.status == 200]

    @property
    def errors(self) -> int:
        return len(self.samples) - len(self.ok)

    def quantile_ms(self, q: float) -> float:
        """Nearest-rank quantile of the successful requests, in milliseconds."""
        values = sorted(s.seconds for s in self.ok)
        if not values:
            return float("nan")
        rank = max(1, -(-len(values) * q // 1))  # ceil(n * q), at least 1
        return values[int(rank) - 1] * 1000

    @property
    def rate(self) -> float:
        return len(self.samples) / self.wall if self.wall else 0.0


def fetch(port: int, path: str, timeout: float) -> Sample:
    """One GET on a new connection; the time runs from connect to the last body byte."""
    conn = http.client.HTTPConnection(HOST, port, timeout=timeout)
    start = time.perf_counter()
    try:
        conn.request("GET", path, headers={"Accept-Encoding": "identity"})
        response = conn.getresponse()
        body = response.read()
    except (OSError, http.client.HTTPException):
        return Sample(time.perf_counter() - start, 0, 0)
    finally:
        conn.close()
    return Sample(time.perf_counter() - start, response.status, len(body))


def run_phase(
    port: int,
    paths: list[str],
    concurrency: int,
    budget: float,
    timeout: float,
    meter: CpuMeter | None = None,
) -> Phase:
    """Request each path once with `concurrency` threads; stop early after `budget` seconds."""
    before = meter.snapshot() if meter else None
    samples: list[Sample] = []
    lock = threading.Lock()
    pending = iter(paths)
    deadline = time.monotonic() + budget

    def worker() -> None:
        while True:
            with lock:
                path = next(pending, None) if time.monotonic() < deadline else None
            if path is None:
                return
            sample = fetch(port, path, timeout)
            with lock:
                samples.append(sample)

    threads = [threading.Thread(target=worker) for _ in range(concurrency)]
    start = time.perf_counter()
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    wall = time.perf_counter() - start
    cpu = meter.since(before, wall) if meter and before else None
    return Phase(concurrency, samples, wall, cpu)


# --- CPU accounting: the server, the database, and everything else on the machine ------------
#
# The benchmark machine may be shared (other test runs). Per phase we read the machine's busy
# time from /proc/stat and the CPU time of the processes under each root (gunicorn's master, the
# PostgreSQL postmaster, this process); what remains was used by someone else.

CLK_TCK = os.sysconf("SC_CLK_TCK") if hasattr(os, "sysconf") else 100
BUSY = 0.25  # cores used by other processes above which a phase counts as disturbed


def other_cores(phase: Phase) -> float:
    return phase.cpu.other_cores if phase.cpu else 0.0


@dataclass
class Snapshot:
    busy: int  # machine-wide busy ticks
    groups: dict[str, dict[int, int]]  # group -> pid -> CPU ticks


@dataclass
class CpuUse:
    seconds: float
    groups: dict[str, float]  # group -> CPU seconds used in the phase
    other: float  # CPU seconds used by processes outside the groups

    @property
    def other_cores(self) -> float:
        return self.other / self.seconds if self.seconds else 0.0


def _proc_stat(pid: int | str) -> list[str] | None:
    try:
        text = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return None
    return text.rsplit(")", 1)[1].split()  # fields from `state` on: ppid [1], utime [11] ...


class CpuMeter:
    def __init__(self, roots: dict[str, int]) -> None:
        self.roots = roots
        self.enabled = Path("/proc/stat").exists()

    def snapshot(self) -> Snapshot:
        if not self.enabled:
            return Snapshot(0, {})
        fields = Path("/proc/stat").read_text().split("\n", 1)[0].split()[1:]
        ticks = [int(x) for x in fields]
        busy = sum(ticks[:8]) - ticks[3] - ticks[4]  # all but idle and iowait
        children: dict[int, list[int]] = {}
        cpu: dict[int, int] = {}
        for entry in os.scandir("/proc"):
            if entry.name.isdigit() and (stat := _proc_stat(entry.name)):
                children.setdefault(int(stat[1]), []).append(int(entry.name))
                # utime + stime, plus cutime + cstime: the CPU of children this process has
                # reaped, so that short-lived ones (parallel query workers) are not lost.
                cpu[int(entry.name)] = sum(int(x) for x in stat[11:15])
        groups = {}
        for name, root in self.roots.items():
            pids, todo = {}, [root]
            while todo:
                pid = todo.pop()
                if pid in cpu and pid not in pids:
                    pids[pid] = cpu[pid]
                    todo += children.get(pid, []) if pid != os.getpid() else []
            groups[name] = pids
        return Snapshot(busy, groups)

    def since(self, before: Snapshot, seconds: float) -> CpuUse | None:
        if not self.enabled:
            return None
        after = self.snapshot()
        # Totals, not per-process differences: a process that exits during the phase (a
        # database connection closed after CONN_MAX_AGE, a parallel query worker) moves its
        # whole CPU time into its parent's cutime, and only the part spent during the phase
        # must count.
        used = {
            name: (sum(pids.values()) - sum(before.groups.get(name, {}).values())) / CLK_TCK
            for name, pids in after.groups.items()
        }
        other = max(0.0, (after.busy - before.busy) / CLK_TCK - sum(used.values()))
        return CpuUse(seconds, used, other)

    def wait_quiet(self, limit: float, threshold: float) -> float:
        """Wait (at most `limit` seconds) until other processes use less than `threshold`
        cores over one second; return what they used in the last second."""
        deadline = time.monotonic() + limit
        while True:
            before = self.snapshot()
            time.sleep(1)
            use = self.since(before, 1.0)
            load = use.other_cores if use else 0.0
            if load < threshold or time.monotonic() >= deadline:
                return load


# --- the server --------------------------------------------------------------------------------


@dataclass(frozen=True)
class ServerSpec:
    worker_class: str
    workers: int
    threads: int

    @classmethod
    def parse(cls, text: str) -> ServerSpec:
        """`sync:3` (3 sync workers) or `gthread:2x4` (2 workers with 4 threads each)."""
        kind, _, size = text.partition(":")
        if kind not in ("sync", "gthread") or not size:
            raise argparse.ArgumentTypeError(f"expected sync:N or gthread:NxT, got {text!r}")
        workers, _, threads = size.partition("x")
        try:
            return cls(kind, int(workers), int(threads or 1))
        except ValueError:
            raise argparse.ArgumentTypeError(
                f"expected sync:N or gthread:NxT, got {text!r}"
            ) from None

    def __str__(self) -> str:
        return f"{self.worker_class}:{self.workers}" + (
            f"x{self.threads}" if self.worker_class == "gthread" else ""
        )

    def describe(self) -> str:
        if self.worker_class == "gthread":
            return f"{self.workers} gthread workers x {self.threads} threads"
        return f"{self.workers} sync workers"


def free_port() -> int:
    with socket.socket() as s:
        s.bind((HOST, 0))
        return s.getsockname()[1]


@contextlib.contextmanager
def gunicorn(spec: ServerSpec, log_path: Path) -> Iterator[tuple[int, int]]:
    """Run gunicorn on a free loopback port for the duration of the block; yield the port and
    the master's process id."""
    port = free_port()
    cmd = [
        sys.executable,
        "-m",
        "gunicorn",
        "smartby.wsgi",
        "--bind",
        f"{HOST}:{port}",
        "--worker-class",
        spec.worker_class,
        "--workers",
        str(spec.workers),
        "--threads",
        str(spec.threads),
        "--timeout",
        "120",
    ]
    with log_path.open("a") as log:
        log.write(f"\n$ {shlex.join(cmd)}\n")
        log.flush()
        proc = subprocess.Popen(cmd, cwd=APP_DIR, stdout=log, stderr=subprocess.STDOUT)
        try:
            deadline = time.monotonic() + 60
            while fetch(port, "/static/" + BASELINE_STATIC, 5).status != 200:
                if proc.poll() is not None or time.monotonic() > deadline:
                    raise SystemExit(f"gunicorn did not come up; see {log_path}")
                time.sleep(0.2)
            yield port, proc.pid
        finally:
            proc.terminate()
            try:
                proc.wait(30)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait()


# --- setup: database, demo data, static files --------------------------------------------------


def manage(*args: str, capture: bool = False) -> subprocess.CompletedProcess[str]:
    cmd = [sys.executable, "-m", "smartby", *args]
    print(f"$ smartby {shlex.join(args)}", flush=True)
    if not capture:
        return subprocess.run(cmd, cwd=APP_DIR, check=True, text=True)
    # Show the command's output as it comes and keep it.
    proc = subprocess.Popen(
        cmd, cwd=APP_DIR, text=True, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, bufsize=1
    )
    assert proc.stdout is not None
    lines = []
    for line in proc.stdout:
        print("    " + line, end="", flush=True)
        lines.append(line)
    if proc.wait() != 0:
        raise SystemExit(f"smartby {' '.join(args)} failed with exit code {proc.returncode}")
    return subprocess.CompletedProcess(cmd, 0, "".join(lines), "")


@dataclass
class Setup:
    projects: int
    load_seconds: float | None  # None: the projects were already there
    load_output: str
    counts: dict[str, int]
    pg: dict[str, str]
    postmaster: int | None  # None: not on this machine or not readable


def prepare_database(args: argparse.Namespace) -> Setup:
    manage("migrate", "--noinput", "-v", "0")
    from django.db import connection

    from smartby.registry.models import Project

    existing = Project.objects.count()
    load_seconds, load_output = None, ""
    if existing == args.projects:
        print(f"The database already has {existing} projects: not loading the demo again.")
    elif existing == 0:
        start = time.perf_counter()
        done = manage(
            "demo", "--projects", str(args.projects), "--seed", str(args.seed), capture=True
        )
        load_seconds = time.perf_counter() - start
        load_output = done.stdout.strip()
        print(f"Loaded {args.projects} projects in {load_seconds:.1f} s.")
    else:
        raise SystemExit(
            f"The database has {existing} projects, not 0 or {args.projects}: use an empty "
            f"database, or pass --projects {existing} to measure what is there."
        )
    manage("collectstatic", "--noinput", "-v", "0")
    # VACUUM as well as ANALYZE: after a bulk load autovacuum would otherwise set the visibility
    # map at some random moment during the measurements (index-only scans change with it).
    start = time.perf_counter()
    with connection.cursor() as cursor:
        cursor.execute("VACUUM ANALYZE")
    print(f"VACUUM ANALYZE: {time.perf_counter() - start:.1f} s")
    counts = {}
    with connection.cursor() as cursor:
        for table in (
            "registry_project",
            "registry_project_municipalities",
            "registry_project_technologies",
            "registry_location",
        ):
            cursor.execute(f"SELECT count(*) FROM {table}")  # noqa: S608 fixed table names
            counts[table] = cursor.fetchone()[0]
        cursor.execute("SELECT pg_size_pretty(pg_database_size(current_database()))")
        counts["database size"] = cursor.fetchone()[0]
        pg = {}
        for name in ("server_version", "shared_buffers", "work_mem", "effective_cache_size", "jit"):
            cursor.execute(f"SHOW {name}")
            pg[name] = cursor.fetchone()[0]
    return Setup(Project.objects.count(), load_seconds, load_output, counts, pg, postmaster_pid())


def postmaster_pid() -> int | None:
    """The local PostgreSQL server's process id (from postmaster.pid), to account its CPU."""
    from django.db import DatabaseError, connection

    try:
        with connection.cursor() as cursor:
            cursor.execute("SHOW data_directory")
            data_dir = Path(cursor.fetchone()[0])
        return int((data_dir / "postmaster.pid").read_text().split()[0])
    except (DatabaseError, OSError, ValueError):  # not a superuser, or the server is elsewhere
        return None


def write_baseline(static_root: Path) -> tuple[int, int]:
    """Write the unfiltered GeoJSON body as a static file: the same bytes, served by whitenoise.
    Returns its size and its gzip size (the app sends the GeoJSON uncompressed)."""
    from django.http import QueryDict

    from smartby.registry import queries
    from smartby.registry.filters import ProjectFilters

    body = queries.municipalities_geojson(ProjectFilters.from_query(QueryDict(""))).encode()
    target = static_root / BASELINE_STATIC
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_bytes(body)
    return len(body), len(gzip.compress(body, 6))


def pick_slugs(count: int, seed: int) -> list[str]:
    from smartby.registry.models import Project

    slugs = list(Project.objects.order_by("id").values_list("slug", flat=True))
    if not slugs:
        return []
    rng = random.Random(seed)
    return rng.sample(slugs, count) if count <= len(slugs) else rng.choices(slugs, k=count)


def matching_counts() -> dict[str, int]:
    """How many projects each filter of the measured routes selects."""
    from django.http import QueryDict

    from smartby.registry.filters import ProjectFilters, filtered_projects

    result = {}
    for query in [*MAP_FILTERS, "?side=50"]:
        f = ProjectFilters.from_query(QueryDict(query.lstrip("?")))
        result[query] = filtered_projects(f).count()
    for spelling in ("SENSORERNE", "Sensor", "sEnsoren"):
        f = ProjectFilters.from_query(QueryDict(f"q={spelling}"))
        if filtered_projects(f).count() != result["?q=sensorer"]:
            raise SystemExit(f"q={spelling} does not find what q=sensorer finds: fix UNCACHED")
    return result


# --- in-process profile: Django's query log and EXPLAIN ANALYZE --------------------------------


@dataclass
class Query:
    sql: str
    params: tuple
    seconds: float


@dataclass
class Profile:
    path: str
    status: int
    total_ms: float
    queries: list[Query] = field(default_factory=list)

    @property
    def sql_ms(self) -> float:
        return sum(q.seconds for q in self.queries) * 1000

    @property
    def slowest(self) -> Query | None:
        return max(self.queries, key=lambda q: q.seconds, default=None)


def profile_request(client, path: str, runs: int = 3, cold: bool = False) -> Profile:
    """Run the request in-process `runs` times after one warm-up; keep the median run. Cold:
    empty the cache before each run (the first request after a change to the registry)."""
    from django.core.cache import cache
    from django.db import connection

    client.get(path)
    found = []
    for _ in range(runs):
        if cold:
            cache.clear()
        captured: list[Query] = []

        def record(execute, sql, params, many, context, captured=captured):
            start = time.perf_counter()
            try:
                return execute(sql, params, many, context)
            finally:
                captured.append(Query(sql, tuple(params or ()), time.perf_counter() - start))

        with connection.execute_wrapper(record):
            start = time.perf_counter()
            response = client.get(path)
            total = time.perf_counter() - start
        found.append(Profile(path, response.status_code, total * 1000, captured))
    found.sort(key=lambda p: p.total_ms)
    return found[len(found) // 2]


def explain(query: Query) -> str:
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("EXPLAIN (ANALYZE, BUFFERS) " + query.sql, query.params)
        return "\n".join(row[0] for row in cursor.fetchall())


def fulltext_indexes() -> list[str]:
    """The GIN indexes on the search index's table (the projects' own tsvector and its index
    moved to the search app in registry.0006 / search.0002)."""
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT indexname FROM pg_indexes WHERE tablename = %s"
            " AND indexdef ILIKE '%% USING gin %%' ORDER BY indexname",
            [FTS_TABLE],
        )
        return [row[0] for row in cursor.fetchall()]


def short_sql(sql: str, width: int = 90) -> str:
    sql = " ".join(sql.split())
    return sql if len(sql) <= width else sql[: width - 1] + "…"


# --- reporting ---------------------------------------------------------------------------------


@dataclass
class RouteResult:
    route: Route
    phases: list[Phase]

    @property
    def target(self) -> int | None:
        return TARGETS_MS.get(self.route.kind)

    def size(self) -> int:
        sizes = sorted(s.size for p in self.phases for s in p.ok)
        return sizes[len(sizes) // 2] if sizes else 0

    def cpu_ms_per_request(self, group: str) -> float:
        """CPU milliseconds per request used by `group` (app, db), over all phases."""
        used = [(p.cpu.groups.get(group, 0.0), len(p.samples)) for p in self.phases if p.cpu]
        n = sum(k for _, k in used)
        return sum(c for c, _ in used) * 1000 / n if n else float("nan")

    def other_cores(self) -> float:
        """The most CPU (in cores) other processes on the machine used during any phase."""
        return max((p.cpu.other_cores for p in self.phases if p.cpu), default=0.0)

    def verdict(self, phase: Phase) -> str:
        if phase.errors:
            return f"ERR ({phase.errors})"
        if self.target is None:
            return "–"
        return "pass" if phase.quantile_ms(0.95) <= self.target else "FAIL"


def fmt_ms(value: float) -> str:
    return f"{value:.0f}" if value >= 10 else f"{value:.1f}"


def fmt_size(size: int) -> str:
    return f"{size / 1024:.0f} KiB" if size >= 10240 else f"{size / 1024:.1f} KiB"


def markdown_table(header: list[str], rows: list[list[str]], right: set[int]) -> str:
    align = ["---:" if i in right else "---" for i in range(len(header))]
    lines = ["| " + " | ".join(header) + " |", "| " + " | ".join(align) + " |"]
    lines += ["| " + " | ".join(row) + " |" for row in rows]
    return "\n".join(lines)


def text_table(header: list[str], rows: list[list[str]], right: set[int]) -> str:
    widths = [max(len(r[i]) for r in [header, *rows]) for i in range(len(header))]

    def line(row: list[str]) -> str:
        return "  ".join(
            c.rjust(w) if i in right else c.ljust(w)
            for i, (c, w) in enumerate(zip(row, widths, strict=True))
        )

    return "\n".join([line(header), line(["-" * w for w in widths]), *map(line, rows)])


def latency_table(
    results: list[RouteResult], levels: list[int]
) -> tuple[list[str], list[list[str]]]:
    header = ["route", "kind", "target p95", "size"]
    for c in levels:
        header += [f"c={c} n", f"c={c} p50", f"c={c} p95", f"c={c} max"]
    header += [f"req/s @{levels[-1]}", "app CPU/req", "db CPU/req", "other cores"]
    header += [f"c={c}" for c in levels]
    rows = []
    for r in results:
        row = [
            f"`{r.route.label}`",
            KIND_LABELS[r.route.kind],
            f"{r.target} ms" if r.target else "–",
            fmt_size(r.size()),
        ]
        for p in r.phases:
            row += [
                str(len(p.samples)),
                fmt_ms(p.quantile_ms(0.5)),
                fmt_ms(p.quantile_ms(0.95)),
                fmt_ms(p.quantile_ms(1.0)),
            ]
        row.append(f"{r.phases[-1].rate:.1f}")
        row += [
            fmt_ms(r.cpu_ms_per_request("app")),
            fmt_ms(r.cpu_ms_per_request("db")),
            f"{r.other_cores():.2f}",
        ]
        row += [r.verdict(p) for p in r.phases]
        rows.append(row)
    return header, rows


def machine() -> dict[str, str]:
    mem_kib = 0
    cpu = platform.processor() or platform.machine()
    with contextlib.suppress(OSError):
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemTotal:"):
                mem_kib = int(line.split()[1])
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    import django
    import gunicorn as gunicorn_pkg

    return {
        "nproc": str(os.cpu_count()),
        "ram": f"{mem_kib / 1024 / 1024:.1f} GiB",
        "cpu": cpu,
        "os": f"{platform.system()} {platform.release()}",
        "python": platform.python_version(),
        "django": django.get_version(),
        "gunicorn": gunicorn_pkg.__version__,
    }


def git(*args: str) -> str:
    return subprocess.run(
        ["git", *args], cwd=ROOT, capture_output=True, text=True, check=False
    ).stdout.strip()


def git_commit(snapshot: str | None) -> str:
    if snapshot:
        return snapshot
    commit = git("rev-parse", "--short=12", "HEAD") or "unknown"
    dirty = git("status", "--porcelain", "--untracked-files=no")
    return commit + "`" + (" (working tree with uncommitted changes)" if dirty else "")


def export_snapshot(rev: str) -> str:
    """Copy the application into bench/out/snapshot/ and measure that copy, so that edits
    other developers make during the run do not change what is measured. `rev` "worktree"
    copies the working tree as it is now (tracked and untracked, not ignored, files);
    anything else exports that commit. Returns a description for the results."""
    global APP_DIR
    target = OUT_DIR / "snapshot"
    shutil.rmtree(target, ignore_errors=True)
    target.mkdir(parents=True)
    head = git("rev-parse", "HEAD")
    if rev == "worktree":
        listed = git("ls-files", "-z", "--cached", "--others", "--exclude-standard")
        for name in filter(None, listed.split("\0")):
            source = ROOT / name
            if name.startswith("bench/") or not source.is_file():
                continue  # deleted but still in the index, or the benchmark itself
            (target / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, target / name)
        dirty = git("status", "--porcelain")
        description = f"{head[:12]}` + the working tree" + (
            " with uncommitted changes" if dirty else ""
        )
        description += ", copied at the start of the run (`--snapshot`)"
    else:
        commit = git("rev-parse", "--verify", "--quiet", f"{rev}^{{commit}}")
        if not commit:
            raise SystemExit(f"--snapshot: {rev!r} is not a commit of this repository")
        archive = subprocess.run(
            ["git", "archive", commit], cwd=ROOT, capture_output=True, check=True
        )
        with tarfile.open(fileobj=io.BytesIO(archive.stdout)) as tar:
            tar.extractall(target, filter="data")
        description = f"{commit[:12]}` (a clean export of this commit, `--snapshot {rev}`)"
    APP_DIR = target
    print(f"Measuring a copy of the application in {target.relative_to(ROOT)}/")
    return description


def command_line(argv: list[str]) -> str:
    if os.environ.get("MAKELEVEL"):
        extra = os.environ.get("BENCH_ARGS", "")
        return "make bench" + (f" BENCH_ARGS={shlex.quote(extra)}" if extra else "")
    python = (
        os.path.relpath(sys.executable, ROOT)
        if sys.executable.startswith(str(ROOT))
        else sys.executable
    )
    return shlex.join(["scripts/with-postgres", python, "bench/run.py", *argv])


def database_label() -> str:
    url = urlsplit(os.environ["DATABASE_URL"])
    return f"{url.scheme}://{url.username or ''}@{url.hostname}:{url.port}{url.path}"


def write_results(text: str) -> None:
    block = f"{BEGIN}\n{text.strip()}\n{END}"
    if RESULTS_FILE.exists():
        current = RESULTS_FILE.read_text()
        if BEGIN in current and END in current:
            head, _, rest = current.partition(BEGIN)
            _, _, tail = rest.partition(END)
            RESULTS_FILE.write_text(head + block + tail)
            return
        RESULTS_FILE.write_text(current.rstrip() + "\n\n" + block + "\n")
        return
    RESULTS_FILE.write_text(
        "# Benchmark results\n\nWritten by `bench/run.py` (see `bench/README.md`); the part between "
        "the markers is replaced on every run.\n\n" + block + "\n"
    )


# --- main ----------------------------------------------------------------------------------------


def measure(
    server: tuple[int, int],
    route_list: list[Route],
    slugs: Iterator[str],
    args: argparse.Namespace,
    postmaster: int | None,
) -> list[RouteResult]:
    port, master = server
    roots = {"app": master, "client": os.getpid()} | ({"db": postmaster} if postmaster else {})
    meter = CpuMeter(roots)
    results = []
    for route in route_list:
        spellings = uncached_spellings()  # fresh per route: each route caches other counts

        def paths(n: int, route: Route = route, spellings: Iterator[str] = spellings) -> list[str]:
            if route.path == DETAIL:
                return [f"/projekter/{next(slugs)}/" for _ in range(n)]
            if UNCACHED in route.path:
                return [route.path.replace(UNCACHED, next(spellings)) for _ in range(n)]
            return [route.path] * n

        # Warm every worker up (templates, translations, connections) before timing.
        run_phase(port, paths(args.warmup), max(args.concurrency), args.budget, args.timeout)
        phases = []
        for c in args.concurrency:
            best = None
            for attempt in range(1 + args.retry_busy):
                if args.quiet_wait:
                    meter.wait_quiet(args.quiet_wait, BUSY)
                phase = run_phase(port, paths(args.requests), c, args.budget, args.timeout, meter)
                if best is None or other_cores(phase) < other_cores(best):
                    best = phase
                if other_cores(phase) < BUSY:
                    break
                print(
                    f"    c={c}: other processes used {other_cores(phase):.2f} cores"
                    + ("; measuring again" if attempt < args.retry_busy else ""),
                    flush=True,
                )
            phases.append(best)
        result = RouteResult(route, phases)
        results.append(result)
        summary = "  ".join(
            f"c={p.concurrency}: n={len(p.samples)} p50={fmt_ms(p.quantile_ms(0.5))} "
            f"p95={fmt_ms(p.quantile_ms(0.95))} max={fmt_ms(p.quantile_ms(1))} ms"
            for p in phases
        )
        print(
            f"  {route.label:<48} {fmt_size(result.size()):>9}  {summary}  "
            f"other={result.other_cores():.2f} cores",
            flush=True,
        )
    return results


def setup_django(snapshot: str | None = None) -> str | None:
    """The benchmarks' common start: PostgreSQL required, production-like settings (DEBUG off,
    static files in bench/out/static, no per-client API limit — the benchmark's clients are all
    one loopback address), optionally a snapshot of the code (see --snapshot), then Django."""
    url = os.environ.get("DATABASE_URL", "")
    if not url.startswith(("postgres://", "postgresql://")):
        raise SystemExit("DATABASE_URL must point at PostgreSQL: run through scripts/with-postgres")
    OUT_DIR.mkdir(parents=True, exist_ok=True)
    os.environ.update(
        DJANGO_SETTINGS_MODULE="smartby.settings",
        DEBUG="false",
        API_ANON_RATE_LIMIT="0",
        STATIC_ROOT=str(OUT_DIR / "static"),
        LOG_LEVEL="WARNING",
    )
    exported = export_snapshot(snapshot) if snapshot else None
    sys.path.insert(0, str(APP_DIR))
    import django

    django.setup()
    return exported


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--projects", type=int, default=100_000, help="demo projects (100000)")
    parser.add_argument("--seed", type=int, default=2026, help="demo and sampling seed (2026)")
    parser.add_argument("--requests", type=int, default=200, help="per route and concurrency")
    parser.add_argument("--warmup", type=int, default=12, help="warm-up requests per route")
    parser.add_argument(
        "--concurrency", type=int, nargs="+", default=[1, 4], help="client threads (1 4)"
    )
    parser.add_argument(
        "--budget", type=float, default=20, help="max seconds per route and concurrency (20)"
    )
    parser.add_argument("--timeout", type=float, default=60, help="per-request timeout (60 s)")
    parser.add_argument(
        "--server",
        type=ServerSpec.parse,
        default=ServerSpec("sync", 3, 1),
        help="gunicorn workers: sync:N or gthread:NxT (sync:3)",
    )
    parser.add_argument(
        "--compare",
        type=ServerSpec.parse,
        nargs="*",
        default=[],
        help="also measure these server configurations on a subset of routes",
    )
    parser.add_argument(
        "--quiet-wait",
        type=float,
        default=10,
        help="before each phase wait up to this many seconds for other processes to go quiet",
    )
    parser.add_argument(
        "--retry-busy",
        type=int,
        default=1,
        help="measure a phase again (at most this often) when other processes were busy",
    )
    parser.add_argument(
        "--only",
        nargs="+",
        default=[],
        metavar="TEXT",
        help="measure only routes whose path contains one of these texts",
    )
    parser.add_argument("--no-results", action="store_true", help="do not rewrite RESULTS.md")
    parser.add_argument(
        "--snapshot",
        nargs="?",
        const="worktree",
        metavar="REV",
        help="measure a copy of the working tree taken at the start (or an export of commit "
        "REV), unaffected by edits during the run",
    )
    args = parser.parse_args(argv)

    snapshot = setup_django(args.snapshot)
    static_root = OUT_DIR / "static"
    from django.db import connection
    from django.test import Client

    import smartby

    app_code = Path(smartby.__file__).resolve().parent
    if app_code.parent != APP_DIR.resolve():
        raise SystemExit(f"imported smartby from {app_code}, expected it under {APP_DIR}")

    started = dt.datetime.now(dt.UTC)
    setup = prepare_database(args)
    baseline_size, geojson_gzip = write_baseline(static_root)
    matches = matching_counts()
    n_detail = (args.warmup + args.requests * len(args.concurrency) * (1 + args.retry_busy)) * (
        1 + len(args.compare)
    )
    slug_list = pick_slugs(n_detail + 3 * 4, args.seed)
    slugs = iter(slug_list)
    route_list = [
        r
        for r in routes()
        if (not args.only or any(text in r.label for text in args.only))
        and (slug_list or r.path != DETAIL)
    ]

    # In-process profile with Django's query log: where the time goes, before any load. Cold:
    # the cache emptied first (aggregate counts are cached per filter until the registry
    # changes); warm: what a repeated request costs.
    print("\nIn-process profile (Django query log, median of 3; cold cache, warm):", flush=True)
    client = Client(HTTP_HOST=HOST)
    profiles: dict[str, tuple[Profile, Profile]] = {}
    for route in route_list:
        if route.kind == "static" or UNCACHED in route.path:
            continue
        path = f"/projekter/{next(slugs)}/" if route.path == DETAIL else route.path
        cold = profile_request(client, path, cold=True)
        warm = profile_request(client, path)
        profiles[route.label] = (cold, warm)
        slow = cold.slowest
        print(
            f"  {route.label:<48} {cold.status} cold: {len(cold.queries):>2} queries "
            f"sql={cold.sql_ms:6.1f} total={cold.total_ms:6.1f} ms (slowest "
            f"{(slow.seconds * 1000 if slow else 0):.1f});  warm: {len(warm.queries):>2} queries "
            f"sql={warm.sql_ms:6.1f} total={warm.total_ms:6.1f} ms",
            flush=True,
        )
    fts = profile_request(client, FTS_PATH, runs=1, cold=True)
    fts_plans = [
        (q, explain(q)) for q in fts.queries if q.sql.lstrip().upper().startswith("SELECT")
    ]
    gin = fulltext_indexes()
    fts_used = [name for name in gin if any(name in plan for _, plan in fts_plans)]
    slow_plans = [
        (label, cold.slowest, explain(cold.slowest))
        for label, (cold, _) in profiles.items()
        if cold.slowest
    ]
    with (OUT_DIR / "explain.txt").open("w") as out:
        out.write(f"# EXPLAIN (ANALYZE, BUFFERS) of the queries behind {FTS_PATH}\n\n")
        for q, plan in fts_plans:
            out.write(f"{q.sql}\n-- params: {q.params!r}\n{plan}\n\n")
        out.write("# The slowest query of each route\n\n")
        for label, q, plan in slow_plans:
            out.write(f"## {label}\n{q.sql}\n-- params: {q.params!r}\n{plan}\n\n")
    verdict = f"yes ({', '.join(fts_used)})" if fts_used else "NO"
    fts_note = f"GIN indexes on {FTS_TABLE}: {', '.join(gin) or 'none'}" + (
        "" if FTS_INDEX in gin else f" (`{FTS_INDEX}` is not there)"
    )
    print(f"\nFull-text GIN index used by {FTS_PATH}: {verdict}; {fts_note}")
    print("(plans in bench/out/explain.txt)")
    connection.close()

    print(f"\nServer: gunicorn smartby.wsgi, {args.server.describe()}; measuring:", flush=True)
    log_path = OUT_DIR / "gunicorn.log"
    log_path.write_text("")
    with gunicorn(args.server, log_path) as server:
        results = measure(server, route_list, slugs, args, setup.postmaster)
    comparisons = []
    compare_routes = [
        r
        for r in route_list
        if r.label
        in (
            "/kort/kommuner.geojson",
            "/kort/projekter.json",
            "/projekter/",
            "/projekter/?q=sensorer, uncached",
            DETAIL,
        )
        or r.kind == "static"
    ]
    for spec in args.compare:
        print(f"\nCompare: {spec.describe()}", flush=True)
        with gunicorn(spec, log_path) as server:
            comparisons.append(
                (spec, measure(server, compare_routes, slugs, args, setup.postmaster))
            )
    finished = dt.datetime.now(dt.UTC)

    # -- report
    header, rows = latency_table(results, args.concurrency)
    right = set(range(2, len(header) - len(args.concurrency)))
    print()
    print(text_table(header, rows, right))
    failed = [r for r in results if any(r.verdict(p) not in ("pass", "–") for p in r.phases)]
    errors = sum(p.errors for r in results for p in r.phases)

    info = machine()
    lines = [
        f"## Run of {started:%Y-%m-%d %H:%M} UTC",
        "",
        f"- **Machine:** {info['nproc']} CPUs ({info['cpu']}), {info['ram']} RAM, {info['os']}",
        f"- **Software:** Python {info['python']}, Django {info['django']}, gunicorn "
        f"{info['gunicorn']}, PostgreSQL {setup.pg['server_version']} (shared_buffers="
        f"{setup.pg['shared_buffers']}, work_mem={setup.pg['work_mem']}, jit={setup.pg['jit']})",
        f"- **Commit:** `{git_commit(snapshot)}",
        f"- **Command:** `{command_line(argv)}` (database {database_label()})",
        f"- **Server:** `gunicorn smartby.wsgi`, {args.server.describe()}, DEBUG off, static "
        "files served by the app through whitenoise",
        f"- **Data:** {setup.projects:,} demo projects (seed {args.seed}); "
        + ", ".join(
            f"{k} {v:,}" if isinstance(v, int) else f"{k} {v}" for k, v in setup.counts.items()
        ),
        "- **Demo load time:** "
        + (
            f"{setup.load_seconds:.0f} s for `smartby demo --projects {args.projects} --seed "
            f"{args.seed}`"
            + (
                f" (its last line: `{setup.load_output.splitlines()[-1]}`)"
                if setup.load_output
                else ""
            )
            if setup.load_seconds is not None
            else "not measured in this run (the projects were already loaded)"
        ),
        f"- **Requests:** {args.requests} per route and concurrency "
        f"({', '.join(map(str, args.concurrency))}) after {args.warmup} warm-up requests, at most "
        f"{args.budget:.0f} s each (a phase disturbed by other processes is measured again up to "
        f"{args.retry_busy} time(s), keeping the least disturbed); a new loopback TCP connection "
        "per request, no compression (`Accept-Encoding: identity`); project detail pages use "
        "random existing slugs (fixed seed)",
        f"- **Duration:** {(finished - started).total_seconds():.0f} s including setup",
        "",
        "Latencies in milliseconds, measured by the client from connect to the last body byte. "
        "Targets apply to p95: map data ≤ 100 ms, list ≤ 200 ms (including `/kommuner/751/`), "
        "detail ≤ 50 ms; the static file (the unfiltered GeoJSON's bytes) is the baseline for "
        "how fast this server pushes that many bytes. `app CPU/req` and `db CPU/req` are the "
        "CPU milliseconds gunicorn's processes and PostgreSQL's processes spent per request "
        "(from /proc, over both phases); `other cores` is the most CPU that processes outside "
        "the benchmark used during a phase (other work on a shared machine: above 0.25 the "
        "figures of that row are pessimistic).",
        "",
        markdown_table(header, rows, right),
        "",
        f"**Targets:** {len(results) - len(failed) - sum(1 for r in results if r.target is None)} "
        f"of {sum(1 for r in results if r.target is not None)} routes pass at every concurrency"
        + (f"; missed: {', '.join(f'`{r.route.label}`' for r in failed)}." if failed else "."),
        "",
        "Projects matched by the filters: "
        + ", ".join(f"`{q or '(none)'}` {n:,}" for q, n in matches.items() if q != "?side=50")
        + f". The unfiltered GeoJSON is {baseline_size:,} bytes, {geojson_gzip:,} gzipped.",
        "",
        f"### Full-text index on `{FTS_PATH}`",
        "",
        f"Full-text GIN index used (cache emptied first): **{verdict}**. {fts_note}.",
        "",
    ]
    for q, plan in fts_plans:
        lines += ["```", short_sql(q.sql, 400), "", plan, "```", ""]
    prof_rows = [
        [
            f"`{label}`",
            str(p.status),
            str(len(p.queries)),
            fmt_ms(p.sql_ms),
            fmt_ms(p.total_ms - p.sql_ms),
            fmt_ms(p.total_ms),
            str(len(w.queries)),
            fmt_ms(w.sql_ms),
            fmt_ms(w.total_ms),
            fmt_ms(p.slowest.seconds * 1000) if p.slowest else "–",
            f"`{short_sql(p.slowest.sql, 80)}`" if p.slowest else "",
        ]
        for label, (p, w) in profiles.items()
    ]
    lines += [
        "### Where the time goes (in-process, Django query log, no concurrent load)",
        "",
        "Each route run in-process through Django's test client, median of 3 runs after a "
        "warm-up. **Cold:** the cache emptied before each run, as for the first request after "
        "any change to the registry (aggregate counts are cached per filter until then): "
        "number of SQL queries, time in SQL, time in Python (views, templates, "
        "serialisation), total, and the slowest query. **Warm:** the same request repeated. "
        "Plans of the slowest cold queries: `bench/out/explain.txt`.",
        "",
        markdown_table(
            [
                "route",
                "status",
                "cold queries",
                "cold SQL ms",
                "cold Python ms",
                "cold total ms",
                "warm queries",
                "warm SQL ms",
                "warm total ms",
                "slowest cold query ms",
                "slowest cold query",
            ],
            prof_rows,
            set(range(2, 10)),
        ),
        "",
    ]
    if comparisons:
        lines += ["### Server configurations", ""]
        rows_c = []
        for spec, res in [
            (args.server, [r for r in results if r.route in compare_routes]),
            *comparisons,
        ]:
            for r in res:
                p = r.phases[-1]
                rows_c.append(
                    [
                        f"`{spec}`",
                        f"`{r.route.label}`",
                        fmt_ms(r.phases[0].quantile_ms(0.5)),
                        fmt_ms(r.phases[0].quantile_ms(0.95)),
                        fmt_ms(p.quantile_ms(0.5)),
                        fmt_ms(p.quantile_ms(0.95)),
                        f"{p.rate:.1f}",
                    ]
                )
        c1, cn = args.concurrency[0], args.concurrency[-1]
        lines += [
            markdown_table(
                [
                    "server",
                    "route",
                    f"c={c1} p50",
                    f"c={c1} p95",
                    f"c={cn} p50",
                    f"c={cn} p95",
                    f"req/s @{cn}",
                ],
                rows_c,
                {2, 3, 4, 5, 6},
            ),
            "",
        ]
    if failed:
        lines += [
            "<details><summary>EXPLAIN ANALYZE of the slowest query of each route that missed "
            "its target</summary>",
            "",
        ]
        for label, q, plan in slow_plans:
            if any(r.route.label == label for r in failed):
                lines += [f"`{label}`", "", "```", short_sql(q.sql, 600), "", plan, "```", ""]
        lines += ["</details>", ""]
    report = "\n".join(lines)
    (OUT_DIR / "last-run.md").write_text(report + "\n")
    if not args.no_results and not args.only:
        write_results(report)
        print(f"\nWrote {RESULTS_FILE.relative_to(ROOT)}")
    print(
        f"Full-text GIN index used: {verdict}; routes missing a target: {len(failed)}; errors: {errors}"
    )
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
