from django.conf import settings
from django.contrib.postgres.search import SearchVectorField
from django.db import models
from django.utils.translation import gettext_lazy as _


class Kind(models.TextChoices):
    PROJECT = "project", _("Projekter")
    ORGANISATION = "organisation", _("Organisationer")


class SearchEntry(models.Model):
    """One searchable thing: its analysed terms in three weighted sections (A title, B summary
    and classification, C the rest). Projects and organisations link by foreign key; other
    apps' content (search.sources: solutions, clauses, guides, ...) by `kind` + `object_id`,
    with its URL, summary and meta line stored here so results need no join. The database keeps the searchable form itself: on
    PostgreSQL a trigger builds `document` (tsvector, GIN index), on SQLite triggers mirror the
    terms into an FTS5 table (migration 0002). Entries are written by `search.index`."""

    kind = models.CharField(max_length=20)  # Kind, or a registered source's kind
    project = models.OneToOneField(
        "registry.Project",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="search_entry",
    )
    organisation = models.OneToOneField(
        "orgs.Organisation",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="search_entry",
    )
    object_id = models.BigIntegerField(null=True, blank=True)
    url = models.CharField(max_length=500, blank=True)
    summary = models.TextField(blank=True)
    meta = models.CharField(max_length=300, blank=True)
    title = models.CharField(max_length=300)
    terms_a = models.TextField(blank=True)
    terms_b = models.TextField(blank=True)
    terms_c = models.TextField(blank=True)
    document = SearchVectorField(null=True, editable=False)
    # Sections A and B only: ranking reads this small vector instead of the whole document.
    head = SearchVectorField(null=True, editable=False)
    # The source's updated_at when it was indexed: entries whose source has changed since are
    # found and re-indexed by `reindex_stale` (a safety net for writes that bypass operations).
    source_updated = models.DateTimeField(null=True, blank=True)
    indexed_at = models.DateTimeField(auto_now=True, db_index=True)

    class Meta:
        verbose_name = _("søgeindeks-post")
        verbose_name_plural = _("søgeindeks")
        indexes = [models.Index(fields=["kind"], name="search_entry_kind_idx")]
        constraints = [
            models.CheckConstraint(
                condition=(
                    models.Q(
                        kind="project",
                        project__isnull=False,
                        organisation__isnull=True,
                        object_id__isnull=True,
                    )
                    | models.Q(
                        kind="organisation",
                        project__isnull=True,
                        organisation__isnull=False,
                        object_id__isnull=True,
                    )
                    | (
                        ~models.Q(kind__in=["project", "organisation"])
                        & models.Q(
                            project__isnull=True, organisation__isnull=True, object_id__isnull=False
                        )
                    )
                ),
                name="search_entry_one_source",
            ),
            models.UniqueConstraint(
                fields=["kind", "object_id"],
                condition=models.Q(object_id__isnull=False),
                name="search_entry_unique_content",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.kind}: {self.title}"

    def terms(self) -> set[str]:
        return set(f"{self.terms_a} {self.terms_b} {self.terms_c}".split())


class Term(models.Model):
    """The lexicon: every indexed term with its document frequency and a readable word form.
    Used for typo correction (trigram similarity), suggestions and term weights (idf)."""

    term = models.CharField(max_length=100, primary_key=True)
    word = models.CharField(max_length=100)
    df = models.IntegerField(default=0)

    class Meta:
        verbose_name = _("søgeord")
        verbose_name_plural = _("søgeord")

    def __str__(self) -> str:
        return self.term


class SynonymGroup(models.Model):
    """Words and phrases that mean the same to a searcher. A query for one finds the others.
    Coordinators maintain the list at /soeg/synonymer/."""

    terms = models.TextField(
        _("ord og udtryk"), help_text=_("Adskilt med komma, fx: skraldespand, affaldsbeholder")
    )
    note = models.CharField(_("note"), max_length=300, blank=True)
    updated_at = models.DateTimeField(_("opdateret"), auto_now=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        ordering = ["terms"]
        verbose_name = _("synonymgruppe")
        verbose_name_plural = _("synonymgrupper")

    def __str__(self) -> str:
        return self.terms

    def term_list(self) -> list[str]:
        return [t.strip() for t in self.terms.split(",") if t.strip()]


class CorpusWord(models.Model):
    """Words of the indexed texts that the decompounder may split into, next to the curated
    list, taxonomy names and synonyms. Taken from the lexicon (words in at least two entries)
    by every full rebuild, which then splits all texts with the same vocabulary."""

    word = models.CharField(max_length=100, primary_key=True)

    class Meta:
        verbose_name = _("korpusord")
        verbose_name_plural = _("korpusord")

    def __str__(self) -> str:
        return self.word
