"""The editors' translation form: steps are edited as one line each."""

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from infohub.pathways.models import PathwayTranslation


class PathwayTranslationForm(forms.ModelForm[PathwayTranslation]):
    steps_text = forms.CharField(
        label=_("steps"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 8}),
        help_text=_("One step per line."),
    )

    class Meta:
        model = PathwayTranslation
        fields = ("title", "summary")

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            self.initial["steps_text"] = "\n".join(self.instance.steps)
