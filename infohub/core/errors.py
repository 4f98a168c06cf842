"""The one base of domain errors: a stable code, an HTTP status and a message safe to show.

A domain error is a refusal the person who asked can act on: invalid input, a step the
workflow does not allow, a limit reached, something they may not do. Its message is
translated and never holds a personal value, so the API's handler
(``infohub.api.errors``) and the pages' middleware
(``infohub.core.middleware.DomainErrorMiddleware``) can show it as it is.

Domain errors, by app (each app's ``errors.py``), with their status:

- accounts: ``ProvisioningError`` 422, ``TokenScopeError`` 403 (an API token used
  outside its scopes), ``EnrolmentLinkError`` 403 (a link that cannot set up this
  account's authenticator);
- articles: ``ArticleError``, ``ArticleFileError``, ``ArticleImportError`` 422;
- callbacks: ``CallbackError`` 422, ``CallbackLimitError`` 429;
- counselling: ``CounsellingError`` 422;
- editorial: ``EditorialError`` 409 (a step the workflow does not allow; the content
  apps' services re-raise it as their own error);
- directory: ``DirectoryError``, ``HsdsImportError``, ``ProposalError`` 422,
  ``VerificationLinkError`` and ``InvalidVerificationLinkError`` 400,
  ``GoneVerificationLinkError`` 410, ``FeedbackLimitError`` 429;
- messaging: ``MessagingError`` 422;
- news: ``NewsError``, ``AlertError``, ``NewsImportError``, ``NewsFormatError`` 422;
- pathways: ``PathwayError``, ``AnswerError``, ``PathwayImportError`` 422;
- privacy: ``PrivacyError`` 422;
- referrals: ``ReferralError`` 422, ``ReferralTransitionError`` 409 (a step the
  referral's current status does not allow);
- screening: ``ScreeningError`` 422;
- search: ``SynonymError`` 422.

Classes that subclassed ``ValueError`` keep it as a second base: callers catch them as
``ValueError`` (form cleaning, commands, tests).

Not domain errors, left as they are because no user can act on them:

- programming and operating guards: ``audit.services.AuditOutsideTransactionError``
  and the ``protection.errors`` family (``DataProtectionError``,
  ``DataKeyMissingError``, ``DataTamperedError``, ``EncryptedFieldMisuseError``,
  ``RotationError``): a bug or a lost key, a 500 and an operator's fix;
- internal parse helpers caught and re-raised as a domain error before they leave
  their module: ``news.parsing._DateLineError`` (as ``NewsFormatError``),
  ``pathways.rules.language.RuleError`` (as ``PathwayImportError``; ``rules`` is pure
  Python with no Django), ``directory.opening.UnreadableRuleError`` and the
  directory import's ``BadValueError`` (reported as import problems);
- ``BadParameterError`` of the HSDS API, which answers it in its own parameter format.
"""

from typing import ClassVar

from django.utils.translation import gettext_lazy as _
from django_stubs_ext import StrOrPromise


class DomainError(Exception):
    """A refusal whose message is safe to show to the person who caused it."""

    code: ClassVar[str] = "domain_error"
    status: ClassVar[int] = 422
    default_message: ClassVar[StrOrPromise] = _("This request cannot be carried out.")

    def __init__(self, message: StrOrPromise | None = None) -> None:
        # A lazy default is translated when shown, in the language of that response.
        super().__init__(self.default_message if message is None else message)

    def __str__(self) -> str:
        return str(self.args[0]) if self.args else str(self.default_message)
