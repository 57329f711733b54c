from typing import Any

from django.dispatch import receiver

from smartby.radar.models import Blip
from smartby.registry.models import Technology
from smartby.registry.signals import term_merged


@receiver(term_merged)
def move_blips(sender: Any, keep: Any, duplicate: Any, **kwargs: Any) -> None:
    """Blips of a merged-away technology move to the kept one; in an edition that placed both,
    the kept technology's blip stays and the duplicate's goes."""
    if not isinstance(keep, Technology):
        return
    blips = Blip.objects.filter(technology=duplicate)
    blips.filter(edition__in=Blip.objects.filter(technology=keep).values("edition")).delete()
    blips.update(technology=keep)
