from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class ContactTopic(models.TextChoices):
    """What a "Kontakt" message is about: a fixed list, so the effect dashboard can count topics
    without keeping any of the message's own words."""

    EXPERIENCE = "erfaringer", _("Erfaringsudveksling")
    REUSE = "genbrug", _("Genbrug af løsningen")
    COOPERATION = "samarbejde", _("Samarbejde om et projekt")
    PROCUREMENT = "indkoeb", _("Indkøb og udbud")
    DATA = "data", _("Data og teknologi")
    OTHER = "andet", _("Andet")


class ContactRequest(models.Model):
    """A message sent through the platform to a project's contact persons, or to a colleague
    who opted in to Find en fagkollega ("Kontakt"; project is then empty).

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
    topic = models.CharField(_("emne"), max_length=200, choices=ContactTopic.choices)
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


class PeerProfile(models.Model):
    """A user's entry in "Find en fagkollega". Nobody is listed before opting in (`visible`);
    `consented_at` records when the user last did so. A hidden profile also hides the user's
    project contacts from the directory (an explicit opt-out wins over per-project consent)."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="peer_profile"
    )
    visible = models.BooleanField(_("vis mig i Find en fagkollega"), default=False)
    title = models.CharField(_("stilling"), max_length=200, blank=True)
    about = models.TextField(_("det arbejder jeg med"), max_length=1000, blank=True)
    areas = models.ManyToManyField(
        "registry.Area", blank=True, related_name="+", verbose_name=_("områder")
    )
    technologies = models.ManyToManyField(
        "registry.Technology", blank=True, related_name="+", verbose_name=_("teknologier")
    )
    consented_at = models.DateTimeField(null=True, blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("fagkollega-profil")
        verbose_name_plural = _("fagkollega-profiler")

    def __str__(self) -> str:
        return self.display_name

    @property
    def display_name(self) -> str:
        """The name shown in the directory: never the email address."""
        return self.user.name or str(_("Fagkollega uden navn"))
