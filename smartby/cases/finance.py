"""The business-case arithmetic, in Decimal and free of Django.

Year index t runs from 0 (the first year) to horizon - 1. For each year:

    costs_t  = investments_t + operating costs_t
    net_t    = economic benefits_t - costs_t
    factor_t = 1 / (1 + r)^t            (r = discount rate / 100; year 0 is not discounted)
    NPV      = sum of net_t * factor_t

Payback is the first year from which the cumulative net stays at or above 0 to the end of the
horizon (none if it ends below 0, or if there are neither costs nor benefits); the discounted
payback uses the cumulative discounted net. Non-economic benefits are not counted.
The sensitivity table gives the NPV for the rate moved by -2..+2 percentage points (rates below
0 are left out) and the economic benefits changed by -20 %, -10 %, 0 and +10 %.
"""

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from decimal import Decimal, localcontext

INVESTMENT = "investering"
OPERATING = "drift"
BENEFIT = "gevinst"

CENT = Decimal("0.01")
ZERO = Decimal("0")
RATE_STEPS = (-2, -1, 0, 1, 2)  # percentage points
BENEFIT_STEPS = (-20, -10, 0, 10)  # percent


@dataclass(frozen=True)
class Line:
    kind: str  # investering, drift, gevinst (anything else is not counted)
    year: int | None  # 0-based index within the horizon
    amount: Decimal | None


@dataclass(frozen=True)
class YearRow:
    index: int
    year: int
    investment: Decimal
    operating: Decimal
    costs: Decimal
    benefits: Decimal
    net: Decimal
    factor: Decimal  # rounded to 4 decimals for display; the figures use the exact factor
    discounted_net: Decimal
    cumulative_net: Decimal
    cumulative_discounted_net: Decimal


@dataclass(frozen=True)
class SensitivityRow:
    rate: Decimal
    npvs: tuple[Decimal, ...]  # one per BENEFIT_STEPS


@dataclass(frozen=True)
class Result:
    first_year: int
    horizon: int
    rate: Decimal
    rows: tuple[YearRow, ...]
    total_investment: Decimal
    total_operating: Decimal
    total_costs: Decimal
    total_benefits: Decimal
    total_net: Decimal
    npv: Decimal
    payback_year: int | None  # calendar year
    discounted_payback_year: int | None
    benefit_steps: tuple[int, ...]
    sensitivity: tuple[SensitivityRow, ...]

    @property
    def payback_years(self) -> int | None:
        """Years from the start until payback, counting the payback year (year 0 → 1)."""
        return None if self.payback_year is None else self.payback_year - self.first_year + 1

    @property
    def discounted_payback_years(self) -> int | None:
        if self.discounted_payback_year is None:
            return None
        return self.discounted_payback_year - self.first_year + 1


def yearly_amounts(
    lines: Iterable[Line], horizon: int
) -> tuple[list[Decimal], list[Decimal], list[Decimal]]:
    """Investments, operating costs and economic benefits per year index."""
    investment = [ZERO] * horizon
    operating = [ZERO] * horizon
    benefits = [ZERO] * horizon
    for line in lines:
        if line.amount is None or line.year is None or not 0 <= line.year < horizon:
            continue
        target = {INVESTMENT: investment, OPERATING: operating, BENEFIT: benefits}.get(line.kind)
        if target is not None:
            target[line.year] += Decimal(line.amount)
    return investment, operating, benefits


def discount_factors(rate_percent: Decimal, horizon: int) -> list[Decimal]:
    """1 / (1 + r)^t for t = 0 .. horizon - 1, at 28 significant digits."""
    with localcontext() as ctx:
        ctx.prec = 28
        base = Decimal(1) + Decimal(rate_percent) / Decimal(100)
        return [Decimal(1) / base**t for t in range(horizon)]


