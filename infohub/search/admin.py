"""Admin for the synonym groups editors keep; every save goes through the audited service."""

from typing import Any

from django import forms
from django.conf import settings
from django.contrib import admin
from django.http import HttpRequest

from infohub.audit.admin_mixins import admin_actor
from infohub.search.errors import SynonymError
from infohub.search.models import Synonym
from infohub.search.services import clean_synonym_terms, synonyms_save


class SynonymForm(forms.ModelForm):  # type: ignore[type-arg]
    lang = forms.ChoiceField(choices=[])

    class Meta:
        model = Synonym
        fields = ("lang", "terms", "active")

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        languages = dict(settings.LANGUAGES)
        lang_field = self.fields["lang"]
        assert isinstance(lang_field, forms.ChoiceField)  # noqa: S101 - declared above
        lang_field.choices = [
            (code, languages.get(code, code)) for code in settings.INFOHUB_CONTENT_LANGUAGES
        ]
        lang_field.label = Synonym._meta.get_field("lang").verbose_name

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("lang") and data.get("terms"):
            try:
                data["terms"] = ", ".join(
                    clean_synonym_terms(lang=data["lang"], terms=data["terms"])
                )
            except SynonymError as error:
                raise forms.ValidationError(str(error)) from None
        return data


@admin.register(Synonym)
class SynonymAdmin(admin.ModelAdmin[Synonym]):
    form = SynonymForm
    list_display = ("terms", "lang", "active", "updated_at")
    list_filter = ("lang", "active")
    search_fields = ("terms",)

    def save_model(self, request: HttpRequest, obj: Synonym, form: Any, change: bool) -> None:
        synonyms_save(
            synonym=obj,
            lang=obj.lang,
            terms=obj.terms,
            active=obj.active,
            actor=admin_actor(request),
        )

    def has_delete_permission(self, request: HttpRequest, obj: Synonym | None = None) -> bool:
        # Audited: a group is deactivated, never deleted.
        return False
