"""Consultations, and the person records a few of them need, with their consents.

Most consultations are anonymous and only counted. A person record exists only with a
recorded legal basis; its personal fields are encrypted at rest (``protection``), and
documents and phones are found again by keyed hashes, never by decrypting the table.
Staff see a person by a pseudonymous case code.
"""

import uuid

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from infohub.protection.fields import EncryptedTextField


class Channel(models.TextChoices):
    IN_PERSON = "in_person", _("In person")
    PHONE = "phone", _("Phone")
    MESSAGING = "messaging", _("Messaging")
    OUTREACH = "outreach", _("Outreach by a community advisor")


class MigrantStatus(models.TextChoices):
    CURRENT = "current", _("Current migrant")
    POTENTIAL = "potential", _("Potential migrant")
    RETURNED = "returned", _("Returned migrant")
    TRANSIT = "transit", _("Migrant in transit")


class Sex(models.TextChoices):
    FEMALE = "female", _("Female")
    MALE = "male", _("Male")
    OTHER = "other", _("Other")
    NOT_STATED = "not_stated", _("Not stated")


class AgeGroup(models.TextChoices):
    CHILD = "0-17", _("Under 18")
    YOUNG = "18-24", "18-24"
    ADULT = "25-34", "25-34"
    MIDDLE = "35-49", "35-49"
    OLDER = "50-64", "50-64"
    SENIOR = "65+", _("65 or older")
    UNKNOWN = "unknown", _("Unknown")


class Outcome(models.TextChoices):
    INFORMED = "informed", _("Information given")
    REFERRED = "referred", _("Referred to a service")
    FOLLOW_UP = "follow_up", _("Follow-up needed")
    OTHER = "other", _("Other")


class LegalBasis(models.TextChoices):
    CONSENT = "consent", _("Consent")
    VITAL_INTERESTS = "vital_interests", _("Vital interests")
    LEGAL_OBLIGATION = "legal_obligation", _("Legal obligation")
    PUBLIC_TASK = "public_task", _("Public task")
    LEGITIMATE_INTERESTS = "legitimate_interests", _("Legitimate interests")


class Person(models.Model):
    """Someone the hub keeps a record of, with a legal basis. Personal fields are encrypted."""

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    hub = models.ForeignKey("accounts.Hub", on_delete=models.PROTECT, related_name="people")
    # What staff see and say instead of a name: random, meaningless, unique.
    case_code = models.CharField(_("case code"), max_length=16, unique=True, editable=False)
    legal_basis = models.CharField(_("legal basis"), max_length=24, choices=LegalBasis.choices)
    given_names = EncryptedTextField(_("given names"))
    family_names = EncryptedTextField(_("family names"), blank=True)
    date_of_birth = EncryptedTextField(_("date of birth"), blank=True)  # ISO 8601
    nationality = EncryptedTextField(_("nationality"), blank=True)  # ISO 3166 alpha-2
    phone = EncryptedTextField(_("phone"), blank=True)
    address = EncryptedTextField(_("address"), blank=True)
    # Keyed hash of the normalised phone, for exact-match duplicate detection.
    phone_hash = models.CharField(max_length=64, blank=True, db_index=True, editable=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    # Set when the person withdrew the consent that was the record's only legal basis:
    # case workers no longer see the record, and the next retention run erases it.
    withdrawn_at = models.DateTimeField(null=True, blank=True, editable=False)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("person")
        verbose_name_plural = _("people")

    def __str__(self) -> str:
        return self.case_code  # never a name: this string reaches logs and the admin


class DocumentKind(models.TextChoices):
    PASSPORT = "passport", _("Passport")
    NATIONAL_ID = "national_id", _("National identity card")
    BIRTH_CERTIFICATE = "birth_certificate", _("Birth certificate")
    RESIDENCE_PERMIT = "residence_permit", _("Residence permit")
    OTHER = "other", _("Other document")


class IdentityDocument(models.Model):
    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="documents")
    kind = models.CharField(_("kind"), max_length=24, choices=DocumentKind.choices)
    issuing_country = models.CharField(_("issuing country"), max_length=2, blank=True)
    number = EncryptedTextField(_("number"))
    # Keyed hash of kind, country and normalised number: finds the same document again.
    number_hash = models.CharField(max_length=64, db_index=True, editable=False)
    # The last two characters, for lists ("••••56"); the rest is never shown in a list.
    masked = models.CharField(max_length=8, editable=False)

    class Meta:
        verbose_name = _("identity document")
        verbose_name_plural = _("identity documents")

    def __str__(self) -> str:
        return f"{self.kind} {self.masked}"


