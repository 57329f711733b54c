"""The permission matrix of every URL of the site (issue 10, Security).

ROUTES names every URL pattern of smartby.urls (the API's operations are in
test_api_permission_matrix.py) with who may GET it and who may POST to it, for the five personas:
anonymous, editor_a (member of organisation A, Aarhus), editor_b (member of B, Odense),
coordinator and superuser. Object-level routes point at an object owned by A, so editor_b is
the "wrong organisation" everywhere.

- A new URL pattern without an entry fails test_every_route_is_in_the_matrix; a stale entry
  fails too.
- Every refused request (anonymous: 302 to the login page or 403/404; logged in: 403/404) is
  checked, and a refused POST must leave every table of the database unchanged.
- Allowed requests must not be refused (a form with errors is fine: the payload is empty).
- POST_DATA gives a valid-looking payload where an empty one would stop at validation before
  the permission check (acting for organisation A as editor_b); FORM_REFUSAL names the routes
  where that refusal is a form error (A is not among the choices) rather than a 403.
- STATE_CASES repeats routes whose permission depends on the object's state.
- test_csrf: every route that takes a POST refuses one without a CSRF token (403), except those
  in CSRF_EXEMPT, each with its reason.
- The project import (the one way to change many objects at once; there are no bulk actions)
  is checked record by record.
"""

import json
from typing import Any, NamedTuple
from urllib.parse import urlsplit

import pytest
from django.conf import settings
from django.http import QueryDict
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from smartby.lib.tests.matrix_world import (
    ACCESS,
    PERSONAS,
    World,
    changed_tables,
    snapshot,
    world_fixture,
)

# Not a permission: the method is not served (405, or refused before the method is checked) ...
NOT_SERVED = "405"
# ... or the route is authorised by a secret token in its URL, not by the session: a made-up
# token must not be honoured for anybody (4xx, or the page explaining the link is invalid).
TOKEN = "token"


class R(NamedTuple):
    get: str
    post: str
    params: dict[str, str] = {}


def r(get: str, post: str = NOT_SERVED, **params: str) -> R:
    return R(get, post, params)


BAD_TOKEN = "=ugyldig-noegle-0000"  # a leading "=" marks a literal parameter value

# POST data acting on or for organisation A where an empty form would stop at validation before
# the permission check could be seen. Built from the world (its ids and organisations).
POST_DATA: dict[str, Any] = {
    "catalogue:use_create": lambda w: {
        "project": w.ids["other_project"],  # (the first project already uses the solution)
        "experience": "Kapret.",
        "since": "",
    },
    "registry:project_create": lambda w: _helper("registry", "project_data")(),
    "cases:usecase_create": lambda w: _helper("cases", "use_case_data")(),
    "kits:event_create": lambda w: _helper("kits", "event_data")(w.org_a),
    "kits:kit_book": lambda w: _helper("kits", "booking_data")(w.org_a, 40, 41),
    "guides:result_save": lambda w: {
        **_helper("guides", "form_answers")(_helper("guides", "answers")()),
        "organisation": str(w.org_a.pk),
    },
    "procurement:document_save": lambda w: {
        **_helper("procurement", "compose_params")(
            w.ids["clause"], leverandør="L", dataformat="CSV"
        ),
        "organisation": str(w.org_a.pk),
    },
    "accounts:invite": lambda w: {
        "email": "ny@aarhus.example.org",
        "organisation": str(w.org_a.pk),
        "role": "editor",
    },
}
# Of those, the routes where acting for another organisation is refused by the form (the
# organisation is not among the choices: the form comes back with an error), not by a 403. The
# refused persona must still change nothing.
FORM_REFUSAL = {
    "registry:project_create",
    "cases:usecase_create",
    "kits:event_create",
    "kits:kit_book",
    "accounts:invite",
}


def _helper(app: str, name: str) -> Any:
    module = __import__(f"smartby.{app}.tests.helpers", fromlist=[name])
    return getattr(module, name)


