"""The append-only audit log.

Rows say who did what to which object, when, from where and in which request.
They never hold personal values: objects are named by type and public UUID only; the
one free text, a reason some actions require, is typed by staff who are told not to put
personal data in it. Updates and deletes are refused by database triggers (migration 0002,
put back by 0007 after the table gained its reason).
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class AuditAction(models.TextChoices):
    ORGANISATION_CREATE = "organisation.create", _("Organisation created")
    ORGANISATION_UPDATE = "organisation.update", _("Organisation changed")
    HUB_CREATE = "hub.create", _("Hub created")
    HUB_UPDATE = "hub.update", _("Hub changed")
    STAFF_CREATE = "staff.create", _("Staff account created")
    STAFF_UPDATE = "staff.update", _("Staff account changed")
    PASSWORD_SET = "staff.password_set", _("Password set")
    ROLE_GRANT = "role.grant", _("Role granted")
    ROLE_REVOKE = "role.revoke", _("Role revoked")
    API_TOKEN_CREATE = "api_token.create", _("API token created")
    API_TOKEN_REVOKE = "api_token.revoke", _("API token revoked")
    ARTICLE_CREATE = "article.create", _("Article created")
    ARTICLE_TRANSLATION_SAVE = "article.translation_save", _("Article translation saved")
    ARTICLE_TRANSITION = "article.transition", _("Article status changed")
    ARTICLE_PUBLISH = "article.publish", _("Article published")
    ARTICLE_IMPORT = "article.import", _("Article imported")
    ARTICLE_WITHDRAW = "article.withdraw", _("Article withdrawn")
    TOPIC_NAMES_SET = "topic.names_set", _("Topic names set")
    NEWS_CREATE = "news.create", _("News item created")
    NEWS_UPDATE = "news.update", _("News item changed")
    ALERT_CREATE = "alert.create", _("Alert created")
    ALERT_UPDATE = "alert.update", _("Alert changed")
    ALERT_TRANSLATION_SAVE = "alert.translation_save", _("Alert translation saved")
    ALERT_TRANSITION = "alert.transition", _("Alert status changed")
    ALERT_PUBLISH = "alert.publish", _("Alert published")
    ALERT_WITHDRAW = "alert.withdraw", _("Alert withdrawn")
    SYNONYMS_SAVE = "synonyms.save", _("Synonyms saved")
    QUESTION_SAVE = "pathway.question_save", _("Pathway question saved")
    PATHWAY_TRANSLATION_SAVE = "pathway.translation_save", _("Pathway translation saved")
    PATHWAY_TRANSITION = "pathway.transition", _("Pathway status changed")
    PATHWAY_PUBLISH = "pathway.publish", _("Pathway published")
    PATHWAY_IMPORT = "pathway.import", _("Pathway imported")
    PATHWAY_WITHDRAW = "pathway.withdraw", _("Pathway withdrawn")
    DIRECTORY_IMPORT = "directory.import", _("Service directory imported")
    SERVICE_LISTING = "directory.service_listing", _("Service listing status changed")
    LOCATION_CONFIDENTIALITY = (
        "directory.location_confidentiality",
        _("Location confidentiality changed"),
    )
    LISTING_VERIFICATION_REQUEST = (
        "directory.verification_request",
        _("Listing verification requested"),
    )
    LISTING_VERIFY = "directory.listing_verify", _("Listing verified")
    LISTING_CHANGE_PROPOSE = "directory.change_propose", _("Listing change proposed")
    LISTING_CHANGE_APPROVE = "directory.change_approve", _("Listing change approved")
    LISTING_CHANGE_REJECT = "directory.change_reject", _("Listing change rejected")
    FEEDBACK_APPROVE = "directory.feedback_approve", _("Service feedback approved")
    FEEDBACK_REJECT = "directory.feedback_reject", _("Service feedback rejected")
    PROVIDER_LINK_CREATE = "directory.provider_link_create", _("Provider link created")
    PROVIDER_LINK_UPDATE = "directory.provider_link_update", _("Provider link changed")
    CONSULTATION_RECORD = "consultation.record", _("Consultation recorded")
    CONSULTATION_PATHWAYS = "consultation.pathways", _("Pathways shown recorded on a consultation")
    PERSON_CREATE = "person.create", _("Person record created")
    PERSON_READ = "person.read", _("Person record read")
    PERSON_UPDATE = "person.update", _("Person record changed")
    PERSON_EXPORT = "person.export", _("Person record exported")
    PERSON_ERASE = "person.erase", _("Person record erased")
    CONSENT_GIVE = "consent.give", _("Consent recorded")
    CONSENT_WITHDRAW = "consent.withdraw", _("Consent withdrawn")
    REFERRAL_CREATE = "referral.create", _("Referral sent")
    REFERRAL_OVERRIDE = "referral.override", _("Referral sent without consent (override)")
    REFERRAL_TRANSITION = "referral.transition", _("Referral status changed")
    REFERRAL_READ = "referral.read", _("Referral read")
    SHARING_AGREEMENT_CREATE = "referral.agreement_create", _("Data-sharing agreement created")
    SHARING_AGREEMENT_UPDATE = "referral.agreement_update", _("Data-sharing agreement changed")
    SCREENING_RECORD = "screening.record", _("Vulnerability screening recorded")
    SCREENING_ACTION_DONE = "screening.action_done", _("Required action done")
    SCREENING_CRITERION_CREATE = "screening.criterion_create", _("Screening criterion created")
    SCREENING_CRITERION_UPDATE = "screening.criterion_update", _("Screening criterion changed")
    RETENTION_ENFORCE = "retention.enforce", _("Retention enforced")
    CALLBACK_REQUEST = "callback.request", _("Callback requested")
    CALLBACK_UPDATE = "callback.update", _("Callback request changed")
    CHANNEL_CREATE = "messaging.channel_create", _("Messaging channel created")
    CHANNEL_UPDATE = "messaging.channel_update", _("Messaging channel changed")
    CONVERSATION_HANDOVER = "messaging.handover", _("Conversation handed to counsellors")
    CONVERSATION_READ = "messaging.read", _("Conversation read")
    CONVERSATION_TAKE = "messaging.take", _("Conversation taken by a counsellor")
    CONVERSATION_REPLY = "messaging.reply", _("Counsellor replied in a conversation")
    CONVERSATION_CLOSE = "messaging.close", _("Conversation closed")
    CONVERSATION_ERASE = "messaging.erase", _("Conversation erased at the person's request")
    CONVERSATION_PERSON_LINK = (
        "messaging.person_link",
        _("Person record created from a conversation"),
    )
    LOGIN = "session.login", _("Signed in")
    LOGOUT = "session.logout", _("Signed out")
    SECOND_FACTOR_ENROL = "second_factor.enrol", _("Second factor enrolled")
    SECOND_FACTOR_VERIFY = "second_factor.verify", _("Second factor verified")
    SECOND_FACTOR_RESET = "second_factor.reset", _("Second factor reset")
    RECOVERY_CODES_GENERATE = "second_factor.recovery_generate", _("Recovery codes generated")
    RECOVERY_CODE_USE = "second_factor.recovery_use", _("Signed in with a recovery code")
    PASSKEY_REGISTER = "second_factor.passkey_register", _("Passkey registered")
    PASSKEY_REMOVE = "second_factor.passkey_remove", _("Passkey removed")
    PASSKEY_VERIFY = "second_factor.passkey_verify", _("Signed in with a passkey")
    ENROLMENT_LINK_ISSUE = "enrolment_link.issue", _("Enrolment link issued")
    ENROLMENT_LINK_REISSUE = (
        "enrolment_link.reissue",
        _("Enrolment link issued again (older links no longer work)"),
    )
    ENROLMENT_LINK_USE = "enrolment_link.use", _("Enrolment link used")
    ENROLMENT_LINK_EXPIRE = "enrolment_link.expire", _("Expired enrolment link refused")
    SSO_LOGIN = "session.login_sso", _("Signed in with single sign-on")
    SECOND_FACTOR_IDENTITY_PROVIDER = (
        "second_factor.identity_provider",
        _("Second factor asserted by the identity provider"),
    )


class AuditEvent(models.Model):
    # No updates ever, so a plain integer key; the public id is that of the object.
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        # Staff accounts are deactivated, never deleted, while the log refers to them.
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("actor"),
    )
    action = models.CharField(_("action"), max_length=64, choices=AuditAction.choices)
    object_type = models.CharField(_("object type"), max_length=64)
    object_id = models.UUIDField(_("object id"))
    at = models.DateTimeField(_("time"), auto_now_add=True, db_index=True)
    ip = models.GenericIPAddressField(_("IP address"), null=True, blank=True)
    request_id = models.CharField(_("request id"), max_length=64)
    # Why, in the actor's words, for actions that ask for it (an erasure that drops
    # something still needing attention); empty for the others.
    reason = models.TextField(_("reason"), blank=True, default="")

    class Meta:
        ordering = ["-at", "-id"]
        verbose_name = _("audit event")
        verbose_name_plural = _("audit events")
        indexes = [models.Index(fields=["object_type", "object_id"])]

    def __str__(self) -> str:
        return f"{self.action} {self.object_type}:{self.object_id}"
