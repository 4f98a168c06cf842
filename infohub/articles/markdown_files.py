"""Articles as Markdown files with YAML front matter, one file per translation.

A file is named ``<slug>.<lang>.md`` and holds the front matter between two ``---``
lines, then the Markdown body::

    ---
    id: 0b6f2f6e-3c1e-4a53-9a53-1f1b8f0f9d0e
    lang: es
    title: Permiso de trabajo
    summary: Lo básico.
    topics: [documents, work]
    countries: [CR, DO]
    audience: [current]
    sources:
      - https://www.example.org/
    status: published
    ---

    ## ¿Qué es?
    ...

``id`` is shared by every translation of one article (its public id); ``id``, ``lang``
and ``title`` are required, the other keys default to empty and ``status`` to
``published``. Files are read and written as UTF-8 with ``\\n`` line endings, and a file
written by ``render_article_file`` reads back to the same values, so exporting,
importing and exporting again gives the same bytes.
"""

import re
import uuid
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml
from django.conf import settings
from django.utils.translation import gettext as _

from infohub.articles.errors import ArticleError, ArticleFileError
from infohub.articles.models import ArticleStatus, ArticleTranslation
from infohub.articles.selectors import translation_latest_text
from infohub.articles.services import clean_metadata

KEYS = ("id", "lang", "title", "summary", "topics", "countries", "audience", "sources", "status")
REQUIRED_KEYS = frozenset({"id", "lang", "title"})
LIST_KEYS = ("topics", "countries", "audience", "sources")
DEFAULT_STATUS = ArticleStatus.PUBLISHED

FILE_NAME = re.compile(r"(?P<slug>[^.]+)\.(?P<lang>[^.]+)\.md")
SLUG = re.compile(r"[-a-zA-Z0-9_]+")
SLUG_MAX_LENGTH = 100
TOPIC_MAX_LENGTH = 64
TITLE_MAX_LENGTH = 200
FENCE = "---"


@dataclass(frozen=True)
class ParsedTranslation:
    """One valid file: a translation and the metadata of its article."""

    path: Path
    slug: str
    public_id: uuid.UUID
    lang: str
    title: str
    summary: str
    body: str
    topics: tuple[str, ...]
    countries: tuple[str, ...]
    audience: tuple[str, ...]
    sources: tuple[str, ...]
    status: str

    def metadata(self) -> dict[str, object]:
        """The article's metadata in a form that compares equal when it is the same."""
        return {
            "topics": sorted(self.topics),
            "countries": sorted(self.countries),
            "audience": list(self.audience),
            "sources": list(self.sources),
            "status": self.status,
        }


def file_name(*, slug: str, lang: str) -> str:
    return f"{slug}.{lang}.md"


def normalise_newlines(text: str) -> str:
    return text.replace("\r\n", "\n").replace("\r", "\n")


def normalise_body(text: str) -> str:
    """The body as stored: ``\\n`` line endings, no blank lines around it."""
    lines = normalise_newlines(text).split("\n")
    while lines and not lines[0].strip():
        lines.pop(0)
    return "\n".join(lines).rstrip()


# --- Reading ------------------------------------------------------------------------


class _FrontMatterLoader(yaml.SafeLoader):
    """YAML's safe loader, refusing a key given twice instead of keeping the last."""

    def construct_mapping(self, node: yaml.MappingNode, deep: bool = False) -> dict[Any, Any]:
        seen: set[str] = set()
        for key_node, _value in node.value:
            if isinstance(key_node, yaml.ScalarNode):
                if key_node.value in seen:
                    raise yaml.constructor.ConstructorError(
                        None,
                        None,
                        f"the key {key_node.value!r} is given twice",
                        key_node.start_mark,
                    )
                seen.add(key_node.value)
        return super().construct_mapping(node, deep=deep)


