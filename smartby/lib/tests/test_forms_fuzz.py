"""Property tests (hypothesis) over the main forms of every app: arbitrary text, unicode, NULs,
huge numbers and malformed dates in any field give either a valid form or field errors, never
an exception; what a valid ModelForm holds can be written to PostgreSQL (no NUL, no numeric
overflow, no too-long text: those would be a DataError, i.e. a 500)."""

import datetime as dt
from collections.abc import Callable
from typing import Any

import pytest
from django import forms
from django.db import IntegrityError, transaction
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from smartby.conftest import make_user

FUZZ = settings(
    max_examples=50,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
    derandomize=True,
)

nasty_text = st.one_of(
    st.text(max_size=30),
    st.text(alphabet=st.characters(codec="utf-8"), min_size=1, max_size=300),
    st.sampled_from(
        [
            "\x00",
            "a\x00b",
            "2025-02-30",
            "2025-13-01",
            "31-12-2025",
            "0000-00-00",
            "9999-12-31",
            "-1",
            "9" * 40,
            "1e309",
            "NaN",
            "Infinity",
            "1,5",
            "x" * 6000,
            "<script>alert(1)</script>",
            "https://exa mple.org",
            "javascript:alert(1)",
        ]
    ),
    st.integers().map(str),
    st.dates().map(dt.date.isoformat),
)


def _user():
    from smartby.accounts.models import User

    email = "fuzz@aarhus.example.org"
    return User.objects.filter(email=email).first() or make_user(email, orgs=("751",))


def _forms() -> list[tuple[str, Callable[[dict], forms.BaseForm]]]:
    from smartby.cases.forms import UseCaseForm
    from smartby.catalogue.forms import SolutionForm, StandardForm, SupplierForm
    from smartby.costs.forms import CollaborationForm
    from smartby.guides.forms import GuideCreateForm, GuideEditForm
    from smartby.kits.forms import BookingForm
    from smartby.network.forms import ContactForm
    from smartby.orgs.forms import OrganisationForm
    from smartby.priorities.forms import RoundForm
    from smartby.procurement.forms import ClauseForm, ComposeForm, ReviewForm
    from smartby.registry.forms import ProjectFilterForm

    return [
        ("network.ContactForm", lambda d: ContactForm(d)),
        ("kits.BookingForm", lambda d: BookingForm(d, user=_user(), today=dt.date(2026, 1, 5))),
        ("catalogue.SupplierForm", lambda d: SupplierForm(d)),
        ("catalogue.SolutionForm", lambda d: SolutionForm(d)),
        ("catalogue.StandardForm", lambda d: StandardForm(d)),
        ("orgs.OrganisationForm", lambda d: OrganisationForm(d)),
        ("guides.GuideEditForm", lambda d: GuideEditForm(d)),
        ("guides.GuideCreateForm", lambda d: GuideCreateForm(d)),
        ("costs.CollaborationForm", lambda d: CollaborationForm(d)),
        ("cases.UseCaseForm", lambda d: UseCaseForm(d, user=_user())),
        ("procurement.ClauseForm", lambda d: ClauseForm(d)),
        ("procurement.ReviewForm", lambda d: ReviewForm(d)),
        ("procurement.ComposeForm", lambda d: ComposeForm(d)),
        ("priorities.RoundForm", lambda d: RoundForm(d)),
        ("registry.ProjectFilterForm", lambda d: ProjectFilterForm(d)),
    ]


FORM_NAMES = [
    "network.ContactForm",
    "kits.BookingForm",
    "catalogue.SupplierForm",
    "catalogue.SolutionForm",
    "catalogue.StandardForm",
    "orgs.OrganisationForm",
    "guides.GuideEditForm",
    "guides.GuideCreateForm",
    "costs.CollaborationForm",
    "cases.UseCaseForm",
    "procurement.ClauseForm",
    "procurement.ReviewForm",
    "procurement.ComposeForm",
    "priorities.RoundForm",
    "registry.ProjectFilterForm",
]


def check_valid_form(form: forms.BaseForm) -> None:
    for name, value in form.cleaned_data.items():
        if isinstance(value, str):
            assert "\x00" not in value, name
            max_length = getattr(form.fields[name], "max_length", None)
            assert max_length is None or len(value) <= max_length, name
    if isinstance(form, forms.ModelForm):
        try:
            with transaction.atomic():
                form.save()
        except IntegrityError:
            pass  # a required relation the operation sets (owner, organisation ...), not data


@pytest.mark.django_db
@pytest.mark.parametrize("form_name", FORM_NAMES)
def test_form_never_crashes(form_name):
    factory = dict(_forms())[form_name]
    field_names = list(factory({}).fields)

    @FUZZ
    @given(
        values=st.dictionaries(st.sampled_from(field_names), nasty_text, min_size=1),
        lists=st.dictionaries(st.sampled_from(field_names), st.lists(nasty_text, max_size=3)),
    )
    def run(values: dict[str, Any], lists: dict[str, list[str]]) -> None:
        from django.utils.datastructures import MultiValueDict

        data = MultiValueDict({k: [v] for k, v in values.items()})
        for k, v in lists.items():
            data.setlist(k, v)
        with transaction.atomic():
            form = factory(data)
            if form.is_valid():
                check_valid_form(form)
            else:
                assert all(str(m) for errs in form.errors.values() for m in errs)
            transaction.set_rollback(True)

    run()
