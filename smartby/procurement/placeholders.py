"""Placeholders in clause texts, written `{{navn}}`: the one strict pattern, the one validation
of a template, readable labels, value validation and rendering."""

import re
from dataclasses import dataclass

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

NAME_PATTERN = r"[a-zæøå][a-zæøå0-9_]{0,39}"
PLACEHOLDER = re.compile(r"\{\{(" + NAME_PATTERN + r")\}\}")
_NAME = re.compile(NAME_PATTERN)
_BRACED = re.compile(r"\{\{([^{}\n]*)\}\}")

# The buyer's name is asked for once, with the document's title, and fills {{ordregiver}}.
BUYER = "ordregiver"
MAX_VALUE_LENGTH = 300

LABELS = {
    "ordregiver": gettext_lazy("Ordregiver"),
    "leverandør": gettext_lazy("Leverandørens betegnelse"),
    "løsning": gettext_lazy("Løsningens navn"),
    "dataformat": gettext_lazy("Åbent dataformat"),
    "frist_arbejdsdage": gettext_lazy("Frist (arbejdsdage)"),
    "exit_frist_arbejdsdage": gettext_lazy("Frist for dataudlevering ved ophør (arbejdsdage)"),
    "opbevaring_dage": gettext_lazy("Opbevaring efter ophør (dage)"),
    "api_standard": gettext_lazy("API-standard"),
    "datamodel": gettext_lazy("Datamodel"),
    "licens": gettext_lazy("Licens for data"),
    "kildekode_licens": gettext_lazy("Licens for kildekode"),
    "sikkerhedsstandard": gettext_lazy("Sikkerhedsstandard"),
    "revisionserklæring": gettext_lazy("Revisionserklæring"),
    "hændelse_timer": gettext_lazy("Frist for underretning om hændelser (timer)"),
    "sårbarhed_dage": gettext_lazy("Frist for at lukke kritiske sårbarheder (dage)"),
    "databehandleraftale": gettext_lazy("Skabelon for databehandleraftale"),
    "behandlingssted": gettext_lazy("Sted for behandling af personoplysninger"),
    "udviklingsperiode_måneder": gettext_lazy("Udviklingsperiode (måneder)"),
    "pilotområde": gettext_lazy("Pilotområde"),
    "forsinkelse": gettext_lazy("Største forsinkelse fra måling til data"),
}

HELP = {
    "leverandør": gettext_lazy("Sådan omtales leverandøren i teksten, fx Leverandøren"),
    "løsning": gettext_lazy("Sådan omtales løsningen i teksten, fx parkeringsløsningen"),
    "dataformat": gettext_lazy("fx CSV, JSON eller GeoJSON"),
    "api_standard": gettext_lazy("fx OpenAPI 3 eller OGC SensorThings API"),
    "datamodel": gettext_lazy("fx OASC MIM1 / FIWARE Smart Data Models"),
    "licens": gettext_lazy("fx Creative Commons CC BY 4.0"),
    "kildekode_licens": gettext_lazy("fx MPL 2.0 eller GPL 3.0"),
    "sikkerhedsstandard": gettext_lazy("fx ISO/IEC 27001"),
    "revisionserklæring": gettext_lazy("fx ISAE 3402 type 2"),
    "forsinkelse": gettext_lazy("fx 15 minutter"),
    "behandlingssted": gettext_lazy("fx EU/EØS eller Danmark"),
    "databehandleraftale": gettext_lazy("fx Datatilsynets standardkontraktbestemmelser"),
    "pilotområde": gettext_lazy("fx Hasle og Gellerup"),
}

# Placeholders whose name ends like this take a whole number in this range.
NUMERIC_SUFFIXES = {
    "_arbejdsdage": (1, 365),
    "_dage": (1, 3650),
    "_timer": (1, 720),
    "_måneder": (1, 120),
    "_procent": (1, 100),
}


def placeholders(text: str) -> list[str]:
    """The placeholder names of `text`, each once, in order of appearance."""
    return list(dict.fromkeys(PLACEHOLDER.findall(text)))


def template_errors(text: str) -> list[str]:
    """Danish messages for every malformed placeholder in `text` (empty when it is valid)."""
    errors: list[str] = []
    for match in _BRACED.finditer(text):
        name = match.group(1)
        if not _NAME.fullmatch(name):
            errors.append(
                _(
                    "Pladsholderen „%(token)s“ er ugyldig: brug kun små bogstaver (a–å), tal og "
                    "_, begynd med et bogstav og højst 40 tegn, fx {{leverandør}}."
                )
                % {"token": match.group(0)}
            )
    rest = _BRACED.sub("", text)
    if "{" in rest or "}" in rest:
        errors.append(
            _(
                "Teksten har krøllede parenteser, der ikke danner en pladsholder. Skriv "
                "pladsholdere med to parenteser på hver side, fx {{ordregiver}}."
            )
        )
    return errors


def label(name: str) -> str:
    """A readable Danish label for a placeholder name."""
    if name in LABELS:
        return str(LABELS[name])
    return name.replace("_", " ").capitalize()


def help_text(name: str) -> str:
    return str(HELP.get(name, ""))


def numeric_range(name: str) -> tuple[int, int] | None:
    for suffix, bounds in NUMERIC_SUFFIXES.items():
        if name.endswith(suffix):
            return bounds
    return None


def value_error(name: str, value: str) -> str | None:
    """Why `value` cannot fill placeholder `name`, or None when it can."""
    value = value.strip()
    if not value:
        return _("Udfyld „%(label)s“.") % {"label": label(name)}
    if len(value) > MAX_VALUE_LENGTH:
        return _("„%(label)s“ må højst være %(max)d tegn (du skrev %(n)d).") % {
            "label": label(name),
            "max": MAX_VALUE_LENGTH,
            "n": len(value),
        }
    if "{" in value or "}" in value:
        return _("„%(label)s“ må ikke indeholde krøllede parenteser.") % {"label": label(name)}
    bounds = numeric_range(name)
    if bounds is not None:
        low, high = bounds
        if not value.isdigit() or not low <= int(value) <= high:
            return _("„%(label)s“ skal være et helt tal fra %(low)d til %(high)d.") % {
                "label": label(name),
                "low": low,
                "high": high,
            }
    return None


@dataclass(frozen=True)
class Rendered:
    text: str
    missing: list[str]


def render(text: str, values: dict[str, str]) -> Rendered:
    """`text` with each placeholder replaced by its value; names without a value are left as
    they are and listed in `missing`."""
    missing: list[str] = []

    def fill(match: re.Match[str]) -> str:
        name = match.group(1)
        value = (values.get(name) or "").strip()
        if not value:
            if name not in missing:
                missing.append(name)
            return match.group(0)
        before = match.string[: match.start()].rstrip()
        if not before or before[-1] in ".!?":
            value = value[0].upper() + value[1:]  # a placeholder that begins a sentence
        return value

    return Rendered(PLACEHOLDER.sub(fill, text), missing)
