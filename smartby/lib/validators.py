"""Small validators shared by forms, imports and the API (Danish messages)."""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

CVR_WEIGHTS = (2, 7, 6, 5, 4, 3, 2, 1)


def is_valid_cvr(value: str) -> bool:
    """A CVR number is 8 digits, not starting with 0, whose weighted sum is divisible by 11."""
    if len(value) != 8 or not value.isdigit() or value[0] == "0":
        return False
    return sum(int(d) * w for d, w in zip(value, CVR_WEIGHTS, strict=True)) % 11 == 0


def validate_cvr(value: str) -> None:
    if value and not is_valid_cvr(value):
        raise ValidationError(
            _("CVR-nummeret skal være 8 cifre og bestå modulus 11-kontrollen."), code="cvr"
        )
