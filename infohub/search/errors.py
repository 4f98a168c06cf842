"""Domain errors of search; messages are safe to show to editors."""


class SynonymError(ValueError):
    """A synonym group was refused."""
