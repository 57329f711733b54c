"""Settings, read from the environment (see `.env.example`).

The defaults run the one-command demo: an embedded SQLite database in `var/`, debug off, mail to
the console. Production sets DATABASE_URL (PostgreSQL), SECRET_KEY, ALLOWED_HOSTS and EMAIL_URL.
"""

from pathlib import Path

import environ
from django.core.exceptions import ImproperlyConfigured
from django.utils.csp import CSP
from django.utils.translation import gettext_lazy as _

from smartby.lib.csp import csp_tile_hosts
from smartby.lib.mail import mailers_from_url

BASE_DIR = Path(__file__).resolve().parent
PROJECT_DIR = BASE_DIR.parent
VAR_DIR = Path(environ.Env().str("SMARTBY_VAR_DIR", default=str(PROJECT_DIR / "var")))

env = environ.Env()
env_file = PROJECT_DIR / ".env"
if env_file.exists():
    environ.Env.read_env(env_file)

DEBUG = env.bool("DEBUG", default=False)
# The demo key is only used when no SECRET_KEY is given; the system check `smartby.W001` warns.
DEMO_SECRET_KEY = "smartby-demo-only-not-secret"  # noqa: S105
SECRET_KEY = env.str("SECRET_KEY", default=DEMO_SECRET_KEY)
ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=["127.0.0.1", "localhost", "[::1]"])
CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[])
SITE_URL = env.str("SITE_URL", default="http://127.0.0.1:8000")

INSTALLED_APPS = [
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django.contrib.postgres",
    "smartby.lib",
    "smartby.accounts",
    "smartby.geo",
    "smartby.orgs",
    "smartby.audit",
    "smartby.registry",
    "smartby.api",
    "smartby.network",
    "smartby.subscriptions",
    "smartby.effect",
    "smartby.reminders",
    "smartby.search",
    "smartby.catalogue",
    "smartby.radar",
    "smartby.cases",
    "smartby.procurement",
    "smartby.guides",
    "smartby.kits",
    "smartby.surveys",
    "smartby.portfolio",
    "smartby.priorities",
    "smartby.climate",
    "smartby.costs",
    "smartby.privacy",  # gdpr: "Mine data" self-service and retention rules
    "ninja",
    "django_tasks_db",
    # Two-factor authentication (accounts/twofactor.py): django-otp and its TOTP devices.
    "django_otp",
    "django_otp.plugins.otp_totp",
]

MIDDLEWARE = [
    "smartby.observability.middleware.ObservabilityMiddleware",
    # replica: GET/HEAD may read from a replica; writers are pinned to the primary (lib/dbrouting.py)
    "smartby.lib.dbrouting.ReplicaMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "django.middleware.csp.ContentSecurityPolicyMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "smartby.api.middleware.ApiMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "smartby.lib.middleware.LanguageMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # Two-factor authentication: which OTP device verified the session, then the coordinators'
    # enforcement (accounts/middleware.py).
    "django_otp.middleware.OTPMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "smartby.accounts.middleware.TwoFactorMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "smartby.effect.middleware.PageViewMiddleware",
]

ROOT_URLCONF = "smartby.urls"
WSGI_APPLICATION = "smartby.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ],
        },
    },
]

if "DATABASE_URL" not in env:
    VAR_DIR.mkdir(parents=True, exist_ok=True)
DATABASES = {
    "default": env.db_url("DATABASE_URL", default=f"sqlite:///{VAR_DIR / 'smartby.sqlite3'}"),
}
DATABASES["default"].setdefault("CONN_MAX_AGE", env.int("CONN_MAX_AGE", default=60))
DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    DATABASES["default"].setdefault("OPTIONS", {})
    DATABASES["default"]["OPTIONS"].setdefault(
        "init_command", "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;"
    )
    DATABASES["default"]["OPTIONS"].setdefault("transaction_mode", "IMMEDIATE")
