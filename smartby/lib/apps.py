from django.apps import AppConfig


class LibConfig(AppConfig):
    name = "smartby.lib"
    label = "lib"
    verbose_name = "Smartby lib"

    def ready(self) -> None:
        from smartby.lib import checks  # noqa: F401  (registers the system checks)