def parse_article_file(path: Path) -> ParsedTranslation:
    """Read and validate one file; raise ArticleFileError saying what is wrong."""
    name = FILE_NAME.fullmatch(path.name)
    if name is None:
        raise ArticleFileError(
            path, _("The file name must look like slug.language.md, for example visas.es.md.")
        )
    try:
        text = path.read_bytes().decode("utf-8")
    except UnicodeDecodeError:
        raise ArticleFileError(path, _("The file is not UTF-8 text.")) from None
    front_text, body = _split(path, normalise_newlines(text).removeprefix("\ufeff"))
    front = _load_yaml(path, front_text)
    try:
        return _validate(path, slug=name["slug"], file_lang=name["lang"], front=front, body=body)
    except ArticleError as error:
        raise ArticleFileError(path, str(error)) from None


def _split(path: Path, text: str) -> tuple[str, str]:
    lines = text.split("\n")
    if lines[0].rstrip() != FENCE:
        raise ArticleFileError(
            path, _("The file must start with front matter between two --- lines.")
        )
    for index, line in enumerate(lines[1:], start=1):
        if line.rstrip() == FENCE:
            return "\n".join(lines[1:index]), normalise_body("\n".join(lines[index + 1 :]))
    raise ArticleFileError(path, _("The front matter has no closing --- line."))


def _load_yaml(path: Path, text: str) -> dict[str, Any]:
    try:
        # _FrontMatterLoader is a SafeLoader: it builds plain values only.
        front = yaml.load(text, Loader=_FrontMatterLoader)  # noqa: S506
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        raise ArticleFileError(
            path,
            _("The front matter is not valid YAML (line %(line)s): %(problem)s.")
            # The front matter starts on the file's second line.
            % {"line": mark.line + 2 if mark else "?", "problem": error.problem or error},
        ) from None
    except yaml.YAMLError as error:
        raise ArticleFileError(
            path,
            _("The front matter is not valid YAML (line %(line)s): %(problem)s.")
            % {"line": "?", "problem": error},
        ) from None
    if not isinstance(front, dict):
        raise ArticleFileError(path, _("The front matter must be a list of keys and values."))
    return front


def _validate(
    path: Path, *, slug: str, file_lang: str, front: dict[str, Any], body: str
) -> ParsedTranslation:
    missing = [key for key in KEYS if key in REQUIRED_KEYS and key not in front]
    if missing:
        raise ArticleError(_("Missing keys: %(keys)s.") % {"keys": ", ".join(missing)})
    unknown = [str(key) for key in front if key not in KEYS]
    if unknown:
        raise ArticleError(
            _("Unknown keys: %(keys)s; use only: %(allowed)s.")
            % {"keys": ", ".join(unknown), "allowed": ", ".join(KEYS)}
        )
    if not SLUG.fullmatch(slug) or len(slug) > SLUG_MAX_LENGTH:
        raise ArticleError(
            _(
                "%(slug)s is not a valid slug: use letters, digits, hyphens and underscores, "
                "up to %(max)s characters."
            )
            % {"slug": slug, "max": SLUG_MAX_LENGTH}
        )
    public_id = _uuid(_text(front, "id"))
    lang = _text(front, "lang")
    if lang != file_lang:
        raise ArticleError(
            _("The language in the file name (%(name)s) is not the lang key (%(lang)s).")
            % {"name": file_lang, "lang": lang}
        )
    if lang not in settings.INFOHUB_CONTENT_LANGUAGES:
        raise ArticleError(
            _("%(lang)s is not an enabled content language (%(enabled)s).")
            % {"lang": lang, "enabled": ", ".join(settings.INFOHUB_CONTENT_LANGUAGES)}
        )
    title = _text(front, "title")
    if not title.strip():
        raise ArticleError(_("The title is empty."))
    if len(title) > TITLE_MAX_LENGTH:
        raise ArticleError(
            _("The title is longer than %(max)s characters.") % {"max": TITLE_MAX_LENGTH}
        )
    if not body.strip():
        raise ArticleError(_("The body is empty."))
    topics = _text_list(front, "topics")
    for topic in topics:
        if not SLUG.fullmatch(topic) or len(topic) > TOPIC_MAX_LENGTH:
            raise ArticleError(
                _(
                    "%(slug)s is not a valid slug: use letters, digits, hyphens and underscores, "
                    "up to %(max)s characters."
                )
                % {"slug": topic, "max": TOPIC_MAX_LENGTH}
            )
    countries, audience_text, sources = clean_metadata(
        countries=_text_list(front, "countries"),
        audience=_text_list(front, "audience"),
        sources=_text_list(front, "sources"),
    )
    _refuse_duplicates("countries", countries)
    status = front.get("status", DEFAULT_STATUS)
    if status not in ArticleStatus.values:
        raise ArticleError(
            _("Unknown status %(value)s; use one of: %(values)s.")
            % {"value": status, "values": ", ".join(ArticleStatus.values)}
        )
    return ParsedTranslation(
        path=path,
        slug=slug,
        public_id=public_id,
        lang=lang,
        title=title,
        summary=_text(front, "summary", default=""),
        body=body,
        topics=tuple(topics),
        countries=tuple(countries),
        audience=tuple(audience_text.split(",")) if audience_text else (),
        sources=tuple(sources),
        status=str(status),
    )


