"""Kontakt: the contact form, the emails it sends, its spam protection and its records."""

import time
from types import SimpleNamespace

import pytest

from smartby.api.models import RateCounter
from smartby.network.forms import form_token
from smartby.network.models import ContactRequest
from smartby.network.tests.helpers import contact, opt_in, project_with
from smartby.orgs.models import Organisation
from smartby.registry.models import Contact

pytestmark = pytest.mark.django_db

MESSAGE = (
    "Hej! Vi er i gang med et lignende projekt i Odense og vil gerne høre om jeres erfaringer "
    "med sensorerne og leverandøren."
)


@pytest.fixture
def project(editor_a):
    return project_with(
        editor_a,
        "Affaldssensorer i containere",
        [
            contact("Mette Hansen", "mette@aarhus.example.org"),
            contact("Jens Privat", "jens@aarhus.example.org", public=False, role="Tekniker"),
            contact("Mette Igen", "METTE@aarhus.example.org", role="Dublet"),
        ],
    )


@pytest.fixture
def url(project) -> str:
    return f"/projekter/{project.slug}/kontakt/"


NOON = 1_800_000_000 - 1_800_000_000 % 86400 + 12 * 3600  # 12:00 UTC on some day


@pytest.fixture(autouse=True)
def _rate_clock(monkeypatch):
    """The rate limit counts in fixed windows; pin its clock to the middle of the hour and the
    day so that no test straddles a window boundary."""
    monkeypatch.setattr("smartby.api.middleware.time", SimpleNamespace(time=lambda: NOON + 1800))


@pytest.fixture(autouse=True)
def _limits(settings):
    settings.CONTACT_RATE_PER_HOUR = 5
    settings.CONTACT_RATE_PER_DAY = 20
    settings.CONTACT_MIN_FILL_SECONDS = 3
    settings.SITE_URL = "https://smartby.example.dk"


def form_data(**overrides) -> dict[str, str]:
    data = {
        "name": "Bo Odense",
        "email": "bo@odense.example.org",
        "organisation": str(Organisation.objects.get(municipality__code="461").pk),
        "organisation_other": "",
        "topic": "erfaringer",
        "message": MESSAGE,
        "website": "",
        "started": form_token(time.time() - 30),
    }
    data.update(overrides)
    return data


def post(client, url, django_capture_on_commit_callbacks, **overrides):
    with django_capture_on_commit_callbacks(execute=True):
        return client.post(url, form_data(**overrides), REMOTE_ADDR="192.0.2.10")


def test_project_page_links_to_the_form(client, project, url):
    html = client.get(project.get_absolute_url()).content.decode()
    assert f'href="{url}"' in html and "Kontakt projektet" in html


def test_form_never_shows_recipient_addresses(client, url):
    response = client.get(url)
    html = response.content.decode()
    assert response.status_code == 200
    assert "@aarhus.example.org" not in html
    assert "Jens" not in html  # not public: not even the name
    assert "projektets 2 kontaktpersoner" in html  # one per address
    assert "Mette Hansen, Projektleder" in html  # public contacts may be picked by name


def test_happy_path(client, url, project, smtp_server, django_capture_on_commit_callbacks):
    response = post(client, url, django_capture_on_commit_callbacks)
    assert response.status_code == 302
    assert response["Location"] == f"/projekter/{project.slug}/kontakt/sendt/"

    messages = smtp_server.wait_for(3)
    by_recipient = {m["To"]: m for m in messages}
    assert set(by_recipient) == {
        "mette@aarhus.example.org",
        "jens@aarhus.example.org",
        "bo@odense.example.org",
    }
    for address in ("mette@aarhus.example.org", "jens@aarhus.example.org"):
        mail = by_recipient[address]
        assert mail["Reply-To"] == "Bo Odense <bo@odense.example.org>"
        assert "Affaldssensorer i containere" in mail["Subject"]
        assert "Erfaringsudveksling" in mail["Subject"]
        text = smtp_server.text(mail)
        assert MESSAGE in text
        assert "Bo Odense (Odense Kommune)" in text
        assert "bo@odense.example.org" in text
        # Each recipient sees only their own address.
        other = ({"mette@aarhus.example.org", "jens@aarhus.example.org"} - {address}).pop()
        assert other not in mail.as_string()

    receipt = by_recipient["bo@odense.example.org"]
    assert receipt["Reply-To"] is None
    assert "Kopi af din henvendelse" in receipt["Subject"]
    whole = receipt.as_string() + smtp_server.text(receipt) + smtp_server.text(receipt, "html")
    assert "aarhus.example.org" not in whole
    assert "Jens" not in whole and "Mette" not in whole
    assert MESSAGE in smtp_server.text(receipt)
    assert "https://smartby.example.dk/projekter/" in smtp_server.text(receipt)

    page = client.get(response["Location"]).content.decode()
    assert "din besked er sendt" in page
    assert "aarhus.example.org" not in page

    [record] = ContactRequest.objects.all()
    assert record.project == project
    assert record.from_organisation.name == "Odense Kommune"
    assert record.to_organisation == project.lead_organisation
    assert record.from_municipality.code == "461"
    assert record.to_municipality.code == "751"
    assert record.topic == "erfaringer"
    assert record.sender is None
    assert (record.sender_name, record.sender_email) == ("Bo Odense", "bo@odense.example.org")
    assert record.message == MESSAGE
    assert record.delivered_at is not None
    # Rate-limit counters hold no address or IP in clear text.
    keys = " ".join(RateCounter.objects.values_list("key", flat=True))
    assert "odense" not in keys and "192.0.2" not in keys