ROUTES: dict[str, R] = {
    "privacy": r("public", "public"),
    "accessibility": r("public", "public"),
    "set_language": r("public", "public"),
    "observability:healthz": r("public"),
    # Open to a direct request from loopback (the test client); see test_metrics_elsewhere.
    "observability:metrics": r("public"),
    "api_tokens:list": r("login", "login"),
    "api_tokens:revoke": r(NOT_SERVED, "a_only", pk="api_token_pk"),
    "accounts:profile": r("login", "login"),
    "accounts:change_password": r(NOT_SERVED, "login"),
    "accounts:login_code": r("public", "public"),
    "accounts:twofactor": r("login", "login"),
    # The QR code exists only while a set-up is in progress (its secret is in the session).
    "accounts:twofactor_qr": r("nobody"),
    "accounts:twofactor_regenerate_codes": r(NOT_SERVED, "login"),
    "accounts:twofactor_disable": r("login", "login"),
    "accounts:user_twofactor_reset": r(NOT_SERVED, "super", pk="user"),
    "privacy:request": r("public", "public"),
    "privacy:sent": r("public"),
    "privacy:coordinator": r("coord", "coord"),
    "privacy:link": r(TOKEN, token=BAD_TOKEN),
    "privacy:link_export": r(TOKEN, token=BAD_TOKEN),
    "privacy:link_delete": r(TOKEN, TOKEN, token=BAD_TOKEN),
    "privacy:account": r("login", "login"),
    "privacy:account_export": r("login", "login"),
    "privacy:account_delete": r("login", "login"),
    "accounts:login": r("public", "public"),
    "accounts:logout": r(NOT_SERVED, "public"),
    "accounts:password_reset": r("public", "public"),
    "accounts:password_reset_done": r("public"),
    "accounts:password_reset_confirm": r("public", "public", uidb64="uidb64", token="reset_token"),
    "accounts:password_reset_complete": r("public"),
    "accounts:invite": r("login", "owner"),
    "accounts:accept_invitation": r(TOKEN, TOKEN, token=BAD_TOKEN),
    "accounts:user_list": r("coord", "coord"),
    "accounts:user_detail": r("coord", "coord", pk="user"),
    "accounts:user_role": r("coord", "coord", pk="user"),
    "accounts:user_active": r("coord", "coord", pk="user"),
    "accounts:user_add_membership": r("coord", "coord", pk="user"),
    "accounts:user_remove_membership": r("coord", "coord", pk="user", org_pk="org_b"),
    "orgs:organisation_list": r("public"),
    "orgs:organisation_create": r("login", "login"),
    "orgs:organisation_detail": r("public", slug="org_a"),
    "orgs:organisation_edit": r("owner", "owner", slug="org_a"),
    "orgs:organisation_merge": r("coord", "coord", slug="org_a"),
    "reminders:overview": r("login"),
    "reminders:retry": r(NOT_SERVED, "coord", pk="reminder"),
    "reminders:verify": r(TOKEN, TOKEN, token=BAD_TOKEN),
    "reminders:update": r(TOKEN, TOKEN, token=BAD_TOKEN),
    "reminders:complete": r(TOKEN, TOKEN, token=BAD_TOKEN),
    "reminders:unsubscribe": r(TOKEN, TOKEN, token=BAD_TOKEN),
    "effect:dashboard": r("public"),
    "effect:download": r("public", slug="=noegletal"),
    "subscriptions:list": r("login"),
    "subscriptions:follow": r(NOT_SERVED, "public"),
    "subscriptions:follow_box": r("public"),
    "subscriptions:subscribe": r("public", "public", query="kind=area&value=forsyning"),
    "subscriptions:subscribe_sent": r("public"),
    "subscriptions:remove": r(NOT_SERVED, "a_only", pk="subscription"),
    "subscriptions:confirm": r(TOKEN, TOKEN, token=BAD_TOKEN),
    "subscriptions:unsubscribe": r(TOKEN, TOKEN, token=BAD_TOKEN),
    "subscriptions:project_feed": r("public", "public"),
    "catalogue:solution_list": r("public"),
    "catalogue:compare": r("public"),
    "catalogue:solution_create": r("coord", "coord"),
    "catalogue:solution_detail": r("public", slug="solution"),
    "catalogue:solution_edit": r("coord", "coord", slug="solution"),
    "catalogue:solution_delete": r("coord", "coord", slug="solution"),
    "catalogue:propose_solution": r("nobody", "nobody", slug="solution"),
    "catalogue:use_create": r("owner", "owner", slug="solution"),
    "catalogue:use_edit": r("owner", "owner", pk="use"),
    "catalogue:use_delete": r("owner", "owner", pk="use"),
    "catalogue:supplier_list": r("public"),
    "catalogue:supplier_create": r("coord", "coord"),
    "catalogue:supplier_detail": r("public", slug="supplier"),
    "catalogue:supplier_edit": r("coord", "coord", slug="supplier"),
    "catalogue:supplier_delete": r("coord", "coord", slug="supplier"),
    "catalogue:propose_supplier": r("nobody", "nobody", slug="supplier"),
    "catalogue:propose_new_solution": r("nobody", "nobody", slug="supplier"),
    "catalogue:standard_list": r("public"),
    "catalogue:standard_create": r("coord", "coord"),
    "catalogue:standard_detail": r("public", slug="standard"),
    "catalogue:standard_edit": r("coord", "coord", slug="standard"),
    "catalogue:standard_delete": r("coord", "coord", slug="standard"),
    "catalogue:proposal_list": r("coord"),
    "catalogue:proposal_detail": r("coord", pk="proposal"),
    "catalogue:proposal_decide": r(NOT_SERVED, "coord", pk="proposal"),
    "radar:index": r("public"),
    "radar:edition_create": r("coord", "coord"),
    "radar:technology": r("public", slug="technology"),
    "radar:edition": r("coord", year="year"),
    "radar:edition_svg": r("coord", year="year"),
    "radar:edition_csv": r("coord", year="year"),
    "radar:edition_edit": r("coord", "coord", year="year"),
    "radar:edition_publish": r("coord", "coord", year="year"),
    "radar:edition_delete": r("coord", "coord", year="year"),
    "radar:blip_add": r("coord", "coord", year="year"),
    "radar:blip_edit": r("coord", "coord", year="year", slug="blip"),
    "radar:blip_remove": r("coord", "coord", year="year", slug="blip"),
    "cases:usecase_list": r("public"),
    "cases:usecase_create": r("login", "owner"),
    "cases:usecase_detail": r("public", slug="use_case"),
    "cases:usecase_edit": r("owner", "owner", slug="use_case"),
    "cases:usecase_delete": r("owner", "owner", slug="use_case"),
    "cases:businesscase_create": r("owner", "owner", slug="use_case"),
    "cases:businesscase_detail": r("public", slug="use_case", pk="business_case"),
    "cases:businesscase_edit": r("owner", "owner", slug="use_case", pk="business_case"),
    "cases:businesscase_delete": r("owner", "owner", slug="use_case", pk="business_case"),
    "cases:businesscase_pdf": r("public", slug="use_case", pk="business_case"),
    "cases:businesscase_csv": r("public", slug="use_case", pk="business_case"),
    "procurement:index": r("public"),
    "procurement:clause_list": r("public"),
    "procurement:clause_create": r("coord", "coord"),
    "procurement:clause_detail": r("public", slug="clause"),
    "procurement:clause_edit": r("coord", "coord", slug="clause"),
    "procurement:clause_propose": r("login", "login", slug="clause"),
    "procurement:clause_retire": r(NOT_SERVED, "coord", slug="clause"),
    "procurement:clause_history": r("public", slug="clause"),
    "procurement:version_detail": r("login", slug="clause", number="version"),
    "procurement:version_accept": r(NOT_SERVED, "coord", slug="clause", number="version"),
    "procurement:version_reject": r(NOT_SERVED, "coord", slug="clause", number="version"),
    "procurement:compose": r("public"),
    "procurement:compose_fill": r("public"),
    "procurement:compose_preview": r("public"),
    "procurement:compose_docx": r("public"),
    "procurement:compose_pdf": r("public"),
    "procurement:document_save": r(NOT_SERVED, "owner"),
    "procurement:document_list": r("login"),
    "procurement:document_detail": r("owner", pk="document"),
    "procurement:document_docx": r("owner", pk="document"),
    "procurement:document_pdf": r("owner", pk="document"),
    "procurement:document_delete": r("owner", "owner", pk="document"),
    "guides:hub": r("public", "public"),
    "guides:guide_list": r("public"),
    "guides:guide_create": r("coord", "coord"),
    "guides:guide_detail": r("public", slug="guide"),
    "guides:guide_edit": r("login", "login", slug="guide"),
    "guides:guide_delete": r("coord", "coord", slug="guide"),
    "guides:guide_history": r("public", slug="guide"),
    "guides:guide_compare": r("public", slug="guide"),
    "guides:guide_version": r("public", slug="guide", number="guide_version"),
    "guides:guide_restore": r(NOT_SERVED, "login", slug="guide", number="guide_version"),
    "guides:assessment": r("public", "public"),
    "guides:result_save": r(NOT_SERVED, "owner"),
    "guides:result_detail": r("owner", pk="result"),
    "guides:organisation_results": r("owner", slug="org_a"),
    "guides:assessment_admin": r("coord"),
    "guides:dimension_edit": r("coord", "coord", pk="dimension"),
    "guides:question_create": r("coord", "coord"),
    "guides:question_edit": r("coord", "coord", pk="question"),
    "guides:question_delete": r(NOT_SERVED, "coord", pk="question"),
    "kits:kit_list": r("public"),
    "kits:kit_create": r("coord", "coord"),
    "kits:kits_ical": r("public"),
    "kits:booking_list": r("login"),
    "kits:booking_detail": r("owner", pk="booking"),
    "kits:booking_decide": r(NOT_SERVED, "owner", pk="booking"),
    "kits:booking_cancel": r(NOT_SERVED, "owner", pk="booking"),
    "kits:booking_return": r(NOT_SERVED, "owner", pk="booking"),
    "kits:kit_detail": r("public", slug="kit"),
    "kits:kit_book": r(NOT_SERVED, "owner", slug="kit"),
    "kits:kit_edit": r("owner", "owner", slug="kit"),
    "kits:kit_ical": r("public", slug="kit"),
    "kits:event_year": r("public"),
    "kits:event_create": r("login", "owner"),
    "kits:events_ical": r("public"),
    "kits:event_detail": r("public", pk="event"),
    "kits:event_ical": r("public", pk="event"),
    "kits:event_edit": r("owner", "owner", pk="event"),
    "kits:event_delete": r("owner", "owner", pk="event"),
    "surveys:index": r("public"),
    "surveys:survey": r("public", key="survey"),
    "surveys:survey_version": r("public", key="survey", number="survey_version"),
    "surveys:question_edit": r("coord", "coord", key="survey", pk="survey_question"),
    "surveys:round_create": r("coord", "coord", key="survey"),
    "surveys:round": r("public", key="survey_round"),
    "surveys:round_edit": r("coord", "coord", key="open_round"),
    "surveys:round_close": r("coord", "coord", key="open_round"),
    "surveys:answer": r(TOKEN, TOKEN, token=BAD_TOKEN),
    "surveys:answer_handover": r(TOKEN, TOKEN, token=BAD_TOKEN),
    "surveys:progress": r("coord", key="open_round"),
    "surveys:progress_invite": r(NOT_SERVED, "coord", key="open_round"),
    "surveys:progress_remind": r(NOT_SERVED, "coord", key="open_round"),
    "surveys:progress_addresses": r("coord", "coord", key="open_round"),
    "surveys:results": r("public", key="survey_round"),
    "surveys:results_csv": r("public", key="survey_round"),
    "surveys:results_xlsx": r("public", key="survey_round"),
    "surveys:results_pdf": r("public", key="survey_round"),
    "surveys:results_register": r("coord", key="survey_round"),
    "surveys:results_register_invite": r(NOT_SERVED, "coord", key="survey_round", code="=751"),
    "portfolio:strategy_list": r("public"),
    "portfolio:strategy_create": r("coord", "coord"),
    "portfolio:strategy_detail": r("public", slug="strategy"),
    "portfolio:strategy_edit": r("coord", "coord", slug="strategy"),
    "portfolio:overview_pdf": r("public", slug="strategy"),
    "portfolio:focus_area_create": r("coord", "coord", slug="strategy"),
    "portfolio:initiative_create": r("coord", "coord", slug="strategy"),
    "portfolio:initiative_detail": r("public", slug="strategy", number="initiative"),
    "portfolio:initiative_edit": r("coord", "coord", slug="strategy", number="initiative"),
    "portfolio:status_create": r("owner", "owner", slug="strategy", number="initiative"),
    "portfolio:goal_create": r("coord", "coord", slug="strategy", number="initiative"),
    "portfolio:measurement_create": r(
        "owner", "owner", slug="strategy", number="initiative", goal="goal"
    ),
    "portfolio:initiative_pdf": r("public", slug="strategy", number="initiative"),
    "portfolio:initiative_docx": r("public", slug="strategy", number="initiative"),
    "priorities:index": r("public"),
    "priorities:recommendation_list": r("public"),
    "priorities:progress_latest": r("public"),
    "priorities:progress": r("public", year="progress_year"),
    "priorities:progress_pdf": r("public", year="progress_year"),
    "priorities:progress_csv": r("public", year="progress_year"),
    "priorities:recommendation_detail": r("public", number="recommendation"),
    "priorities:status_add": r(NOT_SERVED, "coord", number="recommendation"),
    "priorities:evidence_add": r(NOT_SERVED, "coord", number="recommendation"),
    "priorities:evidence_delete": r("coord", "coord", number="recommendation", pk="evidence"),
    "priorities:round_list": r("public"),
    "priorities:round_create": r("coord", "coord"),
    "priorities:round_detail": r("assessor", slug="round"),
    "priorities:round_edit": r("coord", "coord", slug="round"),
    "priorities:round_state": r(NOT_SERVED, "coord", slug="round"),
    "priorities:proposal_create": r(NOT_SERVED, "coord", slug="round"),
    "priorities:proposal_edit": r("coord", "coord", slug="round", pk="round_proposal"),
    "priorities:proposal_delete": r("coord", "coord", slug="round", pk="round_proposal"),
    "priorities:assessor_invite": r(NOT_SERVED, "coord", slug="round"),
    "priorities:assessor_remove": r(NOT_SERVED, "coord", slug="round", pk="assessor"),
    "priorities:round_score": r("a_only", "a_only", slug="round"),
    "priorities:round_results": r("coord", slug="round"),
    "priorities:results_csv": r("coord", slug="round"),
    "priorities:results_xlsx": r("coord", slug="round"),
    "climate:map": r("public"),
    "climate:geojson": r("public"),
    "climate:overview": r("public"),
    "climate:municipality": r("public", code="=751"),
    "climate:plan_update": r("owner", "owner", code="=751"),
    "costs:collaboration_list": r("public"),
    "costs:collaboration_create": r("coord", "coord"),
    "costs:collaboration_detail": r("public", slug="collaboration"),
    "costs:collaboration_edit": r("coord", "coord", slug="collaboration"),
    "costs:collaboration_delete": r("coord", "coord", slug="collaboration"),
    "costs:member_create": r("coord", "coord", slug="collaboration"),
    "costs:member_edit": r("coord", "coord", slug="collaboration", pk="member"),
    "costs:member_delete": r("coord", "coord", slug="collaboration", pk="member"),
    "costs:budget_year_create": r("coord", "coord", slug="collaboration"),
    "costs:budget_year": r("public", slug="collaboration", year="budget_year"),
    "costs:budget_year_edit": r("coord", "coord", slug="collaboration", year="budget_year"),
    "costs:budget_year_delete": r("coord", "coord", slug="collaboration", year="budget_year"),
    "costs:export_csv": r("public", slug="collaboration", year="budget_year"),
    "costs:export_xlsx": r("public", slug="collaboration", year="budget_year"),
    "costs:export_pdf": r("public", slug="collaboration", year="budget_year"),
    "costs:scenario_create": r("coord", "coord", slug="collaboration", year="budget_year"),
    "costs:scenario_edit": r(
        "coord", "coord", slug="collaboration", year="budget_year", pk="scenario"
    ),
    "costs:scenario_delete": r(
        "coord", "coord", slug="collaboration", year="budget_year", pk="scenario"
    ),
    "search:search": r("public"),
    "search:suggest": r("public"),
    "search:synonyms": r("coord"),
    "search:synonym_create": r("coord", "coord"),
    "search:synonym_edit": r("coord", "coord", pk="synonym"),
    "search:synonym_delete": r(NOT_SERVED, "coord", pk="synonym"),
    "search:match": r("public", "public"),
    "search:similar": r("public", slug="project"),
    "network:directory": r("public"),
    "network:profile": r("login", "login"),
    "network:peer_contact": r("public", "public", pk="peer"),
    "network:peer_contact_sent": r("public", pk="peer"),
    "network:project_contact": r("public", "public", slug="project"),
    "network:project_contact_sent": r("public", slug="project"),
    "geo:municipality_list": r("public"),
    "geo:municipality_detail": r("public", code="=751"),
    "geo:municipality_edit": r("coord", "coord", code="=751"),
    "registry:home": r("public"),
    "registry:map": r("public"),
    "registry:map_geojson": r("public"),
    "registry:map_markers": r("public"),
    "registry:project_import": r("login", "login"),
    "registry:project_list": r("public"),
    "registry:project_create": r("login", "owner"),
    "registry:project_detail": r("public", slug="project"),
    "registry:project_edit": r("owner", "owner", slug="project"),
    "registry:project_verify": r(NOT_SERVED, "owner", slug="project"),
    "registry:project_delete": r("owner", "owner", slug="project"),
    "registry:project_merge": r("coord", "coord", slug="project"),
    "registry:project_history": r("public", slug="project"),
    "registry:taxonomy_list": r("coord"),
    "registry:taxonomy_create": r("coord", "coord", kind="=teknologier"),
    "registry:taxonomy_edit": r("coord", "coord", kind="=teknologier", slug="technology"),
    "registry:taxonomy_row": r("coord", kind="=teknologier", slug="technology"),
    "registry:taxonomy_delete": r("coord", "coord", kind="=teknologier", slug="technology"),
    "registry:taxonomy_merge": r("coord", "coord", kind="=teknologier", slug="technology"),
}


