from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.views.decorators.http import require_GET, require_POST

from claims.models import Speaker


@require_GET
def speaker_detail(request: HttpRequest, speaker_id: int) -> HttpResponse:
    speaker = get_object_or_404(Speaker.objects.prefetch_related("aliases"), pk=speaker_id)
    claims = speaker.claims.select_related("article", "via_source").order_by(
        "-article__published", "article", "start"
    )
    return TemplateResponse(
        request, "claims/speaker_detail.html", {"speaker": speaker, "claims": claims}
    )


@require_POST
def speaker_merge(request: HttpRequest, speaker_id: int) -> HttpResponse:
    raise NotImplementedError  # issue 4: merging two speakers
