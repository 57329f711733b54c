"""Test data for the network app, made through the real operations."""

from typing import Any

from smartby.network import operations
from smartby.network.forms import PeerProfileForm
from smartby.network.models import PeerProfile
from smartby.registry.models import Area, Project, Technology
from smartby.registry.tests.helpers import make_project


def contact(name: str, email: str = "", *, public: bool = True, **extra: str) -> dict[str, str]:
    row = {
        "name": name,
        "role": extra.get("role", "Projektleder"),
        "organisation": extra.get("organisation", "Aarhus Kommune"),
        "email": email,
        "phone": "" if email else "+45 12 34 56 78",
    }
    if public:
        row["public"] = "on"
    return row


def project_with(actor: Any, title: str, contacts: list[dict[str, str]], **extra: Any) -> Project:
    return make_project(actor, title=title, contacts=contacts, **extra)


def opt_in(user: Any, *, visible: bool = True, **data: Any) -> PeerProfile:
    """Save `user`'s profile through the form and the operation, as the page does."""
    post = {
        "visible": "on" if visible else "",
        "title": data.get("title", ""),
        "about": data.get("about", ""),
        "areas": [str(Area.objects.get(name=n).pk) for n in data.get("areas", [])],
        "technologies": [
            str(Technology.objects.get(name=n).pk) for n in data.get("technologies", [])
        ],
    }
    form = PeerProfileForm.for_user(user, post)
    assert form.is_valid(), form.errors
    return operations.update_peer_profile(user, form.cleaned_data)
