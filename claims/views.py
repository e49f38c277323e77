from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.views.decorators.http import require_POST
from django_htmx.middleware import HtmxDetails

from claims import services
from claims.models import Claim


class HtmxHttpRequest(HttpRequest):
    htmx: HtmxDetails


def _claim_for_review(claim_id: int) -> Claim:
    return get_object_or_404(Claim.objects.for_review(), pk=claim_id)


def _parse_version(raw: str | None) -> int | None:
    try:
        return int(raw) if raw not in (None, "") else None
    except ValueError:
        return None


@require_POST
def claim_status(request: HtmxHttpRequest, claim_id: int) -> HttpResponse:
    """Set a claim's status. htmx gets the claim's partial back; a plain form post is
    redirected to the article, so the page works without JavaScript too."""
    if not request.user.has_perm("claims.review_claim"):
        raise PermissionDenied("Only editors can review claims.")
    claim = get_object_or_404(Claim, pk=claim_id)
    error = ""
    http_status = 200
    try:
        services.claim_set_status(
            claim_id=claim.pk,
            status=request.POST.get("status", ""),
            actor=request.user,
            expected_version=_parse_version(request.POST.get("version")),
            note=request.POST.get("note", "").strip(),
        )
    except services.StaleClaimError as exc:
        error, http_status = str(exc), 409
    except services.ClaimError as exc:
        error, http_status = str(exc), 400
    if request.htmx:
        # htmx-config (base.html) swaps 400 and 409 responses too: a refused edit shows the
        # claim's fresh state with the reason.
        return TemplateResponse(
            request,
            "articles/article_detail.html#claim-item",
            {"claim": _claim_for_review(claim.pk), "can_review": True, "error": error},
            status=http_status,
        )
    if error:
        messages.error(request, error)
    return redirect(claim.get_absolute_url())
