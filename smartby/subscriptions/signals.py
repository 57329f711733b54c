from typing import Any

from django.dispatch import receiver

from smartby.registry.models import Area
from smartby.registry.signals import term_merged
from smartby.subscriptions.models import Subscription


@receiver(term_merged)
def move_subscriptions(sender: Any, keep: Any, duplicate: Any, **kwargs: Any) -> None:
    """Subscribers of the merged-away term follow the kept one; one who followed both keeps
    one subscription."""
    field = "area" if isinstance(keep, Area) else "technology"
    following = Subscription.objects.filter(**{field: duplicate})
    following.filter(
        subscriber__in=Subscription.objects.filter(**{field: keep}).values("subscriber")
    ).delete()
    following.update(**{field: keep})
