"""Domain errors of the knowledge base; messages are safe to show to editors."""


class ArticleError(ValueError):
    """An article change was refused."""