# --- machinery -------------------------------------------------------------------------------


def url_patterns() -> dict[str, str]:
    """Every named URL pattern of the site (outside the API) → its route."""
    found: dict[str, str] = {}

    def walk(patterns: list, prefix: str, ns: str | None) -> None:
        for p in patterns:
            if isinstance(p, URLResolver):
                child = f"{ns}:{p.namespace}" if ns and p.namespace else (p.namespace or ns)
                walk(p.url_patterns, prefix + str(p.pattern), child)
            elif isinstance(p, URLPattern):
                route = prefix + str(p.pattern)
                if route.startswith("api/"):
                    continue  # the API: test_api_permission_matrix.py
                assert p.name, f"URL pattern {route!r} has no name, so it cannot be in the matrix"
                found[f"{ns}:{p.name}" if ns else p.name] = route

    walk(get_resolver().url_patterns, "", None)
    return found


def url_for(world: World, name: str) -> str:
    """The route's URL for the world's objects ("query" is a literal query string)."""
    params = dict(ROUTES[name].params)
    query = params.pop("query", "")
    kwargs = {k: v[1:] if v.startswith("=") else world.ids[v] for k, v in params.items()}
    return reverse(name, kwargs=kwargs) + (f"?{query}" if query else "")


def is_login_redirect(response: Any) -> bool:
    return response.status_code == 302 and response["Location"].startswith(
        reverse(settings.LOGIN_URL) + "?next="
    )


