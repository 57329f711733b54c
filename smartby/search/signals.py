"""Deleting a project or an organisation deletes its search entry by cascade; the lexicon's
document frequencies follow here."""

from collections import Counter
from typing import Any

from django.db.models.signals import post_delete
from django.dispatch import receiver

from smartby.search.models import SearchEntry


@receiver(post_delete, sender=SearchEntry)
def entry_deleted(sender: type, instance: SearchEntry, **kwargs: Any) -> None:
    from smartby.search.index import change_df

    change_df(Counter({t: -1 for t in instance.terms()}), {})


def index_after_migrate(sender: Any, **kwargs: Any) -> None:
    """Reference data (municipal and regional organisations) arrives by data migrations; index
    whatever is missing once the search app's tables exist."""
    from smartby.search.index import reindex_stale

    reindex_stale()
