import logging

from smartby.lib import emails


def test_a_failed_delivery_logs_the_reference_but_never_the_address(settings, monkeypatch, caplog):
    settings.MAILERS = {
        "default": {
            "BACKEND": "django.core.mail.backends.smtp.EmailBackend",
            "OPTIONS": {"host": "127.0.0.1", "port": 9, "timeout": 1},  # nothing listens
        }
    }
    monkeypatch.setattr(emails, "RETRY_DELAY_SECONDS", 0)
    message = emails.render(
        "contact-receipt",
        "hemmelig.person@kommune.example.org",
        {"project": None, "sender_name": "Hemmelig Person", "message": "Hej"},
    )
    with caplog.at_level(logging.WARNING):
        assert emails.deliver(message, reference="contact 7") is False
    logged = "\n".join(r.getMessage() for r in caplog.records)
    assert "Could not send email" in logged and "contact 7" in logged
    assert "hemmelig.person" not in logged and not any(r.exc_info for r in caplog.records)
