from django.apps import AppConfig
from django.db.models.signals import post_migrate


class LibConfig(AppConfig):
    name = "smartby.lib"
    label = "lib"
    verbose_name = "Smartby lib"

    def ready(self) -> None:
        from smartby.lib import checks  # noqa: F401  (registers the system checks)
        from smartby.lib.cachetable import create_cache_tables

        # After the sessions table (this app has no models, so no post_migrate of its own).
        post_migrate.connect(create_cache_tables, sender=self.apps.get_app_config("sessions"))
