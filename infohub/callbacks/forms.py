"""The callback forms: the portal's request and the community advisor's referral.

They check the shape of the input and turn ids into objects; the services decide
(and say, in the reader's language) what is acceptable.
"""

import uuid
from typing import Any

from django import forms
from django.conf import settings
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from infohub.accounts.models import Hub
from infohub.articles.models import Topic
from infohub.callbacks.selectors import (
    hub_choices,
    language_choices,
    topic_by_slug,
    topic_choices,
)
from infohub.callbacks.services import NAME_MAX_LENGTH, PHONE_MAX_LENGTH


class TelInput(forms.TextInput):
    input_type = "tel"


def _hub_id(hubs: QuerySet[Hub], value: str) -> str | None:
    """The hub picked on the hub directory page (``?hub=``), if it is one of ``hubs``."""
    try:
        public_id = uuid.UUID(value)
    except ValueError:
        return None
    return str(public_id) if hubs.filter(public_id=public_id).exists() else None


class CallbackForm(forms.Form):
    """Hub, name or nickname, phone, language for the call, topic."""

    hub = forms.ChoiceField(label=_("Which hub should call you?"))
    name_or_alias = forms.CharField(
        label=_("Your name"),
        help_text=_("You may use a nickname."),
        max_length=NAME_MAX_LENGTH,
        # Off, so that a shared phone does not offer the name to the next person.
        widget=forms.TextInput(attrs={"autocomplete": "off"}),
    )
    phone = forms.CharField(
        label=_("Phone"),
        help_text=_("With the country code."),
        max_length=PHONE_MAX_LENGTH,
        widget=TelInput(attrs={"autocomplete": "off", "inputmode": "tel"}),
    )
    language = forms.ChoiceField(label=_("Language for the call"))
    topic = forms.ChoiceField(label=_("What is it about?"), required=False)

    def __init__(
        self,
        data: Any = None,
        *,
        hubs: QuerySet[Hub],
        lang: str,
        chosen_hub: str = "",
        **kwargs: Any,
    ) -> None:
        hubs = hubs.filter(is_active=True)  # a closed hub takes no calls
        only = list(hubs[:2])
        initial = {
            "language": lang if lang in settings.INFOHUB_CONTENT_LANGUAGES else None,
            "hub": str(only[0].public_id) if len(only) == 1 else _hub_id(hubs, chosen_hub),
        }
        super().__init__(data, initial=initial, label_suffix="", **kwargs)
        self.hubs = hubs
        hub_field: Any = self.fields["hub"]
        hub_field.choices = [("", _("Choose a hub")), *hub_choices(hubs)]
        language_field: Any = self.fields["language"]
        language_field.choices = language_choices()
        topic_field: Any = self.fields["topic"]
        topic_field.choices = [
            ("", _("Something else or not sure")),
            *((t.slug, t.name) for t in topic_choices(lang=lang)),
        ]

    def clean_hub(self) -> Hub:
        try:
            public_id = uuid.UUID(str(self.cleaned_data.get("hub", "")))
        except ValueError:
            raise forms.ValidationError(_("Choose a hub.")) from None
        hub = self.hubs.filter(public_id=public_id).first()
        if hub is None:
            raise forms.ValidationError(_("Choose a hub."))
        return hub

    def clean_topic(self) -> Topic | None:
        return topic_by_slug(str(self.cleaned_data.get("topic") or ""))


class PortalCallbackForm(CallbackForm):
    """The public form, with a field people never see and robots fill in."""

    website = forms.CharField(label=_("Leave this field empty"), required=False)

    @property
    def is_robot(self) -> bool:
        return bool(self.data.get("website"))


class ReferralForm(CallbackForm):
    """The advisor's form: the same fields, and the person's agreement to be called."""

    person_agreed = forms.BooleanField(
        label=_("The person agreed that the hub calls them."),
        error_messages={
            "required": _("Ask the person first: the hub calls only people who agreed.")
        },
    )

    def __init__(self, data: Any = None, *, hubs: QuerySet[Hub], lang: str, **kwargs: Any) -> None:
        super().__init__(data, hubs=hubs, lang=lang, **kwargs)
        self.fields["hub"].label = _("Hub")
        self.fields["name_or_alias"].label = _("Name of the person")
        self.fields["name_or_alias"].help_text = _("A nickname is enough.")
        self.fields["phone"].help_text = ""
        if self.initial.get("hub"):  # one hub: nothing to choose
            self.fields["hub"].widget = forms.HiddenInput()
