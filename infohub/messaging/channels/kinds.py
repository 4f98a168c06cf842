"""The channel kinds infohub ships, for the app to register when it is ready."""

from infohub.messaging.channels.base import ChannelKind
from infohub.messaging.channels.external import ExternalKind
from infohub.messaging.channels.sms import SmsKind
from infohub.messaging.channels.telegram import TelegramKind
from infohub.messaging.channels.whatsapp import WhatsAppKind

ALL_KINDS: tuple[ChannelKind, ...] = (WhatsAppKind(), TelegramKind(), SmsKind(), ExternalKind())
