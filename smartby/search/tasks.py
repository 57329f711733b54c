"""Background tasks of the search index (run by `smartby db_worker`)."""

from django.tasks import task

from smartby.search import index


@task
def reindex_all() -> dict[str, int]:
    """Rebuild the index after the vocabulary changed (synonyms, taxonomy names)."""
    projects, organisations = index.reindex_all()
    index.vacuum()
    return {"projects": projects, "organisations": organisations}


@task
def reindex_stale(day: str) -> dict[str, int]:
    """The daily safety net: index what is missing or changed since it was indexed."""
    projects, organisations = index.reindex_stale()
    return {"projects": projects, "organisations": organisations}


@task
def weekly_rebuild(day: str) -> dict[str, int]:
    """The weekly full rebuild: new corpus words reach the decompounder for all texts."""
    projects, organisations = index.reindex_all()
    index.vacuum()
    return {"projects": projects, "organisations": organisations}
