"""The synonym groups editors keep, analysed for query expansion.

Each term of a group is analysed with its language's analyser, so "permisos de trabajo"
in a group matches "permiso de trabajo" in a query. The table is rebuilt from the
database when a synonym change is logged.
"""

from collections import defaultdict
from dataclasses import dataclass, field

from infohub.search.models import Synonym
from infohub.search.text import analyzer

Alternative = tuple[str, ...]


@dataclass(frozen=True)
class SynonymTable:
    # The alternatives that start with a term, each with the other alternatives of its group.
    by_first_term: dict[str, list[tuple[Alternative, list[Alternative]]]] = field(
        default_factory=dict
    )

    def starting_with(self, term: str) -> list[tuple[Alternative, list[Alternative]]]:
        return self.by_first_term.get(term, [])


def build_table(groups: list[tuple[str, list[str]]]) -> SynonymTable:
    """A table from (language, terms) groups."""
    by_first: dict[str, list[tuple[Alternative, list[Alternative]]]] = defaultdict(list)
    for lang, terms in groups:
        alternatives = list(dict.fromkeys(tuple(analyzer(lang).terms(t)) for t in terms))
        alternatives = [a for a in alternatives if a]
        for alternative in alternatives:
            others = [other for other in alternatives if other != alternative]
            if others:
                by_first[alternative[0]].append((alternative, others))
    return SynonymTable(dict(by_first))


def load_table() -> SynonymTable:
    """The table of every active synonym group in the database."""
    return build_table([(s.lang, s.term_list) for s in Synonym.objects.filter(active=True)])
