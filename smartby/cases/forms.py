"""Validation of use cases and business cases: the one place shared by the UI and the API.

`BusinessCaseEditor` bundles the business-case form and its lines formset; `errors()` flattens
all errors into `{"field", "message"}` items with paths such as `lines[1].amount`.
"""

from decimal import Decimal
from typing import Any

from django import forms
from django.db.models import Q
from django.forms.models import BaseInlineFormSet, inlineformset_factory
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from smartby.cases import permissions
from smartby.cases.models import (
    MAX_AMOUNT,
    MAX_FIRST_YEAR,
    MAX_HORIZON,
    MAX_RATE,
    MIN_FIRST_YEAR,
    BusinessCase,
    BusinessCaseLine,
    LineKind,
    UseCase,
)
from smartby.cases.numbers import format_amount, parse_decimal
from smartby.catalogue.models import Solution, Standard
from smartby.lib.errors import form_errors
from smartby.orgs.models import Organisation
from smartby.registry.models import Area, Project

MAX_PROJECTS = 100
MAX_LINES = 200


class UseCaseFilterForm(forms.Form):
    """The GET filters of the list (area is a slug)."""

    q = forms.CharField(label=gettext_lazy("Søg i use cases"), required=False, max_length=200)
    area = forms.ChoiceField(label=gettext_lazy("Område"), required=False)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        areas = Area.objects.values_list("slug", "name")
        self.fields["area"].choices = [("", _("Alle områder")), *areas]


class DanishDecimalField(forms.DecimalField):
    """Accepts "3,5", "3.5" and "1.234.567,89"; shown as a text field with a decimal keyboard."""

    widget = forms.TextInput(attrs={"inputmode": "decimal"})

    def to_python(self, value: Any) -> Decimal | None:
        if value in self.empty_values:
            return None
        if isinstance(value, Decimal | int):
            return Decimal(value)
        number = parse_decimal(str(value))
        if number is None:
            raise forms.ValidationError(self.error_messages["invalid"], code="invalid")
        return number

    def prepare_value(self, value: Any) -> Any:
        return format_amount(value) if isinstance(value, Decimal) else value


class ProjectsField(forms.Field):
    """Linked projects, one per line: a project's address (…/projekter/<slug>/), slug or id.
    A text field rather than a list of every project: the registry holds thousands."""

    widget = forms.Textarea(attrs={"rows": 4})

    def prepare_value(self, value: Any) -> str:
        if isinstance(value, str):
            return value
        items = list(value or [])
        slugs = [p.slug if isinstance(p, Project) else str(p) for p in items]
        if slugs and all(isinstance(p, int) for p in items):
            slugs = list(Project.objects.filter(pk__in=items).values_list("slug", flat=True))
        return "\n".join(slugs)

    def to_python(self, value: Any) -> list[str]:
        if isinstance(value, list | tuple):
            tokens = [str(v) for v in value]
        else:
            tokens = str(value or "").replace(",", "\n").splitlines()
        result = []
        for token in tokens:
            token = token.strip().strip("/")
            if not token:
                continue
            token = token.rsplit("/", 1)[-1]
            if token not in result:
                result.append(token)
        return result

    def clean(self, value: Any) -> list[Project]:
        tokens = self.to_python(value)
        if self.required and not tokens:
            raise forms.ValidationError(self.error_messages["required"], code="required")
        if len(tokens) > MAX_PROJECTS:
            raise forms.ValidationError(
                _("Højst %(n)d projekter kan knyttes til en use case.") % {"n": MAX_PROJECTS}
            )
        clean_tokens = [t.replace("\x00", "") for t in tokens]
        found = list(Project.objects.filter(Q(slug__in=clean_tokens) | Q(uid__in=clean_tokens)))
        by_key = {p.slug: p for p in found} | {p.uid: p for p in found}
        unknown = [t for t in clean_tokens if t not in by_key]
        if unknown:
            raise forms.ValidationError(
                _("Ukendt projekt: %(names)s.") % {"names": ", ".join(unknown[:5])}
            )
        projects: list[Project] = []
        for t in clean_tokens:
            if by_key[t] not in projects:
                projects.append(by_key[t])
        return projects


