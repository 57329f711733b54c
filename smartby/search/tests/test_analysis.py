import pytest
from django.db import connection

from smartby.search.analysis import SYNCOPE, Analyzer, Vocabulary, fold, stem, words
from smartby.search.vocabulary import curated_words, current

WORDS = [
    "sensorer",
    "sensorerne",
    "affaldsbeholdere",
    "gadebelysningen",
    "lygtepæle",
    "skraldespandene",
    "borgerinddragelse",
    "parkeringspladser",
    "oversvømmelser",
    "kommunerne",
    "løsningerne",
    "undersøgelsen",
    "ældre",
    "tømningerne",
    "vandstandsmålere",
    "ladestanderne",
]


@pytest.fixture
def analyzer() -> Analyzer:
    return Analyzer(Vocabulary.of(curated_words()))


def test_folding_makes_danish_letters_and_their_ascii_spellings_one_form():
    assert fold("ældre") == fold("aeldre") == "aeldre"
    assert fold("løsning") == "loesning" and fold("gråvand") == "graavand"
    assert stem(fold("lygtepæle")) == stem(fold("lygtepaele"))


def test_words_keep_hyphenated_words_whole_and_ignore_punctuation():
    assert list(words("IoT-sensorer, LoRaWAN & 5G!")) == ["iot-sensorer", "lorawan", "5g"]


def test_stop_words_are_dropped_in_both_spellings(analyzer):
    assert analyzer.terms("og i på paa være vaere") == []


@pytest.mark.django_db
@pytest.mark.skipif(connection.vendor != "postgresql", reason="compares with PostgreSQL")
def test_stems_equal_postgresqls_danish_stemmer_taken_until_stable():
    """The analyser uses the Snowball Danish stemmer of PostgreSQL's danish configuration,
    applied again until the stem no longer changes."""
    with connection.cursor() as cursor:
        for word in WORDS:
            expected, previous = word, None
            while expected != previous:
                cursor.execute("SELECT ts_lexize('danish_stem', %s)", [expected])
                previous, expected = expected, cursor.fetchone()[0][0]
            assert stem(word) == SYNCOPE.sub("l", expected), word
    assert stem("pladsen") == stem("plads") == stem("pladser")
    assert stem("cykel") == stem("cykler") == stem("cyklen") == "cykl"
    assert stem("sensor") == "sensor" and stem("hotel") == stem("hoteller")


@pytest.mark.parametrize(
    ("word", "parts"),
    [
        ("affaldssensorer", ("affald", "sensorer")),
        ("gadebelysning", ("gade", "belysning")),
        ("parkeringsapp", ("parkering", "app")),
        ("skraldespand", ("skrald", "spand")),
        ("vandstandsmåler", ("vandstand", "maaler")),
        ("parkeringspladsmåler", ("parkering", "plads", "maaler")),
        ("iot-sensorer", ("iot", "sensorer")),
    ],
)
def test_compounds_split_into_known_words(analyzer, word, parts):
    assert analyzer.split(fold(word)) == parts


@pytest.mark.parametrize("word", ["sensor", "bygning", "kommune", "xyzzyqwert"])
def test_simple_and_unknown_words_are_not_split(analyzer, word):
    assert analyzer.split(fold(word)) == ()


def test_a_compound_is_indexed_as_itself_and_its_parts(analyzer):
    terms = analyzer.terms("Affaldssensorerne")
    assert terms[0] == stem("affaldssensorerne")
    assert set(terms[1:]) == {stem("affald"), stem("sensor")}


@pytest.mark.django_db
def test_the_vocabulary_includes_taxonomy_names_and_synonyms():
    analyzer = current().analyzer
    assert analyzer.vocabulary.knows("telemedicin")  # a technology
    assert analyzer.vocabulary.knows("lysmast")  # a reference synonym
