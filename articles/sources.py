"""Reads for the source page: an outlet's articles and the claims relayed through it."""

from __future__ import annotations

from typing import Any

from articles.models import Source
from claims.speakers import claim_status_counts

SOURCE_ARTICLES_SHOWN = 50
SOURCE_CLAIMS_SHOWN = 200


def source_page_context(*, source: Source) -> dict[str, Any]:
    """The source page in a fixed number of queries, however many articles and claims it has:
    the newest articles and relayed claims, with totals and per-status counts over all."""
    relayed = source.relayed_claims.all()
    return {
        "source": source,
        "articles": list(source.articles.for_list()[:SOURCE_ARTICLES_SHOWN]),
        "articles_total": source.articles.count(),
        "relayed_claims": list(
            relayed.select_related("speaker", "article").order_by(
                "-article__imported_at", "article_id", "start", "pk"
            )[:SOURCE_CLAIMS_SHOWN]
        ),
        "relayed_total": relayed.count(),
        "status_counts": claim_status_counts(relayed),
    }
