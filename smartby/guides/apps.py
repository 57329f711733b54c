from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class GuidesConfig(AppConfig):
    name = "smartby.guides"
    label = "guides"
    verbose_name = _("Vejledninger og kompetencetjek")

    def ready(self) -> None:
        from smartby.guides.search import register_sources

        register_sources()
