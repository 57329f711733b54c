from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class ContactRequest(models.Model):
    """A message sent through the platform to a project's contact persons ("Kontakt").

    The sender's address is revealed to the recipients only when they reply. Kept for the effect
    dashboard as organisation -> organisation with a topic; the message text and the sender's
    personal data are removed after the retention period (see network/operations.py)."""

    created_at = models.DateTimeField(auto_now_add=True, db_index=True)
    project = models.ForeignKey(
        "registry.Project", on_delete=models.SET_NULL, null=True, related_name="contact_requests"
    )
    from_organisation = models.ForeignKey(
        "orgs.Organisation",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="contacts_sent",
    )
    to_organisation = models.ForeignKey(
        "orgs.Organisation",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="contacts_received",
    )
    from_municipality = models.ForeignKey(
        "geo.Municipality", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    to_municipality = models.ForeignKey(
        "geo.Municipality", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    topic = models.CharField(_("emne"), max_length=200)
    sender = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    sender_name = models.CharField(_("afsenders navn"), max_length=200, blank=True)
    sender_email = models.EmailField(_("afsenders e-mail"), blank=True)
    message = models.TextField(_("besked"), blank=True)
    delivered_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("kontakthenvendelse")
        verbose_name_plural = _("kontakthenvendelser")

    def __str__(self) -> str:
        return self.topic
