"""Survey and round management (coordinators only): create, edit and close rounds, and import
responses from CSV. Each checks permission, validates (`forms`, `versions.validate_answers`),
writes in one transaction and records an audit entry. Commands pass `actor=None` (trusted)."""

import csv
import io
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from typing import Any

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.http import QueryDict
from django.utils import timezone
from django.utils.translation import gettext as _

from smartby.audit.operations import changes as audit_changes
from smartby.audit.operations import record as audit
from smartby.geo.models import Municipality
from smartby.lib.errors import ValidationFailed, form_errors
from smartby.lib.text import danish_slugify
from smartby.registry.permissions import is_coordinator
from smartby.surveys.answering import sync_expiry
from smartby.surveys.forms import RoundForm
from smartby.surveys.models import ITEM_TYPES, QuestionType, Response, ResponseStatus, Round, Survey
from smartby.surveys.versions import question_specs, validate_answers

CSV_COLUMNS = ("kommune_kode", "spoergsmaal", "svar")


def can_manage(user: Any) -> bool:
    """Managing surveys and rounds is for coordinators (and superusers)."""
    return is_coordinator(user)


def _require_manager(actor: Any) -> None:
    if actor is not None and not can_manage(actor):
        raise PermissionDenied(_("Kun koordinatorer kan administrere undersøgelser."))


def unique_round_key(name: str, exclude_pk: int | None = None) -> str:
    base = danish_slugify(name, max_length=70) or "runde"
    taken = Round.objects.filter(key__startswith=base)
    if exclude_pk is not None:
        taken = taken.exclude(pk=exclude_pk)
    keys = set(taken.values_list("key", flat=True))
    key, n = base, 1
    while key in keys:
        n += 1
        key = f"{base}-{n}"
    return key


def _round_snapshot(round_: Round) -> dict[str, Any]:
    return {
        "name": round_.name,
        "description": round_.description,
        "opens_on": round_.opens_on.isoformat(),
        "closes_on": round_.closes_on.isoformat(),
        "population": sorted(round_.population.values_list("code", flat=True)),
        "version": round_.version.number,
        "closed_at": round_.closed_at.isoformat() if round_.closed_at else None,
    }


def _form_data(initial: dict[str, Any], data: Any) -> QueryDict:
    """`initial` overlaid with `data` (a dict, or a QueryDict from a request) as form data."""
    merged = QueryDict(mutable=True)
    for source in (initial, data):
        for key in source:
            if hasattr(source, "getlist"):
                values = source.getlist(key)
            else:
                value = source[key]
                values = list(value) if isinstance(value, list | tuple) else [value]
            merged.setlist(key, [str(v) for v in values])
    return merged


def _round_form(data: Any, *, default_population: bool) -> RoundForm:
    initial = {}
    if default_population and "population" not in data:
        initial["population"] = list(Municipality.objects.values_list("code", flat=True))
    return RoundForm(_form_data(initial, data))


def create_round(actor: Any, survey: Survey, data: dict[str, Any], *, source: str = "web") -> Round:
    """A new round of the survey's newest version. `data`: name, opens_on, closes_on,
    description (optional), population (municipality codes; all 98 when absent)."""
    _require_manager(actor)
    form = _round_form(data, default_population=True)
    if not form.is_valid():
        raise ValidationFailed(form_errors(form))
    version = survey.latest_version()
    if version is None:
        raise ValidationFailed([{"field": "", "message": _("Spørgeskemaet har ingen spørgsmål.")}])
    cleaned = form.cleaned_data
    with transaction.atomic():
        round_ = Round.objects.create(
            version=version,
            key=unique_round_key(cleaned["name"]),
            name=cleaned["name"],
            description=cleaned["description"],
            opens_on=cleaned["opens_on"],
            closes_on=cleaned["closes_on"],
            created_by=actor if getattr(actor, "is_authenticated", False) else None,
        )
        round_.population.set(cleaned["population"])
        audit(
            actor=actor,
            action="create",
            obj=round_,
            changes=audit_changes({}, _round_snapshot(round_)),
            source=source,
        )
    return round_


def round_initial(round_: Round) -> dict[str, Any]:
    """A round's current values as form data."""
    return {
        "name": round_.name,
        "description": round_.description,
        "opens_on": round_.opens_on,
        "closes_on": round_.closes_on,
        "population": list(round_.population.values_list("code", flat=True)),
    }