# --- replica (issue 10 "Scale"): read replicas and the database router (lib/dbrouting.py) ---
# DATABASE_REPLICA_URLS: comma-separated PostgreSQL URLs of streaming replicas (aliases
# `replica`, `replica_2`, …). Reads that may be slightly stale (GET/HEAD pages, API, search) go
# to a replica that is up and at most REPLICA_MAX_LAG_SECONDS behind (checked per process every
# REPLICA_CHECK_SECONDS; a replica that fails is skipped as long); a client that wrote reads
# from the primary for REPLICA_PIN_SECONDS.
REPLICA_PIN_SECONDS = env.int("REPLICA_PIN_SECONDS", default=10)
REPLICA_MAX_LAG_SECONDS = env.float("REPLICA_MAX_LAG_SECONDS", default=5.0)
REPLICA_CHECK_SECONDS = env.float("REPLICA_CHECK_SECONDS", default=5.0)
REPLICA_CONNECT_TIMEOUT = env.int("REPLICA_CONNECT_TIMEOUT", default=2)
DATABASE_REPLICA_URLS = env.list("DATABASE_REPLICA_URLS", default=[])
if DATABASE_REPLICA_URLS:
    from smartby.lib.dbrouting import replica_databases

    if DATABASES["default"]["ENGINE"] != "django.db.backends.postgresql":
        raise ImproperlyConfigured("DATABASE_REPLICA_URLS needs a PostgreSQL DATABASE_URL.")
    DATABASES.update(
        replica_databases(
            [env.db_url_config(url) for url in DATABASE_REPLICA_URLS],
            DATABASES["default"],
            REPLICA_CONNECT_TIMEOUT,
        )
    )
DATABASE_ROUTERS = ["smartby.lib.dbrouting.ReplicaRouter"] if DATABASE_REPLICA_URLS else []
# --- end replica ---
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "accounts.User"
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 12},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "registry:home"
LOGOUT_REDIRECT_URL = "registry:home"

