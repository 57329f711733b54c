"""One error body everywhere in the API: {"detail": "...", "errors": [{"field", "message"}]}."""

from typing import Any

from django.http import HttpRequest, JsonResponse

# Danish messages for the input errors that the schema (pydantic) finds before our own
# validation runs; keyed by pydantic's error type.
PYDANTIC_MESSAGES = {
    "missing": "Feltet skal udfyldes.",
    "string_type": "Skal være tekst.",
    "string_too_long": "Teksten er for lang.",
    "string_too_short": "Teksten er for kort.",
    "string_pattern_mismatch": "Indeholder tegn, der ikke er tilladt.",
    "int_type": "Skal være et heltal.",
    "int_parsing": "Skal være et heltal.",
    "int_from_float": "Skal være et heltal.",
    "int_parsing_size": "Tallet er for stort.",
    "float_type": "Skal være et tal.",
    "float_parsing": "Skal være et tal.",
    "bool_type": "Skal være true eller false.",
    "bool_parsing": "Skal være true eller false.",
    "date_type": "Skal være en dato (ÅÅÅÅ-MM-DD).",
    "date_parsing": "Skal være en dato (ÅÅÅÅ-MM-DD).",
    "date_from_datetime_parsing": "Skal være en dato (ÅÅÅÅ-MM-DD).",
    "date_from_datetime_inexact": "Skal være en dato (ÅÅÅÅ-MM-DD).",
    "list_type": "Skal være en liste.",
    "too_long": "Listen har for mange elementer.",
    "model_type": "Skal være et objekt.",
    "dict_type": "Skal være et objekt.",
    "greater_than_equal": "Værdien er for lille.",
    "less_than_equal": "Værdien er for stor.",
    "json_invalid": "Ugyldig JSON.",
    "literal_error": "Ugyldig værdi.",
    "enum": "Ugyldig værdi.",
    "finite_number": "Skal være et endeligt tal.",
    "extra_forbidden": "Ukendt felt.",
}


def error_response(
    status: int, detail: str, errors: list[dict[str, str]] | None = None, **headers: str
) -> JsonResponse:
    response = JsonResponse({"detail": detail, "errors": errors or []}, status=status)
    for name, value in headers.items():
        response[name.replace("_", "-")] = value
    return response


def field_path(loc: list[Any] | tuple[Any, ...]) -> str:
    """('body', 'payload', 'partners', 1, 'organisation') -> 'partners[1].organisation'."""
    parts = [p for p in loc if p not in ("body", "payload", "query", "path", "header")]
    path = ""
    for p in parts:
        if isinstance(p, int):
            path += f"[{p}]"
        else:
            path += f".{p}" if path else str(p)
    return path


def pydantic_errors(errors: list[dict[str, Any]]) -> list[dict[str, str]]:
    return [
        {
            "field": field_path(e.get("loc", ())),
            "message": PYDANTIC_MESSAGES.get(e.get("type", ""), e.get("msg", "Ugyldig værdi.")),
        }
        for e in errors
    ]


def not_found(request: HttpRequest | None = None, detail: str = "Findes ikke.") -> JsonResponse:
    return error_response(404, detail)
