"""Pathway errors whose messages are safe to show to users."""


class PathwayError(Exception):
    """A pathway or question that cannot be saved as asked."""


class AnswerError(ValueError):
    """An answer that does not fit its question; ``field`` names the question."""

    def __init__(self, field: str, message: str) -> None:
        super().__init__(f"{field}: {message}")
        self.field = field
        self.message = message


class PathwayImportError(PathwayError):
    """A pathways file was refused; ``problems`` lists every problem found, in file order."""

    def __init__(self, problems: list[str]) -> None:
        super().__init__("\n".join(problems))
        self.problems = problems
