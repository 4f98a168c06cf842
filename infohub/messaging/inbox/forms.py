"""The inbox's forms: a reply, a person record from the chat, the mail preference.

They check the shape of the input; the services decide what is acceptable.
"""

from django import forms
from django.utils.translation import gettext_lazy as _

from infohub.messaging.inbox.services import REPLY_MAX_LENGTH, PersonFromChat

NAME_MAX_LENGTH = 200  # as on the person form of counselling


class ReplyForm(forms.Form):
    text = forms.CharField(
        label=_("Your reply"),
        max_length=REPLY_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 4}),
    )


class PersonForm(forms.Form):
    """The few fields a record needs; the rest is added on the person's page."""

    given_names = forms.CharField(
        label=_("Given names"),
        max_length=NAME_MAX_LENGTH,
        widget=forms.TextInput(attrs={"autocomplete": "off"}),
    )
    family_names = forms.CharField(
        label=_("Family names"),
        max_length=NAME_MAX_LENGTH,
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "off"}),
    )

    def person_data(self) -> PersonFromChat:
        data = self.cleaned_data
        return PersonFromChat(given_names=data["given_names"], family_names=data["family_names"])


class PreferenceForm(forms.Form):
    notify_by_mail = forms.BooleanField(
        label=_("Mail me when someone is waiting (the mail says nothing about the person)"),
        required=False,
    )
