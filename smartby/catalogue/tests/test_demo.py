"""Demo content: deterministic, idempotent, linked to the demo projects."""

import pytest

from smartby.catalogue import demo
from smartby.catalogue.models import Solution, SolutionUse, Supplier
from smartby.lib.validators import is_valid_cvr
from smartby.registry.demo import generate

pytestmark = pytest.mark.django_db


def test_demo_is_deterministic_idempotent_and_linked():
    generate(60, 7)
    demo.load(seed=7)
    assert Supplier.objects.count() == len(demo.SUPPLIERS)
    assert Solution.objects.count() == len(demo.SOLUTIONS)
    assert all(s.organisation.name.endswith("(demo)") for s in Supplier.objects.all())
    assert all(is_valid_cvr(s.organisation.cvr) for s in Supplier.objects.all())
    assert len({s.organisation.cvr for s in Supplier.objects.all()}) == len(demo.SUPPLIERS)
    assert {s.category for s in Solution.objects.all()} >= {
        "iot-platform", "sensorer", "dataplatform", "borgerrettet-app", "analyse-ai",
        "netvaerk", "velfaerdsteknologi",
    }  # fmt: skip
    uses = list(SolutionUse.objects.select_related("solution", "project"))
    assert uses, "the demo links solutions to demo projects"
    for use in uses:
        shared = set(use.project.technologies.values_list("pk", flat=True)) & set(
            use.solution.technologies.values_list("pk", flat=True)
        )
        assert shared, f"{use} shares no technology"
        assert use.experience
    first = sorted((u.solution.slug, u.project.uid, u.experience) for u in uses)
    demo.load(seed=7)
    assert Supplier.objects.count() == len(demo.SUPPLIERS)
    assert SolutionUse.objects.count() == len(uses)
    # The same seed in a fresh database gives the same content.
    SolutionUse.objects.all().delete()
    Solution.objects.all().delete()
    demo.load(seed=7)
    again = sorted(
        (u.solution.slug, u.project.uid, u.experience)
        for u in SolutionUse.objects.select_related("solution", "project")
    )
    assert again == first
