from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CasesConfig(AppConfig):
    name = "smartby.cases"
    label = "cases"
    verbose_name = _("Use cases og business cases")

    def ready(self) -> None:
        from smartby.cases.search import register_sources

        register_sources()
