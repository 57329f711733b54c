from typing import Any

from django.dispatch import receiver

from smartby.network.models import PeerProfile
from smartby.registry.models import Area
from smartby.registry.signals import term_merged


@receiver(term_merged)
def move_profile_terms(sender: Any, keep: Any, duplicate: Any, **kwargs: Any) -> None:
    """Profiles that declared the merged-away term declare the kept one (once)."""
    field = "area" if isinstance(keep, Area) else "technology"
    through = (PeerProfile.areas if field == "area" else PeerProfile.technologies).through
    links = through.objects.filter(**{field: duplicate})
    links.filter(
        peerprofile_id__in=through.objects.filter(**{field: keep}).values("peerprofile_id")
    ).delete()
    links.update(**{field: keep})
