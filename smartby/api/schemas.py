"""API schemas. Project records follow the interchange format `smartby-projects/1`
(`registry/interchange.py`); the field descriptions end up in the OpenAPI document."""

from datetime import date, datetime

from ninja import Field, Schema


class FieldError(Schema):
    field: str = Field(description="Feltets sti, fx `title` eller `partners[1].organisation`.")
    message: str


class ErrorOut(Schema):
    detail: str
    errors: list[FieldError] = []


class Funding(Schema):
    kind: str = Field(description="egen, eu, fond, stat, privat eller andet")
    source: str = ""
    amount_dkk: int | None = None


class PartnerRef(Schema):
    organisation: str = Field(description="Organisationens navn")
    role: str = ""


class Benefit(Schema):
    kind: str = Field(description="okonomi, kvalitet, klima eller andet")
    description: str
    value: float | None = None
    unit: str = ""


class Contact(Schema):
    name: str
    role: str = ""
    organisation: str = ""
    email: str | None = None
    phone: str | None = None
    public: bool = False


class LinkOut(Schema):
    title: str
    url: str = ""


class Point(Schema):
    lat: float
    lon: float


class LocationOut(Point):
    label: str = ""


class ProjectOut(Schema):
    id: str
    slug: str
    title: str
    summary: str
    description: str
    municipalities: list[str] = Field(description="3-cifrede kommunekoder")
    lead_organisation: str
    area: str
    technologies: list[str]
    status: str
    start_date: date | None
    end_date: date | None
    budget_dkk: int | None
    funding: list[Funding]
    partners: list[PartnerRef]
    benefits: list[Benefit]
    contacts: list[Contact] = Field(description="Kun kontaktpersoner, der har givet samtykke")
    links: list[LinkOut]
    datasets: list[LinkOut]
    standards: list[str]
    location: Point | None
    locations: list[LocationOut]
    last_verified: date | None
    created_at: datetime | None
    updated_at: datetime | None


class ProjectIn(Schema):
    """A project to create or replace. Names refer to existing organisations, areas and
    technologies (see /taxonomies and /organisations)."""

    id: str | None = Field(
        None,
        max_length=64,
        # The id becomes a path segment of the project's URL: no slash, no control characters.
        pattern=r"^[^/\x00-\x1f\x7f]+$",
        description="Eget id (uden / og kontroltegn); dannes, hvis det udelades",
    )
    title: str = Field(max_length=200)
    summary: str = Field(max_length=600)
    description: str = Field("", max_length=20000)
    municipalities: list[str] = Field(max_length=98)
    lead_organisation: str = Field(max_length=200)
    area: str = Field(max_length=100)
    technologies: list[str] = Field([], max_length=50)
    status: str = Field(max_length=20)
    start_date: date | None = None
    end_date: date | None = None
    budget_dkk: int | None = Field(None, ge=0, le=10**15)
    funding: list[Funding] = Field([], max_length=50)
    partners: list[PartnerRef] = Field([], max_length=50)
    benefits: list[Benefit] = Field([], max_length=50)
    contacts: list[Contact] = Field([], max_length=50)
    links: list[LinkOut] = Field([], max_length=50)
    datasets: list[LinkOut] = Field([], max_length=50)
    standards: list[str] = Field([], max_length=50)
    location: Point | None = None
    locations: list[LocationOut] | None = Field(None, max_length=20)
    last_verified: date | None = None


class ProjectPatch(Schema):
    """Only the fields given are changed."""

    title: str | None = Field(None, max_length=200)
    summary: str | None = Field(None, max_length=600)
    description: str | None = Field(None, max_length=20000)
    municipalities: list[str] | None = Field(None, max_length=98)
    lead_organisation: str | None = Field(None, max_length=200)
    area: str | None = Field(None, max_length=100)
    technologies: list[str] | None = Field(None, max_length=50)
    status: str | None = Field(None, max_length=20)
    start_date: date | None = None
    end_date: date | None = None
    budget_dkk: int | None = Field(None, ge=0, le=10**15)
    funding: list[Funding] | None = Field(None, max_length=50)
    partners: list[PartnerRef] | None = Field(None, max_length=50)
    benefits: list[Benefit] | None = Field(None, max_length=50)
    contacts: list[Contact] | None = Field(None, max_length=50)
    links: list[LinkOut] | None = Field(None, max_length=50)
    datasets: list[LinkOut] | None = Field(None, max_length=50)
    standards: list[str] | None = Field(None, max_length=50)
    location: Point | None = None
    locations: list[LocationOut] | None = Field(None, max_length=20)
    last_verified: date | None = None


class ProjectPage(Schema):
    count: int
    page: int
    page_size: int
    pages: int
    next: str | None
    previous: str | None
    results: list[ProjectOut]


class RegionOut(Schema):
    kode: str
    iso: str
    navn: str
    slug: str
    antal_kommuner: int
    antal_projekter: int


class MunicipalityOut(Schema):
    kode: str
    navn: str
    slug: str
    region: str
    region_kode: str
    kommunetype: str
    befolkning: int | None
    befolkning_dato: date | None
    antal_projekter: int


class OrganisationOut(Schema):
    name: str
    slug: str
    kind: str
    cvr: str
    website: str
    municipality: str | None = Field(None, description="Kommunekode for kommuner")
    region: str | None = Field(None, description="Regionskode for regioner")
    projects_led: int


class OrganisationPage(Schema):
    count: int
    page: int
    page_size: int
    pages: int
    results: list[OrganisationOut]


class TaxonomyTerm(Schema):
    name: str
    slug: str
    projects: int


class StatusTerm(Schema):
    code: str
    label: str
    projects: int


class Taxonomies(Schema):
    areas: list[TaxonomyTerm]
    technologies: list[TaxonomyTerm]
    statuses: list[StatusTerm]
