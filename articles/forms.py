from django import forms

from articles.models import Source


class ArticleForm(forms.Form):
    """A new article: pasted text, or an uploaded .txt/.html file."""

    title = forms.CharField(max_length=500, required=False)
    body = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 16}),
        required=False,
        help_text="Paste the article text, or upload a file below.",
    )
    file = forms.FileField(required=False, help_text=".txt (first line is the title) or .html")
    url = forms.URLField(max_length=2000, required=False, assume_scheme="https", label="URL")
    outlet = forms.ModelChoiceField(
        queryset=Source.objects.all(), required=False, empty_label="— none —"
    )
    byline = forms.CharField(max_length=300, required=False)
    published = forms.DateField(required=False, widget=forms.DateInput(attrs={"type": "date"}))

    MAX_UPLOAD_BYTES = 5 * 1024 * 1024

    def clean_file(self):
        upload = self.cleaned_data.get("file")
        if upload and upload.size > self.MAX_UPLOAD_BYTES:
            raise forms.ValidationError(
                f"The file is {upload.size / 1_048_576:.1f} MB; the limit is 5 MB."
            )
        return upload

    def clean(self):
        data = super().clean()
        if not data.get("file") and not (data.get("body") or "").strip():
            raise forms.ValidationError("Paste the article text or choose a file to upload.")
        if data.get("file") and (data.get("body") or "").strip():
            raise forms.ValidationError("Paste text or upload a file, not both.")
        if not data.get("file") and not (data.get("title") or "").strip():
            self.add_error("title", "Give the article a title.")
        return data
