"""The review queue: unreviewed claims across all articles, one at a time, oldest import first."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from urllib.parse import urlencode

from django import forms
from django.contrib import messages
from django.db.models import Q, QuerySet
from django.http import HttpRequest, HttpResponse, QueryDict
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.cache import patch_vary_headers
from django.views.decorators.http import require_GET

from claims.models import Claim, Speaker
from claims.review import claim_partial_context, claims_for_review_page

Source = Claim._meta.get_field("via_source").related_model


class QueueFilterForm(forms.Form):
    outlet = forms.ModelChoiceField(
        queryset=Source.objects.all(), required=False, empty_label="Any outlet"
    )
    speaker = forms.ModelChoiceField(
        queryset=Speaker.objects.filter(article__isnull=True, merged_into__isnull=True),
        required=False,
        empty_label="Any speaker",
    )
    kind = forms.ChoiceField(choices=[("", "Any kind"), *Claim.Kind.choices], required=False)
    published_from = forms.DateField(
        required=False, widget=forms.DateInput(attrs={"type": "date"}), label="Published from"
    )
    published_to = forms.DateField(
        required=False, widget=forms.DateInput(attrs={"type": "date"}), label="to"
    )

    def filter(self, claims: QuerySet[Claim]) -> QuerySet[Claim]:
        data = self.cleaned_data if self.is_valid() else {}
        if data.get("outlet"):
            claims = claims.filter(article__outlet=data["outlet"])
        if data.get("speaker"):
            claims = claims.filter(speaker=data["speaker"])
        if data.get("kind"):
            claims = claims.filter(kind=data["kind"])
        if data.get("published_from"):
            claims = claims.filter(article__published__gte=data["published_from"])
        if data.get("published_to"):
            claims = claims.filter(article__published__lte=data["published_to"])
        return claims

    def querystring(self) -> str:
        if not self.is_valid():
            return ""
        return urlencode(
            {
                name: (
                    value.pk
                    if hasattr(value, "pk")
                    else value.isoformat()
                    if isinstance(value, dt.date)
                    else value
                )
                for name, value in self.cleaned_data.items()
                if value
            }
        )


QUEUE_ORDER = ("article_id", "start", "pk")


def _after(claim: Claim) -> Q:
    return (
        Q(article_id__gt=claim.article_id)
        | Q(article_id=claim.article_id, start__gt=claim.start)
        | Q(article_id=claim.article_id, start=claim.start, pk__gt=claim.pk)
    )


def _before(claim: Claim) -> Q:
    return (
        Q(article_id__lt=claim.article_id)
        | Q(article_id=claim.article_id, start__lt=claim.start)
        | Q(article_id=claim.article_id, start=claim.start, pk__lt=claim.pk)
    )


@dataclass(frozen=True)
class Paragraph:
    before: str
    claim: str
    after: str


def paragraph_of(claim: Claim) -> Paragraph:
    """The paragraph(s) around a claim, cut into the text before, the claim and after."""
    body = claim.article.body
    start = body.rfind("\n", 0, claim.start) + 1
    end = body.find("\n", claim.end)
    end = len(body) if end == -1 else end
    return Paragraph(
        body[start : claim.start], body[claim.start : claim.end], body[claim.end : end]
    )


def queue_context(
    *, filters: QueueFilterForm, current_id: int | None = None, after: Claim | None = None
) -> dict:
    unreviewed = filters.filter(Claim.objects.unreviewed())
    base = claims_for_review_page(Claim.objects.select_related("article", "article__outlet"))
    claim = None
    if current_id is not None:
        claim = filters.filter(base).filter(pk=current_id).first()
    if claim is None and after is not None:
        claim = (
            filters.filter(base.unreviewed()).filter(_after(after)).order_by(*QUEUE_ORDER).first()
        )
    if claim is None:
        claim = filters.filter(base.unreviewed()).order_by(*QUEUE_ORDER).first()
    context = {
        "filters": filters,
        "queue_filters": filters.querystring(),
        "remaining": unreviewed.count(),
        "claim": claim,
        "claim_target": "#queue-card",
        "can_review": True,
        **claim_partial_context(),
    }
    if claim is not None:
        context["paragraph"] = paragraph_of(claim)
        context["next_claim"] = (
            unreviewed.filter(_after(claim))
            .order_by(*QUEUE_ORDER)
            .values_list("pk", flat=True)
            .first()
        )
        context["previous_claim"] = (
            unreviewed.filter(_before(claim))
            .order_by(*(f"-{field}" for field in QUEUE_ORDER))
            .values_list("pk", flat=True)
            .first()
        )
    return context


@require_GET
def queue_view(request: HttpRequest) -> HttpResponse:
    filters = QueueFilterForm(request.GET or None)
    raw_claim = request.GET.get("claim", "")
    context = queue_context(
        filters=filters, current_id=int(raw_claim) if raw_claim.isdigit() else None
    )
    context["can_review"] = request.user.has_perm("claims.review_claim")
    htmx = getattr(request, "htmx", None)
    # A history restore (the back button after an hx-push-url) needs the whole page.
    partial = bool(htmx) and not htmx.history_restore_request
    template = "claims/queue.html#queue-card" if partial else "claims/queue.html"
    response = TemplateResponse(request, template, context)
    patch_vary_headers(response, ["HX-Request"])
    return response


def queue_response(
    request: HttpRequest, *, changed_claim_id: int, error: str, done: str
) -> HttpResponse:
    """After a write made from the queue: the same claim again if the write was refused or left
    it unreviewed (an undo), otherwise the next unreviewed claim after it."""
    filters = QueueFilterForm(QueryDict(request.POST.get("filters", "")) or None)
    changed = Claim.objects.get(pk=changed_claim_id)
    if error or changed.status == Claim.Status.UNREVIEWED:
        context = queue_context(filters=filters, current_id=changed.pk)
    else:
        context = queue_context(filters=filters, after=changed)
    context["error"] = error
    context["announcement"] = error or done.format(status=changed.get_status_display())
    if (
        not error
        and changed.status != Claim.Status.UNREVIEWED
        and changed.pk != getattr(context["claim"], "pk", None)
    ):
        context["last_changed"] = changed  # offered for undo (z) on the next card
    if getattr(request, "htmx", False):
        return TemplateResponse(request, "claims/queue.html#queue-card", context)
    if error:
        messages.error(request, error)
    url = reverse("review-queue")
    if context["queue_filters"]:
        url += "?" + context["queue_filters"]
    return redirect(url)
