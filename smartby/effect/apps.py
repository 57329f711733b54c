from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EffectConfig(AppConfig):
    name = "smartby.effect"
    label = "effect"
    verbose_name = _("Effekt")