def is_refused(persona: str, response: Any) -> bool:
    if response.status_code in (401, 403, 404):
        return True
    return persona == "anonymous" and is_login_redirect(response)


@pytest.fixture(scope="module")
def world(django_db_setup, django_db_blocker):
    yield from world_fixture(django_db_setup, django_db_blocker)


@pytest.fixture
def in_world(world, db):
    """Each test runs in a savepoint inside the world's transaction."""
    return world


# --- the matrix ------------------------------------------------------------------------------


def test_every_route_is_in_the_matrix():
    """A new URL needs an entry (who may GET and POST it); a removed URL must leave the table."""
    routes = url_patterns()
    missing = sorted(set(routes) - set(ROUTES))
    stale = sorted(set(ROUTES) - set(routes))
    assert not missing, f"URL patterns without a permission-matrix entry: {missing}"
    assert not stale, f"permission-matrix entries without a URL pattern: {stale}"
    for name, entry in ROUTES.items():
        for access in (entry.get, entry.post):
            assert access in ACCESS or access in (NOT_SERVED, TOKEN), (name, access)


def _check(world: World, name: str, url: str, method: str, access: str) -> list[str]:
    """Problems with `method` on `url` for the five personas."""
    problems: list[str] = []
    # A POST carries the route's query parameters as its form data too.
    data = QueryDict(urlsplit(url).query).dict()
    if name in POST_DATA:
        data.update(POST_DATA[name](world))
    send = {"get": lambda c: c.get(url), "post": lambda c: c.post(url, data)}[method]
    clients = {p: world.client(p) for p in PERSONAS}  # logging in writes last_login
    if access in (NOT_SERVED, TOKEN):
        allowed: tuple[str, ...] = ()
    else:
        allowed = ACCESS[access]
    denied = [p for p in PERSONAS if p not in allowed]

    before = snapshot() if method == "post" else None
    for persona in denied:
        response = send(clients[persona])
        if access == NOT_SERVED:
            ok = response.status_code == 405 or is_refused(persona, response)
        elif access == TOKEN:
            ok = response.status_code in (400, 404, 410)
        else:
            ok = is_refused(persona, response) or (
                method == "post"
                and name in FORM_REFUSAL
                and persona != "anonymous"
                and response.status_code in (200, 400)
            )
        if not ok:
            where = response.get("Location", "")
            problems.append(f"{method.upper()} {name} as {persona}: {response.status_code} {where}")
    if before is not None:
        changed = changed_tables(before, snapshot())
        if changed:
            problems.append(f"refused POST {name} changed the database: {changed}")

    # Allowed (the denial side above is the exhaustive one): GET by the least and the most
    # privileged allowed persona; POST once, by the least privileged (an empty payload may
    # still delete or toggle something, and the next persona would meet a 404).
    checked = (allowed[:1] + allowed[-1:]) if method == "get" else allowed[:1]
    for persona in dict.fromkeys(checked):
        response = send(clients[persona])
        if is_refused(persona, response) or response.status_code >= 500:
            where = response.get("Location", "")
            problems.append(
                f"{method.upper()} {name} as {persona} (allowed): {response.status_code} {where}"
            )
    return problems


