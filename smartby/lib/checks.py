"""System checks for settings that are wrong for production."""

from django.conf import settings
from django.core.checks import Tags, Warning, register


@register(Tags.security, deploy=True)
def demo_secret_key(app_configs, **kwargs):
    if settings.SECRET_KEY == settings.DEMO_SECRET_KEY:
        return [
            Warning(
                "SECRET_KEY is the demo key.",
                hint="Set SECRET_KEY in the environment before serving real users.",
                id="smartby.W001",
            )
        ]
    return []
