from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class KitsConfig(AppConfig):
    name = "smartby.kits"
    label = "kits"
    verbose_name = _("IoT-kits og årshjul")

    def ready(self) -> None:
        from smartby.kits import search

        search.register_sources()
