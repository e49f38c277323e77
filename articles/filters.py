"""The article list's filters: a GET form whose cleaned values become one queryset chain."""

from __future__ import annotations

from django import forms
from django.db.models import Exists, OuterRef

from articles.models import Article, ArticleQuerySet, Source


def _outlets():
    """Sources that published at least one article (not every outlet a claim came through)."""
    return Source.objects.filter(Exists(Article.objects.filter(outlet=OuterRef("pk"))))


class ArticleFilterForm(forms.Form):
    """Filters kept in the URL. Every field is optional; a bad value is reported and ignored."""

    STATUS_CHOICES = [
        ("", "All articles"),
        ("unreviewed", "Has unreviewed claims"),
        ("disputed", "Has disputed claims"),
    ]

    q = forms.CharField(
        label="Search",
        max_length=200,
        required=False,
        strip=True,
        widget=forms.TextInput(
            attrs={"type": "search", "placeholder": "Title or text", "autocomplete": "off"}
        ),
    )
    status = forms.ChoiceField(label="Claims", choices=STATUS_CHOICES, required=False)
    outlet = forms.ModelChoiceField(
        label="Outlet", queryset=_outlets(), required=False, empty_label="All outlets"
    )
    published_from = forms.DateField(
        label="Published from", required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    published_to = forms.DateField(
        label="Published to", required=False, widget=forms.DateInput(attrs={"type": "date"})
    )

    def clean(self):
        data = super().clean()
        start, end = data.get("published_from"), data.get("published_to")
        if start and end and start > end:
            self.add_error("published_to", "The end date is before the start date.")
        return data

    @property
    def is_filtered(self) -> bool:
        return any(self.cleaned_filters().values())

    def cleaned_filters(self) -> dict:
        """The valid filter values (fields with errors are left out)."""
        self.is_valid()
        return {name: self.cleaned_data.get(name) for name in self.fields}

    def apply(self, articles: ArticleQuerySet) -> ArticleQuerySet:
        """``articles`` narrowed by the valid filters; a search comes last so its ranking
        leads the ordering."""
        values = self.cleaned_filters()
        if values["status"]:
            articles = articles.with_claims_in_status(values["status"])
        if values["outlet"]:
            articles = articles.filter(outlet=values["outlet"])
        articles = articles.published_between(values["published_from"], values["published_to"])
        if values["q"]:
            articles = articles.search(values["q"])
        return articles
