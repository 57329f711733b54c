"""Shared test personas and fixtures.

Personas (each a logged-in `Client` fixture exists too):
- `editor_a`: editor, member of Aarhus Kommune (751)
- `editor_b`: editor, member of Odense Kommune (461)
- `coordinator`: network coordinator (edits everything)
- `superuser`
Anonymous readers use the plain `client` fixture.
"""

import email
import email.message
import email.policy
import os
import re
import socket
import threading
from collections.abc import Callable, Iterator

import pytest
from aiosmtpd.controller import Controller
from axe_playwright_python.sync_playwright import Axe
from django.test import Client
from django.urls import reverse
from playwright.sync_api import Page

from smartby.accounts.models import Role, User
from smartby.orgs.models import Organisation

PASSWORD = "korrekt-hest-batteri-42"


@pytest.fixture(autouse=True)
def _fast_password_hashing(settings):
    """argon2 with production parameters costs ~0.4 s a hash; tests create many users. The
    production setting itself is checked in accounts/tests/test_settings.py."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


# --- twofactor: coordinators' two-factor requirement (accounts/middleware.py) ---
@pytest.fixture(autouse=True)
def _two_factor_not_required(settings):
    """Production requires two-factor authentication for coordinators and superusers
    (REQUIRE_2FA_FOR_COORDINATORS, default on). Tests that log them in with `force_login` get it
    off; tests of the requirement use `require_2fa` and `verified_client` (accounts/tests)."""
    settings.REQUIRE_2FA_FOR_COORDINATORS = False


@pytest.fixture
def require_2fa(settings) -> None:
    settings.REQUIRE_2FA_FOR_COORDINATORS = True


def verified_client(user: User) -> Client:
    """A client logged in as `user` with a session verified by their confirmed TOTP device
    (created if missing), as after the code step of the login."""
    from django_otp import DEVICE_ID_SESSION_KEY
    from django_otp.plugins.otp_totp.models import TOTPDevice

    device = TOTPDevice.objects.filter(user=user, confirmed=True).first()
    if device is None:
        device = TOTPDevice.objects.create(user=user, name="app", confirmed=True)
    c = _client_for(user)
    session = c.session
    session[DEVICE_ID_SESSION_KEY] = device.persistent_id
    session.save()
    return c


# --- end twofactor ---


@pytest.fixture(autouse=True)
def _empty_cache():
    """Counts are cached per process (registry.queries.cached_counts); tests start clean."""
    from django.core.cache import cache

    from smartby.registry import queries
    from smartby.search import engine, vocabulary

    cache.clear()
    queries._state.clear()
    engine.clear_cache()
    vocabulary.invalidate()


@pytest.fixture(autouse=True)
def _plain_static_storage(settings):
    """Tests read static files from the apps (no collectstatic manifest needed)."""
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }


def make_user(email: str, *, role: str = Role.EDITOR, orgs: tuple[str, ...] = (), **extra) -> User:
    user = User.objects.create_user(email, PASSWORD, role=role, name=extra.pop("name", ""), **extra)
    for code in orgs:
        user.organisations.add(Organisation.objects.get(municipality__code=code))
    return user


@pytest.fixture
def org_a(db) -> Organisation:
    return Organisation.objects.get(municipality__code="751")


@pytest.fixture
def org_b(db) -> Organisation:
    return Organisation.objects.get(municipality__code="461")


@pytest.fixture
def editor_a(db) -> User:
    return make_user("anna@aarhus.example.org", orgs=("751",), name="Anna Aarhus")


@pytest.fixture
def editor_b(db) -> User:
    return make_user("bo@odense.example.org", orgs=("461",), name="Bo Odense")


@pytest.fixture
def coordinator(db) -> User:
    return make_user("kim@kl.example.org", role=Role.COORDINATOR, name="Kim Koordinator")


@pytest.fixture
def superuser(db) -> User:
    return User.objects.create_superuser("root@smartby.example.org", PASSWORD)


PERSONAS = ["anonymous", "editor_a", "editor_b", "coordinator", "superuser"]


@pytest.fixture
def as_persona(editor_a, editor_b, coordinator, superuser):
    """`as_persona("editor_b")` is a client logged in as that persona ("anonymous": not)."""
    users = {
        "editor_a": editor_a,
        "editor_b": editor_b,
        "coordinator": coordinator,
        "superuser": superuser,
    }

    def make(name: str) -> Client:
        return Client() if name == "anonymous" else _client_for(users[name])

    return make


def assert_refused(persona: str, response) -> None:
    """Anonymous visitors are sent to the login page; logged-in users get 403."""
    if persona == "anonymous":
        assert response.status_code == 302
        assert response["Location"].startswith("/konto/log-ind/?next=")
    else:
        assert response.status_code == 403


def _client_for(user: User) -> Client:
    c = Client()
    c.force_login(user)
    return c


@pytest.fixture
def client_a(editor_a) -> Client:
    return _client_for(editor_a)


@pytest.fixture
def client_b(editor_b) -> Client:
    return _client_for(editor_b)


@pytest.fixture
def client_coordinator(coordinator) -> Client:
    return _client_for(coordinator)


@pytest.fixture
def client_superuser(superuser) -> Client:
    return _client_for(superuser)


# Email: a real SMTP server (aiosmtpd) per test.
#
#     def test_invite(client_coordinator, smtp_server, django_capture_on_commit_callbacks):
#         with django_capture_on_commit_callbacks(execute=True):  # mail is sent on commit
#             client_coordinator.post(...)
#         [message] = smtp_server.wait_for(1)
#         assert "Smartby" in message["Subject"]
#         link = smtp_server.links(message)[0]
#
# Tests with `live_server` commit for real, so no capturing is needed there. Tests that do not
# request `smtp_server` keep pytest-django's in-memory mailer (nothing leaves the machine).


class SMTPServer:
    """An aiosmtpd handler that keeps each message, parsed as `email.message.EmailMessage`."""

    def __init__(self, host: str, port: int) -> None:
        self.host = host
        self.port = port
        self.messages: list[email.message.EmailMessage] = []
        self._received = threading.Condition()

    async def handle_DATA(self, server, session, envelope) -> str:
        message = email.message_from_bytes(envelope.original_content, policy=email.policy.default)
        with self._received:
            self.messages.append(message)
            self._received.notify_all()
        return "250 Message accepted for delivery"

    def wait_for(self, count: int = 1, timeout: float = 10.0) -> list[email.message.EmailMessage]:
        """Wait until `count` messages have arrived and return all messages received so far."""
        with self._received:
            if not self._received.wait_for(lambda: len(self.messages) >= count, timeout):
                subjects = [m["Subject"] for m in self.messages]
                raise AssertionError(
                    f"expected {count} email(s) within {timeout} s, got {len(subjects)}: {subjects}"
                )
            return list(self.messages)

    @staticmethod
    def text(message: email.message.EmailMessage, subtype: str = "plain") -> str:
        """The decoded text/plain (or text/html) body."""
        part = message.get_body(preferencelist=(subtype,))
        assert part is not None, f"no text/{subtype} part in {message['Subject']!r}"
        return part.get_content()

    @classmethod
    def links(cls, message: email.message.EmailMessage) -> list[str]:
        """The http(s) links in the plain-text body, in order."""
        return re.findall(r"https?://\S+", cls.text(message))


def _free_port(host: str) -> int:
    with socket.socket() as s:
        s.bind((host, 0))
        return s.getsockname()[1]


@pytest.fixture
def smtp_server(settings) -> Iterator[SMTPServer]:
    """A real SMTP server on 127.0.0.1; Django's default mailer points at it for this test."""
    host = "127.0.0.1"
    server = SMTPServer(host, _free_port(host))
    controller = Controller(server, hostname=host, port=server.port)
    controller.start()
    # Django 6.1 reads SMTP settings from MAILERS (built from EMAIL_URL in settings.py); the old
    # EMAIL_HOST/EMAIL_PORT/EMAIL_BACKEND/EMAIL_USE_TLS settings are ignored once MAILERS exists.
    settings.MAILERS = {
        "default": {
            "BACKEND": "django.core.mail.backends.smtp.EmailBackend",
            "OPTIONS": {
                "host": host,
                "port": server.port,
                "use_tls": False,
                "use_ssl": False,
                "timeout": 5,
            },
        }
    }
    try:
        yield server
    finally:
        controller.stop()


