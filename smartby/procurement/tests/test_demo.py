import pytest

from smartby.procurement import composer, demo
from smartby.procurement.models import ClauseVersion, RequirementDocument, VersionStatus

pytestmark = pytest.mark.django_db


def test_demo_documents_are_complete_and_loading_twice_changes_nothing():
    demo.load(seed=7)
    demo.load(seed=7)
    documents = RequirementDocument.objects.all()
    assert documents.count() == len(demo.DOCUMENTS)
    for document in documents:
        comp = composer.from_document(document)
        assert comp.missing() == [], document.title
        assert all("{{" not in i.text for s in comp.sections() for i in s.items)
    assert ClauseVersion.objects.filter(status=VersionStatus.PROPOSED).count() == 1


def test_the_seed_decides_the_values():
    demo.load(seed=1)
    first = dict(RequirementDocument.objects.values_list("title", "values"))
    RequirementDocument.objects.all().delete()
    demo.load(seed=1)
    assert dict(RequirementDocument.objects.values_list("title", "values")) == first
