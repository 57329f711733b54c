from django.urls import path

from smartby.kits import views

app_name = "kits"

urlpatterns = [
    path("iot-kits/", views.kit_list, name="kit_list"),
    path("iot-kits/nyt/", views.kit_create, name="kit_create"),
    path("iot-kits/kalender.ics", views.kits_ical, name="kits_ical"),
    path("iot-kits/reservationer/", views.booking_list, name="booking_list"),
    path("iot-kits/reservationer/<int:pk>/", views.booking_detail, name="booking_detail"),
    path("iot-kits/reservationer/<int:pk>/afgoer/", views.booking_decide, name="booking_decide"),
    path("iot-kits/reservationer/<int:pk>/annuller/", views.booking_cancel, name="booking_cancel"),
    path("iot-kits/reservationer/<int:pk>/afleveret/", views.booking_return, name="booking_return"),
    path("iot-kits/<slug:slug>/", views.kit_detail, name="kit_detail"),
    path("iot-kits/<slug:slug>/reserver/", views.kit_book, name="kit_book"),
    path("iot-kits/<slug:slug>/rediger/", views.kit_edit, name="kit_edit"),
    path("iot-kits/<slug:slug>/kalender.ics", views.kit_ical, name="kit_ical"),
    path("aarshjul/", views.event_year, name="event_year"),
    path("aarshjul/ny/", views.event_create, name="event_create"),
    path("aarshjul/kalender.ics", views.events_ical, name="events_ical"),
    path("aarshjul/<int:pk>/", views.event_detail, name="event_detail"),
    path("aarshjul/<int:pk>.ics", views.event_ical, name="event_ical"),
    path("aarshjul/<int:pk>/rediger/", views.event_edit, name="event_edit"),
    path("aarshjul/<int:pk>/slet/", views.event_delete, name="event_delete"),
]
