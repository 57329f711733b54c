from django.urls import include, path

from smartby.lib import pages

urlpatterns = [
    path("privatliv/", pages.privacy, name="privacy"),
    path("tilgaengelighed/", pages.accessibility, name="accessibility"),
    path("i18n/", include("django.conf.urls.i18n")),
    path("", include("smartby.observability.urls")),
    path("api/", include("smartby.api.urls")),
    # gdpr: "Mine data" (/privatliv/mine-data/, /konto/mine-data/)
    path("", include("smartby.privacy.urls")),
    path("konto/api-noegler/", include("smartby.api.web_urls")),
    path("konto/", include("smartby.accounts.urls")),
    path("organisationer/", include("smartby.orgs.urls")),
    path("", include("smartby.reminders.urls")),
    path("effekt/", include("smartby.effect.urls")),
    path("", include("smartby.subscriptions.urls")),
    path("markedsoverblik/", include("smartby.catalogue.urls")),
    path("teknologiradar/", include("smartby.radar.urls")),
    path("use-cases/", include("smartby.cases.urls")),
    path("udbud/", include("smartby.procurement.urls")),
    path("", include("smartby.guides.urls")),
    path("", include("smartby.kits.urls")),
    path("undersoegelser/", include("smartby.surveys.urls")),
    path("portefoelje/", include("smartby.portfolio.urls")),
    path("prioritering/", include("smartby.priorities.urls")),
    path("dk2020/", include("smartby.climate.urls")),
    path("udgiftsfordeling/", include("smartby.costs.urls")),
    path("", include("smartby.search.urls")),
    path("", include("smartby.network.urls")),
    path("", include("smartby.geo.urls")),
    path("", include("smartby.registry.urls")),
]

# faults: a database outage answers 503 with Retry-After instead of 500 (observability/outage.py)
handler500 = "smartby.observability.outage.server_error"