class UseCaseForm(forms.ModelForm):
    solutions = forms.ModelMultipleChoiceField(
        label=gettext_lazy("Løsninger fra markedsoverblikket"),
        queryset=Solution.objects.select_related("supplier__organisation"),
        to_field_name="slug",
        required=False,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"invalid_choice": gettext_lazy("Ukendt løsning: %(value)s.")},
    )
    standards = forms.ModelMultipleChoiceField(
        label=gettext_lazy("Standarder"),
        queryset=Standard.objects.all(),
        to_field_name="slug",
        required=False,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"invalid_choice": gettext_lazy("Ukendt standard: %(value)s.")},
    )
    projects = ProjectsField(
        label=gettext_lazy("Projekter"),
        required=False,
        help_text=gettext_lazy(
            "Projekter, der bruger eller afprøver use casen: én projektadresse pr. linje, "
            "fx https://…/projekter/affaldssensorer-i-aarhus/ eller blot affaldssensorer-i-aarhus."
        ),
    )

    class Meta:
        model = UseCase
        fields = [
            "title",
            "problem",
            "target_group",
            "data_needed",
            "benefits",
            "risks",
            "area",
            "owner_organisation",
            "solutions",
            "standards",
            "projects",
        ]
        widgets = {
            "problem": forms.Textarea(attrs={"rows": 5}),
            "data_needed": forms.Textarea(attrs={"rows": 3}),
            "benefits": forms.Textarea(attrs={"rows": 3}),
            "risks": forms.Textarea(attrs={"rows": 3}),
        }
        help_texts = {
            "problem": gettext_lazy(
                "Hvilket problem løser use casen, og for hvem? Markdown er tilladt."
            ),
            "target_group": gettext_lazy("Fx borgere, medarbejdere i hjemmeplejen, driftsfolk."),
            "data_needed": gettext_lazy("Hvilke data, sensorer og netværk kræver løsningen?"),
            "owner_organisation": gettext_lazy("Organisationen, der vedligeholder use casen."),
        }
        error_messages = {
            "title": {"required": gettext_lazy("Use casen skal have en titel.")},
            "problem": {"required": gettext_lazy("Beskriv problemet, som use casen løser.")},
            "target_group": {"required": gettext_lazy("Angiv målgruppen.")},
            "area": {
                "required": gettext_lazy("Vælg et forvaltningsområde."),
                "invalid_choice": gettext_lazy("Ukendt område."),
            },
            "owner_organisation": {
                "required": gettext_lazy("Vælg den organisation, der ejer use casen."),
                "invalid_choice": gettext_lazy("Ukendt organisation, eller en du ikke er med i."),
            },
        }

    def __init__(self, *args: Any, user: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for name in ("problem", "data_needed", "benefits", "risks"):
            self.fields[name].max_length = 10000
            self.fields[name].widget.attrs["maxlength"] = 10000
        owner = self.fields["owner_organisation"]
        if user is not None and not permissions.is_coordinator(user):
            allowed = set(permissions.organisation_ids(user))
            if self.instance.pk:
                allowed.add(self.instance.owner_organisation_id)
            owner.queryset = Organisation.objects.filter(pk__in=allowed)
        if self.instance.pk is None and not self.initial.get("owner_organisation"):
            only = list(owner.queryset.values_list("pk", flat=True)[:2])
            if len(only) == 1:
                self.initial["owner_organisation"] = only[0]


class BusinessCaseForm(forms.ModelForm):
    first_year = forms.IntegerField(
        label=gettext_lazy("Første år"),
        min_value=MIN_FIRST_YEAR,
        max_value=MAX_FIRST_YEAR,
        help_text=gettext_lazy("År 0 i beregningen; det tilbagediskonteres ikke."),
        error_messages={
            "required": gettext_lazy("Angiv det første år."),
            "invalid": gettext_lazy("Skriv et årstal, fx 2026."),
            "min_value": gettext_lazy("Året skal være %(limit_value)s eller senere."),
            "max_value": gettext_lazy("Året skal være %(limit_value)s eller tidligere."),
        },
    )
    horizon_years = forms.IntegerField(
        label=gettext_lazy("Tidshorisont (år)"),
        min_value=1,
        max_value=MAX_HORIZON,
        help_text=gettext_lazy("Antal år i beregningen, 1–20."),
        error_messages={
            "required": gettext_lazy("Angiv tidshorisonten i år."),
            "invalid": gettext_lazy("Skriv et helt antal år."),
            "min_value": gettext_lazy("Tidshorisonten skal være mindst 1 år."),
            "max_value": gettext_lazy("Tidshorisonten kan højst være 20 år."),
        },
    )
    discount_rate = DanishDecimalField(
        label=gettext_lazy("Diskonteringsrente (%)"),
        min_value=Decimal(0),
        max_value=MAX_RATE,
        max_digits=4,
        decimal_places=2,
        help_text=gettext_lazy(
            "0–20 %. Finansministeriets samfundsøkonomiske diskonteringsrente er 3,5 %."
        ),
        error_messages={
            "required": gettext_lazy("Angiv diskonteringsrenten i procent."),
            "invalid": gettext_lazy("Skriv renten som et tal, fx 3,5."),
            "min_value": gettext_lazy("Renten kan ikke være negativ."),
            "max_value": gettext_lazy("Renten kan højst være 20 %%."),
            "max_decimal_places": gettext_lazy("Højst to decimaler."),
            "max_digits": gettext_lazy("Renten kan højst være 20 %%."),
        },
    )

    class Meta:
        model = BusinessCase
        fields = ["title", "first_year", "horizon_years", "discount_rate", "notes"]
        widgets = {"notes": forms.Textarea(attrs={"rows": 4})}
        help_texts = {
            "title": gettext_lazy("Fx Basisscenarie, Fuld udrulning eller Pessimistisk."),
            "notes": gettext_lazy("Forudsætninger, kilder og usikkerheder. Markdown er tilladt."),
        }
        error_messages = {"title": {"required": gettext_lazy("Giv scenariet en titel.")}}

    def __init__(self, *args: Any, use_case: UseCase, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.use_case = use_case
        self.fields["notes"].max_length = 10000

    def clean_title(self) -> str:
        title = self.cleaned_data["title"].strip()
        taken = BusinessCase.objects.filter(use_case=self.use_case, title__iexact=title)
        if self.instance.pk:
            taken = taken.exclude(pk=self.instance.pk)
        if taken.exists():
            raise forms.ValidationError(_("Use casen har allerede et scenarie med den titel."))
        return title


class LineForm(forms.ModelForm):
    year = forms.IntegerField(
        label=gettext_lazy("År"),
        required=False,
        min_value=0,
        max_value=MAX_HORIZON - 1,
        help_text=gettext_lazy("0 = første år"),
        error_messages={
            "invalid": gettext_lazy("Skriv år som et helt tal (0 = første år)."),
            "min_value": gettext_lazy("År kan ikke være negativt (0 = første år)."),
            "max_value": gettext_lazy("Året ligger uden for tidshorisonten."),
        },
    )
    amount = DanishDecimalField(
        label=gettext_lazy("Beløb (kr.)"),
        required=False,
        min_value=Decimal(0),
        max_value=MAX_AMOUNT,
        max_digits=14,
        decimal_places=2,
        error_messages={
            "invalid": gettext_lazy("Skriv beløbet som et tal, fx 125.000 eller 125000,50."),
            "min_value": gettext_lazy(
                "Beløbet kan ikke være negativt; vælg typen for at angive omkostning eller gevinst."
            ),
            "max_value": gettext_lazy("Beløbet er for stort."),
            "max_digits": gettext_lazy("Beløbet er for stort."),
            "max_decimal_places": gettext_lazy("Højst to decimaler (øre)."),
        },
    )

    class Meta:
        model = BusinessCaseLine
        fields = ["kind", "label", "year", "amount"]
        error_messages = {
            "kind": {
                "required": gettext_lazy("Vælg linjens type."),
                "invalid_choice": gettext_lazy("Ukendt type: %(value)s."),
            },
            "label": {"required": gettext_lazy("Beskriv linjen.")},
        }

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        kind = data.get("kind")
        if kind == LineKind.NON_ECONOMIC:
            if data.get("amount") is not None:
                self.add_error(
                    "amount",
                    _(
                        "En ikke-økonomisk gevinst har intet beløb; beskriv den i teksten, "
                        "eller vælg økonomisk gevinst."
                    ),
                )
        elif kind:
            if data.get("amount") is None and "amount" not in self.errors:
                self.add_error("amount", _("Angiv et beløb."))
            if data.get("year") is None and "year" not in self.errors:
                self.add_error("year", _("Angiv året (0 = første år)."))
        return data

    def _post_clean(self) -> None:
        # The model's CheckConstraints repeat the checks above; keep only our messages.
        super()._post_clean()
        if "__all__" in self._errors:
            self._errors["__all__"] = self.error_class(
                [e for e in self._errors["__all__"] if "businesscaseline_" not in str(e)]
            )
            if not self._errors["__all__"]:
                del self._errors["__all__"]


class LineFormSet(BaseInlineFormSet):
    horizon: int | None = None

    def add_fields(self, form: forms.Form, index: int | None) -> None:
        super().add_fields(form, index)
        if "DELETE" in form.fields:
            form.fields["DELETE"].label = gettext_lazy("Fjern linjen")

    def clean(self) -> None:
        super().clean()
        if self.horizon is None:
            return
        for form in self.forms:
            if not hasattr(form, "cleaned_data") or form.cleaned_data.get("DELETE"):
                continue
            year = form.cleaned_data.get("year")
            if year is not None and year >= self.horizon:
                form.add_error(
                    "year",
                    _("Året ligger uden for tidshorisonten (0–%(last)d).")
                    % {"last": self.horizon - 1},
                )


LineFormSetClass = inlineformset_factory(
    BusinessCase,
    BusinessCaseLine,
    form=LineForm,
    formset=LineFormSet,
    extra=0,
    can_delete=True,
    max_num=MAX_LINES,
    validate_max=True,
    absolute_max=MAX_LINES,
)


class BusinessCaseEditor:
    """The business-case form and its lines, validated and saved together."""

    prefix = "lines"

    def __init__(
        self,
        data: Any = None,
        *,
        use_case: UseCase,
        instance: BusinessCase | None = None,
        initial: dict[str, Any] | None = None,
    ) -> None:
        self.instance = instance or BusinessCase(use_case=use_case)
        self.form = BusinessCaseForm(
            data, instance=self.instance, use_case=use_case, initial=initial
        )
        self.lines = LineFormSetClass(data, instance=self.instance, prefix=self.prefix)

    def is_valid(self) -> bool:
        valid = self.form.is_valid()
        self.lines.horizon = self.form.cleaned_data.get("horizon_years")
        return self.lines.is_valid() and valid

    def errors(self) -> list[dict[str, str]]:
        """All errors as `{"field", "message"}` items, in form order."""
        return form_errors(self.form, {"lines": self.lines})

    def error_summary(self) -> list[dict[str, str]]:
        """The errors with a human label and the id of the field's wrapper, for the UI."""
        items = []
        for name, field in self.form.fields.items():
            for message in self.form.errors.get(name, []):
                items.append(
                    {"label": str(field.label), "anchor": f"field-{name}", "message": message}
                )
        items += [{"label": "", "anchor": "", "message": m} for m in self.form.non_field_errors()]
        title = _("Linje")
        items += [
            {"label": title, "anchor": "", "message": m} for m in self.lines.non_form_errors()
        ]
        for i, form in enumerate(self.lines.forms):
            for field_name, messages in form.errors.items():
                field = form.fields.get(field_name)
                label = f"{title} {i + 1}" + (f": {field.label}" if field else "")
                anchor = f"line-{i}" if not field else f"field-{form.add_prefix(field_name)}"
                items += [{"label": label, "anchor": anchor, "message": m} for m in messages]
        return items

    def save_all(self) -> BusinessCase:
        """Save the business case and its lines. The caller holds the transaction."""
        business_case = self.form.save()
        self.lines.instance = business_case
        self.lines.save()
        return business_case


def business_case_form_data(
    record: dict[str, Any], instance: BusinessCase | None = None
) -> dict[str, str]:
    """POST-style data for `BusinessCaseEditor` from an API record: the record's lines replace
    the existing ones (reusing their rows in order, deleting the rest)."""
    data: dict[str, str] = {}
    for key in ("title", "first_year", "horizon_years", "discount_rate", "notes"):
        value = record.get(key)
        data[key] = "" if value is None else _plain(value)
    existing = list(instance.lines.order_by("id")) if instance and instance.pk else []
    lines = list(record.get("lines") or [])
    total = max(len(existing), len(lines))
    data["lines-TOTAL_FORMS"] = str(total)
    data["lines-INITIAL_FORMS"] = str(len(existing))
    for i in range(total):
        prefix = f"lines-{i}-"
        if i < len(existing):
            data[prefix + "id"] = str(existing[i].pk)
        if i < len(lines):
            for key in ("kind", "label", "year", "amount"):
                value = lines[i].get(key)
                data[prefix + key] = "" if value is None else _plain(value)
        else:
            data[prefix + "DELETE"] = "on"
    return data


def _plain(value: Any) -> str:
    """Numbers as plain text the Danish parser reads unambiguously ("1234.50", never "1.000")."""
    if isinstance(value, float | Decimal):
        return f"{Decimal(str(value)).quantize(Decimal('0.01')):f}"
    return str(value)


def use_case_form_data(changes: dict[str, Any], instance: UseCase | None = None) -> dict[str, Any]:
    """POST-style data for `UseCaseForm` from an API record: `instance`'s current values (for
    PATCH) overlaid with `changes`. Area and owner are slugs, solutions and standards slugs,
    projects ids or slugs."""
    data: dict[str, Any] = {}
    if instance is not None and instance.pk:
        data = {
            "title": instance.title,
            "problem": instance.problem,
            "target_group": instance.target_group,
            "data_needed": instance.data_needed,
            "benefits": instance.benefits,
            "risks": instance.risks,
            "area": str(instance.area_id),
            "owner_organisation": str(instance.owner_organisation_id),
            "solutions": list(instance.solutions.values_list("slug", flat=True)),
            "standards": list(instance.standards.values_list("slug", flat=True)),
            "projects": list(instance.projects.values_list("slug", flat=True)),
        }
    for key in ("title", "problem", "target_group", "data_needed", "benefits", "risks"):
        if key in changes:
            data[key] = changes[key] or ""
    if "area" in changes:
        data["area"] = _pk_for(Area, changes["area"])
    if "owner_organisation" in changes:
        data["owner_organisation"] = _pk_for(Organisation, changes["owner_organisation"])
    for key in ("solutions", "standards", "projects"):
        if key in changes:
            data[key] = [_no_nul(v) for v in changes[key] or []]
    return data


def _no_nul(value: Any) -> str:
    """PostgreSQL refuses NUL in text; such a value names nothing."""
    return str(value).replace("\x00", "")


def _pk_for(model: type, slug: Any) -> str:
    """The pk of the object with `slug`, or "0" (an unknown choice) so the form says so."""
    if not slug:
        return ""
    pk = model.objects.filter(slug=_no_nul(slug)).values_list("pk", flat=True).first()
    return str(pk) if pk is not None else "0"
