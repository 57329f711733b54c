"""Form helpers shared by the apps."""

from typing import Any

from smartby.lib.text import without_control_characters


class CleanTextMixin:
    """Every text value cleaned the same way: control characters dropped (PostgreSQL refuses
    NUL bytes; a carriage return goes too, so line breaks are plain newlines) and surrounding
    space stripped."""

    def clean(self) -> dict[str, Any]:
        data = super().clean()  # type: ignore[misc]
        for key, value in list(data.items()):
            if isinstance(value, str):
                data[key] = without_control_characters(value).strip()
        return data
