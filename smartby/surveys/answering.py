"""Answering a round: invitations with personal links, drafts, handover, submission, reminders
and the coordinator's progress overview. Views, tasks and tests call these functions.

Rules (see the README section "Besvarelse af undersøgelser"):
- A link is personal to one municipality and round (`links.py`); it works while the round is
  open and until `Invitation.expires_at` (the end of the closing day). GET never changes
  anything (mail scanners open links); every write is a POST.
- One response per municipality. Writes lock the invitation row and then the response row
  (`SELECT … FOR UPDATE`) in one transaction, so two submissions at once give one submission
  and one 409; a validation error writes nothing.
- Skip logic is enforced here: answers to questions whose condition is not met are dropped
  before validation and storage, whatever the browser sent.
- A reminder and a handover each send a new link and replace the old one (only one token hash
  is stored per invitation); the old link then answers 410 "erstattet af et nyere link". A
  reminder is not sent to an invitation used within the last hour, so nobody loses input they
  are typing. Addresses are never logged or written to the audit trail.
"""

import datetime as dt
import logging
from collections.abc import Iterable
from dataclasses import asdict, dataclass
from typing import Any

from django import forms
from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import QuerySet
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from smartby.audit.models import AuditEntry
from smartby.audit.operations import changes as audit_changes
from smartby.audit.operations import record
from smartby.geo.models import Municipality
from smartby.lib.emails import absolute_url, deliver
from smartby.lib.errors import ValidationFailed, form_errors
from smartby.registry.permissions import is_coordinator
from smartby.surveys import emails, links
from smartby.surveys.models import (
    ITEM_TYPES,
    Invitation,
    Question,
    QuestionType,
    Response,
    ResponseStatus,
    Round,
)
from smartby.surveys.versions import prune_skipped, question_spec, validate_answers

logger = logging.getLogger(__name__)

#: Days before the closing day on which a reminder goes to those who have not submitted.
DEFAULT_REMINDER_DAYS = (7, 2)
#: A reminder (which replaces the link) waits while the link was used this recently.
BUSY = dt.timedelta(hours=1)
#: Handovers per invitation and 24 hours (each sends an email to an address the holder types).
MAX_HANDOVERS_PER_DAY = 5
SOURCE = "link"


def reminder_days() -> tuple[int, ...]:
    days = getattr(settings, "SURVEY_REMINDER_DAYS", DEFAULT_REMINDER_DAYS)
    return tuple(sorted({int(d) for d in days if int(d) >= 0}, reverse=True))


# --- questions and skip logic ----------------------------------------------------------------


def round_questions(round: Round) -> list[Question]:
    """The round's questions in the order they are asked (by section, then question)."""
    return list(
        Question.objects.filter(version_id=round.version_id)
        .select_related("section")
        .order_by("section__order", "section__pk", "order", "pk")
    )


def answers_from_form(questions: Iterable[Question], data: Any) -> dict[str, Any]:
    """The answers in a posted answer form (`data` is a QueryDict): field `a.KEY` (a list for
    multiple choice), `a.KEY.ITEM` for matrix and Likert rows. Empty fields are left out; a
    number is parsed the Danish way ("12,5"), and kept as typed if it is not a number so that
    validation can say so."""
    answers: dict[str, Any] = {}
    for q in questions:
        name = f"a.{q.key}"
        if q.type == QuestionType.MULTIPLE:
            values = [_clean(v) for v in data.getlist(name) if _clean(v)]
            if values:
                answers[q.key] = values
        elif q.type in ITEM_TYPES:
            row = {}
            for item in q.items:
                value = _clean(data.get(f"{name}.{item['key']}", ""))
                if value:
                    row[item["key"]] = value
            if row:
                answers[q.key] = row
        elif q.type == QuestionType.NUMBER:
            raw = _clean(data.get(name, ""))
            if raw:
                answers[q.key] = parse_number(raw)
        else:
            value = _clean(data.get(name, ""), multiline=q.type == QuestionType.TEXT)
            if value:
                answers[q.key] = value
    return answers


def _clean(value: str, *, multiline: bool = False) -> str:
    """Without control characters (PostgreSQL's JSON refuses NUL) and outer whitespace."""
    keep = "\n\t" if multiline else ""
    return "".join(ch for ch in str(value) if ch >= " " or ch in keep).replace("\r", "").strip()


