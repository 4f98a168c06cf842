"""The screening form: a checkbox per active criterion, named in the reader's language."""

from typing import Any

from django import forms
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from infohub.screening.models import Criterion
from infohub.screening.selectors import criterion_list_active, criterion_name


class CriterionChoiceField(forms.ModelMultipleChoiceField[Criterion]):
    def __init__(self, *args: Any, lang: str, **kwargs: Any) -> None:
        self.lang = lang
        super().__init__(*args, **kwargs)

    def label_from_instance(self, obj: Criterion) -> str:
        values = {
            "name": criterion_name(obj, self.lang),
            "priority": obj.get_priority_display(),
            "hours": obj.action_deadline_hours,
        }
        if obj.action_deadline_hours:
            return _("%(name)s (priority: %(priority)s; action within %(hours)s h)") % values
        return _("%(name)s (priority: %(priority)s)") % values


class ScreeningForm(forms.Form):
    def __init__(self, *args: Any, lang: str, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["criteria"] = CriterionChoiceField(
            queryset=criterion_list_active(),
            lang=lang,
            required=False,
            widget=forms.CheckboxSelectMultiple,
            label=gettext_lazy("Tick every criterion that applies"),
        )

    def flagged(self) -> list[Criterion]:
        return list(self.cleaned_data["criteria"])
