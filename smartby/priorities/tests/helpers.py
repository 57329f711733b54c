"""Test data for the follow-up and the prioritisation tool, made through the real operations."""

from typing import Any

from smartby.priorities import operations
from smartby.priorities.models import Round

PROPOSALS = [
    ("Fælles sensordata for vandstand", "Kommunerne deler målinger af vandstand i åerne."),
    ("Digital parkeringsvejledning", "Ledige pladser vises i appen og på skilte."),
    ("Chatbot til borgerservice", "Svar på enkle spørgsmål døgnet rundt."),
]


def make_round(coordinator: Any, *, assessors: list[Any] = (), title: str = "Forår 2026") -> Round:
    round = operations.create_round(
        coordinator, {"title": title, "description": "Nye fælles indsatser til budget 2027."}
    )
    for p_title, text in PROPOSALS:
        operations.create_proposal(coordinator, round, {"title": p_title, "description": text})
    for user in assessors:
        operations.invite_assessor(coordinator, round, {"email": user.email})
    return round


def score_data(round: Round, scores: dict[str, tuple[int, int, int, int]]) -> dict[str, str]:
    """POST data for the scoring form: {proposal title: (citizens, goals, difference, invest)}.
    Proposals not named are left empty."""
    data: dict[str, str] = {}
    for proposal in round.proposals.all():
        values = scores.get(proposal.title)
        for i, field in enumerate(
            ("value_citizens", "value_goals", "digital_difference", "investment")
        ):
            data[f"p{proposal.pk}-{field}"] = "" if values is None else str(values[i])
        data[f"p{proposal.pk}-comment"] = ""
    return data
