"""The cost-allocation rule of joint collaborations, as a pure function (no database).

The rule (GovTech Midtjylland, KD-Net 2020: "25% heraf fordeles på antal kommuner og 75%
fordeles på antal indbyggere"), in whole kroner:

1. `to_allocate` = budget − the fixed external contributions (e.g. the region's DKK 500,000).
2. The equal part is `equal_percent` % of `to_allocate`, rounded to whole kroner (half a krone
   goes to the equal part); the population part is the rest, so the two parts sum exactly.
3. The equal part is split equally: every member gets ⌊E / n⌋ kr.; the E mod n kroner left go
   one each to the first members in the order *larger population first, then name A–Å*.
4. The population part is split by largest remainder: member i's exact quota is
   P × population_i / total population; everyone gets the whole kroner of their quota, and the
   kroner left go one each to the members with the largest fractional remainder; ties go to the
   larger population first, then name Å–A (reverse).
5. total = equal share + population share. Totals sum exactly to `to_allocate`.

Properties (tested with hypothesis in `tests/test_allocation.py`):
- every column sums exactly (equal shares to E, population shares to P, totals to
  `to_allocate`), and each share is less than 1 kr. from its exact value;
- a member with more inhabitants never pays less than one with fewer (in each part, too);
- members with the same population pay the same, or at most 1 kr. apart: they have the same
  quota in both parts, and because the name order is reversed in step 4, the member that got a
  leftover krone of the equal part is the last of them to get one of the population part.
"""

from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from fractions import Fraction

from django.utils.translation import gettext as _

from smartby.lib.errors import ValidationFailed

MAX_AMOUNT = 999_999_999_999  # kroner; fits a BigIntegerField with room to add
MAX_POPULATION = 100_000_000
MAX_MEMBERS = 500
MAX_CONTRIBUTIONS = 50
MAX_NAME = 200


class AllocationError(ValidationFailed):
    """Input the rule cannot allocate; `errors` is a list of {"field", "message"} in Danish."""


@dataclass(frozen=True)
class Share:
    name: str
    population: int
    equal_share: int
    population_share: int
    total: int


@dataclass(frozen=True)
class Allocation:
    budget: int
    contributions: tuple[tuple[str, int], ...]
    equal_percent: Decimal
    to_allocate: int
    equal_part: int
    population_part: int
    members: tuple[Share, ...]

    @property
    def sum(self) -> int:
        return sum(m.total for m in self.members)

    @property
    def contributions_total(self) -> int:
        return sum(amount for _, amount in self.contributions)

    @property
    def population_total(self) -> int:
        return sum(m.population for m in self.members)

    def share(self, name: str) -> Share | None:
        return next((m for m in self.members if m.name == name), None)

    def as_dict(self) -> dict:
        """The JSON shape of the CLI and the API."""
        return {
            "budget": self.budget,
            "contributions": [{"name": n, "amount": a} for n, a in self.contributions],
            "to_allocate": self.to_allocate,
            "members": [
                {
                    "name": m.name,
                    "population": m.population,
                    "equal_share": m.equal_share,
                    "population_share": m.population_share,
                    "total": m.total,
                }
                for m in self.members
            ],
            "sum": self.sum,
        }


def _is_int(value: object) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def format_kr(value: int) -> str:
    """1234567 -> "1.234.567" (Danish thousands separator)."""
    return f"{value:,}".replace(",", ".")


def parse_percent(value: object) -> Decimal | None:
    """A percentage as Decimal ("25", "12,5", 25, 12.5); None if it is not a finite number."""
    if isinstance(value, bool):
        return None
    if isinstance(value, float):
        value = repr(value)
    text = str(value).strip().replace(",", ".").removesuffix("%").strip()
    try:
        number = Decimal(text)
    except InvalidOperation:
        return None
    return number if number.is_finite() else None


def name_key(name: str) -> str:
    """Names are the same member regardless of case and surrounding spaces."""
    return " ".join(name.split()).casefold()


