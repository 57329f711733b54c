"""The 2014 template and the baseline round, as the data migration creates them."""

from decimal import Decimal

import pytest

from smartby.surveys import cedi2014
from smartby.surveys.models import BaselineFigure, Question, Round, Survey
from smartby.surveys.versions import question_specs, validate_answers

pytestmark = pytest.mark.django_db

INITIATIVE_KEYS = [
    "energy_public_buildings",
    "apps_report_issues",
    "traffic_planning_data",
    "traffic_parking_guidance",
    "smart_street_lighting",
    "apps_waste",
    "smart_grid",
    "flood_protection",
    "water_monitoring",
    "smart_waste_collection",
    "apps_events",
    "interactive_tour_guides",
    "public_wifi",
    "open_data",
    "broadband",
    "apps_business",
    "data_partnerships",
    "digital_learning_school",
    "digital_media_daycare",
    "it_skills_helpdesk",
    "library_apps",
    "e_learning",
    "safety_technology",
    "telemedicine",
    "digital_rehabilitation",
    "transport_planning_geodata",
    "welfare_technology_homecare",
    "social_media",
    "digital_local_plans",
    "live_streaming",
    "case_tracking",
]


def template_specs() -> list[dict]:
    return question_specs(Survey.objects.get(key="cedi-2014").latest_version())


def test_template_exists_as_version_1():
    survey = Survey.objects.get(key="cedi-2014")
    assert list(survey.versions.values_list("number", flat=True)) == [1]
    assert "Rekonstrueret" in survey.latest_version().note


def test_screening_question_as_the_brief_fixes_it():
    spec = next(s for s in template_specs() if s["key"] == "smart_city")
    assert spec["type"] == "single"
    assert spec["required"] is True
    assert spec["text"] == "Har din kommune igangsat initiativer i relation til Smart City?"
    assert [o["key"] for o in spec["options"]] == ["coordinated", "activities", "planning", "none"]
    assert spec["options"][1]["label"] == "har enkeltstående aktiviteter i relation til Smart City"


def test_31_initiatives_in_7_areas_with_stable_keys():
    spec = next(s for s in template_specs() if s["key"] == "initiatives")
    assert spec["type"] == "matrix"
    assert [o["key"] for o in spec["options"]] == ["have", "plan", "no", "dont_know"]
    assert [o["label"] for o in spec["options"]] == [
        "Har",
        "Planlægger inden for 12 måneder",
        "Nej",
        "Ved ikke",
    ]
    assert [i["key"] for i in spec["items"]] == INITIATIVE_KEYS
    areas = {i["area"] for i in spec["items"]}
    assert areas == set(cedi2014.AREAS) and len(areas) == 7
    per_area = {a: sum(1 for i in spec["items"] if i["area"] == a) for a in areas}
    # the report prints five initiatives for these three areas
    assert per_area["Forsyning"] == per_area["Læring og uddannelse"] == 5
    assert per_area["Social og sundhed"] == 5
    # the report's Top-10 table wording is kept verbatim
    texts = {i["key"]: i["text"] for i in spec["items"]}
    assert texts["open_data"] == (
        "Kommunen stiller åbne data til rådighed (eks. til kommerciel brug, borgerinitiativer)"
    )


def test_motivation_is_asked_by_group_through_conditions():
    specs = {s["key"]: s for s in template_specs()}
    assert specs["motivation_smart_city"]["condition"] == {
        "question": "smart_city",
        "in": ["coordinated", "activities"],
    }
    assert specs["motivation_other"]["condition"] == {
        "question": "smart_city",
        "in": ["planning", "none"],
    }
    assert len(specs["motivation_smart_city"]["items"]) == 16
    # both sets use the same item keys, so the groups can be compared statement by statement
    assert [i["key"] for i in specs["motivation_smart_city"]["items"]] == [
        i["key"] for i in specs["motivation_other"]["items"]
    ]
    for key in ("political_anchoring", "organisation", "future_activity", "knowledge_sources"):
        assert specs[key]["condition"]["in"] == ["coordinated", "activities"]
    assert specs["network_interest"]["condition"] is None
    # items only for matrix and likert
    assert "items" not in specs["smart_city"]
    assert "items" in specs["network_interest"]


