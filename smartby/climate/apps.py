from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ClimateConfig(AppConfig):
    name = "smartby.climate"
    label = "climate"
    verbose_name = _("DK2020-klimaplaner")
