"""Test data for the clause library, made through the real operations."""

from typing import Any

from smartby.procurement import operations
from smartby.procurement.models import Clause


def clause_data(**overrides: Any) -> dict[str, Any]:
    """POST data for ClauseForm: a valid clause with two placeholders."""
    data = {
        "title": "Adgang til måledata",
        "topic": "dataejerskab",
        "tags": "IoT, Måledata",
        "text": "{{leverandør}} skal give {{ordregiver}} adgang til data i formatet {{dataformat}}.",
        "reason": "Kommunen skal kunne bruge sine egne data.",
        "guidance": "Vælg et åbent format.",
        "change_note": "",
    }
    data.update(overrides)
    return data


def make_clause(actor: Any, **overrides: Any) -> Clause:
    return operations.create_clause(actor, clause_data(**overrides))


def compose_params(*slugs: str, **values: str) -> dict[str, Any]:
    """GET parameters of the composer for `slugs` with placeholder `values`."""
    params: dict[str, Any] = {
        "titel": "Krav til parkeringssensorer",
        "ordregiver": "Aarhus Kommune",
        "klausul": list(slugs),
        "bilag": "on",
    }
    params.update({f"v-{k}": v for k, v in values.items()})
    return params
