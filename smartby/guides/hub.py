"""/viden/: the knowledge base's front door — one card per part with what it holds now."""

from django.db.models import Q
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone

from smartby.cases.models import UseCase
from smartby.catalogue.models import Solution, Standard, Supplier
from smartby.guides.models import Guide
from smartby.kits.models import Event, Kit
from smartby.procurement.models import Clause
from smartby.radar.models import Edition
from smartby.surveys.models import Round


def hub(request: HttpRequest) -> HttpResponse:
    today = timezone.localdate()
    return render(
        request,
        "guides/hub.html",
        {
            "solutions": Solution.objects.count(),
            "suppliers": Supplier.objects.count(),
            "standards": Standard.objects.count(),
            "edition": Edition.objects.filter(published=True).order_by("-year").first(),
            "use_cases": UseCase.objects.count(),
            "clauses": Clause.objects.filter(retired=False).count(),
            "guides": Guide.objects.count(),
            "kits": Kit.objects.filter(active=True).count(),
            "events": Event.objects.filter(start_date__gte=today).order_by("start_date")[:3],
            # The newest round whose results are public: closed, or the 2014 baseline.
            "survey_round": Round.objects.filter(
                Q(is_baseline=True) | Q(closes_on__lt=today) | Q(closed_at__isnull=False)
            )
            .order_by("-closes_on")
            .first(),
        },
    )