@pytest.mark.parametrize("name", sorted(ROUTES))
def test_route(in_world, name):
    entry = ROUTES[name]
    url = url_for(in_world, name)
    problems = _check(in_world, name, url, "get", entry.get)
    problems += _check(in_world, name, url, "post", entry.post)
    assert not problems, "\n".join(problems)


# Routes whose permission depends on the object's state, checked a second time with an object
# in the other state (ROUTES points the survey results at the closed baseline round).
STATE_CASES: list[tuple[str, dict[str, str], str]] = [
    # The results of a round still open for answers are for coordinators only.
    ("surveys:results", {"key": "open_round"}, "coord"),
    ("surveys:results_csv", {"key": "open_round"}, "coord"),
    ("surveys:results_xlsx", {"key": "open_round"}, "coord"),
    ("surveys:results_pdf", {"key": "open_round"}, "coord"),
]


@pytest.mark.parametrize(
    ("name", "params", "access"), STATE_CASES, ids=[f"{c[0]}-{c[2]}" for c in STATE_CASES]
)
def test_state_dependent_route(in_world, name, params, access):
    url = reverse(name, kwargs={k: in_world.ids[v] for k, v in params.items()})
    problems = _check(in_world, name, url, "get", access)
    assert not problems, "\n".join(problems)