def parse_number(raw: str) -> int | float | str:
    """ "12", "12,5", "1.234,5", "1 234" → a number; anything else is returned unchanged."""
    text = raw.replace(" ", "").replace("\u00a0", "")
    if "," in text:
        text = text.replace(".", "").replace(",", ".")
    try:
        number = float(text)
    except ValueError:
        return raw
    if number != number or number in (float("inf"), float("-inf")):
        return raw
    return int(number) if number.is_integer() and "." not in text else number


def clean_answers(
    questions: list[Question], answers: dict[str, Any], *, submit: bool
) -> dict[str, Any]:
    """Drop answers to questions that are not asked (skip logic), then validate the rest with
    the version's rules (`versions.validate_answers`); required questions only on submission.
    Raises ValidationFailed with one error per question or item (field `KEY` or `KEY.ITEM`)."""
    specs = [question_spec(q) for q in questions]
    kept = prune_skipped(specs, answers)
    errors = validate_answers(specs, kept, complete=submit)
    if errors:
        raise ValidationFailed(errors)
    return kept


# --- links -----------------------------------------------------------------------------------


@dataclass
class Access:
    """What a valid link opens: the invitation, its round and the municipality's response."""

    invitation: Invitation
    response: Response | None

    @property
    def round(self) -> Round:
        return self.invitation.round

    @property
    def municipality(self) -> Municipality:
        return self.invitation.municipality

    @property
    def submitted(self) -> bool:
        return self.response is not None and self.response.status == ResponseStatus.SUBMITTED


def _invitations() -> QuerySet[Invitation]:
    return Invitation.objects.select_related("round__version__survey", "municipality__region")


def _check(invitation: Invitation | None, token: str) -> Invitation:
    """The invitation if `token` is its current link and the round takes answers now."""
    if invitation is None:
        raise links.not_found()
    if invitation.sent_at is None or not links.matches(token, invitation.token_hash):
        if invitation.sent_at is not None and (
            invitation.reminded_at is not None or invitation.handed_over_to
        ):
            raise links.replaced()
        raise links.not_found()
    round = invitation.round
    if round.is_baseline:
        raise links.not_found()
    status = round.status
    if status == "planned":
        raise links.RoundNotOpen(
            _("Undersøgelsen er ikke åbnet endnu"),
            _("%(survey)s åbner %(date)s. Linket virker fra den dag.")
            % {"survey": round.version.survey.title, "date": _date(round.opens_on)},
        )
    if status == "closed":
        raise links.LinkGone(
            _("Undersøgelsen er lukket"),
            _("%(round)s lukkede %(date)s, så der kan ikke længere svares eller ses svar her.")
            % {"round": round.name, "date": _date(round.closes_on)},
        )
    if timezone.now() >= invitation.expires_at:
        raise links.expired()
    return invitation


def _date(day: dt.date) -> str:
    return date_format(day, "j. F Y")


def open_link(token: str) -> Access:
    """Check a link for reading (GET): raises a LinkError with the status to answer."""
    invitation_id = links.parse_token(token)
    invitation = _check(_invitations().filter(pk=invitation_id).first(), token)
    response = Response.objects.filter(
        round_id=invitation.round_id, municipality_id=invitation.municipality_id
    ).first()
    return Access(invitation, response)


def _lock(token: str) -> Access:
    """Inside a transaction: lock the invitation, check the link, lock the response."""
    invitation_id = links.parse_token(token)
    invitation = _check(
        _invitations().select_for_update(of=("self",)).filter(pk=invitation_id).first(), token
    )
    response = (
        Response.objects.select_for_update()
        .filter(round_id=invitation.round_id, municipality_id=invitation.municipality_id)
        .first()
    )
    access = Access(invitation, response)
    if access.submitted:
        raise links.AlreadySubmitted(
            _("Besvarelsen er allerede indsendt"),
            _(
                "%(municipality)s indsendte sin besvarelse %(date)s. Den kan kun indsendes én "
                "gang, så intet er ændret."
            )
            % {
                "municipality": invitation.municipality.name,
                "date": _date(timezone.localdate(response.submitted_at)),
            },
        )
    return access


