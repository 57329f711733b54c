from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SubscriptionsConfig(AppConfig):
    name = "smartby.subscriptions"
    label = "subscriptions"
    verbose_name = _("Abonnementer")

    def ready(self) -> None:
        from smartby.subscriptions import signals  # noqa: F401 - connects the receivers
