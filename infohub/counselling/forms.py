"""Forms of the counselling staff pages. They check input and build the services' inputs;
the services decide and write.

A form never holds a person's data longer than the request, and nothing here puts a
document number or a phone in a URL: every form that takes one is posted.
"""

import datetime as dt
import re
from typing import Any

from django import forms
from django.conf import settings
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from infohub.accounts.models import Hub, Organisation
from infohub.articles.models import Topic
from infohub.articles.selectors import topic_name
from infohub.counselling.models import (
    AgeGroup,
    Channel,
    ConsentPurpose,
    DocumentKind,
    LegalBasis,
    MigrantStatus,
    Outcome,
    Sex,
)
from infohub.counselling.notice import CURRENT_NOTICE_VERSION
from infohub.counselling.services import (
    ConsentInput,
    ConsultationInput,
    DocumentInput,
    PersonInput,
)
from infohub.countries import country_options, nationality_groups
from infohub.pathways.models import Pathway
from infohub.pathways.selectors import pathway_list_published, translation_for

_LANGUAGE_CODE = re.compile(r"[a-z]{2}")
_CASE_CODE = re.compile(r"[A-Z0-9]{4}-?[A-Z0-9]{4}")
_BLANK = ("", "—")
_RECORD_CONSENT_NEEDED = _(
    "With consent as the legal basis, record the consent to keep a counselling record."
)
_DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


def content_language_choices() -> list[tuple[str, str]]:
    codes = settings.INFOHUB_CONTENT_LANGUAGES
    return [(code, str(name)) for code, name in settings.LANGUAGES if code in codes]


def _countries(lang: str) -> list[tuple[str, str]]:
    return [_BLANK, *country_options(lang)]


def _nationalities(lang: str) -> list[Any]:
    """The region's common nationalities first, then every country (optgroups)."""
    return [_BLANK, *nationality_groups(lang)]


def _not_future(value: dt.date | None, message: Any) -> dt.date | None:
    if value is not None and value > timezone.localdate():
        raise forms.ValidationError(message)
    return value