# --- drafts, submission, handover ------------------------------------------------------------


def save_draft(token: str, answers: dict[str, Any], *, user: Any = None) -> Response:
    """Save the answers so far (values validated, required questions not yet)."""
    return _write(token, answers, user=user, submit=False)


def submit(token: str, answers: dict[str, Any], *, user: Any = None) -> Response:
    """Submit the municipality's response, once: validation errors (incl. required questions)
    raise ValidationFailed and store nothing; a second submission raises AlreadySubmitted."""
    return _write(token, answers, user=user, submit=True)


def _write(token: str, answers: dict[str, Any], *, user: Any, submit: bool) -> Response:
    actor = user if getattr(user, "is_authenticated", False) else None
    with transaction.atomic():
        access = _lock(token)
        cleaned = clean_answers(round_questions(access.round), answers, submit=submit)
        response = access.response or Response(round=access.round, municipality=access.municipality)
        old = dict(response.answers or {})
        response.answers = cleaned
        response.updated_by = actor
        if submit:
            response.status = ResponseStatus.SUBMITTED
            response.submitted_at = timezone.now()
        response.save()
        Invitation.objects.filter(pk=access.invitation.pk).update(last_used_at=timezone.now())
        change = audit_changes(old, cleaned)
        if submit:
            change["status"] = {"old": ResponseStatus.DRAFT.value, "new": response.status}
        record(
            actor=actor,
            action="survey.submitted" if submit else "survey.draft_saved",
            obj=response,
            changes=change,
            source=SOURCE,
        )
    return response


class HandoverForm(forms.Form):
    email = forms.EmailField(
        label=gettext_lazy("Kollegaens e-mailadresse"),
        max_length=254,
        error_messages={"required": gettext_lazy("Skriv kollegaens e-mailadresse.")},
    )
    sender_name = forms.CharField(
        label=gettext_lazy("Dit navn"),
        max_length=100,
        required=False,
        help_text=gettext_lazy("Står i mailen, så kollegaen ved, hvem den er fra."),
    )
    note = forms.CharField(
        label=gettext_lazy("Besked til kollegaen"),
        max_length=1000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
    )

    def clean_sender_name(self) -> str:
        return _clean(self.cleaned_data["sender_name"])

    def clean_note(self) -> str:
        return _clean(self.cleaned_data["note"], multiline=True)


def hand_over(token: str, data: dict[str, Any], *, user: Any = None) -> str:
    """Give the response to a colleague: they get a new personal link by email, and the old
    link stops working. The mail is sent inside the transaction; if it cannot be sent, nothing
    changes (the old link keeps working) and ValidationFailed says so. Returns the address."""
    form = HandoverForm(data)
    if not form.is_valid():
        raise ValidationFailed(form_errors(form))
    email = form.cleaned_data["email"]
    actor = user if getattr(user, "is_authenticated", False) else None
    with transaction.atomic():
        access = _lock(token)
        invitation = access.invitation
        since = timezone.now() - dt.timedelta(days=1)
        recent = AuditEntry.objects.filter(
            object_type=invitation._meta.label_lower,
            object_id=str(invitation.pk),
            action="survey.handed_over",
            at__gte=since,
        ).count()
        if recent >= MAX_HANDOVERS_PER_DAY:
            raise ValidationFailed(
                [
                    {
                        "field": "email",
                        "message": _(
                            "Besvarelsen er givet videre for mange gange i dag. Prøv igen i morgen."
                        ),
                    }
                ]
            )
        token = links.new_token(invitation.pk)
        was_handed_over = bool(invitation.handed_over_to)
        invitation.token_hash = links.hash_token(token)
        invitation.handed_over_to = email
        invitation.last_used_at = timezone.now()
        invitation.save(update_fields=["token_hash", "handed_over_to", "last_used_at"])
        message = emails.handover(
            to=email,
            round=access.round,
            municipality=access.municipality,
            link=answer_link(token),
            sender_name=form.cleaned_data["sender_name"],
            note=form.cleaned_data["note"],
        )
        if not deliver(message, reference=f"survey invitation {invitation.pk}"):
            raise ValidationFailed(
                [
                    {
                        "field": "email",
                        "message": _(
                            "Mailen til kollegaen kunne ikke sendes. Prøv "
                            "igen om lidt – dit link virker stadig."
                        ),
                    }
                ]
            )
        record(
            actor=actor,
            action="survey.handed_over",
            obj=invitation,
            changes={"handed_over": {"old": was_handed_over, "new": True}},
            source=SOURCE,
        )
    return email


