"""Locust user classes for the mixed-traffic load test (issue 10). Run by bench/load.py, which
prepares the database, writes the plan (SMARTBY_LOAD_PLAN: sample slugs, filter values, search
queries and editor accounts) and starts locust headless against gunicorn on loopback:

    locust -f bench/locustfile.py --headless --host http://127.0.0.1:PORT --users 200 ...

Readers (anonymous) and editors (logged in through the form, editing projects of their own
organisation) think between requests (LOAD_WAIT seconds, "min-max"). The task weights below are
the shares of the traffic documented in bench/README.md; every request is named by its route so
that locust's statistics are per route.
"""

from __future__ import annotations

import itertools
import json
import os
import random
import re
import threading
from html.parser import HTMLParser
from urllib.parse import quote, urlencode

from locust import between, task
from locust.contrib.fasthttp import FastHttpUser

PLAN = json.loads(open(os.environ["SMARTBY_LOAD_PLAN"], encoding="utf-8").read())  # noqa: SIM115
WAIT_MIN, _, WAIT_MAX = os.environ.get("LOAD_WAIT", "1-5").partition("-")
EDITOR_WAIT_MIN, _, EDITOR_WAIT_MAX = os.environ.get("LOAD_EDITOR_WAIT", "5-15").partition("-")
# Generous: under overload requests must queue (gunicorn's backlog), not fail.
TIMEOUT = float(os.environ.get("LOAD_TIMEOUT", "120"))
MARKER = re.compile(r" \(gennemgået [0-9]+\)$")

_editor_accounts = itertools.cycle(PLAN["editors"])
_editor_lock = threading.Lock()


class FormParser(HTMLParser):
    """The fields of one <form> (picked by its action) as a browser would submit them: inputs
    (checkboxes and radios only when checked), selected options and textareas."""

    def __init__(self, action: str) -> None:
        super().__init__(convert_charrefs=True)
        self.action = action
        self.inside = False
        self.fields: list[tuple[str, str]] = []
        self._select: str | None = None
        self._select_multiple = False
        self._select_first: str | None = None
        self._select_chosen = False
        self._option: dict | None = None
        self._textarea: str | None = None
        self._text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {k: (v or "") for k, v in attrs}
        if tag == "form":
            self.inside = a.get("action", "") in ("", self.action)
            return
        if not self.inside or "disabled" in a:
            return
        if tag == "input" and a.get("name"):
            kind = a.get("type", "text").lower()
            if kind in ("submit", "button", "image", "reset", "file"):
                return
            if kind in ("checkbox", "radio") and "checked" not in a:
                return
            self.fields.append((a["name"], a.get("value", "on" if kind == "checkbox" else "")))
        elif tag == "select" and a.get("name"):
            self._select, self._select_multiple = a["name"], "multiple" in a
            self._select_first, self._select_chosen = None, False
        elif tag == "option" and self._select is not None:
            self._option = a
            self._text = []
        elif tag == "textarea" and a.get("name"):
            self._textarea, self._text = a["name"], []

    def handle_data(self, data: str) -> None:
        if self._textarea is not None or self._option is not None:
            self._text.append(data)

    def handle_endtag(self, tag: str) -> None:
        if tag == "form":
            self.inside = False
        elif tag == "option" and self._option is not None and self._select is not None:
            value = self._option.get("value", "".join(self._text).strip())
            if self._select_first is None:
                self._select_first = value
            if "selected" in self._option:
                self.fields.append((self._select, value))
                self._select_chosen = True
            self._option = None
        elif tag == "select" and self._select is not None:
            if not self._select_chosen and not self._select_multiple and self._select_first:
                self.fields.append((self._select, self._select_first))
            self._select = None
        elif tag == "textarea" and self._textarea is not None:
            text = "".join(self._text)
            self.fields.append((self._textarea, text[1:] if text.startswith("\n") else text))
            self._textarea = None


def form_fields(html: str, action: str) -> list[tuple[str, str]]:
    parser = FormParser(action)
    parser.feed(html)
    return parser.fields


class Base(FastHttpUser):
    abstract = True
    network_timeout = TIMEOUT
    connection_timeout = TIMEOUT
    # One connection per user, as a browser tab keeps one alive.
    concurrency = 1

    def get(self, path: str, name: str) -> None:
        with self.client.get(path, name=name, catch_response=True) as response:
            if response.status_code != 200:
                response.failure(f"HTTP {response.status_code}")