def test_pick_one_public_contact(client, url, smtp_server, django_capture_on_commit_callbacks):
    pk = Contact.objects.get(name="Mette Hansen").pk
    assert f'value="{pk}" selected' in client.get(f"{url}?til={pk}").content.decode()
    response = post(client, url, django_capture_on_commit_callbacks, recipient=str(pk))
    assert response.status_code == 302
    to = sorted(m["To"] for m in smtp_server.wait_for(2))
    assert to == ["bo@odense.example.org", "mette@aarhus.example.org"]


def test_non_public_contact_cannot_be_picked(client, url, django_capture_on_commit_callbacks):
    pk = Contact.objects.get(name="Jens Privat").pk
    response = post(client, url, django_capture_on_commit_callbacks, recipient=str(pk))
    assert response.status_code == 400
    assert ContactRequest.objects.count() == 0


def test_logged_in_sender_is_prefilled_and_recorded(
    client_b, editor_b, url, django_capture_on_commit_callbacks, mailoutbox
):
    html = client_b.get(url).content.decode()
    assert 'value="Bo Odense"' in html and 'value="bo@odense.example.org"' in html
    org_b = Organisation.objects.get(municipality__code="461")
    assert f'<option value="{org_b.pk}" selected>' in html
    post(client_b, url, django_capture_on_commit_callbacks)
    assert ContactRequest.objects.get().sender == editor_b


def test_free_text_organisation_is_matched_or_kept(
    client, url, django_capture_on_commit_callbacks, mailoutbox
):
    post(
        client,
        url,
        django_capture_on_commit_callbacks,
        organisation="",
        organisation_other="ODENSE KOMMUNE",
    )
    post(
        client,
        url,
        django_capture_on_commit_callbacks,
        organisation="",
        organisation_other="Et lille rådgivningsfirma",
        email="x@firma.example.org",
    )
    first, second = ContactRequest.objects.order_by("id")
    assert first.from_organisation.name == "Odense Kommune"
    assert second.from_organisation is None and second.from_municipality is None
    assert "Et lille rådgivningsfirma" in mailoutbox[-2].body


@pytest.mark.parametrize(
    ("overrides", "field", "message"),
    [
        ({"name": ""}, "name", "Dette felt er påkrævet"),
        ({"email": "ikke-en-adresse"}, "email", "gyldig e-mail"),
        ({"organisation": ""}, "organisation", "Vælg din organisation"),
        ({"topic": "spam"}, "topic", "Marker en gyldig valgmulighed"),
        ({"message": "For kort"}, "message", "mindst 20 tegn"),
        ({"message": "x" * 5001}, "message", "højst have 5000 tegn"),
        (
            {"message": "https://a.example https://b.example www.c.example ok"},
            "message",
            "ikke kun links",
        ),
        (
            {
                "message": "Se "
                + " ".join(f"https://{i}.example" for i in range(4))
                + " tak for det"
            },
            "message",
            "højst indeholde 3 links",
        ),
        ({"name": "x" * 201}, "name", "højst have 200 tegn"),
    ],
)
def test_bad_input_is_explained_and_nothing_is_stored(
    client, url, django_capture_on_commit_callbacks, mailoutbox, overrides, field, message
):
    response = post(client, url, django_capture_on_commit_callbacks, **overrides)
    html = response.content.decode()
    assert response.status_code == 400
    assert 'class="error-summary"' in html
    assert message in html
    assert f'href="#id_{field}"' in html
    assert ContactRequest.objects.count() == 0
    assert mailoutbox == []


def test_honeypot_refuses_and_stores_nothing(
    client, url, django_capture_on_commit_callbacks, mailoutbox
):
    response = post(client, url, django_capture_on_commit_callbacks, website="http://spam.example")
    assert response.status_code == 400
    assert "Beskeden blev ikke sendt" in response.content.decode()
    assert ContactRequest.objects.count() == 0
    assert RateCounter.objects.count() == 0
    assert mailoutbox == []


def test_too_fast_submission_is_refused_with_a_fresh_token(
    client, url, django_capture_on_commit_callbacks, mailoutbox
):
    response = post(client, url, django_capture_on_commit_callbacks, started=form_token())
    html = response.content.decode()
    assert response.status_code == 400
    assert "Formularen blev sendt meget hurtigt" in html
    assert MESSAGE in html  # the text is kept
    assert ContactRequest.objects.count() == 0
    assert mailoutbox == []


