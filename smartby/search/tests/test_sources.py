"""Other apps' content in the search (search.sources): indexed by kind + object id, updated and
removed by `index_content`, rebuilt by `reindex_all`, found by the mixed search and the API.
A synonym group stands in for a knowledge-base source here, so the contract is tested on its
own; each app's tests show its operations call it."""

import pytest
from django.urls import reverse

from smartby.search import results
from smartby.search.index import index_content, reindex_all, reindex_stale
from smartby.search.models import SearchEntry, SynonymGroup, Term
from smartby.search.sources import SOURCES, Sections, Source, register

pytestmark = pytest.mark.django_db

KIND = "testarea"


@pytest.fixture
def area_source():
    register(
        Source(
            kind=KIND,
            label="Testområder",
            objects=lambda: SynonymGroup.objects.exclude(note__startswith="skjult"),
            sections=lambda a: Sections(
                title=a.terms, a=a.terms, b=f"Område om {a.terms.lower()}", c=a.note
            ),
            url=lambda a: f"/omraader/{a.note}/",
            meta=lambda a: "Testmeta",
            more_url="registry:project_list",
        )
    )
    yield SOURCES[KIND]
    SOURCES.pop(KIND)


def group(q: str, kind: str = KIND):
    found = results.search_everything(q)
    return next((g for g in found.groups if g.kind == kind), None)


def test_content_is_indexed_found_updated_and_removed(area_source):
    area = SynonymGroup.objects.create(terms="Klimasikring af kyster", note="klimasikring")
    assert index_content(KIND, [area.pk]) == 1
    entry = SearchEntry.objects.get(kind=KIND, object_id=area.pk)
    assert (entry.url, entry.meta, entry.project_id) == (
        "/omraader/klimasikring/",
        "Testmeta",
        None,
    )
    g = group("kyst")  # inflection: kyster → kyst
    assert g is not None and g.count == 1
    hit = g.hits[0]
    assert "<mark>" in hit.title and hit.url == "/omraader/klimasikring/"
    assert hit.meta == "Testmeta" and "område" in str(hit.snippet).lower()
    assert g.more_url == reverse("registry:project_list") + "?q=kyst"
    assert Term.objects.get(term="kyst").df == 1

    area.terms = "Skybrudssikring"
    area.save()
    index_content(KIND, [area.pk])
    assert group("kyst") is None and not Term.objects.filter(term="kyst").exists()
    assert group("skybrudssikring").hits[0].url == "/omraader/klimasikring/"
    assert SearchEntry.objects.filter(kind=KIND).count() == 1

    pk = area.pk
    area.delete()
    index_content(KIND, [pk])  # gone: its entry and its lexicon counts go too
    assert not SearchEntry.objects.filter(kind=KIND).exists()
    assert (
        group("skybrudssikring") is None
        and not Term.objects.filter(term="skybrudssikring").exists()
    )


def test_content_that_is_no_longer_public_leaves_the_index(area_source):
    area = SynonymGroup.objects.create(terms="Hemmelige droner", note="droner-x")
    index_content(KIND, [area.pk])
    assert group("droner") is not None
    area.note = "skjult-droner"
    area.save()
    index_content(KIND, [area.pk])
    assert not SearchEntry.objects.filter(kind=KIND, object_id=area.pk).exists()


def test_full_and_stale_rebuilds_include_content(area_source):
    area = SynonymGroup.objects.create(terms="Vandløbsmålere", note="vandloeb")
    assert not SearchEntry.objects.filter(kind=KIND).exists()  # written outside an operation
    reindex_stale()
    assert SearchEntry.objects.filter(kind=KIND, object_id=area.pk).exists()
    reindex_all()
    assert SearchEntry.objects.filter(kind=KIND, object_id=area.pk).count() == 1
    assert group("vandløb").count == 1


def test_content_groups_follow_projects_and_only_appear_with_matches(area_source, client):
    area = SynonymGroup.objects.create(terms="Parkeringssensorer", note="parkering-x")
    index_content(KIND, [area.pk])
    kinds = [g.kind for g in results.search_everything("parkering").groups]
    assert kinds[:3] == ["project", "organisation", "person"] and kinds[-1] == KIND
    assert KIND not in [g.kind for g in results.search_everything("belysning").groups]
    page = client.get("/soeg/", {"q": "parkering"})
    assert 'id="kind-testarea"' in page.content.decode()
    body = client.get("/api/v1/search", {"q": "parkering"}).json()
    api_group = next(g for g in body["groups"] if g["kind"] == KIND)
    assert api_group["results"][0]["title"] == "«Parkering»ssensorer" or api_group["results"][0][
        "url"
    ].endswith("/omraader/parkering-x/")


def test_the_database_refuses_content_without_an_object_id():
    from django.db import IntegrityError

    with pytest.raises(IntegrityError):
        SearchEntry.objects.create(kind="solution", title="x")
