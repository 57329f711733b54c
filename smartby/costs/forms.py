"""Forms of collaborations, members, budget years and scenarios: the one place their input is
validated (the operations use them). Budget years and scenarios are also checked with
`allocation.validate`, so nothing that cannot be allocated is saved."""

from decimal import Decimal
from typing import Any

from django import forms
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from smartby.costs import allocation, inputs
from smartby.costs.models import (
    MAX_YEAR,
    MIN_YEAR,
    BudgetYear,
    Collaboration,
    Member,
    MemberKind,
    Scenario,
)
from smartby.geo.models import Municipality, Region
from smartby.lib.forms import CleanTextMixin

LINES_HELP = gettext_lazy("Én pr. linje: NAVN=BELØB, fx „Region Midtjylland=500000“.")


class CollaborationForm(CleanTextMixin, forms.ModelForm):
    class Meta:
        model = Collaboration
        fields = ["name", "description"]
        widgets = {"description": forms.Textarea(attrs={"rows": 5})}


class MemberForm(CleanTextMixin, forms.ModelForm):
    class Meta:
        model = Member
        fields = ["kind", "municipality", "region", "name", "population"]
        help_texts = {
            "name": gettext_lazy("Kan udelades for en kommune eller region (så bruges dens navn).")
        }

    def __init__(self, *args: Any, collaboration: Collaboration, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.collaboration = collaboration
        self.fields["name"].required = False
        self.fields["municipality"].queryset = Municipality.objects.order_by("name")
        self.fields["region"].queryset = Region.objects.order_by("name")

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        kind = data.get("kind")
        municipality = data.get("municipality")
        region = data.get("region")
        if kind == MemberKind.MUNICIPALITY and municipality is None:
            self.add_error("municipality", _("Vælg kommunen."))
        if kind == MemberKind.REGION and region is None:
            self.add_error("region", _("Vælg regionen."))
        if kind != MemberKind.MUNICIPALITY:
            data["municipality"] = None
        if kind != MemberKind.REGION:
            data["region"] = None
        if not data.get("name"):
            source = data.get("municipality") or data.get("region")
            if source is not None:
                data["name"] = str(source)
            elif "name" not in self.errors:
                self.add_error("name", _("Skriv medlemmets navn."))
        name = data.get("name")
        others = self.collaboration.members.exclude(pk=self.instance.pk)
        if name and others.filter(name__iexact=name).exists():
            self.add_error("name", _("Samarbejdet har allerede et medlem med det navn."))
        if data.get("municipality") and others.filter(municipality=data["municipality"]).exists():
            self.add_error("municipality", _("Kommunen er allerede medlem."))
        self.instance.collaboration = self.collaboration
        return data


def _amount_field(label: str, *, required: bool = True) -> forms.CharField:
    return forms.CharField(label=label, max_length=30, required=required)


def _percent_error(errors: list[dict[str, str]]) -> str | None:
    return next((e["message"] for e in errors if e["field"] == "equal_percent"), None)


class _AllocationInputForm(CleanTextMixin, forms.Form):
    """Shared parsing of budget, key and contribution lines."""

    def clean_budget(self) -> int | None:
        text = self.cleaned_data.get("budget") or ""
        if not text:
            return None
        value = inputs.parse_kroner(text)
        if value is None:
            raise forms.ValidationError(_("Skriv et helt antal kroner, fx 2.900.000."))
        message = next((e["message"] for e in allocation.validate(value, [], 0, [("x", 1)])), None)
        if message:
            raise forms.ValidationError(message)
        return value

    def clean_equal_percent(self) -> Decimal | None:
        text = self.cleaned_data.get("equal_percent") or ""
        if not text:
            return None
        message = _percent_error(allocation.validate(0, [], text, [("x", 1)]))
        if message:
            raise forms.ValidationError(message)
        return allocation.parse_percent(text)

    def clean_contributions(self) -> list[tuple[str, int]]:
        parsed = inputs.parse_contribution_lines(
            (self.cleaned_data.get("contributions") or "").splitlines()
        )
        if parsed.errors:
            raise forms.ValidationError([e["message"] for e in parsed.errors])
        messages = [
            e["message"]
            for e in allocation.validate(0, parsed.pairs, 0, [("x", 1)])
            if e["field"].startswith("contributions[")
        ]
        if messages:
            raise forms.ValidationError(messages)
        return parsed.pairs

    def check_allocatable(
        self,
        budget: int | None,
        contributions: list[tuple[str, int]],
        percent: Decimal | None,
        members: list[tuple[str, int]],
    ) -> None:
        """Whole-input checks (contributions above the budget, no members): field errors."""
        if budget is None or percent is None:
            return
        for error in allocation.validate(budget, contributions, percent, members):
            if error["field"] == "contributions":
                self.add_error("contributions" if contributions else "budget", error["message"])
            elif error["field"] == "members" and "members" not in self.errors:
                self.add_error(None, error["message"])


class BudgetYearForm(_AllocationInputForm):
    year = forms.IntegerField(label=gettext_lazy("År"), min_value=MIN_YEAR, max_value=MAX_YEAR)
    budget = _amount_field(gettext_lazy("Budget (kr.)"))
    contributions = forms.CharField(
        label=gettext_lazy("Faste bidrag"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=LINES_HELP,
    )
    equal_percent = forms.CharField(
        label=gettext_lazy("Ligelig andel (%)"),
        max_length=10,
        help_text=gettext_lazy(
            "Den del af beløbet til fordeling, der deles ligeligt; resten fordeles efter "
            "indbyggertal."
        ),
    )
    members = forms.ModelMultipleChoiceField(
        label=gettext_lazy("Deltagende medlemmer"),
        queryset=Member.objects.none(),
        widget=forms.CheckboxSelectMultiple,
    )
    population_date = forms.DateField(
        label=gettext_lazy("Befolkningstal pr."),
        required=False,
        help_text=gettext_lazy(
            "Tom: registrets dato. Tallene gemmes med året, så året bevarer sin fordeling."
        ),
        widget=forms.DateInput(attrs={"type": "date"}),
    )
    populations = forms.CharField(
        label=gettext_lazy("Indtastede befolkningstal"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=gettext_lazy(
            "Valgfrit, én pr. linje: NAVN=BEFOLKNING. Ellers bruges medlemmets tal."
        ),
    )
    notes = forms.CharField(
        label=gettext_lazy("Noter"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )

    def __init__(
        self, *args: Any, collaboration: Collaboration, instance: BudgetYear | None = None, **kw
    ) -> None:
        if instance is not None and "initial" not in kw:
            kw["initial"] = budget_year_initial(instance)
        super().__init__(*args, **kw)
        self.collaboration = collaboration
        self.instance = instance
        self.fields["members"].queryset = collaboration.members.select_related("municipality")
        self.participants: list[tuple[Member, int]] = []

    def clean_year(self) -> int:
        year = self.cleaned_data["year"]
        others = self.collaboration.budget_years.filter(year=year)
        if self.instance is not None:
            others = others.exclude(pk=self.instance.pk)
        if others.exists():
            raise forms.ValidationError(
                _("Samarbejdet har allerede et budget for %(year)s.") % {"year": year}
            )
        return year

    def clean_populations(self) -> dict[str, int]:
        out: dict[str, int] = {}
        errors = []
        for line in (self.cleaned_data.get("populations") or "").splitlines():
            if not line.strip():
                continue
            pair = inputs.parse_pair(line)
            value = inputs.parse_kroner(pair[1]) if pair else None
            if pair is None or value is None:
                errors.append(_("„%(line)s“: skriv NAVN=BEFOLKNING.") % {"line": line.strip()[:60]})
            elif value <= 0:
                errors.append(
                    _("%(name)s: befolkningstallet skal være større end 0.") % {"name": pair[0]}
                )
            else:
                out[allocation.name_key(pair[0])] = value
        if errors:
            raise forms.ValidationError(errors)
        return out

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        members = data.get("members")
        if members is None:
            return data
        entered = dict(data.get("populations") or {})
        participants: list[tuple[Member, int]] = []
        missing = []
        for member in members:
            population = entered.pop(allocation.name_key(member.name), None)
            population = population or member.effective_population
            if not population:
                missing.append(member.name)
            else:
                participants.append((member, population))
        if entered and "populations" not in self.errors:
            self.add_error(
                "populations",
                _("Ikke blandt de valgte medlemmer: %(names)s.") % {"names": ", ".join(entered)},
            )
        if missing:
            self.add_error(
                "members",
                _("Intet befolkningstal for %(names)s: indtast det nedenfor eller på medlemmet.")
                % {"names": ", ".join(missing)},
            )
        self.participants = participants
        self.check_allocatable(
            data.get("budget"),
            data.get("contributions") or [],
            data.get("equal_percent"),
            [(m.name, p) for m, p in participants] or ([("x", 1)] if missing else []),
        )
        if data.get("population_date") is None:
            dates = [m.municipality.population_date for m, _p in participants if m.municipality_id]
            dates = [d for d in dates if d]
            data["population_date"] = max(dates) if dates else None
        return data


def budget_year_initial(by: BudgetYear) -> dict[str, Any]:
    participants = list(by.participants.select_related("member"))
    entered = [
        f"{p.member.name}={p.population}"
        for p in participants
        if p.population != p.member.effective_population
    ]
    return {
        "year": by.year,
        "budget": str(by.budget),
        "contributions": "\n".join(f"{c.name}={c.amount}" for c in by.contributions.all()),
        "equal_percent": f"{by.equal_percent.normalize():f}".replace(".", ","),
        "members": [p.member_id for p in participants],
        "population_date": by.population_date,
        "populations": "\n".join(entered),
        "notes": by.notes,
    }


class ScenarioForm(_AllocationInputForm):
    name = forms.CharField(label=gettext_lazy("Navn"), max_length=200)
    description = forms.CharField(
        label=gettext_lazy("Beskrivelse"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    leaving = forms.ModelMultipleChoiceField(
        label=gettext_lazy("Udtræder"),
        queryset=Member.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    joining = forms.ModelMultipleChoiceField(
        label=gettext_lazy("Indtræder"),
        queryset=Member.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=gettext_lazy("Medlemmer af samarbejdet, der ikke deltager i budgetåret."),
    )
    budget = _amount_field(gettext_lazy("Andet budget (kr.)"), required=False)
    equal_percent = forms.CharField(
        label=gettext_lazy("Anden ligelig andel (%)"), max_length=10, required=False
    )
    replace_contributions = forms.BooleanField(
        label=gettext_lazy("Andre faste bidrag end budgetåret"), required=False
    )
    contributions = forms.CharField(
        label=gettext_lazy("Faste bidrag i scenariet"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=LINES_HELP,
    )

    def __init__(
        self, *args: Any, budget_year: BudgetYear, instance: Scenario | None = None, **kw: Any
    ) -> None:
        if instance is not None and "initial" not in kw:
            kw["initial"] = scenario_initial(instance)
        super().__init__(*args, **kw)
        self.budget_year = budget_year
        self.instance = instance
        participating = budget_year.participants.values_list("member_id", flat=True)
        members = budget_year.collaboration.members.all()
        self.fields["leaving"].queryset = members.filter(pk__in=participating)
        self.fields["joining"].queryset = members.exclude(pk__in=participating)

    def clean_name(self) -> str:
        name = self.cleaned_data["name"]
        others = self.budget_year.scenarios.filter(name__iexact=name)
        if self.instance is not None:
            others = others.exclude(pk=self.instance.pk)
        if others.exists():
            raise forms.ValidationError(_("Budgetåret har allerede et scenarie med det navn."))
        return name

    def clean_joining(self) -> list[Member]:
        joining = list(self.cleaned_data.get("joining") or [])
        missing = [m.name for m in joining if not m.effective_population]
        if missing:
            raise forms.ValidationError(
                _("Intet befolkningstal for %(names)s: indtast det på medlemmet.")
                % {"names": ", ".join(missing)}
            )
        return joining

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        if self.errors:
            return data
        by = self.budget_year
        budget = data["budget"] if data.get("budget") is not None else by.budget
        percent = (
            data["equal_percent"] if data.get("equal_percent") is not None else by.equal_percent
        )
        contributions = (
            data.get("contributions") or []
            if data.get("replace_contributions")
            else [(c.name, c.amount) for c in by.contributions.all()]
        )
        leaving = {m.pk for m in data.get("leaving") or []}
        members = [
            (p.member.name, p.population)
            for p in by.participants.select_related("member")
            if p.member_id not in leaving
        ] + [(m.name, m.effective_population or 0) for m in data.get("joining") or []]
        for error in allocation.validate(budget, contributions, percent, members):
            if error["field"] == "contributions":
                field = "contributions" if data.get("replace_contributions") else "budget"
                self.add_error(field, error["message"])
            elif error["field"] == "members":
                self.add_error("leaving", error["message"])
        return data


def scenario_initial(scenario: Scenario) -> dict[str, Any]:
    return {
        "name": scenario.name,
        "description": scenario.description,
        "leaving": [m.pk for m in scenario.leaving.all()],
        "joining": [m.pk for m in scenario.joining.all()],
        "budget": "" if scenario.budget is None else str(scenario.budget),
        "equal_percent": ""
        if scenario.equal_percent is None
        else f"{scenario.equal_percent.normalize():f}".replace(".", ","),
        "replace_contributions": scenario.contributions is not None,
        "contributions": "\n".join(f"{n}={a}" for n, a in scenario.contributions or []),
    }
