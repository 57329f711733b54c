"""Requirement documents composed from clause versions: validation of the composer's input (one
function for the web steps, the exports and the API), the numbered sections, and the DOCX and
PDF exports."""

import io
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from smartby.lib.errors import ValidationFailed, form_errors
from smartby.lib.pdf import Document as PdfDocument
from smartby.procurement import placeholders
from smartby.procurement.forms import ComposeForm, ValuesForm, value_field_name
from smartby.procurement.models import TOPIC_ORDER, ClauseVersion, RequirementDocument, Topic


def ordered(versions: Iterable[ClauseVersion]) -> list[ClauseVersion]:
    """Versions in document order: by theme, then by clause title."""
    return sorted(
        versions, key=lambda v: (TOPIC_ORDER.get(v.clause.topic, 99), v.clause.title.lower())
    )


def placeholder_names(versions: Iterable[ClauseVersion]) -> list[str]:
    """The union of the versions' placeholders, in document order, without the buyer (which
    step 1 asks for)."""
    names: dict[str, None] = {}
    for version in ordered(versions):
        for name in placeholders.placeholders(version.text):
            if name != placeholders.BUYER:
                names[name] = None
    return list(names)


def current_versions(slugs: Iterable[str]) -> list[ClauseVersion]:
    qs = ClauseVersion.objects.filter(
        clause__slug__in=list(slugs), clause__retired=False, clause__current_version__isnull=False
    ).select_related("clause")
    return ordered(v for v in qs if v.clause.current_version_id == v.pk)


@dataclass(frozen=True)
class Item:
    number: str
    version: ClauseVersion
    text: str


@dataclass(frozen=True)
class Section:
    number: int
    topic: str
    label: str
    items: list[Item]


@dataclass
class Composition:
    title: str
    buyer: str
    versions: list[ClauseVersion]
    values: dict[str, str] = field(default_factory=dict)
    intro: str = ""
    include_reasons: bool = False

    @property
    def all_values(self) -> dict[str, str]:
        return {**self.values, placeholders.BUYER: self.buyer}

    def sections(self) -> list[Section]:
        result: list[Section] = []
        values = self.all_values
        for version in ordered(self.versions):
            topic = version.clause.topic
            if not result or result[-1].topic != topic:
                result.append(Section(len(result) + 1, topic, str(Topic(topic).label), []))
            section = result[-1]
            text = placeholders.render(version.text, values).text
            section.items.append(Item(f"{section.number}.{len(section.items) + 1}", version, text))
        return result

    def missing(self) -> list[str]:
        values = self.all_values
        found: dict[str, None] = {}
        for version in self.versions:
            for name in placeholders.render(version.text, values).missing:
                found[name] = None
        return list(found)

    def intro_text(self) -> str:
        return self.intro or _(
            "Kravene nedenfor stilles af %(buyer)s. De er sammensat af standardklausuler fra "
            "Smartbys klausulbibliotek og er nummereret, så tilbudsgivere kan henvise til dem i "
            "deres besvarelse."
        ) % {"buyer": self.buyer}

    def clause_ids(self) -> str:
        return ", ".join(v.label for v in ordered(self.versions))


@dataclass
class ComposerInput:
    """The composer's two forms, bound to one request's data."""

    compose: ComposeForm
    values: ValuesForm | None
    versions: list[ClauseVersion]

    @property
    def names(self) -> list[str]:
        return self.values.names if self.values is not None else []


def bind(data: Mapping[str, Any]) -> ComposerInput:
    """Bind step 1 and, when step 1 is valid, step 2 to `data` (GET/POST parameters or the
    API's body converted to them)."""
    compose = ComposeForm(data)
    if not compose.is_valid():
        return ComposerInput(compose, None, [])
    versions = current_versions(compose.cleaned_data["klausul"])
    return ComposerInput(compose, ValuesForm(placeholder_names(versions), data), versions)


def composition(data: Mapping[str, Any]) -> Composition:
    """The validated composition of `data`, or ValidationFailed with every error (step 1's
    fields and each unfilled or invalid placeholder `v-<navn>`)."""
    bound = bind(data)
    if not bound.compose.is_valid():
        raise ValidationFailed(form_errors(bound.compose))
    assert bound.values is not None
    if not bound.values.is_valid():
        raise ValidationFailed(form_errors(bound.values))
    cd = bound.compose.cleaned_data
    return Composition(
        title=cd["titel"],
        buyer=cd["ordregiver"],
        intro=cd["indledning"],
        include_reasons=cd["bilag"],
        versions=bound.versions,
        values=bound.values.values(),
    )


