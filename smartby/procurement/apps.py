from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ProcurementConfig(AppConfig):
    name = "smartby.procurement"
    label = "procurement"
    verbose_name = _("Udbudsklausuler")

    def ready(self) -> None:
        from smartby.procurement.search import register_sources

        register_sources()
