"""Demo content for fordeling af fælles udgifter (called by `smartby demo`): GovTech
Midtjylland (reference data, installed here too if the migration found no population figures)
gets its 2022 year without Viborg and Samsø, and an invented LoRaWAN network in the Triangle
Region gets two budget years and a scenario. Idempotent: an existing year or collaboration is
left alone; the seed does not change anything (the content is fixed)."""

from django.apps import apps as django_apps
from django.db import transaction

from smartby.costs import operations
from smartby.costs.models import Collaboration
from smartby.costs.reference import GOVTECH_SLUG, WITHDRAWN, install_govtech
from smartby.geo.models import Municipality

NETWORK = "LoRaWAN-netværk Trekantområdet"
NETWORK_CODES = ["607", "621", "630", "410", "530", "575"]  # Fredericia … Vejen
NETWORK_JOINING = "510"  # Haderslev


def _municipality_member_data(code: str) -> dict[str, str]:
    m = Municipality.objects.get(code=code)
    return {"kind": "kommune", "municipality": str(m.pk), "name": "", "population": ""}


def _year_data(
    collaboration: Collaboration,
    year: int,
    budget: int,
    contributions: str,
    percent: str,
    member_names: list[str],
    notes: str,
) -> dict:
    ids = collaboration.members.filter(name__in=member_names).values_list("pk", flat=True)
    return {
        "year": str(year),
        "budget": str(budget),
        "contributions": contributions,
        "equal_percent": percent,
        "members": [str(pk) for pk in ids],
        "notes": notes,
    }


def load(*, seed: int) -> None:
    """Create realistic demo content; the same seed gives the same content."""
    with transaction.atomic():
        install_govtech(django_apps)
        govtech = Collaboration.objects.filter(slug=GOVTECH_SLUG).first()
        if govtech is not None and not govtech.budget_years.filter(year=2022).exists():
            withdrawn = set(
                Municipality.objects.filter(code__in=WITHDRAWN).values_list("name", flat=True)
            )
            names = [m.name for m in govtech.members.all() if m.name not in withdrawn]
            operations.save_budget_year(
                None,
                govtech,
                _year_data(
                    govtech,
                    2022,
                    2_900_000,
                    "Region Midtjylland=500000",
                    "25",
                    names,
                    "Viborg og Samsø deltager ikke; det samlede budget er fastholdt.",
                ),
                source="demo",
            )

        network = Collaboration.objects.filter(name=NETWORK).first()
        if network is not None:
            return
        network = operations.create_collaboration(
            None,
            {
                "name": NETWORK,
                "description": (
                    "Seks kommuner driver et fælles LoRaWAN-net til sensorer (vandstand, "
                    "indeklima, affald). Driften, licenserne og en halv netværkskoordinator "
                    "deles: 40 % ligeligt og 60 % efter indbyggertal. Erhvervshuset betaler et "
                    "fast bidrag til test for virksomheder."
                ),
            },
            source="demo",
        )
        for code in [*NETWORK_CODES, NETWORK_JOINING]:
            operations.save_member(None, network, _municipality_member_data(code), source="demo")
        members = [Municipality.objects.get(code=c).name for c in NETWORK_CODES]
        operations.save_budget_year(
            None,
            network,
            _year_data(
                network,
                2025,
                1_150_000,
                "Erhvervshus Sydjylland=150000",
                "40",
                members,
                "Første driftsår.",
            ),
            source="demo",
        )
        by = operations.save_budget_year(
            None,
            network,
            _year_data(
                network,
                2026,
                1_240_000,
                "Erhvervshus Sydjylland=150000",
                "40",
                members,
                "Flere gateways i landområderne.",
            ),
            source="demo",
        )
        joining = network.members.get(municipality__code=NETWORK_JOINING)
        operations.save_scenario(
            None,
            by,
            {
                "name": "Haderslev træder ind",
                "description": "Haderslev har spurgt til at koble sig på nettet fra 2026.",
                "joining": [str(joining.pk)],
                "budget": "1.320.000",
            },
            source="demo",
        )
        operations.save_scenario(
            None,
            by,
            {
                "name": "Halvdelen ligeligt",
                "description": "Forslag fra de mindre kommuner: 50 % ligeligt.",
                "equal_percent": "50",
            },
            source="demo",
        )
