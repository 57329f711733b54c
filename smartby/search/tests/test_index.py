"""The index stays correct after every create, update and delete, whichever way it happens."""

import pytest
from django.db.models import Sum

from smartby.orgs import operations as org_operations
from smartby.orgs.models import Organisation
from smartby.registry import operations, taxonomy
from smartby.registry.models import Area, Project, Technology
from smartby.registry.tests.helpers import edit_data, make_project
from smartby.search.index import reindex_all, reindex_stale
from smartby.search.models import CorpusWord, SearchEntry, Term

pytestmark = pytest.mark.django_db


def odense() -> dict:
    from smartby.orgs.models import Organisation

    return {"lead": Organisation.objects.get(municipality__code="461"), "municipalities": ["461"]}


def found(q: str) -> list[str]:
    from smartby.registry.filters import ProjectFilters, filtered_projects

    return sorted(filtered_projects(ProjectFilters(q=q)).values_list("title", flat=True))


def lexicon() -> dict[str, int]:
    return dict(Term.objects.values_list("term", "df"))


def test_created_projects_are_searchable_at_once(editor_a):
    make_project(editor_a, title="Lygtepæle med bevægelsessensorer")
    assert found("lygtepæl") == ["Lygtepæle med bevægelsessensorer"]
    assert found("bevægelse") == ["Lygtepæle med bevægelsessensorer"]  # a compound part
    entry = SearchEntry.objects.get(project__title__startswith="Lygtepæle")
    assert entry.kind == "project" and "lygtepael" in entry.terms_a


def test_updates_replace_the_old_words(editor_a):
    before = lexicon().get("dron", 0)  # reference content (e.g. the radar) may use it
    project = make_project(editor_a, title="Droner over havnen")
    assert lexicon()["dron"] == before + 1
    operations.update_project(editor_a, project, edit_data(project, title="Robotter i havnen"))
    assert found("droner") == [] and found("robot") == ["Robotter i havnen"]
    assert lexicon().get("dron", 0) == before  # the project no longer counts


def test_deleted_projects_leave_the_index_and_the_lexicon(editor_a):
    project = make_project(editor_a, title="Kvantecomputer i rådhuset")
    assert lexicon().get("kvantecomput") == 1
    operations.delete_project(editor_a, project)
    assert found("kvantecomputer") == []
    assert not SearchEntry.objects.filter(kind="project").exists()
    assert "kvantecomput" not in lexicon()


def test_related_names_are_indexed_and_follow_renames(editor_a, coordinator):
    make_project(editor_a, title="Måling i byen", summary="Vi måler.")
    assert found("aarhus") == ["Måling i byen"]  # municipality name
    assert found("iot") == ["Måling i byen"]  # technology name
    tech = Technology.objects.get(name="IoT-sensorer")
    taxonomy.update_term(coordinator, tech, {"name": "Tingenes internet", "slug": tech.slug})
    assert found("tingenes internet") == ["Måling i byen"]
    area = Area.objects.get(name="Forsyning")
    taxonomy.update_term(coordinator, area, {"name": "Forsyning og kloak", "sort_order": 2})
    assert found("kloak") == ["Måling i byen"]


def test_organisation_renames_and_merges_reach_the_projects(editor_a, coordinator):
    partner = org_operations.create_organisation(
        coordinator, {"name": "Sensorfabrikken ApS", "kind": "virksomhed"}
    )
    make_project(
        editor_a,
        title="Et samarbejde",
        partners=[{"organisation": str(partner.pk), "role": "Leverandør"}],
    )
    assert found("sensorfabrikken") == ["Et samarbejde"]
    org_operations.update_organisation(
        coordinator, partner, {"name": "Målerværket ApS", "kind": "virksomhed"}
    )
    assert found("sensorfabrikken") == [] and found("målerværket") == ["Et samarbejde"]
    assert SearchEntry.objects.get(organisation=partner).title == "Målerværket ApS"


def test_merged_projects_are_one_entry(editor_a, coordinator):
    keep = make_project(editor_a, title="Klimasikring af kysten")
    duplicate = make_project(editor_a, title="Kystsikring mod stormflod")
    operations.merge_projects(coordinator, keep, duplicate)
    assert SearchEntry.objects.filter(kind="project").count() == 1
    assert found("klimasikring") == ["Klimasikring af kysten"]


def test_reindex_stale_repairs_writes_that_bypass_the_operations(editor_a):
    project = make_project(editor_a, title="Smart parkering")
    Project.objects.filter(pk=project.pk).update(title="Smart vanding")  # updated_at unchanged
    Project.objects.filter(pk=project.pk).update(updated_at=project.updated_at.replace(year=2030))
    SearchEntry.objects.filter(project__isnull=True, kind="organisation").first().delete()
    assert found("vanding") == []
    projects, organisations = reindex_stale()
    assert (projects, organisations) == (1, 1)
    assert found("vanding") == ["Smart vanding"]


def test_reindex_all_is_stable_and_keeps_the_lexicon_in_step(editor_a, editor_b):
    make_project(editor_a, title="Affaldssensorer i containere")
    make_project(
        editor_b, **odense(), title="Sensorer i skraldespande", summary="Fyldningsgrad måles."
    )
    projects, organisations = reindex_all()  # takes the corpus words from the lexicon
    assert projects == 2 and organisations == Organisation.objects.count()
    assert CorpusWord.objects.filter(word__startswith="sensor").exists()
    before = lexicon()
    terms_before = {e.project_id: e.terms() for e in SearchEntry.objects.filter(kind="project")}
    reindex_all()
    assert lexicon() == before
    assert {e.project_id: e.terms() for e in SearchEntry.objects.filter(kind="project")} == (
        terms_before
    )
    assert Term.objects.aggregate(n=Sum("df"))["n"] == sum(
        len(e.terms()) for e in SearchEntry.objects.all()
    )


def test_search_reindex_command(editor_a, capsys):
    from django.core.management import call_command

    make_project(editor_a, title="Vejrstation på rådhustaget")
    SearchEntry.objects.filter(kind="project").delete()
    call_command("search_reindex", "--stale")
    assert "1 projekter" in capsys.readouterr().out
    assert found("vejrstation") == ["Vejrstation på rådhustaget"]
    call_command("search_reindex")
    assert "1 projekter" in capsys.readouterr().out


@pytest.mark.django_db(transaction=True)
def test_a_full_rebuild_is_vacuumed():
    from django.db import connection

    from smartby.search.index import vacuum

    vacuum()
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT last_vacuum IS NOT NULL FROM pg_stat_user_tables WHERE relname = %s",
            ["search_searchentry"],
        )
        assert cursor.fetchone() == (True,)
