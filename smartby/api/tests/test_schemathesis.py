"""Property-based fuzzing of the whole open API against its own OpenAPI document (schemathesis).

The OpenAPI document is read from the WSGI app itself. For every operation, reads and writes,
schemathesis sends the coverage cases (boundaries, missing, wrong-typed and unexpected values,
unexpected methods) and a bounded number of generated requests, valid and invalid. Each response
must:

- not be a server error (5xx);
- have a status code that the operation documents;
- have the content type that the operation documents;
- match the documented response schema.

Writes carry a write token of a coordinator, so they pass the permission checks and reach
validation and the database. The hooks below make the generated requests hit more of the code:
path parameters are sometimes ids of real projects; bodies sometimes refer to real organisations,
areas, technologies and municipalities and have valid rows, so their generated texts, dates and
numbers are saved for real; and now and then a parameter or field gets a nasty value (a NUL byte,
a slash, a huge number).

The run is bounded (MAX_EXAMPLES generated requests per operation on top of the coverage cases)
and reproducible (derandomized). A failure names the operation and prints a curl command that
reproduces it; keep each bug fixed with a plain test in test_fuzz_regressions.py.
"""

import datetime as dt
import json
from collections.abc import Iterator
from typing import Any

import hypothesis
import pytest
import schemathesis
from django.core.signals import request_finished, request_started
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections
from hypothesis import HealthCheck
from hypothesis import strategies as st
from ninja.responses import NinjaJSONEncoder
from schemathesis.checks import (
    content_type_conformance,
    not_a_server_error,
    response_schema_conformance,
    status_code_conformance,
)

from smartby.api.api import api
from smartby.api.operations import create_token
from smartby.geo.models import Municipality
from smartby.orgs.models import Organisation
from smartby.registry.models import Area, BenefitKind, FundingKind, Status, Technology
from smartby.registry.tests.helpers import make_project

CHECKS = [
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_schema_conformance,
]
MAX_EXAMPLES = 40
WRITE_METHODS = {"POST", "PUT", "PATCH", "DELETE"}

# Values that have broken web APIs before. Random generation finds them too, but rarely within a
# bounded run, so they are mixed in on purpose: NUL bytes (PostgreSQL refuses them in text), a
# slash (it cannot be part of a URL path segment), numbers and strings at and past the limits.
NASTY = [
    "\x00",
    "a\x00b",
    "a/b",
    "..",
    "%00",
    " ",
    "\u202e",
    "9" * 30,
    "-1",
    "1e309",
    "x" * 300,
]


class Fuzz:
    """What the hooks and the test need from the database of the running test."""

    token = ""
    project_ids: list[str] = []
    organisations: list[str] = []
    areas: list[str] = []
    technologies: list[str] = []
    municipalities: list[str] = []


# The document is the app's own (test_the_fuzzed_document_is_the_served_one checks that it is
# what /api/v1/openapi.json serves). It is built here, while the tests are collected, without a
# request: middleware may use the database, which is not open yet. The requests go to the app.
DOCUMENT = json.loads(json.dumps(api.get_openapi_schema(), cls=NinjaJSONEncoder))
schema = schemathesis.openapi.from_dict(DOCUMENT)
schema.app = get_wsgi_application()


@pytest.fixture
def fuzz(db, settings, coordinator, editor_a) -> Iterator[type[Fuzz]]:
    """For one operation's run: three projects, a coordinator's write token, the references."""
    settings.API_ANON_RATE_LIMIT = 0
    projects = [
        make_project(editor_a, title="Fuzz: affaldssensorer"),
        make_project(editor_a, title="Fuzz: gadelys", status="drift"),
        make_project(editor_a, title="Fuzz: parkering", status="ide", locations=[]),
    ]
    _, Fuzz.token = create_token(coordinator, name="schemathesis", scope="write")
    Fuzz.project_ids = [p.uid for p in projects]
    Fuzz.organisations = list(Organisation.objects.order_by("pk").values_list("name", flat=True))
    Fuzz.organisations = Fuzz.organisations[:5]
    Fuzz.areas = list(Area.objects.values_list("name", flat=True))
    Fuzz.technologies = list(Technology.objects.values_list("name", flat=True))
    Fuzz.municipalities = list(Municipality.objects.order_by("code").values_list("code", flat=True))
    # The app runs inside this test's transaction. Django's test client keeps the connection
    # open across requests in the same way (a plain WSGI request would close it when it ends).
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    try:
        yield Fuzz
    finally:
        request_started.connect(close_old_connections)
        request_finished.connect(close_old_connections)