class _HubChoice(forms.Form):
    """A hub select, shown only when the user works in several hubs."""

    hub = forms.ModelChoiceField(queryset=Hub.objects.none(), label=_("Hub"))

    def __init__(self, *args: Any, hubs: QuerySet[Hub], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.only_hub = hubs.first() if hubs.count() == 1 else None
        if self.only_hub is None:
            self.fields["hub"].queryset = hubs  # type: ignore[attr-defined]
        else:
            del self.fields["hub"]

    def chosen_hub(self) -> Hub:
        hub = self.only_hub or self.cleaned_data["hub"]
        assert isinstance(hub, Hub)  # noqa: S101  # a ModelChoiceField over hubs
        return hub


class _TopicChoice(forms.ModelMultipleChoiceField):  # type: ignore[type-arg]
    def __init__(self, *, lang: str) -> None:
        self.lang = lang
        super().__init__(
            queryset=Topic.objects.order_by("slug"),
            to_field_name="slug",
            required=False,
            label=_("Topics"),
            widget=forms.CheckboxSelectMultiple,
        )

    def label_from_instance(self, obj: Topic) -> str:
        return topic_name(topic=obj, lang=self.lang)


class _PathwayChoice(forms.ModelMultipleChoiceField):  # type: ignore[type-arg]
    def __init__(self, *, lang: str) -> None:
        self.lang = lang
        super().__init__(
            queryset=pathway_list_published(),
            to_field_name="slug",
            required=False,
            label=_("Pathways shared"),
            widget=forms.SelectMultiple(attrs={"size": 6}),
        )

    def label_from_instance(self, obj: Pathway) -> str:
        chosen = translation_for(pathway=obj, lang=self.lang)
        title = chosen.translation.title if chosen else obj.slug
        return f"{title} ({obj.country})"


class ConsultationForm(_HubChoice):
    """One screen, one submit; the defaults make a typical record a few clicks."""

    date = forms.DateField(label=_("Date"), initial=timezone.localdate, widget=_DATE)
    channel = forms.ChoiceField(
        label=_("Channel"),
        choices=Channel.choices,
        initial=Channel.IN_PERSON,
        widget=forms.RadioSelect,
    )
    migrant_status = forms.ChoiceField(
        label=_("Migrant status"), choices=MigrantStatus.choices, widget=forms.RadioSelect
    )
    nationality = forms.ChoiceField(label=_("Nationality"), required=False)
    sex = forms.ChoiceField(
        label=_("Sex"), choices=Sex.choices, initial=Sex.NOT_STATED, widget=forms.RadioSelect
    )
    age_group = forms.ChoiceField(
        label=_("Age group"), choices=AgeGroup.choices, initial=AgeGroup.UNKNOWN
    )
    languages = forms.MultipleChoiceField(
        label=_("Languages"), required=False, widget=forms.CheckboxSelectMultiple
    )
    other_language = forms.CharField(
        label=_("Other language"),
        help_text=_("A two-letter ISO 639-1 code, such as pt or ar."),
        required=False,
        max_length=2,
    )
    outcome = forms.ChoiceField(
        label=_("Outcome"),
        choices=Outcome.choices,
        initial=Outcome.INFORMED,
        widget=forms.RadioSelect,
    )

    def __init__(self, *args: Any, hubs: QuerySet[Hub], lang: str, **kwargs: Any) -> None:
        super().__init__(*args, hubs=hubs, **kwargs)
        self.fields["nationality"].choices = _nationalities(lang)  # type: ignore[attr-defined]
        languages = content_language_choices()
        self.fields["languages"].choices = languages  # type: ignore[attr-defined]
        self.fields["languages"].initial = [c for c, _name in languages if c == lang]
        self.fields["topics"] = _TopicChoice(lang=lang)
        self.fields["pathways"] = _PathwayChoice(lang=lang)
        self.order_fields(
            [
                "hub", "date", "channel", "migrant_status", "nationality", "sex",
                "age_group", "languages", "other_language", "topics", "pathways", "outcome",
            ]
        )  # fmt: skip

    def clean_date(self) -> dt.date | None:
        return _not_future(self.cleaned_data["date"], _("A consultation cannot be in the future."))

    def clean_other_language(self) -> str:
        code: str = self.cleaned_data["other_language"].strip().lower()
        if code and not _LANGUAGE_CODE.fullmatch(code):
            raise forms.ValidationError(_("Enter a two-letter ISO 639-1 code, such as pt."))
        return code

    def consultation_input(self) -> ConsultationInput:
        data = self.cleaned_data
        other = [data["other_language"]] if data["other_language"] else []
        return ConsultationInput(
            date=data["date"],
            channel=data["channel"],
            migrant_status=data["migrant_status"],
            outcome=data["outcome"],
            nationality=data["nationality"],
            sex=data["sex"],
            age_group=data["age_group"],
            languages=[*data["languages"], *other],
            topics=list(data["topics"]),
            pathways=list(data["pathways"]),
        )


class CaseCodeSearchForm(forms.Form):
    """Find a person by case code: pseudonymous, so a GET is fine."""

    code = forms.CharField(label=_("Case code"), max_length=16, required=False)

    def clean_code(self) -> str:
        """The code in its stored form (``ABCD-2345``), however it was typed."""
        raw = re.sub(r"\s", "", self.cleaned_data["code"]).upper()
        if raw and not _CASE_CODE.fullmatch(raw):
            raise forms.ValidationError(_("A case code looks like ABCD-2345."))
        return raw if "-" in raw or not raw else f"{raw[:4]}-{raw[4:]}"


class IdentifierSearchForm(forms.Form):
    """Find a person by document or phone, through keyed hashes. Always posted."""

    kind = forms.ChoiceField(
        label=_("Document kind"), choices=[_BLANK, *DocumentKind.choices], required=False
    )
    issuing_country = forms.ChoiceField(
        label=_("Issuing country"),
        help_text=_("The kind and the issuing country must be those on the record."),
        required=False,
    )
    number = forms.CharField(label=_("Document number"), max_length=64, required=False)
    phone = forms.CharField(label=_("Phone"), max_length=40, required=False)

    def __init__(self, *args: Any, lang: str, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["issuing_country"].choices = _countries(lang)  # type: ignore[attr-defined]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        number, kind = data.get("number", "").strip(), data.get("kind", "")
        if number and not kind:
            self.add_error("kind", _("Choose the kind of document."))
        if not number and not data.get("phone", "").strip():
            raise forms.ValidationError(_("Enter a document number or a phone number."))
        return data

    def documents(self) -> list[DocumentInput]:
        data = self.cleaned_data
        if not data["number"].strip():
            return []
        return [DocumentInput(data["kind"], data["number"], data["issuing_country"])]


class DocumentForm(forms.Form):
    """One identity document; a person form has two, both optional."""

    kind = forms.ChoiceField(
        label=_("Document kind"), choices=[_BLANK, *DocumentKind.choices], required=False
    )
    number = forms.CharField(label=_("Document number"), max_length=64, required=False)
    issuing_country = forms.ChoiceField(label=_("Issuing country"), required=False)

    def __init__(self, *args: Any, lang: str, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["issuing_country"].choices = _countries(lang)  # type: ignore[attr-defined]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        number, kind = data.get("number", "").strip(), data.get("kind", "")
        if number and not kind:
            self.add_error("kind", _("Choose the kind of document."))
        if kind and not number:
            self.add_error("number", _("Enter the document's number."))
        return data

    def document(self) -> DocumentInput | None:
        data = self.cleaned_data
        if not data["number"].strip():
            return None
        return DocumentInput(data["kind"], data["number"], data["issuing_country"])


def _notice_language(lang: str) -> forms.ChoiceField:
    return forms.ChoiceField(
        label=_("Language the privacy notice was given in"),
        choices=content_language_choices(),
        initial=lang,
    )


class PersonForm(_HubChoice):
    legal_basis = forms.ChoiceField(label=_("Legal basis"), choices=[_BLANK, *LegalBasis.choices])
    given_names = forms.CharField(label=_("Given names"), max_length=200)
    family_names = forms.CharField(label=_("Family names"), max_length=200, required=False)
    date_of_birth = forms.DateField(label=_("Date of birth"), required=False, widget=_DATE)
    nationality = forms.ChoiceField(label=_("Nationality"), required=False)
    phone = forms.CharField(label=_("Phone"), max_length=40, required=False)
    address = forms.CharField(
        label=_("Address"),
        max_length=500,
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    consent_record = forms.BooleanField(
        label=_("The person consents to our keeping a counselling record"), required=False
    )
    consent_follow_up = forms.BooleanField(
        label=_("The person consents to being contacted for follow-up"), required=False
    )
    # Read only when possible duplicates were shown: the codes the counsellor checked.
    confirm_different = forms.BooleanField(required=False)
    checked_codes = forms.CharField(required=False, max_length=2000)

    def __init__(self, *args: Any, hubs: QuerySet[Hub], lang: str, **kwargs: Any) -> None:
        super().__init__(*args, hubs=hubs, **kwargs)
        self.fields["nationality"].choices = _nationalities(lang)  # type: ignore[attr-defined]
        self.fields["notice_language"] = _notice_language(lang)

    def clean_date_of_birth(self) -> dt.date | None:
        value = self.cleaned_data["date_of_birth"]
        return _not_future(value, _("A date of birth cannot be in the future."))

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("legal_basis") == LegalBasis.CONSENT and not data.get("consent_record"):
            self.add_error("consent_record", _RECORD_CONSENT_NEEDED)
        return data

    def confirms_different(self, duplicates: list[str]) -> bool:
        """Whether the counsellor ticked the box after seeing every one of ``duplicates``."""
        checked = set(self.cleaned_data["checked_codes"].split(","))
        return self.cleaned_data["confirm_different"] and set(duplicates) <= checked

    def person_input(self, documents: list[DocumentInput]) -> PersonInput:
        data = self.cleaned_data
        return PersonInput(
            legal_basis=data["legal_basis"],
            given_names=data["given_names"],
            family_names=data["family_names"],
            date_of_birth=data["date_of_birth"],
            nationality=data["nationality"],
            phone=data["phone"],
            address=data["address"],
            documents=documents,
        )

    def consent_inputs(self) -> list[ConsentInput]:
        data = self.cleaned_data
        ticked = [
            (data["consent_record"], ConsentPurpose.COUNSELLING_RECORD),
            (data["consent_follow_up"], ConsentPurpose.FOLLOW_UP),
        ]
        return [
            ConsentInput(
                purpose=purpose,
                notice_version=CURRENT_NOTICE_VERSION,
                notice_language=data["notice_language"],
            )
            for given, purpose in ticked
            if given
        ]


class ConsentForm(forms.Form):
    """A new consent on a person's page; referral consents name the provider."""

    purpose = forms.ChoiceField(label=_("Purpose"), choices=ConsentPurpose.choices)
    provider = forms.ModelChoiceField(
        label=_("Provider organisation (for a referral)"),
        queryset=Organisation.objects.none(),
        required=False,
    )

    def __init__(
        self, *args: Any, providers: QuerySet[Organisation], lang: str, **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        self.fields["provider"].queryset = providers  # type: ignore[attr-defined]
        self.fields["notice_language"] = _notice_language(lang)

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        is_referral = data.get("purpose") == ConsentPurpose.REFERRAL
        if is_referral and data.get("provider") is None:
            self.add_error("provider", _("A referral consent names the provider organisation."))
        if not is_referral and data.get("provider") is not None:
            self.add_error("provider", _("Choose a provider only for a referral consent."))
        return data

    def consent_input(self) -> ConsentInput:
        data = self.cleaned_data
        return ConsentInput(
            purpose=data["purpose"],
            notice_version=CURRENT_NOTICE_VERSION,
            notice_language=data["notice_language"],
            provider=data["provider"],
        )