class Reader(Base):
    """An anonymous visitor: map, list, search, detail pages and the open API."""

    weight = int(os.environ.get("LOAD_READER_WEIGHT", "9"))
    wait_time = between(float(WAIT_MIN), float(WAIT_MAX or WAIT_MIN))

    def filter_query(self) -> str:
        choice = random.random()
        if choice < 0.4:
            return ""
        if choice < 0.6:
            return "?" + urlencode({"area": random.choice(PLAN["areas"])})
        if choice < 0.8:
            return "?" + urlencode(
                {
                    "technology": random.choice(PLAN["technologies"]),
                    "status": random.choice(PLAN["statuses"]),
                }
            )
        if choice < 0.9:
            return "?" + urlencode({"municipality": random.choice(PLAN["municipalities"])})
        return "?" + urlencode({"q": random.choice(PLAN["queries"])})

    @task(10)
    def map_geojson(self) -> None:
        self.get("/kort/kommuner.geojson" + self.filter_query(), "map: /kort/kommuner.geojson")

    @task(10)
    def map_markers(self) -> None:
        self.get("/kort/projekter.json" + self.filter_query(), "map: /kort/projekter.json")

    @task(12)
    def project_list(self) -> None:
        self.get("/projekter/" + self.filter_query(), "list: /projekter/?filters")

    @task(8)
    def project_list_pages(self) -> None:
        """Turning pages: mostly the first few, sometimes far into the unfiltered list."""
        query = self.filter_query()
        page = random.choice([2, 2, 2, 3, 3, 4, 5, random.randint(6, 2000)])
        path = "/projekter/" + (query + "&" if query else "?") + f"side={page}"
        self.get(path, "list: /projekter/?side=N")

    @task(10)
    def search_page(self) -> None:
        self.get("/soeg/?q=" + quote(random.choice(PLAN["queries"])), "search: /soeg/?q=")

    @task(5)
    def search_api(self) -> None:
        self.get(
            "/api/v1/search?q=" + quote(random.choice(PLAN["queries"])),
            "search: /api/v1/search?q=",
        )

    @task(20)
    def project_detail(self) -> None:
        self.get(f"/projekter/{random.choice(PLAN['slugs'])}/", "detail: /projekter/[slug]/")

    @task(5)
    def municipality(self) -> None:
        self.get(f"/kommuner/{random.choice(PLAN['municipalities'])}/", "detail: /kommuner/[code]/")

    @task(10)
    def api_list(self) -> None:
        query = self.filter_query()
        page = random.choice(["", "", "", "page=2", "page=3"])
        if page:
            query = (query + "&" if query else "?") + page
        self.get("/api/v1/projects" + query, "api: /api/v1/projects")

    @task(10)
    def api_detail(self) -> None:
        self.get(f"/api/v1/projects/{random.choice(PLAN['uids'])}", "api: /api/v1/projects/[id]")


class Editor(Base):
    """A logged-in editor: logs in through the form once, then edits projects of their own
    organisation (GET the editor, POST a valid change, follow to the project) and reads."""

    weight = int(os.environ.get("LOAD_EDITOR_WEIGHT", "1"))
    wait_time = between(float(EDITOR_WAIT_MIN), float(EDITOR_WAIT_MAX or EDITOR_WAIT_MIN))

    def on_start(self) -> None:
        with _editor_lock:
            self.account = next(_editor_accounts)
        self.edits = 0
        login = self.client.get("/konto/log-ind/", name="edit: GET /konto/log-ind/")
        fields = dict(form_fields(login.text or "", "/konto/log-ind/"))
        fields.update(username=self.account["email"], password=self.account["password"])
        with self.client.post(
            "/konto/log-ind/",
            data=urlencode(fields),
            headers={"Content-Type": "application/x-www-form-urlencoded"},
            name="edit: POST /konto/log-ind/",
            allow_redirects=False,
            catch_response=True,
        ) as response:
            if response.status_code != 302:
                response.failure(f"login failed: HTTP {response.status_code}")

    @task(3)
    def edit_project(self) -> None:
        slug = random.choice(self.account["slugs"])
        edit_path = f"/projekter/{slug}/rediger/"
        with self.client.get(
            edit_path, name="edit: GET /projekter/[slug]/rediger/", catch_response=True
        ) as page:
            if page.status_code != 200:
                page.failure(f"HTTP {page.status_code}")
                return
            fields = form_fields(page.text or "", edit_path)
        self.edits += 1
        changed = []
        for name, value in fields:
            if name == "summary":
                value = MARKER.sub("", value)[:560] + f" (gennemgået {self.edits})"
            changed.append((name, value))
        with self.client.post(
            edit_path,
            data=urlencode(changed),
            headers={"Content-Type": "application/x-www-form-urlencoded"},
            name="edit: POST /projekter/[slug]/rediger/",
            allow_redirects=False,
            catch_response=True,
        ) as response:
            if response.status_code != 302:
                response.failure(f"edit not saved: HTTP {response.status_code}")
                return
        self.get(f"/projekter/{slug}/", "edit: GET /projekter/[slug]/ (after save)")

    @task(1)
    def own_list(self) -> None:
        self.get(
            "/projekter/?" + urlencode({"organisation": self.account["organisation"]}),
            "list: /projekter/?filters",
        )