@pytest.mark.parametrize(
    "started", ["", "123", "1700000000:forfalsket", form_token(time.time() - 2 * 86400)]
)
def test_missing_tampered_or_old_timestamp_is_refused(
    client, url, django_capture_on_commit_callbacks, mailoutbox, started
):
    response = post(client, url, django_capture_on_commit_callbacks, started=started)
    assert response.status_code == 400
    assert "Formularen er for gammel eller ugyldig" in response.content.decode()
    assert ContactRequest.objects.count() == 0
    assert mailoutbox == []


def test_rate_limit_per_sender_address(client, url, django_capture_on_commit_callbacks, mailoutbox):
    for i in range(5):
        ip = f"192.0.2.{i}"
        with django_capture_on_commit_callbacks(execute=True):
            assert client.post(url, form_data(), REMOTE_ADDR=ip).status_code == 302
    sent = len(mailoutbox)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url, form_data(), REMOTE_ADDR="198.51.100.1")
    assert response.status_code == 429
    assert response["Retry-After"] == "1800"
    html = response.content.decode()
    assert "Din besked er ikke sendt" in html
    assert "kan du sende igen om 30 minutter" in html
    assert MESSAGE in html  # handed back so it is not lost
    assert ContactRequest.objects.count() == 5
    assert len(mailoutbox) == sent


def test_rate_limit_per_client_ip(client, url, django_capture_on_commit_callbacks, mailoutbox):
    for i in range(5):
        response = post(
            client, url, django_capture_on_commit_callbacks, email=f"p{i}@x.example.org"
        )
        assert response.status_code == 302
    response = post(client, url, django_capture_on_commit_callbacks, email="ny@x.example.org")
    assert response.status_code == 429
    assert ContactRequest.objects.count() == 5


def test_daily_limit(client, url, django_capture_on_commit_callbacks, settings, mailoutbox):
    settings.CONTACT_RATE_PER_HOUR = 100
    settings.CONTACT_RATE_PER_DAY = 2
    assert post(client, url, django_capture_on_commit_callbacks).status_code == 302
    assert post(client, url, django_capture_on_commit_callbacks).status_code == 302
    response = post(client, url, django_capture_on_commit_callbacks)
    assert response.status_code == 429
    assert response["Retry-After"] == str(11 * 3600 + 1800)
    assert "11 timer og 30 minutter" in response.content.decode()


def test_project_without_contacts_says_so(client, editor_a, django_capture_on_commit_callbacks):
    bare = project_with(editor_a, "Projekt uden e-mail", [contact("Ole Telefon", "")])
    url = f"/projekter/{bare.slug}/kontakt/"
    response = client.get(url)
    html = response.content.decode()
    assert response.status_code == 200
    assert "ingen kontaktperson med en e-mailadresse" in html
    assert '<form method="post" novalidate class="contact-form">' not in html
    response = post(client, url, django_capture_on_commit_callbacks)
    assert response.status_code == 400
    assert ContactRequest.objects.count() == 0


def test_unknown_project_is_404(client, db):
    assert client.get("/projekter/findes-ikke/kontakt/").status_code == 404


# Writing to an opted-in colleague -------------------------------------------------------------


def test_peer_contact(client, editor_a, smtp_server, django_capture_on_commit_callbacks):
    profile = opt_in(editor_a, title="Projektleder")
    url = f"/fagkolleger/{profile.pk}/kontakt/"
    html = client.get(url).content.decode()
    assert "Skriv til Anna Aarhus" in html
    assert editor_a.email not in html
    response = post(client, url, django_capture_on_commit_callbacks)
    assert response.status_code == 302
    messages = {m["To"]: m for m in smtp_server.wait_for(2)}
    assert messages[editor_a.email]["Reply-To"] == "Bo Odense <bo@odense.example.org>"
    receipt = messages["bo@odense.example.org"]
    assert editor_a.email not in receipt.as_string() + smtp_server.text(receipt)
    record = ContactRequest.objects.get()
    assert record.project is None
    assert record.to_organisation.name == "Aarhus Kommune"
    assert record.to_municipality.code == "751"
    assert "Anna Aarhus" in client.get(response["Location"]).content.decode()


def test_hidden_or_inactive_peer_cannot_be_contacted(client, editor_a, editor_b):
    hidden = opt_in(editor_a, visible=False)
    assert client.get(f"/fagkolleger/{hidden.pk}/kontakt/").status_code == 404
    gone = opt_in(editor_b)
    editor_b.is_active = False
    editor_b.save()
    assert client.get(f"/fagkolleger/{gone.pk}/kontakt/").status_code == 404
    assert client.post(f"/fagkolleger/{gone.pk}/kontakt/", form_data()).status_code == 404
