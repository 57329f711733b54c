import pytest

from smartby.procurement import operations
from smartby.procurement.diff import diff_html, version_diff
from smartby.procurement.tests.helpers import clause_data, make_clause


def test_word_diff_marks_insertions_and_deletions_accessibly():
    html = diff_html("Data leveres i CSV inden 10 dage.", "Data leveres i JSON inden 10 dage.")
    assert '<del><span class="visually-hidden">Slettet: </span>CSV' in html
    assert '<ins><span class="visually-hidden">Tilføjet: </span>JSON' in html
    assert html.startswith("Data leveres i ")
    assert html.endswith(" inden 10 dage.")


def test_diff_escapes_html():
    html = diff_html("a <b>", "a <script>alert(1)</script>")
    assert "<script>" not in html
    assert "&lt;script&gt;" in html


def test_unchanged_text_has_no_marks():
    assert diff_html("samme tekst", "samme tekst") == "samme tekst"


@pytest.mark.django_db
def test_version_diff_lists_changed_fields(coordinator):
    clause = make_clause(coordinator)
    first = clause.current_version
    clause = operations.update_clause(coordinator, clause, clause_data(reason="Ny begrundelse."))
    fields = version_diff(first, clause.current_version)
    assert [f.label for f in fields if f.changed] == ["Hvorfor"]
    assert [f.changed for f in version_diff(None, first)] == [True, True, True]
