"""Stateless app servers: the replica aliases from DATABASE_REPLICA_URLS, and the shared cache
in PostgreSQL (CACHE_URL=dbcache://…) whose table `migrate` creates."""

import environ
import pytest
from django.apps import apps
from django.core.cache import caches
from django.db import DEFAULT_DB_ALIAS, connection
from django.db.models.signals import post_migrate

from smartby.lib.dbrouting import replica_alias, replica_databases


def test_replica_urls_become_aliases_with_a_short_connect_timeout():
    primary = {"CONN_MAX_AGE": 60, "NAME": "smartby"}
    urls = ["postgres://reader@db-replica-1:5432/smartby", "postgres://reader@db-replica-2/smartby"]
    databases = replica_databases([environ.Env.db_url_config(u) for u in urls], primary, 3)
    assert list(databases) == ["replica", "replica_2"] == [replica_alias(0), replica_alias(1)]
    first = databases["replica"]
    assert first["HOST"] == "db-replica-1" and first["USER"] == "reader"
    assert first["OPTIONS"]["connect_timeout"] == 3
    assert first["CONN_MAX_AGE"] == 60 and first["CONN_HEALTH_CHECKS"] is True
    # No test database of its own: it streams the primary's.
    assert first["TEST"] == {"MIRROR": DEFAULT_DB_ALIAS}


def test_a_connect_timeout_in_the_url_wins():
    config = environ.Env.db_url_config("postgres://r@h/smartby?connect_timeout=9")
    assert replica_databases([config], {}, 2)["replica"]["OPTIONS"]["connect_timeout"] == 9


@pytest.mark.django_db
def test_migrate_creates_the_database_cache_table(settings):
    settings.CACHES = {"default": environ.Env.cache_url_config("dbcache://smartby_test_cache")}
    assert "smartby_test_cache" not in connection.introspection.table_names()
    sessions = apps.get_app_config("sessions")
    post_migrate.send(
        sender=sessions, app_config=sessions, verbosity=0, interactive=False, using="default"
    )
    assert "smartby_test_cache" in connection.introspection.table_names()
    cache = caches["default"]
    cache.set("shared", {"between": "app servers"}, 60)
    assert cache.get("shared") == {"between": "app servers"}
    with connection.cursor() as cursor:
        cursor.execute("SELECT count(*) FROM smartby_test_cache")
        assert cursor.fetchone()[0] == 1