def answer_link(token: str) -> str:
    return absolute_url(reverse("surveys:answer", args=[token]))


# --- invitations and reminders (jobs) --------------------------------------------------------


@dataclass
class SendResult:
    sent: int = 0
    failed: int = 0
    without_address: int = 0
    skipped: int = 0

    def as_dict(self) -> dict[str, int]:
        return asdict(self)


def _placeholder_hash() -> str:
    """A unique hash for an invitation whose link has not been sent (matches no link)."""
    return links.hash_token(links.new_token(1) + ".unsent")


def accepts_invitations(round: Round) -> bool:
    return not round.is_baseline and round.status in ("planned", "open")


def send_invitations(round: Round) -> SendResult:
    """Email each municipality of the population that has an address and no invitation sent
    yet its personal link. Idempotent: each invitation is claimed by a conditional UPDATE
    (`sent_at` from null) before its mail goes out, and released if delivery fails."""
    result = SendResult()
    if not accepts_invitations(round):
        return result
    population = round.population.all()
    invitations = _invitations().filter(round=round, municipality__in=population)
    result.without_address = population.exclude(
        pk__in=invitations.values("municipality_id")
    ).count()
    for invitation in invitations.filter(sent_at__isnull=True).order_by("municipality__name"):
        token = links.new_token(invitation.pk)
        token_hash = links.hash_token(token)
        claimed = Invitation.objects.filter(pk=invitation.pk, sent_at__isnull=True).update(
            sent_at=timezone.now(), token_hash=token_hash, expires_at=round.closes_at()
        )
        if not claimed:
            result.skipped += 1
            continue
        message = emails.invitation(
            to=invitation.email,
            round=round,
            municipality=invitation.municipality,
            link=answer_link(token),
        )
        if deliver(message, reference=f"survey invitation {invitation.pk}"):
            result.sent += 1
        else:
            Invitation.objects.filter(pk=invitation.pk, token_hash=token_hash).update(
                sent_at=None, token_hash=_placeholder_hash()
            )
            result.failed += 1
    logger.info("Survey invitations for round %s: %s", round.pk, result.as_dict())
    return result


def reminder_due_from(round: Round, today: dt.date) -> dt.date | None:
    """The latest reminder day (closing day minus one of `reminder_days()`) on or before
    `today`, or None when no reminder is due yet."""
    days = [round.closes_on - dt.timedelta(days=d) for d in reminder_days()]
    passed = [day for day in days if day <= today]
    return max(passed) if passed else None


def send_reminders(round: Round, today: dt.date, *, now: bool = False) -> SendResult:
    """Remind the invited municipalities that have not submitted: on the first run on or after
    each reminder day (`SURVEY_REMINDER_DAYS` before closing, default 7 and 2), or — `now=True`,
    the coordinator's button — anyone not contacted today. Each reminder carries a new link.
    Idempotent: claimed by a conditional UPDATE of `reminded_at`, released on failure."""
    result = SendResult()
    if round.is_baseline or round.closed_at is not None:
        return result
    if not (round.opens_on <= today <= round.closes_on):
        return result
    due_from = today if now else reminder_due_from(round, today)
    if due_from is None:
        return result
    submitted = Response.objects.filter(round=round, status=ResponseStatus.SUBMITTED)
    candidates = (
        _invitations()
        .filter(round=round, sent_at__isnull=False, municipality__in=round.population.all())
        .exclude(municipality_id__in=submitted.values("municipality_id"))
        .order_by("municipality__name")
    )
    busy_since = timezone.now() - BUSY
    drafts = set(
        Response.objects.filter(round=round, status=ResponseStatus.DRAFT).values_list(
            "municipality_id", flat=True
        )
    )
    for invitation in candidates:
        last_contact = max(filter(None, [invitation.sent_at, invitation.reminded_at]))
        if timezone.localdate(last_contact) >= due_from:
            continue
        if invitation.last_used_at and invitation.last_used_at > busy_since:
            result.skipped += 1
            continue
        token = links.new_token(invitation.pk)
        token_hash = links.hash_token(token)
        claimed = Invitation.objects.filter(
            pk=invitation.pk,
            token_hash=invitation.token_hash,
            reminded_at=invitation.reminded_at,
        ).update(reminded_at=timezone.now(), token_hash=token_hash, expires_at=round.closes_at())
        if not claimed:
            result.skipped += 1
            continue
        message = emails.reminder(
            to=invitation.handed_over_to or invitation.email,
            round=round,
            municipality=invitation.municipality,
            link=answer_link(token),
            has_draft=invitation.municipality_id in drafts,
        )
        if deliver(message, reference=f"survey invitation {invitation.pk}"):
            result.sent += 1
        else:
            Invitation.objects.filter(pk=invitation.pk, token_hash=token_hash).update(
                reminded_at=invitation.reminded_at, token_hash=invitation.token_hash
            )
            result.failed += 1
    logger.info("Survey reminders for round %s on %s: %s", round.pk, today, result.as_dict())
    return result


