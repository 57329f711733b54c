import pytest

from smartby.search.query import And, Or, Term, parse, to_fts5, to_tsquery
from smartby.search.vocabulary import build


@pytest.fixture
def setup():
    return build([["skraldespand", "affaldsbeholder"], ["digital tvilling", "digital twin"]], [])


def test_a_word_becomes_its_stem(setup):
    parsed = parse("sensorerne", setup)
    assert parsed.tree() == Term("sensor")


def test_words_are_and_ed_and_relaxed_or_ed(setup):
    parsed = parse("sensor lampe", setup)
    assert parsed.tree() == And((Term("sensor"), Term("lamp")))
    assert parsed.tree(relaxed=True) == Or((Term("sensor"), Term("lamp")))


def test_a_compound_matches_itself_or_all_its_parts(setup):
    node = parse("affaldssensor", setup).tree()
    assert node == Or((Term("affaldssensor"), And((Term("affald"), Term("sensor")))))


def test_synonyms_are_alternatives_with_their_own_parts(setup):
    node = parse("skraldespande", setup).tree()
    assert isinstance(node, Or)
    assert Term("skraldespand") in node.children
    assert Or((Term("affaldsbehold"), And((Term("affald"), Term("behold"))))) in node.children


def test_multi_word_synonyms(setup):
    parsed = parse("digital twin", setup)
    assert len(parsed.groups) == 1
    assert And((Term("digital"), Term("tvilling"))) in parsed.tree().children


def test_excluded_words_and_rendering(setup):
    parsed = parse("sensor -lampe", setup)
    assert to_tsquery(parsed.tree(), parsed.excluded) == "'sensor' & !'lamp'"
    assert to_fts5(parsed.tree(), parsed.excluded) == '"sensor" NOT ("lamp")'


def test_quotes_in_terms_cannot_break_the_query_syntax():
    assert to_tsquery(Term("it's")) == "'it''s'"
    assert to_fts5(Term('a"b')) == '"a""b"'


def test_typo_correction_adds_the_nearest_known_term(setup):
    parsed = parse(
        "sensro",
        setup,
        known=lambda terms: set(),
        similar=lambda unknown: {t: [("sensor", "sensor")] for t in unknown},
    )
    assert Term("sensor") in parsed.tree().children
    assert parsed.corrections() == {"sensro": "sensor"}


def test_prefix_for_suggestions(setup):
    node = parse("gadebel", setup, prefix_last=True).tree()
    assert Term("gadebel", prefix=True) in node.children