IDENTIFIERS = {"id", "project_id", "kode"}


def nasty(values: dict[str, Any]) -> st.SearchStrategy[dict[str, Any]]:
    """`values` with one of its entries replaced by a nasty value: at least half of the time an
    identifier, as those are what the API looks up and puts into URLs."""
    keys = sorted(values)
    ids = [key for key in keys if key in IDENTIFIERS]
    key = st.one_of(st.sampled_from(ids), st.sampled_from(keys)) if ids else st.sampled_from(keys)
    return st.tuples(key, st.sampled_from(NASTY)).map(lambda kv: {**values, kv[0]: kv[1]})


@schema.hook
def flatmap_path_parameters(context: Any, path_parameters: dict[str, Any] | None) -> Any:
    """Often the id of a real project or municipality, sometimes a nasty value, otherwise the
    generated one. (Hypothesis favours the first alternative of `one_of`.)"""
    if not path_parameters:
        return st.just(path_parameters)
    real = {"project_id": Fuzz.project_ids, "kode": Fuzz.municipalities[:3]}
    choices = [
        st.sampled_from([{**path_parameters, name: value} for value in real[name]])
        for name in path_parameters
        if name in real
    ]
    return st.one_of(*choices, nasty(path_parameters), st.just(path_parameters))


@schema.hook
def flatmap_query(context: Any, query: dict[str, Any] | None) -> Any:
    if not query:
        return st.just(query)
    return st.one_of(st.just(query), nasty(query))


@schema.hook
def flatmap_body(context: Any, body: Any) -> Any:
    """Now and then valid references and rows (so that the generated texts, dates and numbers
    are saved for real), and that with one nasty value."""
    if not isinstance(body, dict) or context.operation.method.upper() not in WRITE_METHODS:
        return st.just(body)
    with_refs = valid_parts().map(lambda parts: {**body, **parts})
    return st.one_of(with_refs, with_refs.flatmap(nasty), st.just(body))


def valid_parts() -> st.SearchStrategy[dict[str, Any]]:
    organisation = st.sampled_from(Fuzz.organisations)
    number = (
        st.integers(min_value=-(10**7), max_value=10**7)
        | st.integers()
        | st.floats(allow_nan=False, allow_infinity=False)
    )
    text = st.text(min_size=1, max_size=200).filter(str.strip)
    date = st.none() | st.dates(max_value=dt.date(2025, 1, 1)).map(dt.date.isoformat)
    return st.fixed_dictionaries(
        {
            "id": st.none() | st.uuids().map(str),
            "title": text,
            "summary": text,
            "start_date": date,
            "end_date": st.none(),
            "last_verified": date,
            "lead_organisation": organisation,
            "area": st.sampled_from(Fuzz.areas),
            "technologies": st.lists(st.sampled_from(Fuzz.technologies), max_size=3),
            "status": st.sampled_from(Status.values),
            "municipalities": st.lists(
                st.sampled_from(Fuzz.municipalities), min_size=1, max_size=3
            ),
            "partners": st.lists(st.fixed_dictionaries({"organisation": organisation}), max_size=2),
            "funding": st.lists(
                st.fixed_dictionaries(
                    {"kind": st.sampled_from(FundingKind.values), "amount_dkk": st.none() | number}
                ),
                max_size=2,
            ),
            "benefits": st.lists(
                st.fixed_dictionaries(
                    {
                        "kind": st.sampled_from(BenefitKind.values),
                        "description": st.text(min_size=1, max_size=20),
                        "value": st.none() | number,
                    }
                ),
                max_size=2,
            ),
            "locations": st.none()
            | st.lists(st.fixed_dictionaries({"lat": number, "lon": number}), max_size=2),
            "contacts": st.just([]),
            "links": st.just([]),
            "datasets": st.just([]),
        }
    )


@hypothesis.settings(
    max_examples=MAX_EXAMPLES,
    deadline=None,
    derandomize=True,
    database=None,
    suppress_health_check=list(HealthCheck),
)
@schema.parametrize()
def test_api_conforms_to_its_openapi_document(case: schemathesis.Case, fuzz: type[Fuzz]) -> None:
    headers = {}
    if case.method.upper() in WRITE_METHODS:
        headers["Authorization"] = f"Bearer {fuzz.token}"
    case.call_and_validate(headers=headers, checks=CHECKS)


def test_the_fuzzed_document_is_the_served_one(db, api_client, settings) -> None:
    settings.API_ANON_RATE_LIMIT = 0
    response = api_client.get("/api/v1/openapi.json")
    assert response.status_code == 200
    assert response.json() == DOCUMENT