# Lists that a logged-in user sees filtered to what is theirs: the text of A's object appears on
# editor_a's page and never on editor_b's.
FILTERED_LISTS: list[tuple[str, str]] = [
    ("procurement:document_list", "Matrix-kravdokument"),
    ("kits:booking_list", "Matrix-kit"),
    ("api_tokens:list", "matrix-revoke"),
    ("reminders:overview", "Matrix: A"),
]


@pytest.mark.parametrize(("name", "marker"), FILTERED_LISTS, ids=[n for n, _ in FILTERED_LISTS])
def test_filtered_list_shows_nothing_of_another_organisation(in_world, name, marker):
    own = in_world.client("editor_a").get(reverse(name))
    other = in_world.client("editor_b").get(reverse(name))
    assert own.status_code == other.status_code == 200
    assert marker in own.content.decode()
    assert marker not in other.content.decode()


def test_metrics_elsewhere(in_world):
    """From anywhere but loopback (or through a proxy), /metrics is refused for everybody."""
    for persona in PERSONAS:
        client = in_world.client(persona, REMOTE_ADDR="203.0.113.7")
        assert client.get(reverse("observability:metrics")).status_code in (401, 403)
        forwarded = in_world.client(persona, headers={"X-Forwarded-For": "203.0.113.7"})
        assert forwarded.get(reverse("observability:metrics")).status_code in (401, 403)