def test_skip_logic_of_the_template():
    specs = template_specs()
    full_matrix = {key: "have" for key in INITIATIVE_KEYS}
    other = {"smart_city": "none", "initiatives": full_matrix, "rejection_reasons": ["too_vague"]}
    assert validate_answers(specs, other) == []
    wrong = other | {"political_anchoring": "high"}
    assert [e["question"] for e in validate_answers(specs, wrong)] == ["political_anchoring"]
    # a chained condition: organisation_other only after organisation == other
    smart = {"smart_city": "activities", "initiatives": full_matrix, "organisation": "other"}
    assert validate_answers(specs, smart | {"organisation_other": "Projektbaseret"}) == []
    chained = smart | {"organisation": "cross_department", "organisation_other": "x"}
    assert [e["question"] for e in validate_answers(specs, chained)] == ["organisation_other"]


def test_every_question_of_the_template_has_a_section_and_order():
    version = Survey.objects.get(key="cedi-2014").latest_version()
    assert version.questions.count() == len(cedi2014.QUESTIONS)
    assert template_specs()[0]["section"] == "status"
    assert Question.objects.filter(version=version, key="initiatives", required=True).exists()


def test_baseline_round():
    baseline = Round.objects.get(key="cedi-2014-baseline")
    assert baseline.is_baseline and baseline.status == "baseline"
    assert baseline.baseline_respondents == 54
    assert baseline.population.count() == 98
    assert baseline.version.survey.key == "cedi-2014"
    assert baseline.responses.count() == 0
    assert str(baseline.opens_on) == "2013-12-02" and str(baseline.closes_on) == "2014-01-22"


def figure(question: str, option: str, item: str = "", group: str = "") -> Decimal:
    return BaselineFigure.objects.get(
        round__key="cedi-2014-baseline",
        question_key=question,
        item_key=item,
        group=group,
        option_key=option,
    ).pct


@pytest.mark.parametrize(
    ("question", "option", "item", "group", "pct"),
    [
        ("smart_city", "coordinated", "", "", 17),
        ("smart_city", "activities", "", "", 35),
        ("smart_city", "planning", "", "", 13),
        ("smart_city", "none", "", "", 31),
        ("initiatives", "have", "energy_public_buildings", "", 78),
        ("initiatives", "have", "energy_public_buildings", "smart_city", 93),
        ("initiatives", "have", "energy_public_buildings", "ovrige", 67),
        ("initiatives", "plan", "energy_public_buildings", "ovrige", 21),
        ("initiatives", "have", "social_media", "", 72),
        ("initiatives", "plan", "broadband", "", 28),
        ("initiatives", "have", "open_data", "smart_city_minus_ovrige", 33),
        ("initiatives", "have", "apps_waste", "smart_city_minus_ovrige", -17),
        ("motivation_smart_city", "very_high+high", "climate", "", 78),
        ("motivation_other", "very_high+high", "efficiency", "", 46),
        ("political_anchoring", "very_high", "", "", 0),
        ("political_anchoring", "high", "", "", 36),
        ("future_activity", "much_more+more", "", "", 82),
        ("municipality_kind", "bykommune", "", "smart_city", 50),
        ("municipality_kind", "yderkommune", "", "ovrige", 35),
        ("municipality_size", "over_67500", "", "smart_city", 36),
        ("network_interest", "very_high+high", "regional", "ovrige", 42),
        ("knowledge_sources", "national", "", "", 75),
    ],
)
def test_baseline_figures_match_the_report(question, option, item, group, pct):
    assert figure(question, option, item, group) == Decimal(pct)


def test_baseline_figures_refer_to_the_template():
    specs = {s["key"]: s for s in template_specs()}
    pseudo = {"municipality_kind", "municipality_size"}
    for f in BaselineFigure.objects.filter(round__key="cedi-2014-baseline"):
        if f.question_key in pseudo:
            continue
        spec = specs[f.question_key]
        options = {o["key"] for o in spec["options"]}
        assert set(f.option_key.split("+")) <= options, f
        if f.item_key:
            assert f.item_key in {i["key"] for i in spec["items"]}, f
        assert f.group in {"", "smart_city", "ovrige", "smart_city_minus_ovrige"}


def test_no_figure_for_what_the_report_does_not_print():
    # the report names these initiatives but prints no share that has them
    for item in (
        "traffic_planning_data",
        "case_tracking",
        "apps_business",
        "smart_street_lighting",
    ):
        assert not BaselineFigure.objects.filter(
            item_key=item, option_key="have", group=""
        ).exists()
    assert BaselineFigure.objects.filter(round__key="cedi-2014-baseline").count() == len(
        cedi2014.BASELINE_FIGURES
    )


def test_install_is_idempotent(django_db_setup):
    from django.apps import apps

    cedi2014.install(apps)
    assert Survey.objects.filter(key="cedi-2014").count() == 1
    assert Round.objects.filter(key="cedi-2014-baseline").count() == 1
