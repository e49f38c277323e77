from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.utils.cache import patch_vary_headers
from django.views.decorators.http import require_GET, require_POST
from django_htmx.middleware import HtmxDetails

from claims import speakers
from claims.models import Speaker


class HtmxHttpRequest(HttpRequest):
    htmx: HtmxDetails


class SpeakerMergeForm(forms.Form):
    """Merge the page's speaker with ``other``; ``keep`` says which of the two survives.
    Without ``confirm`` the merge is only previewed."""

    other = forms.ModelChoiceField(queryset=Speaker.objects.all())
    keep = forms.ChoiceField(choices=[("this", "this speaker"), ("other", "the other speaker")])
    confirm = forms.BooleanField(required=False)


@require_GET
def speaker_detail(request: HtmxHttpRequest, speaker_id: int) -> HttpResponse:
    """A speaker's claims and aliases. Editors also find speakers to merge with here: that
    search swaps only its results when htmx drives it, and is a plain GET otherwise."""
    speaker = get_object_or_404(Speaker, pk=speaker_id)
    if speaker.merged_into_id:
        return redirect(speakers.speaker_current(speaker=speaker))
    context = speakers.speaker_page_context(
        speaker=speaker,
        user=request.user,
        page_number=request.GET.get("page"),
        merge_query=request.GET.get("merge_q", "").strip()[:200],
    )
    template = "claims/speaker_detail.html"
    if request.htmx and not request.htmx.history_restore_request:
        template += "#merge-candidates"
    response = TemplateResponse(request, template, context)
    patch_vary_headers(response, ["HX-Request"])
    return response


@require_POST
def speaker_merge(request: HttpRequest, speaker_id: int) -> HttpResponse:
    """Preview a merge (the page again, with a confirmation), then make it and go to the
    speaker that was kept."""
    if not request.user.has_perm("claims.review_claim"):
        raise PermissionDenied("Only editors can merge speakers.")
    speaker = get_object_or_404(Speaker, pk=speaker_id)
    form = SpeakerMergeForm(request.POST)
    preview = None
    if form.is_valid():
        other = form.cleaned_data["other"]
        keep, merge = (speaker, other) if form.cleaned_data["keep"] == "this" else (other, speaker)
        try:
            if form.cleaned_data["confirm"]:
                record = speakers.speaker_merge(keep=keep, merge=merge, actor=request.user)
                messages.success(
                    request,
                    f"Merged “{record.merged_name}” into “{keep.name}”: "
                    f"{record.claims_moved} claim{'s' if record.claims_moved != 1 else ''} moved.",
                )
                return redirect(keep)
            preview = speakers.speaker_merge_preview(keep=keep, merge=merge)
        except speakers.SpeakerMergeError as exc:
            form.add_error(None, str(exc))
    context = speakers.speaker_page_context(speaker=speaker, user=request.user)
    context |= {"merge_form": form, "merge_preview": preview}
    # A refused merge re-renders the page with the reason (200, like any re-shown form).
    return TemplateResponse(request, "claims/speaker_detail.html", context)
