"""API schemas of use cases and business cases. Amounts are kroner (numbers with at most two
decimals); `year` of a line counts from the business case's first year (0)."""

from datetime import datetime

from ninja import Field, Schema

from smartby.cases.models import MAX_FIRST_YEAR, MAX_HORIZON, MIN_FIRST_YEAR

MAX_AMOUNT = 999_999_999_999.99


class UseCaseProjectRef(Schema):
    id: str = Field(description="Projektets id (som i /projects)")
    slug: str
    title: str
    url: str


class CatalogueRef(Schema):
    slug: str
    name: str
    url: str


class BusinessCaseSummary(Schema):
    id: int
    title: str
    first_year: int
    horizon_years: int
    discount_rate: float
    npv: float = Field(description="Nettonutidsværdi (kr.)")
    payback_year: int | None
    url: str


class UseCaseOut(Schema):
    id: int
    slug: str
    title: str
    problem: str = Field(description="Markdown")
    target_group: str
    data_needed: str
    benefits: str
    risks: str
    area: str = Field(description="Områdets slug")
    area_name: str
    owner_organisation: str = Field(description="Organisationens slug")
    owner_organisation_name: str
    projects: list[UseCaseProjectRef]
    solutions: list[CatalogueRef]
    standards: list[CatalogueRef]
    business_cases: list[BusinessCaseSummary]
    url: str
    created_at: datetime
    updated_at: datetime


class UseCasePage(Schema):
    count: int
    limit: int
    offset: int
    results: list[UseCaseOut]


class UseCaseIn(Schema):
    title: str = Field(max_length=200)
    problem: str = Field(max_length=10000)
    target_group: str = Field(max_length=300)
    data_needed: str = Field("", max_length=10000)
    benefits: str = Field("", max_length=10000)
    risks: str = Field("", max_length=10000)
    area: str = Field(max_length=100, description="Områdets slug (se /taxonomies)")
    owner_organisation: str = Field(
        max_length=200, description="Slug for en organisation, du er medlem af"
    )
    projects: list[str] = Field([], max_length=100, description="Projekters id eller slug")
    solutions: list[str] = Field([], max_length=100, description="Løsningers slug")
    standards: list[str] = Field([], max_length=100, description="Standarders slug")


class UseCasePatch(Schema):
    """Only the fields given are changed."""

    title: str | None = Field(None, max_length=200)
    problem: str | None = Field(None, max_length=10000)
    target_group: str | None = Field(None, max_length=300)
    data_needed: str | None = Field(None, max_length=10000)
    benefits: str | None = Field(None, max_length=10000)
    risks: str | None = Field(None, max_length=10000)
    area: str | None = Field(None, max_length=100)
    owner_organisation: str | None = Field(None, max_length=200)
    projects: list[str] | None = Field(None, max_length=100)
    solutions: list[str] | None = Field(None, max_length=100)
    standards: list[str] | None = Field(None, max_length=100)


class LineIn(Schema):
    kind: str = Field(
        max_length=20, description="investering, drift, gevinst eller ikke_oekonomisk"
    )
    label: str = Field(max_length=200)
    year: int | None = Field(
        None,
        ge=0,
        le=MAX_HORIZON - 1,
        description="0 = første år; kan udelades for ikke_oekonomisk",
    )
    amount: float | None = Field(
        None, ge=0, le=MAX_AMOUNT, description="Kroner, positivt; udelades for ikke_oekonomisk"
    )


class LineOut(Schema):
    id: int
    kind: str
    label: str
    year: int | None
    amount: float | None


class BusinessCaseIn(Schema):
    title: str = Field(max_length=200)
    first_year: int = Field(ge=MIN_FIRST_YEAR, le=MAX_FIRST_YEAR)
    horizon_years: int = Field(ge=1, le=MAX_HORIZON)
    discount_rate: float = Field(ge=0, le=20, description="Procent pr. år")
    notes: str = Field("", max_length=10000)
    lines: list[LineIn] = Field([], max_length=200)


class YearOut(Schema):
    year: int
    index: int
    investment: float
    operating: float
    costs: float
    benefits: float
    net: float
    discount_factor: float
    discounted_net: float
    cumulative_net: float
    cumulative_discounted_net: float


class SensitivityRowOut(Schema):
    discount_rate: float
    npvs: list[float] = Field(description="Én pr. ændring i benefit_changes")


class SensitivityOut(Schema):
    benefit_changes: list[int] = Field(description="Ændring af de økonomiske gevinster i %")
    rows: list[SensitivityRowOut]


class FiguresOut(Schema):
    npv: float = Field(description="Nettonutidsværdi (kr.)")
    payback_year: int | None
    discounted_payback_year: int | None
    total_investment: float
    total_operating: float
    total_costs: float
    total_benefits: float
    total_net: float
    years: list[YearOut]
    sensitivity: SensitivityOut


class BusinessCaseOut(Schema):
    id: int
    use_case: int
    use_case_slug: str
    title: str
    first_year: int
    horizon_years: int
    discount_rate: float
    notes: str
    lines: list[LineOut]
    figures: FiguresOut
    url: str
    pdf_url: str
    created_at: datetime
    updated_at: datetime
