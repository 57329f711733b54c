from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class RegistryConfig(AppConfig):
    name = "smartby.registry"
    label = "registry"
    verbose_name = _("Projektregister")

    def ready(self) -> None:
        from django.db.models.signals import post_delete, post_save

        from smartby.registry.models import Project
        from smartby.registry.queries import forget_registry_state

        post_save.connect(forget_registry_state, sender=Project, dispatch_uid="registry-state")
        post_delete.connect(forget_registry_state, sender=Project, dispatch_uid="registry-state-d")
