"""The checklist's admin, for superusers only.

Criteria are configuration, not personal data: no screening, flag or action is shown
in the admin, because flags belong to the hub's case workers alone. Criteria are
deactivated, never deleted, since past screenings refer to them. Every save is audited
(``AuditedAdminMixin``).
"""

from typing import TYPE_CHECKING, Any

from django import forms
from django.conf import settings
from django.contrib import admin
from django.http import HttpRequest
from django.utils.text import format_lazy
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from infohub.audit.admin_mixins import AuditedAdminMixin
from infohub.audit.models import AuditAction
from infohub.screening.errors import ScreeningError
from infohub.screening.models import Criterion
from infohub.screening.schemas import criterion_texts

if TYPE_CHECKING:
    from django.contrib.admin.options import _FieldOpts
    from django.utils.functional import _StrPromise
from infohub.screening.selectors import criterion_name


def _languages() -> list[tuple[str, str]]:
    return [
        (code, name)
        for code, name in settings.LANGUAGES
        if code in settings.INFOHUB_CONTENT_LANGUAGES
    ]


class CriterionAdminFormBase(forms.ModelForm[Criterion]):
    """The JSON texts edited as one field per language: ``name_es``, ``action_es``, ..."""

    class Meta:
        model = Criterion
        fields = ("code", "priority", "action_deadline_hours", "refer_to", "active", "position")

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for code, _name in _languages():
            self.initial.setdefault(f"name_{code}", self.instance.names.get(code, ""))
            self.initial.setdefault(f"action_{code}", self.instance.action.get(code, ""))

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        names = {c: data.get(f"name_{c}", "").strip() for c, _n in _languages()}
        actions = {c: data.get(f"action_{c}", "").strip() for c, _n in _languages()}
        names = {c: text for c, text in names.items() if text}
        actions = {c: text for c, text in actions.items() if text}
        if not names:
            raise forms.ValidationError(_("Name the criterion in at least one language."))
        if data.get("action_deadline_hours") and not actions:
            raise forms.ValidationError(
                _("A criterion with a deadline says, in at least one language, what must be done.")
            )
        try:
            self.instance.names, self.instance.action = criterion_texts(names=names, action=actions)
        except ScreeningError as error:
            raise forms.ValidationError(str(error)) from None
        return data


def _text_fields() -> dict[str, forms.Field]:
    fields: dict[str, forms.Field] = {}
    for code, name in _languages():
        fields[f"name_{code}"] = forms.CharField(
            label=format_lazy("{} ({})", _("Name"), name), max_length=200, required=False
        )
    for code, name in _languages():
        fields[f"action_{code}"] = forms.CharField(
            label=format_lazy("{} ({})", _("Required action"), name),
            max_length=300,
            required=False,
        )
    return fields


# Built at import so the admin knows the per-language fields (they depend on settings).
CriterionAdminForm: type[CriterionAdminFormBase] = type(
    "CriterionAdminForm", (CriterionAdminFormBase,), _text_fields()
)


@admin.register(Criterion)
class CriterionAdmin(AuditedAdminMixin, admin.ModelAdmin[Criterion]):
    audit_create_action = AuditAction.SCREENING_CRITERION_CREATE
    audit_update_action = AuditAction.SCREENING_CRITERION_UPDATE
    form = CriterionAdminForm
    list_display = ("code", "display_name", "priority", "action_deadline_hours", "active")
    list_filter = ("active", "priority")
    search_fields = ("code",)
    ordering = ("position", "code")

    def get_fieldsets(
        self, request: HttpRequest, obj: Criterion | None = None
    ) -> "list[tuple[str | _StrPromise | None, _FieldOpts]]":
        languages = [code for code, _name in _languages()]
        return [
            (None, {"fields": ("code", "priority", "active", "position")}),
            (_("Names"), {"fields": [f"name_{c}" for c in languages]}),
            (
                _("Required action"),
                {
                    "fields": [
                        "action_deadline_hours",
                        "refer_to",
                        *[f"action_{c}" for c in languages],
                    ],
                    "description": _(
                        "When a deadline is set, flagging this criterion creates an action "
                        "due that many hours after the screening."
                    ),
                },
            ),
        ]

    @admin.display(description=_("name"))
    def display_name(self, obj: Criterion) -> str:
        return criterion_name(obj, get_language() or settings.LANGUAGE_CODE)

    def has_module_permission(self, request: HttpRequest) -> bool:
        return bool(request.user.is_active and request.user.is_superuser)

    def has_view_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return self.has_module_permission(request)

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return self.has_module_permission(request)

    def has_add_permission(self, request: HttpRequest) -> bool:
        return self.has_module_permission(request)

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False