def update_round(actor: Any, round_: Round, data: dict[str, Any], *, source: str = "web") -> Round:
    """Change a round's name, description, dates and population. A municipality that has
    answered cannot be taken out of the population."""
    _require_manager(actor)
    if round_.is_baseline:
        raise ValidationFailed([{"field": "", "message": _("En baseline-runde kan ikke ændres.")}])
    form = RoundForm(_form_data(round_initial(round_), data))
    if not form.is_valid():
        raise ValidationFailed(form_errors(form))
    cleaned = form.cleaned_data
    keep = {m.pk for m in cleaned["population"]}
    answered = Municipality.objects.filter(survey_responses__round=round_).exclude(pk__in=keep)
    if answered.exists():
        names = ", ".join(m.name for m in answered[:5])
        raise ValidationFailed(
            [
                {
                    "field": "population",
                    "message": _("Disse kommuner har svaret og kan ikke fjernes: %(names)s.")
                    % {"names": names},
                }
            ]
        )
    with transaction.atomic():
        round_ = Round.objects.select_for_update().get(pk=round_.pk)
        old = _round_snapshot(round_)
        for name in ("name", "description", "opens_on", "closes_on"):
            setattr(round_, name, cleaned[name])
        round_.save()
        round_.population.set(cleaned["population"])
        new = _round_snapshot(round_)
        if old["closes_on"] != new["closes_on"]:
            sync_expiry(round_)  # the personal links expire with the round
        if old != new:
            audit(
                actor=actor,
                action="update",
                obj=round_,
                changes=audit_changes(old, new),
                source=source,
            )
    return round_


def close_round(actor: Any, round_: Round, *, source: str = "web") -> Round:
    """Close a round now (before its closing date): no more answers are taken."""
    _require_manager(actor)
    if round_.is_baseline:
        raise ValidationFailed([{"field": "", "message": _("En baseline-runde kan ikke lukkes.")}])
    with transaction.atomic():
        round_ = Round.objects.select_for_update().get(pk=round_.pk)
        if round_.status == "closed":
            raise ValidationFailed([{"field": "", "message": _("Runden er allerede lukket.")}])
        round_.closed_at = timezone.now()
        round_.save(update_fields=["closed_at"])
        audit(
            actor=actor,
            action="close",
            obj=round_,
            changes={"closed_at": {"old": None, "new": round_.closed_at.isoformat()}},
            source=source,
        )
    return round_


# --- importing responses from CSV -------------------------------------------------------------


@dataclass
class ImportResult:
    created: int = 0
    replaced: int = 0
    municipalities: list[str] = field(default_factory=list)


def _line_error(line: int, message: str) -> dict[str, Any]:
    return {"line": line, "message": message}


def _parse_number(text: str) -> float | int | None:
    cleaned = text.strip().replace(" ", "").replace("\u00a0", "")
    if "," in cleaned and "." in cleaned:
        cleaned = cleaned.replace(".", "")
    cleaned = cleaned.replace(",", ".")
    try:
        value = Decimal(cleaned)
    except InvalidOperation:
        return None
    if not value.is_finite():
        return None
    return int(value) if value == value.to_integral_value() else float(value)


def parse_response_csv(
    round_: Round, text: str
) -> tuple[dict[str, dict[str, Any]], list[dict[str, Any]]]:
    """Read `kommune_kode,spoergsmaal,svar` rows into {municipality code: answers} and check
    everything (`validate_answers` on each municipality's answers, too). Errors carry the line
    number (the header is line 1)."""
    try:
        return _parse_response_csv(round_, text)
    except csv.Error as exc:  # e.g. a stray carriage return inside an unquoted field
        return {}, [_line_error(0, _("Filen kan ikke læses som CSV (%(error)s).") % {"error": exc})]


