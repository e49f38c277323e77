"""Claim review endpoints. htmx requests get the claim's partial (plus the progress bar, out of
band); plain form posts are redirected back, so every action works without JavaScript too."""

from collections.abc import Callable

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.views.decorators.http import require_POST
from django_htmx.http import HttpResponseClientRedirect
from django_htmx.middleware import HtmxDetails

from claims import queue, services
from claims.models import Claim
from claims.review import claim_for_review, claim_partial_context, review_progress


class HtmxHttpRequest(HttpRequest):
    htmx: HtmxDetails


def _require_editor(request: HttpRequest) -> None:
    if not request.user.has_perm("claims.review_claim"):
        raise PermissionDenied("Only editors can review claims.")


class MissingVersion(services.ClaimError):
    pass


def _version(request: HttpRequest) -> int:
    """The claim version the editor's page showed; a write without one is refused, since it
    could silently overwrite a change the editor never saw."""
    raw = request.POST.get("version", "")
    if not raw.isdigit():
        raise MissingVersion(
            "This change did not say which version of the claim it was made on. Reload the page and try again."
        )
    return int(raw)


def _int(request: HttpRequest, name: str) -> int | None:
    raw = request.POST.get(name, "").strip()
    return int(raw) if raw.isdigit() else None


def _claim_write(
    request: HtmxHttpRequest,
    claim_id: int,
    write: Callable[[], Claim | object],
    *,
    done: str,
    reload_page: Callable[[Claim, Claim], bool] | None = None,
) -> HttpResponse:
    """Run one review write and answer with the claim's fresh state.

    A stale version or a refused change is answered with the current state and the reason, so
    the editor sees what changed instead of overwriting it. The answer is a 200 all the same (a
    4xx would be a network error in the browser's console for an expected outcome); the
    ``X-Claimdesk-Refused`` header says ``stale``, ``invalid`` or ``gone``.
    ``reload_page(before, after)`` says when the change moved the claim's highlight in the text,
    which the claim's partial cannot redraw: the page is then reloaded on the claim.
    """
    _require_editor(request)
    before = Claim.objects.select_related("article").filter(pk=claim_id).first()
    error, refused = "", ""
    try:
        if before is None:
            raise services.ClaimGoneError("This claim no longer exists. Reload the page.")
        write()
    except services.StaleClaimError as exc:
        error, refused = str(exc), "stale"
    except services.ClaimGoneError as exc:
        error, refused = str(exc), "gone"
    except services.ClaimError as exc:
        error, refused = str(exc), "invalid"
    if refused == "gone":
        if request.htmx:
            return _mark_refused(
                TemplateResponse(
                    request,
                    "articles/article_detail.html#claim-gone",
                    {"error": error, "claim_id": claim_id},
                ),
                refused,
            )
        messages.error(request, error)
        return redirect(before.article if before else "articles:list")
    if request.POST.get("context") == "queue":
        response = queue.queue_response(request, changed_claim_id=before.pk, error=error, done=done)
        return _mark_refused(response, refused)
    fresh = claim_for_review(before.pk)
    if request.htmx:
        if not error and reload_page and reload_page(before, fresh):
            return HttpResponseClientRedirect(
                f"{fresh.article.get_absolute_url()}?changed={fresh.pk}#claim-{fresh.pk}"
            )
        response = TemplateResponse(
            request,
            "articles/article_detail.html#claim-response",
            {
                **claim_partial_context(),
                "claim": fresh,
                "can_review": True,
                "error": error,
                "announcement": error or done.format(status=fresh.get_status_display()),
                "progress": review_progress(Claim.objects.filter(article_id=before.article_id)),
            },
        )
        return _mark_refused(response, refused)
    if error:
        messages.error(request, error)
    return redirect(before.get_absolute_url())


def _mark_refused(response: HttpResponse, refused: str) -> HttpResponse:
    if refused:
        response["X-Claimdesk-Refused"] = refused
    return response


@require_POST
def claim_status(request: HtmxHttpRequest, claim_id: int) -> HttpResponse:
    status = request.POST.get("status", "")
    return _claim_write(
        request,
        claim_id,
        lambda: services.claim_set_status(
            claim_id=claim_id,
            status=status,
            actor=request.user,
            expected_version=_version(request),
            note=request.POST.get("note", "").strip(),
        ),
        done="Marked {status}.",
    )


@require_POST
def claim_undo(request: HtmxHttpRequest, claim_id: int) -> HttpResponse:
    return _claim_write(
        request,
        claim_id,
        lambda: services.claim_undo_status(
            claim_id=claim_id, actor=request.user, expected_version=_version(request)
        ),
        done="Undone: the claim is {status} again.",
    )


@require_POST
def claim_note(request: HtmxHttpRequest, claim_id: int) -> HttpResponse:
    return _claim_write(
        request,
        claim_id,
        lambda: services.claim_set_note(
            claim_id=claim_id,
            note=request.POST.get("note", ""),
            actor=request.user,
            expected_version=_version(request),
        ),
        done="Note saved.",
    )


@require_POST
def claim_evidence(request: HtmxHttpRequest, claim_id: int) -> HttpResponse:
    return _claim_write(
        request,
        claim_id,
        lambda: services.evidence_add(
            claim_id=claim_id,
            url=request.POST.get("url", ""),
            stance=request.POST.get("stance", ""),
            note=request.POST.get("note", ""),
            actor=request.user,
            expected_version=_version(request),
        ),
        done="Evidence added.",
    )


@require_POST
def claim_edit(request: HtmxHttpRequest, claim_id: int) -> HttpResponse:
    return _claim_write(
        request,
        claim_id,
        lambda: services.claim_edit(
            claim_id=claim_id,
            actor=request.user,
            expected_version=_version(request),
            speaker_name=request.POST.get("speaker"),
            kind=request.POST.get("kind") or None,
            start=_int(request, "start"),
            end=_int(request, "end"),
            selected_text=request.POST.get("selected_text", ""),
        ),
        done="Claim updated.",
        reload_page=lambda before, after: (
            (before.start, before.end, before.speaker_id)
            != (after.start, after.end, after.speaker_id)
        ),
    )


@require_POST
def claim_add(request: HtmxHttpRequest, article_id: int) -> HttpResponse:
    """Add a claim the extractor missed; the page reloads on it so the text is re-highlighted."""
    _require_editor(request)
    article = get_object_or_404(Claim._meta.get_field("article").related_model, pk=article_id)
    try:
        start, end = _int(request, "start"), _int(request, "end")
        if start is None or end is None:
            raise services.ClaimError("Select the claim's words in the article first.")
        claim = services.claim_create_manual(
            article=article,
            start=start,
            end=end,
            speaker_name=request.POST.get("speaker", ""),
            kind=request.POST.get("kind", Claim.Kind.DIRECT),
            actor=request.user,
            note=request.POST.get("note", ""),
            selected_text=request.POST.get("selected_text", ""),
        )
    except services.ClaimError as exc:
        if request.htmx:
            return TemplateResponse(
                request,
                "articles/article_detail.html#add-claim-error",
                {"error": str(exc)},
                headers={"X-Claimdesk-Refused": "invalid"},
            )
        messages.error(request, str(exc))
        return redirect(article)
    # The query string forces a reload even though only the fragment differs from the page.
    url = f"{article.get_absolute_url()}?added={claim.pk}#claim-{claim.pk}"
    if request.htmx:
        return HttpResponseClientRedirect(url)
    messages.success(request, "Claim added.")
    return redirect(url)
