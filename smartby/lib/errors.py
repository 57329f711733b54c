"""The one validation error of every operation: a list of {"field", "message"} with Danish
messages. The API answers it with 422 and the same body everywhere; forms show it per field."""

from collections.abc import Mapping
from typing import Any


class ValidationFailed(Exception):
    def __init__(self, errors: list[dict[str, str]]) -> None:
        super().__init__(errors)
        self.errors = errors


def form_errors(form: Any, formsets: Mapping[str, Any] | None = None) -> list[dict[str, str]]:
    """A bound form's errors (and its formsets', as `name[i].field`) in the shape of
    `ValidationFailed`, in form order; errors of the whole form have the field ""."""
    items = [
        {"field": "" if name == "__all__" else name, "message": str(message)}
        for name, messages in form.errors.items()
        for message in messages
    ]
    for prefix, formset in (formsets or {}).items():
        items += [{"field": prefix, "message": str(m)} for m in formset.non_form_errors()]
        for i, errors in enumerate(formset.errors):
            for name, messages in errors.items():
                path = f"{prefix}[{i}]" if name == "__all__" else f"{prefix}[{i}].{name}"
                items += [{"field": path, "message": str(m)} for m in messages]
    return items
