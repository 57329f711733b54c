"""Demo content for anbefalinger og prioritering (called by `smartby demo`)."""


def load(*, seed: int) -> None:
    """Create realistic demo content; the same seed gives the same content."""