# --- CSRF ------------------------------------------------------------------------------------

# Routes that take a POST without a CSRF token, each with the reason. (The API is exempt as a
# whole: it authenticates by bearer token only, never by the session cookie; see
# test_api_permission_matrix.test_api_ignores_the_session.)
CSRF_EXEMPT: dict[str, str] = {
    "reminders:unsubscribe": "RFC 8058 one-click unsubscribe: the mail client POSTs the link "
    "in List-Unsubscribe; the signed token in the URL is the authority",
    "subscriptions:unsubscribe": "RFC 8058 one-click unsubscribe (as above)",
}


@pytest.mark.parametrize("name", sorted(n for n, e in ROUTES.items() if e.post != NOT_SERVED))
def test_csrf(in_world, name):
    """A POST without a CSRF token is refused with 403 before the view runs (superuser, who
    is allowed everywhere), and changes nothing."""
    client = in_world.client("superuser", enforce_csrf_checks=True)
    url = url_for(in_world, name)  # (logged in before the snapshot: login writes last_login)
    before = snapshot()
    response = client.post(url)
    if name in CSRF_EXEMPT:
        assert response.status_code != 403 or b"CSRF" not in response.content
        return
    assert response.status_code == 403, (name, response.status_code)
    assert changed_tables(before, snapshot()) == []


