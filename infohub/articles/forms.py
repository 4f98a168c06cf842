"""Admin forms for articles; the services validate again and do the writing."""

from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from infohub.articles.models import Article, ArticleTranslation, Audience


def content_languages() -> list[tuple[str, str]]:
    names = dict(settings.LANGUAGES)
    return [(code, names.get(code, code)) for code in settings.INFOHUB_CONTENT_LANGUAGES]


class ArticleCreateForm(forms.ModelForm):  # type: ignore[type-arg]
    source_language = forms.ChoiceField(label=_("source language"), choices=content_languages)
    audience_list = forms.MultipleChoiceField(
        label=_("audience"),
        choices=Audience.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    sources_text = forms.CharField(
        label=_("official sources"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("One web address per line."),
    )

    class Meta:
        model = Article
        fields = ("slug", "topics", "countries")

    def clean_sources_text(self) -> list[str]:
        return [
            line.strip() for line in self.cleaned_data["sources_text"].splitlines() if line.strip()
        ]


class TranslationForm(forms.ModelForm):  # type: ignore[type-arg]
    class Meta:
        model = ArticleTranslation
        fields = ("title", "summary", "body")
        widgets = {"body": forms.Textarea(attrs={"rows": 24})}