def npv(nets: Sequence[Decimal], rate_percent: Decimal) -> Decimal:
    """Net present value of yearly nets (index 0 undiscounted), rounded to øre."""
    with localcontext() as ctx:
        ctx.prec = 28
        total = sum(
            (n * f for n, f in zip(nets, discount_factors(rate_percent, len(nets)), strict=True)),
            ZERO,
        )
    return total.quantize(CENT)


def payback_index(nets: Sequence[Decimal]) -> int | None:
    """First index from which the cumulative sum stays ≥ 0 to the end; None if it ends < 0
    or if every net is 0 (nothing to pay back)."""
    if all(n == 0 for n in nets):
        return None
    cumulative = ZERO
    found: int | None = None
    for i, n in enumerate(nets):
        cumulative += n
        if cumulative >= 0:
            if found is None:
                found = i
        else:
            found = None
    return found


def compute(first_year: int, horizon: int, rate_percent: Decimal, lines: Iterable[Line]) -> Result:
    if not 1 <= horizon <= 100:
        raise ValueError("horizon must be 1..100")
    rate = Decimal(rate_percent)
    lines = list(lines)
    investment, operating, benefits = yearly_amounts(lines, horizon)
    factors = discount_factors(rate, horizon)
    rows: list[YearRow] = []
    nets: list[Decimal] = []
    discounted: list[Decimal] = []
    cumulative = cumulative_discounted = ZERO
    with localcontext() as ctx:
        ctx.prec = 28
        for t in range(horizon):
            costs = investment[t] + operating[t]
            net = benefits[t] - costs
            disc = net * factors[t]
            cumulative += net
            cumulative_discounted += disc
            nets.append(net)
            discounted.append(disc)
            rows.append(
                YearRow(
                    index=t,
                    year=first_year + t,
                    investment=investment[t].quantize(CENT),
                    operating=operating[t].quantize(CENT),
                    costs=costs.quantize(CENT),
                    benefits=benefits[t].quantize(CENT),
                    net=net.quantize(CENT),
                    factor=factors[t].quantize(Decimal("0.0001")),
                    discounted_net=disc.quantize(CENT),
                    cumulative_net=cumulative.quantize(CENT),
                    cumulative_discounted_net=cumulative_discounted.quantize(CENT),
                )
            )
    payback = payback_index(nets)
    discounted_payback = payback_index(discounted)
    total_investment = sum(investment, ZERO)
    total_operating = sum(operating, ZERO)
    total_benefits = sum(benefits, ZERO)
    return Result(
        first_year=first_year,
        horizon=horizon,
        rate=rate,
        rows=tuple(rows),
        total_investment=total_investment.quantize(CENT),
        total_operating=total_operating.quantize(CENT),
        total_costs=(total_investment + total_operating).quantize(CENT),
        total_benefits=total_benefits.quantize(CENT),
        total_net=(total_benefits - total_investment - total_operating).quantize(CENT),
        npv=npv(nets, rate),
        payback_year=None if payback is None else first_year + payback,
        discounted_payback_year=(
            None if discounted_payback is None else first_year + discounted_payback
        ),
        benefit_steps=BENEFIT_STEPS,
        sensitivity=sensitivity(investment, operating, benefits, rate),
    )


def sensitivity(
    investment: Sequence[Decimal],
    operating: Sequence[Decimal],
    benefits: Sequence[Decimal],
    rate_percent: Decimal,
) -> tuple[SensitivityRow, ...]:
    """NPV for each rate in rate + RATE_STEPS (≥ 0 only) × benefits changed by BENEFIT_STEPS."""
    rows = []
    for step in RATE_STEPS:
        rate = Decimal(rate_percent) + step
        if rate < 0:
            continue
        npvs = []
        for change in BENEFIT_STEPS:
            factor = Decimal(100 + change) / Decimal(100)
            nets = [
                b * factor - i - o for b, i, o in zip(benefits, investment, operating, strict=True)
            ]
            npvs.append(npv(nets, rate))
        rows.append(SensitivityRow(rate=rate, npvs=tuple(npvs)))
    return tuple(rows)
