import hashlib

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


def email_hash(email: str) -> str:
    """SHA-256 of the normalised address: how opt-outs and logs refer to an address."""
    return hashlib.sha256(email.strip().lower().encode()).hexdigest()


class Kind(models.TextChoices):
    REMINDER = "reminder", _("Påmindelse")
    ESCALATION = "escalation", _("Besked til koordinator")


class DeliveryStatus(models.TextChoices):
    PENDING = "pending", _("Venter")
    SENDING = "sending", _("Sendes")
    SENT = "sent", _("Sendt")
    FAILED = "failed", _("Fejlet")
    CANCELLED = "cancelled", _("Annulleret")


class Answer(models.TextChoices):
    VERIFIED = "verified", _("Bekræftet")
    COMPLETED = "completed", _("Markeret som afsluttet")


class Reminder(models.Model):
    """One reminder about one project to one address on one day (a row of a digest email).

    The unique constraint makes planning idempotent; delivery claims rows (pending → sending) with
    a conditional UPDATE before talking to SMTP and marks them sent afterwards, so a row is never
    mailed twice. A row left in "sending" by a killed worker is not retried (it may have gone out):
    it is marked failed after CLAIM_TIMEOUT and shown to coordinators. The address is kept only
    until the mail is sent; afterwards `email_hash` and `recipient_name` remain.
    """

    project = models.ForeignKey(
        "registry.Project", on_delete=models.CASCADE, related_name="reminders"
    )
    kind = models.CharField(max_length=20, choices=Kind.choices, default=Kind.REMINDER)
    run_date = models.DateField(_("dato"))
    email = models.EmailField(_("e-mail"), blank=True)
    email_hash = models.CharField(max_length=64)
    recipient_name = models.CharField(_("modtager"), max_length=200, blank=True)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    status = models.CharField(
        _("status"), max_length=20, choices=DeliveryStatus.choices, default=DeliveryStatus.PENDING
    )
    attempts = models.PositiveSmallIntegerField(_("forsøg"), default=0)
    last_error = models.CharField(_("seneste fejl"), max_length=500, blank=True)
    next_attempt_at = models.DateTimeField(_("næste forsøg"))
    claim = models.UUIDField(null=True, blank=True)
    claimed_at = models.DateTimeField(null=True, blank=True)
    sent_at = models.DateTimeField(_("sendt"), null=True, blank=True)
    answer = models.CharField(_("svar"), max_length=20, choices=Answer.choices, blank=True)
    answered_at = models.DateTimeField(_("besvaret"), null=True, blank=True)
    login_used_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-run_date", "id"]
        verbose_name = _("påmindelse")
        verbose_name_plural = _("påmindelser")
        constraints = [
            models.UniqueConstraint(
                fields=["project", "kind", "email_hash", "run_date"], name="unique_reminder"
            )
        ]
        indexes = [
            models.Index(
                fields=["next_attempt_at", "id"],
                condition=models.Q(status="pending"),
                name="reminder_pending_idx",
            ),
            models.Index(fields=["project", "kind", "-run_date"], name="reminder_project_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.run_date} #{self.project_id}"


class OptOut(models.Model):
    """An address that asked for no more reminder emails (stored as a hash only)."""

    email_hash = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("framelding")
        verbose_name_plural = _("frameldinger")

    def __str__(self) -> str:
        return self.email_hash[:12]


class ScheduledRun(models.Model):
    """A periodic job enqueued for a day: the unique constraint keeps it to one per day."""

    job = models.CharField(max_length=50)
    day = models.DateField()
    task_id = models.CharField(max_length=64, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-day", "job"]
        constraints = [models.UniqueConstraint(fields=["job", "day"], name="unique_scheduled_run")]

    def __str__(self) -> str:
        return f"{self.job} {self.day}"
