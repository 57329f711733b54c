from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PrioritiesConfig(AppConfig):
    name = "smartby.priorities"
    label = "priorities"
    verbose_name = _("Anbefalinger og prioritering")
