"""A shared cache in PostgreSQL (CACHE_URL=dbcache://TABLE) needs its table: `migrate` creates
it (a post_migrate handler of the lib app), so no deployment step can be forgotten."""

from typing import Any

from django.conf import settings
from django.core.management import call_command
from django.db import DEFAULT_DB_ALIAS

DATABASE_CACHE = "django.core.cache.backends.db.DatabaseCache"


def uses_database_cache() -> bool:
    return any(cache["BACKEND"] == DATABASE_CACHE for cache in settings.CACHES.values())


def create_cache_tables(using: str = DEFAULT_DB_ALIAS, **kwargs: Any) -> None:
    """`createcachetable` for every DatabaseCache (it skips tables that exist)."""
    if uses_database_cache():
        call_command("createcachetable", database=using, verbosity=0)