LANGUAGE_CODE = "da"
LANGUAGES = [("da", _("Dansk")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Europe/Copenhagen"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATICFILES_DIRS = [BASE_DIR / "static"]
STATIC_ROOT = Path(env.str("STATIC_ROOT", default=str(VAR_DIR / "static")))
# --- replica: stateless app servers keep uploaded media in a shared storage (any Django storage
# backend, e.g. storages.backends.s3.S3Storage from django-storages with its own settings) ---
MEDIA_ROOT = env.str("MEDIA_ROOT", default="")  # "" as before: no media files yet
MEDIA_URL = env.str("MEDIA_URL", default="/media/")
STORAGES = {
    "default": {
        "BACKEND": env.str(
            "MEDIA_STORAGE_BACKEND", default="django.core.files.storage.FileSystemStorage"
        )
    },
    "staticfiles": {
        "BACKEND": env.str(
            "STATICFILES_BACKEND",
            default="whitenoise.storage.CompressedManifestStaticFilesStorage",
        )
    },
}
WHITENOISE_MAX_AGE = 3600

# Mail goes through real SMTP in production: EMAIL_URL=smtp://user:password@host:587 (or
# smtp+tls://, smtp+ssl://). The demo default prints mails to the console.
EMAIL_URL = env.str("EMAIL_URL", default="consolemail://")
MAILERS = mailers_from_url(EMAIL_URL)
DEFAULT_FROM_EMAIL = env.str("DEFAULT_FROM_EMAIL", default="Smartby <noreply@smartby.example.org>")

SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SECURE = env.bool("SECURE_COOKIES", default=False)
CSRF_COOKIE_SECURE = SESSION_COOKIE_SECURE
CSRF_COOKIE_HTTPONLY = True
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
# HSTS: 0 in the demo (plain http); production behind HTTPS sets e.g. 31536000 (one year).
SECURE_HSTS_SECONDS = env.int("SECURE_HSTS_SECONDS", default=0)
SECURE_HSTS_INCLUDE_SUBDOMAINS = env.bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", default=False)
SECURE_HSTS_PRELOAD = env.bool("SECURE_HSTS_PRELOAD", default=False)
SECURE_SSL_REDIRECT = env.bool("SECURE_SSL_REDIRECT", default=False)
# Login brute-force protection (accounts/throttle.py): after LOGIN_FAILURE_LIMIT failed logins
# for one e-mail, or LOGIN_FAILURE_LIMIT_IP from one client, within LOGIN_FAILURE_WINDOW
# seconds, logins are refused until LOGIN_LOCKOUT_SECONDS after the last failure (0: no limit).
LOGIN_FAILURE_LIMIT = env.int("LOGIN_FAILURE_LIMIT", default=5)
LOGIN_FAILURE_LIMIT_IP = env.int("LOGIN_FAILURE_LIMIT_IP", default=20)
LOGIN_FAILURE_WINDOW = env.int("LOGIN_FAILURE_WINDOW", default=900)
LOGIN_LOCKOUT_SECONDS = env.int("LOGIN_LOCKOUT_SECONDS", default=900)

# Two-factor authentication (accounts/twofactor.py): coordinators and superusers without a
# verified second factor keep only editor rights and are sent to /konto/totp/ to set it up.
# Wrong codes count as failed logins above. Authenticator apps show OTP_TOTP_ISSUER.
REQUIRE_2FA_FOR_COORDINATORS = env.bool("REQUIRE_2FA_FOR_COORDINATORS", default=True)
OTP_TOTP_ISSUER = "Smartby"

# Aggregate counts of the map and the list are cached until the registry changes
# (registry.queries.cached_counts). Each process checks for changes made elsewhere at most every
# REGISTRY_STATE_SECONDS (its own writes at once); 0 checks on every request.
REGISTRY_STATE_SECONDS = env.float("REGISTRY_STATE_SECONDS", default=5.0)
CACHES = {
    "default": {
        "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
        "LOCATION": "smartby",
        "OPTIONS": {"MAX_ENTRIES": 2000},
    }
}
# --- replica: CACHE_URL shares the cache between app servers, e.g. dbcache://smartby_cache (a
# table in PostgreSQL, created by `migrate`) or redis://host:6379/0 (needs the redis package).
if "CACHE_URL" in env:
    CACHES["default"] = env.cache_url("CACHE_URL")
# --- end replica ---

# The open API: anonymous requests per client and period (0 turns the limit off).
API_ANON_RATE_LIMIT = env.int("API_ANON_RATE_LIMIT", default=600)
API_ANON_RATE_PERIOD = env.int("API_ANON_RATE_PERIOD", default=60)
# "Kontakt" messages (network app): at most so many per sender address and per client IP per
# hour and per day, no sooner than CONTACT_MIN_FILL_SECONDS after the form was shown; the
# sender's name, address and message are removed after CONTACT_RETENTION_DAYS
# (`smartby prune-contacts`).
CONTACT_RATE_PER_HOUR = env.int("CONTACT_RATE_PER_HOUR", default=5)
CONTACT_RATE_PER_DAY = env.int("CONTACT_RATE_PER_DAY", default=20)
CONTACT_MIN_FILL_SECONDS = env.int("CONTACT_MIN_FILL_SECONDS", default=3)
CONTACT_RETENTION_DAYS = env.int("CONTACT_RETENTION_DAYS", default=90)
# --- gdpr (privacy app): "Mine data" links and retention rules (privacy/retention.py) ---
# A "Mine data" link works for PRIVACY_LINK_MAX_AGE_MINUTES; the other values are the
# retention periods in days that `smartby prune-personal-data` (daily job) applies.
PRIVACY_LINK_MAX_AGE_MINUTES = env.int("PRIVACY_LINK_MAX_AGE_MINUTES", default=60)
TASK_RESULT_RETENTION_DAYS = env.int("TASK_RESULT_RETENTION_DAYS", default=14)
REMINDER_RECIPIENT_RETENTION_DAYS = env.int("REMINDER_RECIPIENT_RETENTION_DAYS", default=400)
SURVEY_INVITATION_RETENTION_DAYS = env.int("SURVEY_INVITATION_RETENTION_DAYS", default=90)
ACCOUNT_INVITATION_RETENTION_DAYS = env.int("ACCOUNT_INVITATION_RETENTION_DAYS", default=30)
# --- end gdpr ---
# The DCAT-AP-DK catalogue at /api/v1/catalog.ttl and .jsonld.
CATALOG_LICENSE_URL = env.str(
    "CATALOG_LICENSE_URL", default="http://creativecommons.org/licenses/by/4.0/"
)
CATALOG_PUBLISHER_NAME = env.str("CATALOG_PUBLISHER_NAME", default="Smartby")
CATALOG_CONTACT_EMAIL = env.str("CATALOG_CONTACT_EMAIL", default="kontakt@smartby.example.org")

# Map tiles are optional: the municipality layer works without any tile server.
MAP_TILE_URL = env.str("MAP_TILE_URL", default="")
MAP_TILE_ATTRIBUTION = env.str("MAP_TILE_ATTRIBUTION", default="")

# Content-Security-Policy, enforced on every response: no inline scripts or styles anywhere
# (templates keep data in data- attributes and <script type="application/json"> blocks). Only
# the optional tile server is added to img-src. The API docs page at /api/v1/docs
# is CSP-clean too (django-ninja's Swagger page: static files and a JSON settings block).
SECURE_CSP = {
    "default-src": [CSP.SELF],
    "script-src": [CSP.SELF],
    "style-src": [CSP.SELF],
    "img-src": [CSP.SELF, "data:", *csp_tile_hosts(MAP_TILE_URL)],
    "connect-src": [CSP.SELF],
    "font-src": [CSP.SELF],
    "object-src": [CSP.NONE],
    "base-uri": [CSP.SELF],
    "form-action": [CSP.SELF],
    "frame-ancestors": [CSP.NONE],
}

# Freshness of a project's information, from last_verified (registry/freshness.py): "bør
# bekræftes" from FRESHNESS_DUE_MONTHS, "forældet" after FRESHNESS_STALE_MONTHS.
FRESHNESS_DUE_MONTHS = env.int("FRESHNESS_DUE_MONTHS", default=6)
FRESHNESS_STALE_MONTHS = env.int("FRESHNESS_STALE_MONTHS", default=12)
if not 0 < FRESHNESS_DUE_MONTHS < FRESHNESS_STALE_MONTHS:
    raise ImproperlyConfigured(
        "FRESHNESS_DUE_MONTHS must be at least 1 and less than FRESHNESS_STALE_MONTHS."
    )
# Reminder emails (reminders/): days between two reminders about a project, days the links in a
# reminder work, delivery attempts before a reminder is marked failed, first retry delay
# (doubled on each further attempt).
REMINDER_INTERVAL_DAYS = env.int("REMINDER_INTERVAL_DAYS", default=30)
REMINDER_LINK_MAX_AGE_DAYS = env.int("REMINDER_LINK_MAX_AGE_DAYS", default=30)
REMINDER_MAX_ATTEMPTS = env.int("REMINDER_MAX_ATTEMPTS", default=5)
REMINDER_RETRY_SECONDS = env.int("REMINDER_RETRY_SECONDS", default=300)
for _name in (
    "REMINDER_INTERVAL_DAYS",
    "REMINDER_LINK_MAX_AGE_DAYS",
    "REMINDER_MAX_ATTEMPTS",
    "REMINDER_RETRY_SECONDS",
):
    if globals()[_name] < 1:
        raise ImproperlyConfigured(f"{_name} must be at least 1.")

# Surveys (surveys/): the size groups' threshold in inhabitants (the 2014 report's 67,500) and
# the days before a round closes on which unfinished municipalities are reminded.
SURVEY_SIZE_THRESHOLD = env.int("SURVEY_SIZE_THRESHOLD", default=67_500)
SURVEY_REMINDER_DAYS = [int(d) for d in env.list("SURVEY_REMINDER_DAYS", default=["7", "2"])]
if SURVEY_SIZE_THRESHOLD < 1 or any(d < 0 for d in SURVEY_REMINDER_DAYS):
    raise ImproperlyConfigured(
        "SURVEY_SIZE_THRESHOLD must be at least 1 and SURVEY_REMINDER_DAYS non-negative days."
    )

# Background jobs: Django's tasks framework with the database backend from django-tasks-db. The
# worker is `smartby db_worker`, the daily schedule `smartby scheduler`; `make run` starts both.
TASKS = {
    "default": {
        "BACKEND": env.str("TASKS_BACKEND", default="django_tasks_db.DatabaseBackend"),
    }
}
# --- faults: a task left RUNNING by a worker that died (SIGKILL, OOM, power) is put back in
# the queue once it has run longer than TASK_LEASE_SECONDS, at most TASK_MAX_ATTEMPTS runs in
# all; then it is marked failed (lib/task_leases.py, run by `smartby db_worker` at start and by
# `smartby scheduler` at each tick). A lease must be longer than any job's normal run.
TASK_LEASE_SECONDS = env.int("TASK_LEASE_SECONDS", default=3600)
TASK_MAX_ATTEMPTS = env.int("TASK_MAX_ATTEMPTS", default=3)
if TASK_LEASE_SECONDS < 0 or TASK_MAX_ATTEMPTS < 1:
    raise ImproperlyConfigured("TASK_LEASE_SECONDS must be >= 0 and TASK_MAX_ATTEMPTS >= 1.")
# --- end faults ---

# --- uploads ---
# The project upload page (/projekter/importer/) refuses files above this size (bytes) while the
# request is read, before anything is stored. Django's FILE_UPLOAD_MAX_MEMORY_SIZE (2.5 MB) only
# decides memory versus temporary file for what is accepted.
IMPORT_MAX_UPLOAD_BYTES = env.int("IMPORT_MAX_UPLOAD_BYTES", default=5 * 1024 * 1024)
# ... and files with more projects than this (each is validated, audited and indexed on its own,
# ~50 ms, and the import runs inside the request: keep it well inside the server's timeout).
IMPORT_MAX_RECORDS = env.int("IMPORT_MAX_RECORDS", default=250)
if IMPORT_MAX_UPLOAD_BYTES < 1:
    raise ImproperlyConfigured("IMPORT_MAX_UPLOAD_BYTES must be >= 1.")
# --- end uploads ---

# Observability (observability/): /healthz reports the task queue degraded above these limits;
# /metrics is open to loopback only, or to `Authorization: Bearer METRICS_TOKEN` when set.
TASK_QUEUE_MAX_DEPTH = env.int("TASK_QUEUE_MAX_DEPTH", default=1000)
TASK_QUEUE_MAX_AGE_SECONDS = env.int("TASK_QUEUE_MAX_AGE_SECONDS", default=600)
METRICS_TOKEN = env.str("METRICS_TOKEN", default="")
# Logs: "text" lines for the demo, "json" (one object per line) for a log collector.
LOG_FORMAT = env.str("LOG_FORMAT", default="text")
if LOG_FORMAT not in ("text", "json"):
    raise ImproperlyConfigured("LOG_FORMAT must be text or json.")

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {
        "text": {"()": "smartby.observability.logs.TextFormatter"},
        "json": {"()": "smartby.observability.logs.JsonFormatter"},
    },
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": LOG_FORMAT}},
    # faults: a database outage is logged as one line without traceback (observability/outage.py)
    "filters": {"database_outage": {"()": "smartby.observability.outage.DatabaseOutageFilter"}},
    "loggers": {"django.request": {"filters": ["database_outage"]}},
    "root": {"handlers": ["console"], "level": env.str("LOG_LEVEL", default="WARNING")},
}
