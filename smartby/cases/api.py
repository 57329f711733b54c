"""Use cases og business cases: endpoints of the open API (/api/v1/)."""

from ninja import Router

router = Router(tags=["Use cases og business cases"])