# --- imports and bulk changes ----------------------------------------------------------------
#
# There are no bulk actions in the UI or the API (every write names one object); the project
# import is the one way to change many objects at once, so it is checked object by object.


def _import_document(world: World, **changes: Any) -> dict[str, Any]:
    from smartby.registry.interchange import FORMAT, project_to_record
    from smartby.registry.models import Project

    record = project_to_record(Project.objects.get(slug=world.ids["project"]))
    record.update(changes)
    return {"format": FORMAT, "organisations": [], "projects": [record]}


@pytest.mark.parametrize(
    "changes",
    [
        {"title": "Kapret af B"},  # update A's project
        {"id": "matrix-ny", "title": "Nyt projekt i A's navn"},  # create one led by A
    ],
    ids=["update-A-project", "create-as-A"],
)
def test_import_by_another_organisation_is_refused(in_world, changes):
    """editor_b's import of a record for A's project (or a new one led by A) is an error of
    that record, and nothing is written, through the operation and through the upload page."""
    from django.core.files.uploadedfile import SimpleUploadedFile

    from smartby.registry import operations

    document = _import_document(in_world, **changes)
    before = snapshot()
    result = operations.import_upload(in_world.users["editor_b"], document, dry_run=False)
    assert result.errors, result
    assert changed_tables(before, snapshot()) == []

    upload = SimpleUploadedFile(
        "projekter.json", json.dumps(document).encode(), content_type="application/json"
    )
    client = in_world.client("editor_b")
    before = snapshot()
    response = client.post(reverse("registry:project_import"), {"file": upload, "action": "import"})
    assert response.status_code in (200, 400, 403, 422)
    assert changed_tables(before, snapshot()) == []


def test_import_by_the_owner_is_allowed(in_world):
    """The same record imported by editor_a updates A's project (the refusal above is about
    the organisation, not a broken document)."""
    from smartby.registry import operations
    from smartby.registry.models import Project

    document = _import_document(in_world, title="Opdateret af A")
    result = operations.import_upload(in_world.users["editor_a"], document, dry_run=False)
    assert not result.errors, result.errors
    assert Project.objects.get(slug=in_world.ids["project"]).title == "Opdateret af A"
