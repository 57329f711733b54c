"""Who may do what with clauses and requirement documents.

- anyone (also anonymous) reads the library and composes and exports documents without saving;
- editors (members of an organisation) propose new versions of a clause and save documents for
  their own organisations;
- coordinators create, edit, retire and publish clauses, accept or reject proposals, and see
  every saved document.
"""

from smartby.procurement.models import RequirementDocument
from smartby.registry.permissions import AnyUser, is_coordinator, organisation_ids


def can_manage_clauses(user: AnyUser) -> bool:
    return is_coordinator(user)


def can_propose_version(user: AnyUser) -> bool:
    return is_coordinator(user) or bool(organisation_ids(user))


def can_review_proposals(user: AnyUser) -> bool:
    return is_coordinator(user)


def can_save_document_for(user: AnyUser, organisation_id: int) -> bool:
    return is_coordinator(user) or organisation_id in organisation_ids(user)


def can_save_documents(user: AnyUser) -> bool:
    return is_coordinator(user) or bool(organisation_ids(user))


def can_view_document(user: AnyUser, document: RequirementDocument) -> bool:
    return is_coordinator(user) or document.organisation_id in organisation_ids(user)


def can_delete_document(user: AnyUser, document: RequirementDocument) -> bool:
    return can_view_document(user, document)
