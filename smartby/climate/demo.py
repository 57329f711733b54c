"""Demo content for dk2020-klimaplaner (called by `smartby demo`)."""


def load(*, seed: int) -> None:
    """Create realistic demo content; the same seed gives the same content."""
