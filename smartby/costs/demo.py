"""Demo content for fordeling af fælles udgifter (called by `smartby demo`)."""


def load(*, seed: int) -> None:
    """Create realistic demo content; the same seed gives the same content."""
