"""The synonym groups editors keep, analysed for query expansion.

Each term of a group is analysed with its language's analyser, so "permisos de trabajo"
in a group matches "permiso de trabajo" in a query, and with every other content
language's analyser too: a group often joins words of several languages (``vaksen,
vaccin, vacuna``), and each must reach the stemmed forms of its own language's content
("vacuna" reaches the Spanish "vacunación" only through the Spanish stemmer). The
expansion happens here, at analysis time, so it does not depend on the index engine.
The table is rebuilt from the database when a synonym change is logged.
"""

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field

from django.conf import settings

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


def build_table(groups: list[tuple[str, list[str]]], languages: Iterable[str] = ()) -> SynonymTable:
    """A table from (language, terms) groups, each term analysed in its group's language
    and in each of ``languages``."""
    by_first: dict[str, list[tuple[Alternative, list[Alternative]]]] = defaultdict(list)
    for lang, terms in groups:
        analysers = [analyzer(code) for code in dict.fromkeys([lang, *languages])]
        analysed = (tuple(a.terms(term)) for term in terms for a in analysers)
        alternatives = [a for a in dict.fromkeys(analysed) if a]
        for alternative in alternatives:
            others = [other for other in alternatives if other != alternative]
            if others:
                by_first[alternative[0]].append((alternative, others))
    return SynonymTable(dict(by_first))


def load_table() -> SynonymTable:
    """The table of every active synonym group in the database."""
    groups = [(s.lang, s.term_list) for s in Synonym.objects.filter(active=True)]
    return build_table(groups, settings.INFOHUB_CONTENT_LANGUAGES)
