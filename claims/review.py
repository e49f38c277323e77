"""Reads for the review pages: what the article page and the queue show, in few queries."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from typing import Any

from django.db.models import Count, Prefetch, Q, QuerySet

from claims.models import Claim, ClaimEvent, Evidence, Speaker
from claims.rendering import highlighted_segments

REVIEWED_STATUSES = [s for s in Claim.Status.values if s != Claim.Status.UNREVIEWED]


def claims_for_review_page(queryset: QuerySet[Claim]) -> QuerySet[Claim]:
    """Claims with speaker, via-source, evidence and history attached: a fixed number of
    queries however many claims there are."""
    return queryset.for_review().prefetch_related(
        Prefetch(
            "evidence",
            queryset=Evidence.objects.select_related("source", "added_by"),
            to_attr="evidence_list",
        ),
        Prefetch(
            "events",
            queryset=ClaimEvent.objects.select_related("actor"),
            to_attr="history",
        ),
    )


@dataclass(frozen=True)
class Progress:
    total: int
    by_status: dict[str, int]

    @property
    def reviewed(self) -> int:
        return self.total - self.by_status.get(Claim.Status.UNREVIEWED, 0)

    @property
    def percent(self) -> int:
        return round(100 * self.reviewed / self.total) if self.total else 100

    def rows(self) -> list[tuple[str, str, int]]:
        return [
            (value, label, self.by_status.get(value, 0)) for value, label in Claim.Status.choices
        ]


def review_progress(claims: QuerySet[Claim]) -> Progress:
    counts = claims.aggregate(
        total=Count("pk"),
        **{status: Count("pk", filter=Q(status=status)) for status in Claim.Status.values},
    )
    total = counts.pop("total")
    return Progress(total=total, by_status=counts)


def progress_of(claims: list[Claim]) -> Progress:
    """The same figures for claims already loaded (the article page has them all)."""
    return Progress(total=len(claims), by_status=dict(Counter(claim.status for claim in claims)))


def speaker_choices(*, article) -> QuerySet[Speaker]:
    """Speakers an editor can pick for a claim in this article: named speakers and this
    article's anonymous sources."""
    return (
        Speaker.objects.filter(Q(article__isnull=True) | Q(article=article))
        .filter(merged_into__isnull=True)
        .only("name")
        .order_by("name")
    )


def claim_partial_context() -> dict[str, Any]:
    """What a claim's partial needs besides the claim, wherever it is rendered."""
    return {"kind_choices": Claim.Kind.choices, "stance_choices": Evidence.Stance.choices}


def article_review_context(*, article, user) -> dict[str, Any]:
    claims = list(claims_for_review_page(Claim.objects.filter(article=article)))
    return {
        "claims": claims,
        "segments": highlighted_segments(article.body, claims),
        "can_review": user.has_perm("claims.review_claim"),
        "progress": progress_of(claims),
        "speakers": speaker_choices(article=article),
        **claim_partial_context(),
    }


def claim_for_review(claim_id: int) -> Claim:
    return claims_for_review_page(Claim.objects.select_related("article")).get(pk=claim_id)
