from celery import shared_task

from claims import services


@shared_task(name="claims.extract_article_claims", acks_late=True)
def extract_article_claims(*, article_id: int) -> int:
    """Extract and store the claims of one article; returns how many were stored."""
    return services.article_extract_claims(article_id=article_id)