# Browser tests: pytest-playwright driving Debian's Chromium (/usr/bin/chromium; Playwright's own
# browser download is never used) against pytest-django's `live_server`.
#
#     @pytest.mark.browser
#     def test_page(page, live_server, login_page, axe_check, editor_a):
#         login_page(page, editor_a)
#         page.goto(live_server.url + "/...")
#         axe_check(page)
#
# Tests marked `browser` (or using `live_server`) get `@pytest.mark.django_db(transaction=True)`
# unless they set their own `django_db` mark: the live server needs committed data. The flush
# after each such test removes the reference data (regions, municipalities, organisations,
# taxonomies) that the migrations loaded, so `_reference_data` loads it again before each
# transactional test. (Django's serialized_rollback cannot do this here: Playwright's event loop
# gives the test a different connection object, without the serialized contents.)
# Playwright's sync API runs an event loop in the test thread, so Django would refuse ORM calls
# from the test itself; DJANGO_ALLOW_ASYNC_UNSAFE (set here, for tests only) allows them.
os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


@pytest.hookimpl(tryfirst=True)
def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        uses_live_server = "live_server" in getattr(item, "fixturenames", ())
        if (item.get_closest_marker("browser") or uses_live_server) and not item.get_closest_marker(
            "django_db"
        ):
            item.add_marker(pytest.mark.django_db(transaction=True))


