from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CatalogueConfig(AppConfig):
    name = "smartby.catalogue"
    label = "catalogue"
    verbose_name = _("Markedsoverblik")

    def ready(self) -> None:
        from smartby.catalogue.sources import register_sources

        register_sources()
