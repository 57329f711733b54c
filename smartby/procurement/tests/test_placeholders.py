import pytest

from smartby.procurement import placeholders
from smartby.procurement.placeholders import render, template_errors, value_error


def test_placeholders_in_order_each_once():
    text = "{{leverandør}} giver {{ordregiver}} data; {{leverandør}} betaler. {{frist_arbejdsdage}}"
    assert placeholders.placeholders(text) == ["leverandør", "ordregiver", "frist_arbejdsdage"]


def test_valid_template_has_no_errors():
    assert template_errors("{{ordregiver}} og {{løsning_2}} – ingen fejl.") == []
    assert template_errors("Ingen pladsholdere.") == []


@pytest.mark.parametrize(
    "text",
    [
        "{{ordregiver}",  # unbalanced
        "{{ordregiver",
        "ordregiver}}",
        "{ordregiver}",
        "{{{ordregiver}}}",
        "Tekst med { alene",
    ],
)
def test_unbalanced_braces_are_refused(text):
    errors = template_errors(text)
    assert errors
    assert any("krøllede parenteser" in e for e in errors)


@pytest.mark.parametrize(
    "token",
    [
        "{{Ordregiver}}",
        "{{frist dage}}",
        "{{1frist}}",
        "{{}}",
        "{{navn-x}}",
        "{{" + "a" * 41 + "}}",
    ],
)
def test_unknown_characters_in_a_name_are_refused(token):
    [error] = template_errors(f"Krav: {token}.")
    assert "ugyldig" in error
    assert token in error


def test_value_errors():
    assert value_error("leverandør", "Leverandøren") is None
    assert "Udfyld" in value_error("leverandør", "  ")
    assert "højst være 300 tegn" in value_error("leverandør", "x" * 301)
    assert "krøllede" in value_error("leverandør", "{{x}}")
    assert value_error("frist_arbejdsdage", "10") is None
    assert "helt tal fra 1 til 365" in value_error("frist_arbejdsdage", "ti")
    assert "helt tal" in value_error("frist_arbejdsdage", "0")
    assert "helt tal fra 1 til 100" in value_error("oppetid_procent", "101")


def test_render_fills_and_reports_missing():
    result = render(
        "{{leverandør}} skal levere til {{ordregiver}} i {{dataformat}}.",
        {
            "leverandør": "leverandøren",
            "ordregiver": "Aarhus Kommune",
        },
    )
    # A placeholder that begins a sentence is capitalised.
    assert result.text == "Leverandøren skal levere til Aarhus Kommune i {{dataformat}}."
    assert result.missing == ["dataformat"]


def test_labels_are_readable():
    assert placeholders.label("frist_arbejdsdage") == "Frist (arbejdsdage)"
    assert placeholders.label("ny_ukendt_værdi") == "Ny ukendt værdi"