class Relation(models.TextChoices):
    SPOUSE = "spouse", _("Spouse or partner")
    CHILD = "child", _("Child")
    PARENT = "parent", _("Parent")
    SIBLING = "sibling", _("Brother or sister")
    OTHER = "other", _("Other relative")


class HouseholdMember(models.Model):
    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="household")
    relation = models.CharField(_("relation"), max_length=16, choices=Relation.choices)
    name = EncryptedTextField(_("name"))
    birth_year = EncryptedTextField(_("year of birth"), blank=True)

    class Meta:
        verbose_name = _("household member")
        verbose_name_plural = _("household members")

    def __str__(self) -> str:
        return self.relation


class ConsentPurpose(models.TextChoices):
    COUNSELLING_RECORD = "counselling_record", _("Keeping a counselling record")
    REFERRAL = "referral", _("Referral to a named provider")
    FOLLOW_UP = "follow_up", _("Follow-up contact")


class Consent(models.Model):
    """Consent for one purpose, given with a notice of a version in a language."""

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="consents")
    purpose = models.CharField(_("purpose"), max_length=24, choices=ConsentPurpose.choices)
    # The provider organisation a referral consent names; empty for other purposes.
    provider = models.ForeignKey(
        "accounts.Organisation", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    notice_version = models.CharField(_("notice version"), max_length=32, blank=True)
    notice_language = models.CharField(_("notice language"), max_length=8, blank=True)
    # Set when a data protection officer allowed a referral without the person's consent:
    # why, in their words. Such a record is not consent; it only permits that referral.
    override_reason = models.TextField(_("override reason"), blank=True)
    # Where the person gave it (a chat with the hub, in person, ...); blank where unknown.
    source = models.CharField(
        _("given through"), max_length=16, choices=Channel.choices, blank=True
    )
    given_at = models.DateTimeField(auto_now_add=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    withdrawn_at = models.DateTimeField(null=True, blank=True)
    withdrawn_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        ordering = ["-given_at"]
        verbose_name = _("consent")
        verbose_name_plural = _("consents")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(purpose="referral", provider__isnull=False)
                | (~models.Q(purpose="referral") & models.Q(provider__isnull=True)),
                name="referral_consent_names_a_provider",
            )
        ]

    def __str__(self) -> str:
        return self.purpose

    @property
    def active(self) -> bool:
        return self.withdrawn_at is None

    @property
    def is_override(self) -> bool:
        return bool(self.override_reason)


class Consultation(models.Model):
    """One conversation with a migrant; anonymous unless it is tied to a person record."""

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    hub = models.ForeignKey("accounts.Hub", on_delete=models.PROTECT, related_name="consultations")
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    date = models.DateField(_("date"))
    channel = models.CharField(_("channel"), max_length=16, choices=Channel.choices)
    migrant_status = models.CharField(
        _("migrant status"), max_length=16, choices=MigrantStatus.choices
    )
    nationality = models.CharField(_("nationality"), max_length=2, blank=True)
    sex = models.CharField(_("sex"), max_length=16, choices=Sex.choices, default=Sex.NOT_STATED)
    age_group = models.CharField(
        _("age group"), max_length=8, choices=AgeGroup.choices, default=AgeGroup.UNKNOWN
    )
    languages = models.JSONField(_("languages"), default=list, blank=True)  # ISO 639-1
    topics = models.ManyToManyField("articles.Topic", blank=True, related_name="+")
    articles = models.ManyToManyField("articles.Article", blank=True, related_name="+")
    pathways = models.ManyToManyField("pathways.Pathway", blank=True, related_name="+")
    outcome = models.CharField(_("outcome"), max_length=16, choices=Outcome.choices)
    # Erasing a person keeps the consultation as an anonymous count.
    person = models.ForeignKey(
        Person, null=True, blank=True, on_delete=models.SET_NULL, related_name="consultations"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-date", "-created_at"]
        verbose_name = _("consultation")
        verbose_name_plural = _("consultations")
        indexes = [models.Index(fields=["hub", "-date"]), models.Index(fields=["recorded_by"])]

    def __str__(self) -> str:
        return str(self.public_id)
