"""The organisations every installation starts with: the 98 municipalities, the 5 regions and
the national bodies of the common public digitalisation work."""

from typing import Any

# Official names that are not simply "<name> Kommune".
MUNICIPALITY_ORG_NAMES = {
    "101": "Københavns Kommune",
    "400": "Bornholms Regionskommune",
}
NATIONAL_BODIES = [
    "KL – Kommunernes Landsforening",
    "Danske Regioner",
    "Digitaliseringsstyrelsen",
]


def municipality_org_name(code: str, name: str) -> str:
    return MUNICIPALITY_ORG_NAMES.get(code, f"{name} Kommune")


def load_reference_organisations(
    org_model: Any, municipality_model: Any, region_model: Any
) -> None:
    from smartby.lib.text import danish_slugify

    for m in municipality_model.objects.all():
        name = municipality_org_name(m.code, m.name)
        org_model.objects.update_or_create(
            municipality=m,
            defaults={"name": name, "slug": danish_slugify(name), "kind": "kommune"},
        )
    for r in region_model.objects.all():
        org_model.objects.update_or_create(
            region=r, defaults={"name": r.name, "slug": danish_slugify(r.name), "kind": "region"}
        )
    for name in NATIONAL_BODIES:
        org_model.objects.get_or_create(
            name=name, defaults={"slug": danish_slugify(name), "kind": "national"}
        )
