"""The one-command demo path on the embedded SQLite database, end to end in subprocesses:
migrate (reference data), collectstatic (manifest storage as in `make run`), demo content, and
every main page and API endpoint served without errors."""

import os
import subprocess
import sys
from pathlib import Path

CHECK_PAGES = r"""
from django.test import Client
c = Client()
from smartby.registry.models import Project
p = Project.objects.order_by("id").first()
urls = ["/", "/kort/", "/kort/kommuner.geojson", "/kort/projekter.json?q=sensor", "/projekter/",
        "/projekter/?q=affald&status=drift", "/projekter/?area=forsyning&sortering=titel",
        f"/projekter/{p.slug}/", f"/projekter/{p.slug}/historik/", "/kommuner/", "/kommuner/751/",
        "/organisationer/", "/api/v1/projects?q=sensorer", "/api/v1/projects.csv", "/api/v1/municipalities",
        "/api/v1/openapi.json", "/api/v1/docs", "/soeg/?q=affaldssensorer", "/soeg/forslag/?q=gadeb",
        "/match/", "/api/v1/search?q=lygtepaele", f"/projekter/{p.slug}/lignende/",
        f"/api/v1/projects/{p.uid}/similar"]
for url in urls:
    r = c.get(url)
    print(r.status_code, url)
    assert r.status_code == 200, (url, r.status_code)
from smartby.geo.models import Municipality
assert Municipality.objects.exclude(geometry="").count() == 98
print("projects", Project.objects.count())
import json
found = json.loads(c.get("/api/v1/search?q=affaldsbeholdere").content)["groups"][0]
assert found["count"] > 0, found  # FTS5 finds demo projects
from smartby.search import engine
from smartby.search.models import SearchEntry
prepared = engine.prepare("affaldsbeholdere")
hits = engine.entries("project", prepared)
before = hits.count()
SearchEntry.objects.get(pk=hits.first().pk).project.delete()  # the triggers keep FTS5 in step
assert engine.entries("project", prepared).count() == before - 1
match = c.post("/api/v1/match", {"text": "overfyldte skraldespande i bymidten"}, content_type="application/json")
assert match.status_code == 200 and json.loads(match.content)["projects"], match.content
"""


def test_demo_on_sqlite(tmp_path: Path):
    env = {
        **os.environ,
        "DATABASE_URL": f"sqlite:///{tmp_path / 'demo.sqlite3'}",
        "SMARTBY_VAR_DIR": str(tmp_path),
        "STATIC_ROOT": str(tmp_path / "static"),
        "API_ANON_RATE_LIMIT": "0",
        "ALLOWED_HOSTS": "testserver",
    }
    env.pop("DJANGO_SETTINGS_MODULE", None)

    def smartby(*args: str) -> str:
        result = subprocess.run(
            [sys.executable, "-m", "smartby", *args],
            env=env,
            capture_output=True,
            text=True,
            timeout=240,
        )
        assert result.returncode == 0, result.stdout + result.stderr
        return result.stdout + result.stderr

    smartby("migrate", "--noinput", "-v", "0")
    smartby("collectstatic", "--noinput", "-v", "0")
    out = smartby("demo", "--projects", "150", "--seed", "7", "--if-empty")
    again = smartby("demo", "--projects", "150", "--seed", "7", "--if-empty")
    assert out != again  # the second run sees projects and does nothing
    checked = smartby("shell", "-c", CHECK_PAGES)
    assert "projects 150" in checked
