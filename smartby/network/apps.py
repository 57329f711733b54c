from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NetworkConfig(AppConfig):
    name = "smartby.network"
    label = "network"
    verbose_name = _("Netværk")

    def ready(self) -> None:
        from smartby.network import signals  # noqa: F401 - connects the receivers
