"""Demo content for use cases og business cases (called by `smartby demo`)."""


def load(*, seed: int) -> None:
    """Create realistic demo content; the same seed gives the same content."""
