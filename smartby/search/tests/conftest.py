"""Shared data for the search app's tests: projects made through the registry operations
(which index them)."""

import pytest

from smartby.registry.models import Area, Technology
from smartby.registry.tests.helpers import make_project


def area(name: str) -> str:
    return str(Area.objects.get(name=name).pk)


def technologies(*names: str) -> list[str]:
    return [str(Technology.objects.get(name=n).pk) for n in names]


def contact(name: str, email: str, *, public: bool, role: str = "Projektleder") -> dict:
    row = {"name": name, "role": role, "organisation": "", "email": email, "phone": "+45 1234"}
    if public:
        row["public"] = "on"
    return row


@pytest.fixture
def projects(editor_a, editor_b, org_b):
    """Waste sensors in Aarhus and a similar project in Odense; elderly care and drones as
    unrelated projects."""
    affald = make_project(
        editor_a,
        title="Affaldssensorer i containere",
        summary="Sensorer måler fyldningsgraden, så containerne kun tømmes efter behov.",
        contacts=[
            contact("Mette Hansen", "mette@aarhus.example.org", public=True),
            contact("Jens Privat", "jens@aarhus.example.org", public=False, role="Tekniker"),
        ],
    )
    odense = make_project(
        editor_b,
        title="Fyldningsmålere på byens containere",
        summary="Sensorer melder, når containerne er fulde, så tømning sker efter behov.",
        lead=org_b,
        municipalities=["461"],
        contacts=[contact("Sofie Syd", "sofie@odense.example.org", public=True)],
    )
    aeldre = make_project(
        editor_a,
        title="Tryghed for ældre i eget hjem",
        summary="Faldalarmer giver borgerne ro og hjælper hjemmeplejen.",
        area=area("Social og sundhed"),
        technologies=technologies("Velfærdsteknologi"),
        contacts=[],
    )
    droner = make_project(
        editor_a,
        title="Droner inspicerer broer",
        summary="Droner fotograferer broerne, så revner findes tidligt.",
        area=area("Teknik og miljø"),
        technologies=technologies("Droner"),
        contacts=[],
    )
    return {"affald": affald, "odense": odense, "aeldre": aeldre, "droner": droner}
