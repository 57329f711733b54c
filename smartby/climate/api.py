"""DK2020-klimaplaner: endpoints of the open API (/api/v1/)."""

from ninja import Router

router = Router(tags=["DK2020"])
