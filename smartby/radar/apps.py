from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class RadarConfig(AppConfig):
    name = "smartby.radar"
    label = "radar"
    verbose_name = _("Teknologiradar")

    def ready(self) -> None:
        from smartby.radar import search, signals  # noqa: F401 - connects the receivers
        from smartby.search.sources import Source, register

        register(
            Source(
                kind="radar",
                label=_("Teknologiradar"),
                objects=search.searchable_blips,
                sections=search.sections,
                url=lambda blip: blip.get_absolute_url(),
                meta=search.meta,
                more_url="radar:index",
            )
        )
