"""Demo content for surveys (called by `smartby demo`)."""


def load(*, seed: int) -> None:
    """Create realistic demo content; the same seed gives the same content."""