def _parse_response_csv(
    round_: Round, text: str
) -> tuple[dict[str, dict[str, Any]], list[dict[str, Any]]]:
    errors: list[dict[str, Any]] = []
    if round_.is_baseline:
        return {}, [_line_error(0, _("Runden er en baseline-runde og kan ikke tage besvarelser."))]
    first = text.splitlines()[0] if text.strip() else ""
    delimiter = ";" if ";" in first and "," not in first else ","
    reader = csv.reader(io.StringIO(text), delimiter=delimiter)
    header = [h.strip().lower() for h in next(reader, [])]
    if any(column not in header for column in CSV_COLUMNS):
        return {}, [
            _line_error(
                1, _("Filen skal have kolonnerne %(columns)s.") % {"columns": ",".join(CSV_COLUMNS)}
            )
        ]
    index = {column: header.index(column) for column in CSV_COLUMNS}
    specs = {s["key"]: s for s in question_specs(round_.version)}
    municipalities = {m.code: m for m in Municipality.objects.all()}
    population = set(round_.population.values_list("code", flat=True))
    answers: dict[str, dict[str, Any]] = {}
    lines: dict[tuple[str, str], int] = {}  # (code, question) -> first line
    seen: dict[tuple[str, str, str], int] = {}  # duplicate detection
    for line_no, row in enumerate(reader, start=2):
        if not any(cell.strip() for cell in row):
            continue
        if len(row) < len(header):
            errors.append(_line_error(line_no, _("Linjen har for få kolonner.")))
            continue
        code_raw = row[index["kommune_kode"]].strip()
        target = row[index["spoergsmaal"]].strip()
        value = row[index["svar"]].strip()
        code = code_raw.zfill(3) if code_raw.isdigit() else code_raw
        if code not in municipalities:
            errors.append(
                _line_error(line_no, _("Ukendt kommunekode „%(code)s“.") % {"code": code_raw})
            )
            continue
        if code not in population:
            errors.append(
                _line_error(
                    line_no,
                    _("%(name)s er ikke med i rundens population.")
                    % {"name": municipalities[code].name},
                )
            )
            continue
        question_key, _dot, item_key = target.partition(".")
        spec = specs.get(question_key)
        if spec is None:
            errors.append(
                _line_error(line_no, _("Ukendt spørgsmål „%(key)s“.") % {"key": question_key})
            )
            continue
        kind = spec["type"]
        if kind in ITEM_TYPES and not item_key:
            errors.append(
                _line_error(
                    line_no,
                    _("Angiv delspørgsmålet som %(key)s.NØGLE.") % {"key": question_key},
                )
            )
            continue
        if kind not in ITEM_TYPES and item_key:
            errors.append(
                _line_error(
                    line_no,
                    _("Spørgsmålet „%(key)s“ har ingen delspørgsmål.") % {"key": question_key},
                )
            )
            continue
        if item_key and item_key not in {i["key"] for i in spec["items"]}:
            errors.append(
                _line_error(line_no, _("Ukendt delspørgsmål „%(key)s“.") % {"key": target})
            )
            continue
        if value == "":
            errors.append(_line_error(line_no, _("Svaret er tomt.")))
            continue
        options = {o["key"] for o in spec["options"]}
        if (
            kind in (QuestionType.SINGLE, QuestionType.MULTIPLE, *ITEM_TYPES)
            and value not in options
        ):
            errors.append(
                _line_error(
                    line_no,
                    _("Ukendt svarmulighed „%(value)s“ (mulige: %(options)s).")
                    % {"value": value, "options": ", ".join(o["key"] for o in spec["options"])},
                )
            )
            continue
        parsed: Any = value
        if kind == QuestionType.NUMBER:
            parsed = _parse_number(value)
            if parsed is None:
                errors.append(
                    _line_error(line_no, _("„%(value)s“ er ikke et tal.") % {"value": value})
                )
                continue
        duplicate_key = (
            code,
            target,
            value if kind == QuestionType.MULTIPLE else "",
        )
        if duplicate_key in seen:
            errors.append(
                _line_error(
                    line_no,
                    _("%(name)s har allerede et svar på „%(key)s“ (linje %(line)d).")
                    % {
                        "name": municipalities[code].name,
                        "key": target,
                        "line": seen[duplicate_key],
                    },
                )
            )
            continue
        seen[duplicate_key] = line_no
        lines.setdefault((code, question_key), line_no)
        lines.setdefault((code, ""), line_no)
        mine = answers.setdefault(code, {})
        if kind == QuestionType.MULTIPLE:
            mine.setdefault(question_key, []).append(parsed)
        elif kind in ITEM_TYPES:
            mine.setdefault(question_key, {})[item_key] = parsed
        else:
            mine[question_key] = parsed
    spec_list = list(specs.values())
    for code, mine in answers.items():
        for problem in validate_answers(spec_list, mine):
            line_no = lines.get((code, problem["question"])) or lines[(code, "")]
            target = problem["field"]
            errors.append(
                _line_error(
                    line_no,
                    f"{municipalities[code].name} ({target}): {problem['message']}",
                )
            )
    errors.sort(key=lambda e: e["line"])
    return answers, errors


def import_responses(
    actor: Any,
    round_: Round,
    text: str,
    *,
    allow_closed: bool = False,
    source: str = "cli",
) -> ImportResult:
    """Import submitted responses from CSV text: all or nothing. Raises `ValidationFailed` with
    {"line", "message"} errors; a municipality's existing response is replaced."""
    _require_manager(actor)
    if round_.status == "closed" and not allow_closed:
        raise ValidationFailed(
            [_line_error(0, _("Runden er lukket. Brug --allow-closed for at importere alligevel."))]
        )
    answers, errors = parse_response_csv(round_, text)
    if errors:
        raise ValidationFailed(errors)
    result = ImportResult()
    now = timezone.now()
    user = actor if getattr(actor, "is_authenticated", False) else None
    with transaction.atomic():
        existing = {
            r.municipality.code: r
            for r in Response.objects.select_for_update()
            .filter(round=round_, municipality__code__in=answers)
            .select_related("municipality")
        }
        municipalities = {m.code: m for m in Municipality.objects.filter(code__in=answers)}
        for code in sorted(answers):
            response = existing.get(code)
            old = {"status": response.status, "answers": response.answers} if response else {}
            if response is None:
                response = Response(round=round_, municipality=municipalities[code])
                result.created += 1
            else:
                result.replaced += 1
            response.answers = answers[code]
            response.status = ResponseStatus.SUBMITTED
            response.submitted_at = now
            response.updated_by = user
            response.save()
            audit(
                actor=actor,
                action="import",
                obj=response,
                changes=audit_changes(
                    old, {"status": response.status, "answers": response.answers}
                ),
                source=source,
            )
            result.municipalities.append(municipalities[code].name)
    return result