@pytest.fixture(autouse=True)
def _reference_data(request: pytest.FixtureRequest) -> None:
    marker = request.node.get_closest_marker("django_db")
    if not (marker and marker.kwargs.get("transaction")):
        return
    request.getfixturevalue("transactional_db")
    from django.apps import apps as django_apps

    from smartby.geo.models import Municipality, Region
    from smartby.geo.reference import load_reference_data
    from smartby.orgs.reference import load_reference_organisations
    from smartby.registry.models import Area, Technology
    from smartby.registry.reference import load_reference_taxonomies
    from smartby.surveys.cedi2014 import install as install_cedi2014

    if not Municipality.objects.exists():
        load_reference_data(Region, Municipality)
        load_reference_organisations(Organisation, Municipality, Region)
        load_reference_taxonomies(Area, Technology)
    # The 2014 survey template (a data migration) is what new survey rounds are made from.
    install_cedi2014(django_apps)


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args: dict) -> dict:
    # Headless unless `pytest --headed` asked otherwise.
    return {
        "headless": True,
        **browser_type_launch_args,
        "executable_path": CHROMIUM,
        "args": CHROMIUM_ARGS,
    }


@pytest.fixture(scope="session")
def browser_context_args(browser_context_args: dict) -> dict:
    return {**browser_context_args, "locale": "da-DK"}


@pytest.fixture
def login_page(live_server) -> Callable[..., Page]:
    """`login_page(page, user)` logs `user` in through the real login form (password PASSWORD
    unless given) and returns the page, now on the page the login redirected to."""

    def login(page: Page, user: User, password: str = PASSWORD) -> Page:
        page.goto(live_server.url + reverse("accounts:login"))
        form = page.locator("main form")
        form.get_by_label("E-mail", exact=True).fill(user.email)
        form.get_by_label("Adgangskode", exact=True).fill(password)
        form.get_by_role("button", name="Log ind", exact=True).click()
        page.wait_for_load_state()
        assert "/konto/log-ind/" not in page.url, f"login failed for {user.email}: {page.url}"
        return page

    return login


AXE_FAILING_IMPACTS = ("serious", "critical")


@pytest.fixture
def axe_check() -> Callable[..., dict]:
    """`axe_check(page)` runs axe-core on the page and fails the test on any serious or critical
    violation, listing each rule, its help link and the offending elements. Pass `context=` (a
    CSS selector or axe context) to scan part of the page; returns axe's full result."""

    def check(page: Page, *, context: str | dict | None = None) -> dict:
        results = Axe().run(page, context=context)
        violations = [
            v for v in results.response["violations"] if v.get("impact") in AXE_FAILING_IMPACTS
        ]
        if violations:
            pytest.fail(_axe_report(page.url, violations), pytrace=False)
        return results.response

    return check


def _axe_report(url: str, violations: list[dict]) -> str:
    lines = [f"{len(violations)} serious/critical accessibility violation(s) on {url}:"]
    for v in violations:
        lines.append(f"\n[{v['impact']}] {v['id']}: {v['help']}\n  {v['helpUrl']}")
        for node in v["nodes"]:
            lines.append(f"  - {', '.join(str(t) for t in node['target'])}")
            lines.append(f"    {node['html'][:300]}")
            summary = node.get("failureSummary", "").replace("\n", "\n      ")
            if summary:
                lines.append(f"      {summary}")
    return "\n".join(lines)