def validate(
    budget: object,
    contributions: Sequence[tuple[object, object]],
    equal_percent: object,
    members: Sequence[tuple[object, object]],
) -> list[dict[str, str]]:
    """Every reason the input cannot be allocated, as {"field", "message"} (Danish)."""
    errors: list[dict[str, str]] = []

    def err(field: str, message: str) -> None:
        errors.append({"field": field, "message": message})

    def amount_error(value: object) -> str | None:
        if not _is_int(value):
            return _("Skal være et helt antal kroner.")
        if value < 0:  # type: ignore[operator]
            return _("Beløbet må ikke være negativt.")
        if value > MAX_AMOUNT:  # type: ignore[operator]
            return _("Beløbet må højst være %(max)s kr.") % {"max": format_kr(MAX_AMOUNT)}
        return None

    if (message := amount_error(budget)) is not None:
        err("budget", message)

    if len(contributions) > MAX_CONTRIBUTIONS:
        err("contributions", _("Højst %(max)d faste bidrag.") % {"max": MAX_CONTRIBUTIONS})
    contributions_ok = True
    for i, (name, amount) in enumerate(contributions[:MAX_CONTRIBUTIONS]):
        if not isinstance(name, str) or not name.strip():
            err(f"contributions[{i}].name", _("Skriv, hvem der betaler bidraget."))
        elif len(name) > MAX_NAME:
            err(f"contributions[{i}].name", _("Navnet er for langt."))
        if (message := amount_error(amount)) is not None:
            err(f"contributions[{i}].amount", message)
            contributions_ok = False
    budget_ok = _is_int(budget) and 0 <= budget <= MAX_AMOUNT  # type: ignore[operator]
    if contributions_ok and budget_ok and len(contributions) <= MAX_CONTRIBUTIONS:
        total = sum(amount for _name, amount in contributions)  # type: ignore[misc]
        if total > budget:  # type: ignore[operator]
            err(
                "contributions",
                _("De faste bidrag (%(total)s kr.) er større end budgettet (%(budget)s kr.).")
                % {"total": format_kr(total), "budget": format_kr(budget)},  # type: ignore[arg-type]
            )

    percent = parse_percent(equal_percent)
    if percent is None:
        err("equal_percent", _("Den ligelige andel skal være et tal mellem 0 og 100."))
    elif not 0 <= percent <= 100:
        err("equal_percent", _("Den ligelige andel skal være mellem 0 og 100 %."))
    elif percent.as_tuple().exponent < -2:  # type: ignore[operator]
        err("equal_percent", _("Den ligelige andel må højst have to decimaler."))

    if not members:
        err("members", _("Der skal være mindst ét medlem at fordele udgiften på."))
    elif len(members) > MAX_MEMBERS:
        err("members", _("Højst %(max)d medlemmer.") % {"max": MAX_MEMBERS})
    seen: dict[str, int] = {}
    for i, (name, population) in enumerate(members[:MAX_MEMBERS]):
        if not isinstance(name, str) or not name.strip():
            err(f"members[{i}].name", _("Medlemmet skal have et navn."))
        elif len(name) > MAX_NAME:
            err(f"members[{i}].name", _("Navnet er for langt."))
        else:
            key = name_key(name)
            if key in seen:
                err(
                    f"members[{i}].name",
                    _("%(name)s er med mere end én gang.") % {"name": name.strip()},
                )
            else:
                seen[key] = i
        if not _is_int(population):
            err(f"members[{i}].population", _("Befolkningstallet skal være et helt tal."))
        elif population <= 0:  # type: ignore[operator]
            err(
                f"members[{i}].population",
                _("Befolkningstallet skal være større end 0."),
            )
        elif population > MAX_POPULATION:  # type: ignore[operator]
            err(f"members[{i}].population", _("Befolkningstallet er urealistisk stort."))
    return errors


def _largest_remainder(pool: int, quotas: Sequence[Fraction], order: Sequence[tuple]) -> list[int]:
    """Whole parts of `quotas` (which sum to `pool`), plus one krone each for the largest
    remainders; `order[i]` breaks ties (smaller sorts first)."""
    shares = [q.numerator // q.denominator for q in quotas]
    left = pool - sum(shares)
    ranking = sorted(range(len(quotas)), key=lambda i: (-(quotas[i] - shares[i]), order[i]))
    for i in ranking[:left]:
        shares[i] += 1
    return shares


def allocate(
    budget: int,
    contributions: Sequence[tuple[str, int]],
    equal_percent: Decimal | int | str,
    members: Sequence[tuple[str, int]],
) -> Allocation:
    """Allocate `budget` minus `contributions` among `members` (name, population); see the
    module docstring for the rule. Raises AllocationError on bad input."""
    errors = validate(budget, contributions, equal_percent, members)
    if errors:
        raise AllocationError(errors)
    percent = parse_percent(equal_percent)
    assert percent is not None
    to_allocate = budget - sum(amount for _name, amount in contributions)
    exact_equal = Fraction(to_allocate) * Fraction(percent) / 100
    equal_part = int(exact_equal + Fraction(1, 2))  # half a krone goes to the equal part
    population_part = to_allocate - equal_part
    names = [name.strip() for name, _population in members]
    populations = [population for _name, population in members]
    n = len(members)

    # Equal part: larger population first, then name A–Å.
    equal_order = sorted(range(n), key=lambda i: (-populations[i], name_key(names[i]), names[i]))
    equal_shares = [equal_part // n] * n
    for i in equal_order[: equal_part % n]:
        equal_shares[i] += 1

    # Population part: largest remainder; ties: larger population, then name Å–A.
    total_population = sum(populations)
    quotas = [Fraction(population_part * p, total_population) for p in populations]
    reverse_rank = {i: rank for rank, i in enumerate(equal_order)}
    population_shares = _largest_remainder(
        population_part, quotas, [(-populations[i], -reverse_rank[i]) for i in range(n)]
    )
    return Allocation(
        budget=budget,
        contributions=tuple((name.strip(), amount) for name, amount in contributions),
        equal_percent=percent,
        to_allocate=to_allocate,
        equal_part=equal_part,
        population_part=population_part,
        members=tuple(
            Share(
                name=names[i],
                population=populations[i],
                equal_share=equal_shares[i],
                population_share=population_shares[i],
                total=equal_shares[i] + population_shares[i],
            )
            for i in range(n)
        ),
    )
