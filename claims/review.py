"""Reads for the review pages: what the article page and the queue show, in few queries."""

from __future__ import annotations

from typing import Any

from claims.models import Claim
from claims.rendering import highlighted_segments


def article_review_context(*, article, user) -> dict[str, Any]:

    claims = list(Claim.objects.filter(article=article).for_review())
    return {
        "claims": claims,
        "segments": highlighted_segments(article.body, claims),
        "can_review": user.has_perm("claims.review_claim"),
        "status_choices": Claim.Status.choices,
    }
