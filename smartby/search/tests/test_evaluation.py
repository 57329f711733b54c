"""The judged evaluation is part of the suite: the API ranking must keep nDCG@10 ≥ 0.85."""

import json

import pytest
from django.core.management import CommandError, call_command

from smartby.search import evaluation
from smartby.search.evaluation import Judged, score

pytestmark = pytest.mark.django_db
TARGET_NDCG = 0.85


def test_metrics_on_a_known_ranking():
    judged = Judged("q", "x", "plain", {"a": 3, "b": 1})
    perfect = score(judged, ["a", "b", "c"])
    assert perfect.ndcg == 1.0 and perfect.recall == 1.0 and perfect.rr == 1.0
    swapped = score(judged, ["c", "b", "a"])
    assert 0 < swapped.ndcg < 1 and swapped.recall == 1.0 and swapped.rr == 0.5
    assert score(judged, ["c"]).ndcg == 0.0


def test_fixture_is_large_and_varied_enough():
    queries = evaluation.load_queries(evaluation.EVAL_DIR / "queries.json")
    projects = json.loads((evaluation.EVAL_DIR / "projects.json").read_text())["projects"]
    kinds = {q.kind for q in queries}
    assert len(projects) >= 150 and len(queries) >= 60
    assert {"compound", "inflection", "synonym", "typo", "folding"} <= kinds
    ids = {p["id"] for p in projects}
    assert all(set(q.relevant) <= ids for q in queries)


def test_api_ranking_meets_the_target_and_the_database_is_left_as_it_was(capsys):
    from smartby.registry.models import Project

    call_command("search_eval", "--json")
    report = json.loads(capsys.readouterr().out)["api"]
    assert report["all"]["queries"] >= 60
    assert report["all"]["ndcg"] >= TARGET_NDCG, report
    assert not Project.objects.exists()  # the fixture was imported in a rolled-back transaction


def test_bad_files_give_clear_errors(tmp_path):
    with pytest.raises(CommandError, match="findes ikke"):
        call_command("search_eval", str(tmp_path / "nope.json"))
    broken = tmp_path / "q.json"
    broken.write_text('{"queries": [{"id": 1}]}')
    with pytest.raises(CommandError, match="kan ikke læses"):
        call_command("search_eval", str(broken))


HELD_OUT_FLOOR = 0.60  # a regression guard, not the target: see bench/RESULTS.md


def test_held_out_queries_stay_well_above_the_baseline(capsys):
    """53 queries written afterwards by an author who saw neither the engine nor the synonym
    list: the honest figure for unseen queries (0.641 when written; plain danish FTS 0.193)."""
    call_command(
        "search_eval",
        str(evaluation.EVAL_DIR / "queries-heldout.json"),
        "--projects",
        str(evaluation.EVAL_DIR / "projects.json"),
        "--json",
    )
    report = json.loads(capsys.readouterr().out)["api"]
    assert report["all"]["queries"] >= 40
    assert report["all"]["ndcg"] >= HELD_OUT_FLOOR, report
