"""Forms of the referral pages. None of them shows a personal value in a choice or an error."""

from typing import Any, cast

from django import forms
from django.conf import settings
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from infohub.accounts.models import Organisation
from infohub.counselling.models import Consultation
from infohub.directory.models import ServiceAtLocation
from infohub.referrals.models import ReferralStatus
from infohub.referrals.selectors import PlaceLabel

REASON_MAX_LENGTH = 2000
OVERRIDE_REASON_MIN_LENGTH = 20


def content_language_choices() -> list[tuple[str, str]]:
    return [
        (code, str(name))
        for code, name in settings.LANGUAGES
        if code in settings.INFOHUB_CONTENT_LANGUAGES
    ]


class PlaceChoiceField(forms.ModelChoiceField[ServiceAtLocation]):
    """Service, place and provider organisation; marked where the person already consented."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        self.labels: dict[Any, PlaceLabel] = {}
        self.consented: set[int] = set()
        self.overridden: set[int] = set()
        super().__init__(*args, **kwargs)

    def label_from_instance(self, obj: ServiceAtLocation) -> str:
        label = self.labels.get(obj.id)
        provider = obj.service.organization.provider_link.organisation
        parts = [label.service if label else obj.service.name]
        if label and label.place:
            parts.append(label.place)
        parts.append(provider.name)
        text = " · ".join(parts)
        if provider.pk in self.consented:
            return str(_("%(place)s (consent recorded)") % {"place": text})
        if provider.pk in self.overridden:
            return str(_("%(place)s (allowed by the data protection officer)") % {"place": text})
        return text


class ConsultationChoiceField(forms.ModelChoiceField[Consultation]):
    def label_from_instance(self, obj: Consultation) -> str:
        return f"{obj.date:%Y-%m-%d} · {obj.get_channel_display()}"


class ReferralForm(forms.Form):
    """Choose a service at a place; record the person's consent when none is on file."""

    place = PlaceChoiceField(
        label=_("Service"), queryset=ServiceAtLocation.objects.none(), empty_label=None
    )
    consultation = ConsultationChoiceField(
        label=_("Consultation (optional)"),
        queryset=Consultation.objects.none(),
        required=False,
        empty_label=_("None"),
    )
    consents = forms.BooleanField(
        label=_("The person consents to this referral"),
        help_text=_(
            "Tick only after reading the privacy notice to the person and hearing them agree "
            "that this provider receives what its agreement allows."
        ),
        required=False,
    )
    notice_language = forms.ChoiceField(label=_("Language the notice was given in"), required=False)

    def __init__(
        self,
        *args: Any,
        places: QuerySet[ServiceAtLocation],
        labels: dict[Any, PlaceLabel],
        consultations: QuerySet[Consultation],
        consented_providers: set[int],
        overridden_providers: set[int],
        consent_always_needed: bool,
        language: str,
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        place = cast(PlaceChoiceField, self.fields["place"])
        place.queryset = places
        place.labels = labels
        place.consented = consented_providers
        place.overridden = overridden_providers
        consultation = cast(ConsultationChoiceField, self.fields["consultation"])
        consultation.queryset = consultations
        notice_language = cast(forms.ChoiceField, self.fields["notice_language"])
        choices = content_language_choices()
        notice_language.choices = choices
        codes = [code for code, _name in choices]
        notice_language.initial = language if language in codes else codes[0]
        # When no listed provider has the person's consent, the browser asks for the box too.
        if consent_always_needed:
            self.fields["consents"].widget.attrs["required"] = True


class TransitionForm(forms.Form):
    to = forms.ChoiceField(choices=ReferralStatus.choices)
    reason = forms.CharField(
        label=_("Reason or outcome"),
        required=False,
        max_length=REASON_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class StatusFilterForm(forms.Form):
    status = forms.ChoiceField(
        label=_("Status"),
        choices=[("", _("All")), *ReferralStatus.choices],
        required=False,
    )


class OverrideForm(forms.Form):
    case_code = forms.CharField(label=_("Case code"), max_length=16)
    provider = forms.ModelChoiceField(
        label=_("Provider organisation"), queryset=Organisation.objects.none()
    )
    reason = forms.CharField(
        label=_("Reason"),
        min_length=OVERRIDE_REASON_MIN_LENGTH,
        max_length=REASON_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_(
            "Why the referral cannot wait for the person's consent (20 characters or more)."
        ),
    )

    def __init__(self, *args: Any, providers: QuerySet[Organisation], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        provider = cast(forms.ModelChoiceField[Organisation], self.fields["provider"])
        provider.queryset = providers
