"""The one validation error of every operation: a list of {"field", "message"} with Danish
messages. The API answers it with 422 and the same body everywhere; forms show it per field."""


class ValidationFailed(Exception):
    def __init__(self, errors: list[dict[str, str]]) -> None:
        super().__init__(errors)
        self.errors = errors
