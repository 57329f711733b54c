"""`smartby prune-contacts`: personal data in old contact requests is cleared, statistics stay."""

from datetime import timedelta
from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.utils import timezone

from smartby.api.models import RateCounter
from smartby.network.models import ContactRequest
from smartby.orgs.models import Organisation

pytestmark = pytest.mark.django_db


def make_request(days_ago: int, sender=None) -> ContactRequest:
    aarhus = Organisation.objects.get(municipality__code="751")
    odense = Organisation.objects.get(municipality__code="461")
    request = ContactRequest.objects.create(
        from_organisation=odense,
        to_organisation=aarhus,
        from_municipality=odense.municipality,
        to_municipality=aarhus.municipality,
        topic="erfaringer",
        sender=sender,
        sender_name="Bo Odense",
        sender_email="bo@odense.example.org",
        message="Hej, hvordan gik det med sensorerne?",
    )
    ContactRequest.objects.filter(pk=request.pk).update(
        created_at=timezone.now() - timedelta(days=days_ago)
    )
    return request


def run(*args: str) -> str:
    out = StringIO()
    call_command("prune_contacts", *args, stdout=out)
    return out.getvalue()


def test_clears_personal_data_older_than_the_retention_period(editor_b):
    old = make_request(91, sender=editor_b)
    recent = make_request(89)
    now = int(timezone.now().timestamp())
    RateCounter.objects.create(key="kontakt:ip:abc", window=now - 3 * 86400, count=3)
    RateCounter.objects.create(key="kontakt:ip:abc", window=now - 3600, count=1)
    RateCounter.objects.create(key="ip:127.0.0.1", window=now - 3 * 86400, count=9)

    output = run("--days", "90")
    assert "1 kontakthenvendelse" in output and "1 udløbne tællere" in output

    old.refresh_from_db()
    assert (old.sender_name, old.sender_email, old.message, old.sender) == ("", "", "", None)
    assert old.from_organisation.name == "Odense Kommune"
    assert old.to_municipality.code == "751" and old.topic == "erfaringer"
    recent.refresh_from_db()
    assert recent.sender_email == "bo@odense.example.org" and recent.message
    # Only the contact form's expired counters go; the API's are not ours.
    assert sorted(RateCounter.objects.values_list("key", flat=True)) == [
        "ip:127.0.0.1",
        "kontakt:ip:abc",
    ]
    assert "0 kontakthenvendelse" in run("--days", "90")  # idempotent


def test_default_is_the_retention_setting(settings):
    settings.CONTACT_RETENTION_DAYS = 10
    make_request(11)
    assert "1 kontakthenvendelse" in run()


def test_through_the_smartby_console_script(capsys):
    from smartby.__main__ import main

    make_request(100)
    main(["smartby", "prune-contacts", "--days", "90"])
    assert "1 kontakthenvendelse" in capsys.readouterr().out


def test_negative_days_are_refused():
    with pytest.raises(CommandError):
        run("--days", "-1")
