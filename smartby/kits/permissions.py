"""Who may do what with kits, bookings and the årshjul. Every write path (UI and API) asks these.

- anyone reads kits, their calendars, the årshjul and the iCal feeds;
- a logged-in member of an organisation requests bookings for that organisation, and members of
  the borrowing organisation may cancel them;
- members of the kit's owner organisation and coordinators approve, reject and mark returned;
- coordinators create and edit kits; members of the owner organisation edit their own kits;
- coordinators curate all events; editors add and edit events of their own organisations.
"""

from smartby.kits.models import Booking, Event, Kit
from smartby.orgs.models import Organisation
from smartby.registry.permissions import AnyUser, is_coordinator, organisation_ids


def can_create_kit(user: AnyUser) -> bool:
    return is_coordinator(user)


def can_edit_kit(user: AnyUser, kit: Kit) -> bool:
    return is_coordinator(user) or kit.owner_id in organisation_ids(user)


def can_request_booking(user: AnyUser) -> bool:
    return is_coordinator(user) or bool(organisation_ids(user))


def can_borrow_as(user: AnyUser, organisation: Organisation) -> bool:
    return is_coordinator(user) or organisation.pk in organisation_ids(user)


def can_decide_booking(user: AnyUser, booking: Booking) -> bool:
    return is_coordinator(user) or booking.kit.owner_id in organisation_ids(user)


def can_cancel_booking(user: AnyUser, booking: Booking) -> bool:
    return is_coordinator(user) or booking.borrower_id in organisation_ids(user)


def can_view_booking(user: AnyUser, booking: Booking) -> bool:
    """The purpose and the requester are shown to the two organisations and coordinators."""
    return can_decide_booking(user, booking) or can_cancel_booking(user, booking)


def can_create_event(user: AnyUser) -> bool:
    return is_coordinator(user) or bool(organisation_ids(user))


def can_organise_as(user: AnyUser, organisation: Organisation | None) -> bool:
    if is_coordinator(user):
        return True
    return organisation is not None and organisation.pk in organisation_ids(user)


def can_edit_event(user: AnyUser, event: Event) -> bool:
    if is_coordinator(user):
        return True
    return event.organiser_id is not None and event.organiser_id in organisation_ids(user)
