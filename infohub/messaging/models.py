"""Channels, conversations, their messages (inbound and the outbox), alert subscriptions.

Addresses (phone numbers, chat ids), message bodies and the conversation's state are
encrypted at rest; an address is found by its keyed hash. An outbound message is its own
outbox row: written in the transaction that decided it, sent later by ``send_outbox``.
"""

import uuid

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from infohub.protection.fields import EncryptedTextField


class ChannelKindName(models.TextChoices):
    WHATSAPP = "whatsapp", _("WhatsApp")
    TELEGRAM = "telegram", _("Telegram")
    SMS = "sms", _("SMS")
    EXTERNAL = "external", _("External (RapidPro-compatible)")


class Channel(models.Model):
    """One number or bot of one hub, on one provider."""

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    hub = models.ForeignKey(
        "accounts.Hub", on_delete=models.PROTECT, related_name="+", verbose_name=_("hub")
    )
    kind = models.CharField(_("kind"), max_length=16, choices=ChannelKindName.choices)
    name = models.CharField(_("name"), max_length=200)
    # The provider's API root; settable so that a proxy or a test server can stand in.
    api_base = models.URLField(_("API base URL"), max_length=500)
    # A JSON object of the kind's credential keys; never shown again after entry.
    credentials = EncryptedTextField(_("credentials"))
    # Comma-separated language codes; the first is the default.
    languages = models.CharField(_("languages"), max_length=64, default="es,en,fr,ht")
    is_enabled = models.BooleanField(_("enabled"), default=True)
    # At most this many messages a minute go out through this channel.
    rate_per_minute = models.PositiveIntegerField(_("messages per minute"), default=60)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        ordering = ["hub", "name"]
        verbose_name = _("messaging channel")
        verbose_name_plural = _("messaging channels")

    def __str__(self) -> str:
        return f"{self.name} ({self.get_kind_display()})"

    def language_list(self) -> tuple[str, ...]:
        """The channel's languages, the default first."""
        return tuple(code.strip() for code in self.languages.split(",") if code.strip())


class ConversationStatus(models.TextChoices):
    BOT = "bot", _("With the assistant")
    WAITING = "waiting", _("Waiting for a counsellor")
    TAKEN = "taken", _("With a counsellor")
    CLOSED = "closed", _("Closed")


class Conversation(models.Model):
    """One address on one channel: the bot's state and, after a handover, the inbox's."""

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    channel = models.ForeignKey(Channel, on_delete=models.CASCADE, related_name="conversations")
    address = EncryptedTextField(_("address"))
    # keyed_hash(address, purpose="messaging_address"): finds the conversation of an address.
    address_hash = models.CharField(max_length=64)
    # The step function's state as JSON (it holds the finder's answers: personal).
    state = EncryptedTextField(default="{}")
    language = models.CharField(_("language"), max_length=8, blank=True)
    status = models.CharField(
        _("status"),
        max_length=16,
        choices=ConversationStatus.choices,
        default=ConversationStatus.BOT,
    )
    assigned_to = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("counsellor"),
    )
    waiting_since = models.DateTimeField(_("waiting since"), null=True, blank=True)
    first_human_reply_at = models.DateTimeField(null=True, blank=True)
    last_inbound_at = models.DateTimeField(null=True, blank=True)
    # Consent to keep a counselling record, asked in the chat.
    consent_at = models.DateTimeField(_("consent given"), null=True, blank=True)
    consent_notice_version = models.CharField(max_length=32, blank=True)
    consent_language = models.CharField(max_length=8, blank=True)
    person = models.ForeignKey(
        "counselling.Person",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("person record"),
    )
    created_at = models.DateTimeField(_("started"), auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-updated_at"]
        verbose_name = _("conversation")
        verbose_name_plural = _("conversations")
        constraints = [
            models.UniqueConstraint(
                fields=["channel", "address_hash"], name="one_conversation_per_address"
            )
        ]
        indexes = [models.Index(fields=["status", "waiting_since"])]

    def __str__(self) -> str:
        return str(self.public_id)


class Direction(models.TextChoices):
    INBOUND = "in", _("Received")
    OUTBOUND = "out", _("Sent")


class MessageStatus(models.TextChoices):
    # Inbound: stored by the webhook, then answered by ``send_outbox`` (or its task).
    RECEIVED = "received", _("Received")
    HANDLED = "handled", _("Handled")
    QUEUED = "queued", _("Queued")
    SENDING = "sending", _("Sending")
    SENT = "sent", _("Sent")
    DELIVERED = "delivered", _("Delivered")
    READ = "read", _("Read")
    FAILED = "failed", _("Failed")


class Message(models.Model):
    """A message received, or one to send (then it is an outbox row)."""

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    channel = models.ForeignKey(Channel, on_delete=models.CASCADE, related_name="+")
    conversation = models.ForeignKey(
        Conversation, on_delete=models.CASCADE, related_name="messages"
    )
    direction = models.CharField(max_length=3, choices=Direction.choices)
    # JSON of the message: text, choice or location in; text, buttons or template out.
    body = EncryptedTextField()
    # The provider's id: of the message received (a retry carries the same), or of the
    # message once sent (status updates name it).
    provider_id = models.CharField(max_length=200, blank=True, db_index=True)
    # The counsellor who wrote it; null for the assistant and for inbound messages.
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    status = models.CharField(max_length=16, choices=MessageStatus.choices)
    attempts = models.PositiveSmallIntegerField(default=0)
    # When an outbound message may next be tried.
    due_at = models.DateTimeField(null=True, blank=True)
    # A sender's claim: until then no other sender takes the row.
    lease_until = models.DateTimeField(null=True, blank=True)
    # The provider's error code and title, never the text.
    error = models.CharField(max_length=300, blank=True)
    sent_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["created_at", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["channel", "provider_id"],
                condition=Q(direction="in"),
                name="one_inbound_message_per_provider_id",
            )
        ]
        indexes = [models.Index(fields=["status", "due_at"])]

    def __str__(self) -> str:
        return str(self.public_id)


class Subscription(models.Model):
    """An opt-in to a country's alerts, on one topic or all."""

    conversation = models.ForeignKey(
        Conversation, on_delete=models.CASCADE, related_name="subscriptions"
    )
    country = models.CharField(max_length=2)
    # A topic's slug, or "" for every topic.
    topic = models.CharField(max_length=100, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["conversation", "country", "topic"],
                name="one_subscription_per_country_and_topic",
            )
        ]

    def __str__(self) -> str:
        return f"{self.country} {self.topic or '*'}"


class AlertDelivery(models.Model):
    """An alert queued for one conversation: never twice."""

    alert = models.ForeignKey("news.Alert", on_delete=models.CASCADE, related_name="+")
    conversation = models.ForeignKey(
        Conversation, on_delete=models.CASCADE, related_name="alert_deliveries"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["alert", "conversation"], name="one_delivery_per_alert_and_conversation"
            )
        ]

    def __str__(self) -> str:
        return f"{self.alert_id} → {self.conversation_id}"


class InboxPreference(models.Model):
    """A counsellor's choice to be mailed when someone waits in their hub's inbox."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="inbox_preference"
    )
    notify_by_mail = models.BooleanField(_("mail me when someone is waiting"), default=False)

    class Meta:
        verbose_name = _("inbox preference")
        verbose_name_plural = _("inbox preferences")

    def __str__(self) -> str:
        return str(self.user_id)