def open_rounds(today: dt.date) -> QuerySet[Round]:
    return Round.objects.filter(
        is_baseline=False, closed_at__isnull=True, opens_on__lte=today, closes_on__gte=today
    )


def sync_expiry(round: Round) -> int:
    """After the closing date of a round changed: links expire at the new end of the round."""
    return Invitation.objects.filter(round=round).update(expires_at=round.closes_at())


# --- coordinator actions ---------------------------------------------------------------------


def _require_coordinator(actor: Any) -> None:
    if not is_coordinator(actor):
        raise PermissionDenied(_("Kun koordinatorer kan følge og styre en runde."))


def _require_sendable(round: Round) -> None:
    if not accepts_invitations(round):
        raise ValidationFailed(
            [
                {
                    "field": "",
                    "message": _(
                        "Runden er lukket eller er en baseline – der kan ikke "
                        "sendes invitationer eller påmindelser."
                    ),
                }
            ]
        )


def queue_invitations(actor: Any, round: Round) -> None:
    """The coordinator's "Send invitationer": queue the sending job after commit."""
    from smartby.surveys import tasks

    _require_coordinator(actor)
    _require_sendable(round)
    with transaction.atomic():
        record(actor=actor, action="survey.invitations_queued", obj=round, changes={})
        transaction.on_commit(lambda: tasks.send_invitations.enqueue(round.pk))


def queue_reminders(actor: Any, round: Round) -> None:
    """The coordinator's "Send påmindelser nu" (to everyone not contacted today)."""
    from smartby.surveys import tasks

    _require_coordinator(actor)
    _require_sendable(round)
    if round.status != "open":
        raise ValidationFailed(
            [{"field": "", "message": _("Påmindelser kan først sendes, når runden er åben.")}]
        )
    today = timezone.localdate().isoformat()
    with transaction.atomic():
        record(actor=actor, action="survey.reminders_queued", obj=round, changes={})
        transaction.on_commit(lambda: tasks.send_reminders_now.enqueue(round.pk, today))


def address_field(municipality: Municipality) -> str:
    return f"m{municipality.code}"


