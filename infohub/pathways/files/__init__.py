"""The pathways YAML file (docs/pathways-format.md): reading and checking it, writing it.

Reading collects every problem, each naming the file, the question or pathway and the
place inside it, so an editor can fix a file in one pass. Nothing here writes to the
database; ``pathways.imports`` does, once a file has no problem.
"""

from collections.abc import Mapping

from infohub.pathways.files.common import ParsedFile, Problems, load_yaml, question_spec_of
from infohub.pathways.files.pathways import check_pathway
from infohub.pathways.files.questions import check_question, declared_spec
from infohub.pathways.rules.language import QuestionSpec


def read_pathways_text(
    text: str, *, file_name: str, known_questions: Mapping[str, QuestionSpec], problems: Problems
) -> ParsedFile:
    """The questions and pathways of a file; what has a problem is left out and listed.

    Rules may use the file's questions and ``known_questions`` (those in the database);
    a question in the file replaces the known one of the same id.
    """
    document = load_yaml(text, problems)
    if document is None:
        return ParsedFile([], [])
    seen: set[str] = set()
    questions = []
    specs = dict(known_questions)
    for position, raw in enumerate(document.get("questions") or []):
        question = check_question(raw, position, problems, seen)
        if question is not None:
            questions.append(question)
            specs[question.key] = question_spec_of(question)
        elif (declared := declared_spec(raw)) is not None:
            specs[declared.id] = declared
    seen = set()
    pathways = []
    for position, raw in enumerate(document.get("pathways") or []):
        pathway = check_pathway(raw, position, specs, problems, seen)
        if pathway is not None:
            pathways.append(pathway)
    return ParsedFile(questions, pathways)