def _text(front: dict[str, Any], key: str, default: str | None = None) -> str:
    value = front.get(key)
    if value is None and default is not None:
        return default
    if not isinstance(value, str):
        raise ArticleError(_("%(key)s must be text.") % {"key": key})
    return value


def _text_list(front: dict[str, Any], key: str) -> list[str]:
    value = front.get(key)
    if value is None:
        return []
    if not isinstance(value, list) or not all(isinstance(item, str) for item in value):
        raise ArticleError(
            _(
                "%(key)s must be a list of text values "
                '(put quotes around values such as "NO" that YAML reads as true or false).'
            )
            % {"key": key}
        )
    _refuse_duplicates(key, value)
    return value


def _refuse_duplicates(key: str, values: list[str]) -> None:
    for index, value in enumerate(values):
        if value in values[:index]:
            raise ArticleError(_("%(key)s lists %(value)s twice.") % {"key": key, "value": value})


def _uuid(value: str) -> uuid.UUID:
    try:
        return uuid.UUID(value)
    except ValueError:
        raise ArticleError(
            _("%(value)s is not a valid id: use a UUID such as %(example)s.")
            % {"value": value, "example": "0b6f2f6e-3c1e-4a53-9a53-1f1b8f0f9d0e"}
        ) from None


# --- Writing ------------------------------------------------------------------------


class _BlockList(list[str]):
    """A list written one item per line (sources: long addresses)."""


class _FrontMatterDumper(yaml.SafeDumper):
    """YAML's safe dumper, indenting list items under their key."""

    def increase_indent(self, flow: bool = False, indentless: bool = False) -> None:
        return super().increase_indent(flow, False)


def _represent_block_list(dumper: _FrontMatterDumper, data: _BlockList) -> yaml.Node:
    return dumper.represent_sequence("tag:yaml.org,2002:seq", data, flow_style=False)


def _represent_text(dumper: _FrontMatterDumper, data: str) -> yaml.Node:
    # Several lines read best as a literal block.
    style = "|" if "\n" in data else None
    return dumper.represent_scalar("tag:yaml.org,2002:str", data, style=style)


_FrontMatterDumper.add_representer(_BlockList, _represent_block_list)
_FrontMatterDumper.add_representer(str, _represent_text)


def render_article_file(translation: ArticleTranslation) -> str:
    """The file for one translation, in its latest revision (a proposal waiting for review
    included, so that importing the file back changes nothing); prefetch
    ``article__topics`` when rendering many."""
    article = translation.article
    title, summary, body = translation_latest_text(translation)
    front: dict[str, object] = {
        "id": str(article.public_id),
        "lang": translation.lang,
        "title": title,
        "summary": normalise_newlines(summary),
        "topics": sorted(topic.slug for topic in article.topics.all()),
        "countries": [country.code for country in article.countries],
        "audience": article.audience.split(",") if article.audience else [],
        "sources": _BlockList(article.sources),
        "status": article.status,
    }
    yaml_text = yaml.dump(
        front,
        Dumper=_FrontMatterDumper,
        sort_keys=False,
        allow_unicode=True,
        default_flow_style=None,
        width=10_000,
    )
    return f"{FENCE}\n{yaml_text}{FENCE}\n\n{normalise_body(body)}\n"
