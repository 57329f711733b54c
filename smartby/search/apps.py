from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SearchConfig(AppConfig):
    name = "smartby.search"
    label = "search"
    verbose_name = _("Søgning")

    def ready(self) -> None:
        from django.db.models.signals import post_migrate

        from smartby.search import signals

        post_migrate.connect(signals.index_after_migrate, sender=self)