def from_document(document: RequirementDocument) -> Composition:
    return Composition(
        title=document.title,
        buyer=document.buyer,
        intro=document.intro,
        include_reasons=document.include_reasons,
        versions=list(document.clause_versions.select_related("clause")),
        values=dict(document.values),
    )


def as_params(comp: Composition) -> list[tuple[str, str]]:
    """The composer's GET parameters that reproduce `comp` (for links back to the steps)."""
    params = [("titel", comp.title), ("ordregiver", comp.buyer)]
    if comp.intro:
        params.append(("indledning", comp.intro))
    if comp.include_reasons:
        params.append(("bilag", "on"))
    params += [("klausul", v.clause.slug) for v in ordered(comp.versions)]
    params += [(value_field_name(k), v) for k, v in comp.values.items()]
    return params


def _paragraphs(text: str) -> list[str]:
    return [p.strip() for p in text.replace("\r\n", "\n").split("\n\n") if p.strip()]


def _today() -> str:
    return date_format(timezone.localdate(), "DATE_FORMAT")


# --- DOCX ------------------------------------------------------------------------------------


def to_docx(comp: Composition) -> bytes:
    """Title, intro, numbered requirements per theme under headings, an optional appendix with
    the reasons, and a footer naming each clause id and version."""
    from docx import Document
    from docx.shared import Pt

    doc = Document()
    doc.core_properties.title = comp.title
    doc.core_properties.author = comp.buyer
    doc.core_properties.comments = _("Sammensat i Smartby af klausulerne %(ids)s") % {
        "ids": comp.clause_ids()
    }
    doc.core_properties.language = "da-DK"
    doc.add_heading(comp.title, level=0)
    meta = doc.add_paragraph()
    meta.add_run(_("Ordregiver: %(buyer)s · %(date)s") % {"buyer": comp.buyer, "date": _today()})
    for paragraph in _paragraphs(comp.intro_text()):
        doc.add_paragraph(paragraph)
    sections = comp.sections()
    for section in sections:
        doc.add_heading(f"{section.number}. {section.label}", level=1)
        for item in section.items:
            doc.add_heading(f"{item.number} {item.version.clause.title}", level=2)
            for paragraph in _paragraphs(item.text):
                doc.add_paragraph(paragraph)
    if comp.include_reasons:
        doc.add_page_break()
        doc.add_heading(_("Bilag: Begrundelser for kravene"), level=1)
        for section in sections:
            for item in section.items:
                doc.add_heading(f"{item.number} {item.version.clause.title}", level=2)
                for paragraph in _paragraphs(item.version.reason):
                    doc.add_paragraph(paragraph)
    footer = doc.sections[0].footer.paragraphs[0]
    run = footer.add_run(_("Klausuler fra Smartby: %(ids)s") % {"ids": comp.clause_ids()})
    run.font.size = Pt(8)
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()


# --- PDF -------------------------------------------------------------------------------------


def to_pdf(comp: Composition) -> bytes:
    """The same content as the DOCX; the clause ids and versions close the document in a table
    (the page footer carries the title)."""
    pdf = PdfDocument(comp.title, author=comp.buyer, footer=comp.title[:80])
    pdf.paragraph(
        _("Ordregiver: %(buyer)s · %(date)s") % {"buyer": comp.buyer, "date": _today()}, bold=True
    )
    for paragraph in _paragraphs(comp.intro_text()):
        pdf.paragraph(paragraph)
    sections = comp.sections()
    for section in sections:
        pdf.heading(f"{section.number}. {section.label}", level=2)
        for item in section.items:
            pdf.heading(f"{item.number} {item.version.clause.title}", level=3)
            for paragraph in _paragraphs(item.text):
                pdf.paragraph(paragraph)
    if comp.include_reasons:
        pdf.heading(_("Bilag: Begrundelser for kravene"), level=2)
        for section in sections:
            for item in section.items:
                pdf.heading(f"{item.number} {item.version.clause.title}", level=3)
                for paragraph in _paragraphs(item.version.reason):
                    pdf.paragraph(paragraph)
    pdf.heading(_("Klausuler og versioner"), level=2)
    pdf.table(
        [_("Nr."), _("Klausul"), _("Id"), _("Version")],
        [
            [
                item.number,
                item.version.clause.title,
                item.version.clause.slug,
                str(item.version.number),
            ]
            for section in sections
            for item in section.items
        ],
        widths=[15, 85, 50, 20],
    )
    return pdf.bytes()
