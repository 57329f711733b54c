"""The full CSV export of /api/v1/projects.csv from the production server: wall time and the
peak memory (RSS) of the gunicorn worker that streamed it. Run after bench/run.py has loaded
the projects (it reuses that database), through scripts/with-postgres:

    scripts/with-postgres .venv/bin/python bench/run.py --projects 100000 ...
    scripts/with-postgres .venv/bin/python bench/export.py      # needs the same DATABASE_URL

`make bench` runs both. Target on the 2-core machine: 100,000 projects in at most 10 s with
bounded memory.
"""

from __future__ import annotations

import http.client
import os
import sys
import threading
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import run

TARGET_SECONDS = 10.0
PATHS = ("/api/v1/projects.csv", "/api/v1/projects.xlsx")


def rss_kib(pid: int, field: str = "VmRSS") -> int:
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith(field + ":"):
                return int(line.split()[1])
    except OSError:
        pass
    return 0


def children(pid: int) -> list[int]:
    try:
        text = Path(f"/proc/{pid}/task/{pid}/children").read_text()
    except OSError:
        return []
    return [int(p) for p in text.split()]


def download(port: int, path: str, master: int) -> dict[str, float]:
    workers = children(master)
    before = {w: rss_kib(w) for w in workers}
    peak = dict(before)
    done = threading.Event()

    def sample() -> None:
        while not done.is_set():
            for w in workers:
                peak[w] = max(peak[w], rss_kib(w))
            time.sleep(0.05)

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    start = time.perf_counter()
    conn = http.client.HTTPConnection(run.HOST, port, timeout=600)
    conn.request("GET", path, headers={"Accept-Encoding": "identity"})
    response = conn.getresponse()
    size = 0
    while chunk := response.read(1 << 16):
        size += len(chunk)
    seconds = time.perf_counter() - start
    done.set()
    sampler.join()
    conn.close()
    grew = max(peak[w] - before[w] for w in workers) if workers else 0
    return {
        "status": response.status,
        "seconds": seconds,
        "bytes": size,
        "peak_rss_mib": max(peak.values(), default=0) / 1024,
        "rss_growth_mib": grew / 1024,
    }


def main() -> int:
    os.environ.update(
        DJANGO_SETTINGS_MODULE="smartby.settings",
        DEBUG="false",
        STATIC_ROOT=str(run.OUT_DIR / "static"),
        API_ANON_RATE_LIMIT="0",
    )
    spec = run.ServerSpec.parse("sync:3")
    rows = []
    with run.gunicorn(spec, run.OUT_DIR / "gunicorn.log") as (port, master):
        count = run.fetch(port, "/api/v1/projects?page_size=1", 60)
        for path in PATHS:
            result = download(port, path, master)
            rows.append((path, result))
            print(
                f"{path}: HTTP {result['status']}, {result['bytes'] / 2**20:.1f} MiB in "
                f"{result['seconds']:.1f} s, worker peak RSS {result['peak_rss_mib']:.0f} MiB "
                f"(+{result['rss_growth_mib']:.0f} MiB during the export)",
                flush=True,
            )
    del count
    lines = [
        "",
        f"### Full export at the database's size ({time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())})",
        "",
        "Command: `scripts/with-postgres .venv/bin/python bench/export.py` (after bench/run.py "
        "loaded the projects); gunicorn sync:3, one download at a time; RSS sampled every 50 ms "
        "from /proc for each worker.",
        "",
        "| export | status | size | seconds | target | worker peak RSS | RSS growth |",
        "| --- | ---: | ---: | ---: | ---: | ---: | ---: |",
    ]
    for path, r in rows:
        target = f"≤ {TARGET_SECONDS:.0f} s" if path.endswith(".csv") else "–"
        verdict = (
            ""
            if not path.endswith(".csv")
            else (" pass" if r["seconds"] <= TARGET_SECONDS else " FAIL")
        )
        lines.append(
            f"| `{path}` | {r['status']} | {r['bytes'] / 2**20:.1f} MiB | {r['seconds']:.1f} | "
            f"{target}{verdict} | {r['peak_rss_mib']:.0f} MiB | +{r['rss_growth_mib']:.0f} MiB |"
        )
    text = "\n".join(lines) + "\n"
    out = run.OUT_DIR / "export-run.md"
    out.write_text(text)
    print(text)
    return 0


if __name__ == "__main__":
    sys.exit(main())
