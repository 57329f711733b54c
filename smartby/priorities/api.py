"""Anbefalinger og prioritering: endpoints of the open API (/api/v1/)."""

from ninja import Router

router = Router(tags=["Anbefalinger og prioritering"])