class AddressesForm(forms.Form):
    """One optional email field per municipality of the round's population."""

    def __init__(self, *args: Any, municipalities: Iterable[Municipality], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.municipalities = list(municipalities)
        for m in self.municipalities:
            self.fields[address_field(m)] = forms.EmailField(
                label=m.name, required=False, max_length=254
            )


def population(round: Round) -> list[Municipality]:
    return list(round.population.select_related("region").order_by("name"))


def suggested_addresses(round: Round) -> dict[str, str]:
    """The address form's starting values: this round's address of each municipality, else
    the one its invitation of the latest earlier round went to, else the address of the
    municipality organisation's first registered user. Nothing is saved until a coordinator
    submits the form."""
    from smartby.accounts.models import Membership

    municipalities = population(round)
    found: dict[int, str] = {}
    earlier = (
        Invitation.objects.filter(municipality__in=municipalities)
        .exclude(email="")
        .order_by("municipality_id", "-round__created", "-pk")
    )
    for invitation in Invitation.objects.filter(round=round):
        found[invitation.municipality_id] = invitation.email
    for invitation in earlier:
        found.setdefault(invitation.municipality_id, invitation.email)
    members = Membership.objects.filter(
        organisation__municipality__in=municipalities, user__is_active=True
    ).order_by("created_at", "pk")
    for m in members.values_list("organisation__municipality_id", "user__email"):
        found.setdefault(m[0], m[1])
    return {address_field(m): found[m.pk] for m in municipalities if found.get(m.pk)}


def set_addresses(actor: Any, round: Round, data: dict[str, Any]) -> int:
    """Set the address each municipality's invitation goes to. A new address of a municipality
    whose link was already sent makes the old link stop working; the next "Send invitationer"
    sends a new one. Clearing an address removes an invitation that was not sent yet. Returns
    how many changed. The audit entry counts changes and never holds addresses."""
    _require_coordinator(actor)
    municipalities = population(round)
    form = AddressesForm(data, municipalities=municipalities)
    if not form.is_valid():
        raise ValidationFailed(form_errors(form))
    existing = {i.municipality_id: i for i in Invitation.objects.filter(round=round)}
    changed = 0
    errors = []
    with transaction.atomic():
        for m in municipalities:
            email = form.cleaned_data[address_field(m)].strip()
            invitation = existing.get(m.pk)
            if invitation is None:
                if email:
                    Invitation.objects.create(
                        round=round,
                        municipality=m,
                        email=email,
                        token_hash=_placeholder_hash(),
                        expires_at=round.closes_at(),
                    )
                    changed += 1
            elif not email:
                if invitation.sent_at is None:
                    invitation.delete()
                    changed += 1
                else:
                    errors.append(
                        {
                            "field": address_field(m),
                            "message": _(
                                "Kommunen er inviteret. Ret adressen i stedet for at slette den."
                            ),
                        }
                    )
            elif email.lower() != invitation.email.lower():
                invitation.email = email
                invitation.sent_at = None
                invitation.reminded_at = None
                invitation.handed_over_to = ""
                invitation.token_hash = _placeholder_hash()
                invitation.save()
                changed += 1
        if errors:
            raise ValidationFailed(errors)
        record(
            actor=actor,
            action="survey.addresses_set",
            obj=round,
            changes={"addresses_changed": {"old": None, "new": changed}},
        )
    return changed


# --- progress --------------------------------------------------------------------------------


class Progress:
    NOT_INVITED = "not_invited"
    INVITED = "invited"
    DRAFT = "draft"
    SUBMITTED = "submitted"

    LABELS = {
        NOT_INVITED: gettext_lazy("Ikke inviteret"),
        INVITED: gettext_lazy("Inviteret"),
        DRAFT: gettext_lazy("Kladde"),
        SUBMITTED: gettext_lazy("Indsendt"),
    }
    ORDER = (NOT_INVITED, INVITED, DRAFT, SUBMITTED)


@dataclass
class ProgressRow:
    municipality: Municipality
    status: str
    invitation: Invitation | None
    response: Response | None

    @property
    def label(self) -> str:
        return str(Progress.LABELS[self.status])


def progress(round: Round) -> list[ProgressRow]:
    """One row per municipality of the population with its status (three queries)."""
    invitations = {i.municipality_id: i for i in Invitation.objects.filter(round=round)}
    responses = {r.municipality_id: r for r in Response.objects.filter(round=round)}
    rows = []
    for m in population(round):
        invitation, response = invitations.get(m.pk), responses.get(m.pk)
        if response is not None and response.status == ResponseStatus.SUBMITTED:
            status = Progress.SUBMITTED
        elif response is not None:
            status = Progress.DRAFT
        elif invitation is not None and invitation.sent_at is not None:
            status = Progress.INVITED
        else:
            status = Progress.NOT_INVITED
        rows.append(ProgressRow(m, status, invitation, response))
    return rows


def progress_counts(rows: list[ProgressRow]) -> dict[str, int]:
    counts = dict.fromkeys(Progress.ORDER, 0)
    for row in rows:
        counts[row.status] += 1
    return counts
