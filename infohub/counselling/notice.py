"""The privacy notice counsellors give before recording a consent, and the portal shows.

Every consent records the version of the notice the person was given; change this
constant, in the same release, when the notice's text changes. The text lives here,
translated in the UI catalogs, so the page a counsellor shows or prints and the page a
migrant reads at ``/<lang>/privacy/`` are the same text in each language.
"""

from dataclasses import dataclass

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

CURRENT_NOTICE_VERSION = "2026-01"


@dataclass(frozen=True)
class NoticeSection:
    heading: Promise
    paragraphs: tuple[Promise, ...]


NOTICE_SECTIONS = (
    NoticeSection(
        _("Who is responsible"),
        (
            _(
                "The organisation that runs the hub you speak to is responsible for what the "
                "hub records about you. Any hub can tell you its name and how to reach it."
            ),
        ),
    ),
    NoticeSection(
        _("What we record"),
        (
            _(
                "A consultation is recorded without your name: the date, the topics and, if "
                "you tell us, your country, age group and status, for statistics."
            ),
            _(
                "Only if you agree, the hub opens a personal record with your name, how to "
                "reach you and the documents you choose to show. It is stored encrypted."
            ),
        ),
    ),
    NoticeSection(
        _("Why"),
        (
            _(
                "To advise you, to follow up on your questions and, only with your consent "
                "for that purpose, to refer you to a service or to call you back."
            ),
            _("Statistics never show a person: small numbers are hidden."),
        ),
    ),
    NoticeSection(
        _("Who can see it"),
        (
            _(
                "Only the staff of your hub. A service you are referred to sees only the "
                "information needed for the referral, and only with your consent. Every "
                "reading of your record is logged."
            ),
        ),
    ),
    NoticeSection(
        _("How long we keep it"),
        (
            _(
                "A record with no activity for a long time is erased; old consultations are "
                "reduced to counts; callback requests are deleted after a short time."
            ),
        ),
    ),
    NoticeSection(
        _("Your choices and rights"),
        (
            _("Saying no, or withdrawing a consent later, never changes the help you get."),
            _(
                "At any hub you can ask to see what is recorded about you, to correct it, or "
                "to have it erased, and you can withdraw a consent at any time."
            ),
        ),
    ),
)
