from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Count, Q
from django.urls import reverse


class Source(models.Model):
    """An outlet or other origin of information: a newspaper, a wire agency, a ministry."""

    class Kind(models.TextChoices):
        NEWS_OUTLET = "news_outlet", "News outlet"
        WIRE_AGENCY = "wire_agency", "Wire agency"
        GOVERNMENT = "government", "Government"
        ORGANISATION = "organisation", "Organisation"
        SOCIAL_MEDIA = "social_media", "Social media"
        DOCUMENT = "document", "Document"
        OTHER = "other", "Other"

    class Reliability(models.TextChoices):
        HIGH = "high", "High"
        MIXED = "mixed", "Mixed"
        LOW = "low", "Low"
        UNKNOWN = "unknown", "Unknown"

    name = models.CharField(max_length=200, unique=True)
    kind = models.CharField(max_length=20, choices=Kind, default=Kind.OTHER)
    homepage = models.URLField(blank=True)
    domain = models.CharField(
        max_length=253,
        blank=True,
        help_text="Host name without “www.”, used to recognise links from this source.",
    )
    reliability = models.CharField(max_length=10, choices=Reliability, default=Reliability.UNKNOWN)
    notes = models.TextField(blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(
                fields=["domain"], condition=~Q(domain=""), name="source_domain_unique_when_set"
            )
        ]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("articles:source", args=[self.pk])


class ArticleQuerySet(models.QuerySet["Article"]):
    def with_claim_counts(self) -> ArticleQuerySet:
        """Annotate claim totals per review status (one query, no N+1)."""
        return self.annotate(
            claims_total=Count("claims"),
            claims_unreviewed=Count("claims", filter=Q(claims__status="unreviewed")),
            claims_verified=Count("claims", filter=Q(claims__status="verified")),
            claims_disputed=Count("claims", filter=Q(claims__status="disputed")),
            claims_unconfirmed=Count("claims", filter=Q(claims__status="unconfirmed")),
            claims_dismissed=Count("claims", filter=Q(claims__status="dismissed")),
        )


class Article(models.Model):
    class ExtractionState(models.TextChoices):
        PENDING = "pending", "Pending"
        RUNNING = "running", "Running"
        DONE = "done", "Done"
        FAILED = "failed", "Failed"

    title = models.CharField(max_length=500)
    body = models.TextField(help_text="The exact text that claim offsets point into.")
    url = models.URLField(max_length=2000, blank=True)
    outlet = models.ForeignKey(
        Source, null=True, blank=True, on_delete=models.SET_NULL, related_name="articles"
    )
    byline = models.CharField(max_length=300, blank=True)
    published = models.DateField(null=True, blank=True)
    content_hash = models.CharField(max_length=64, unique=True, editable=False)
    imported_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="imported_articles",
    )
    imported_at = models.DateTimeField(auto_now_add=True)
    extraction_state = models.CharField(
        max_length=10, choices=ExtractionState, default=ExtractionState.PENDING
    )
    extraction_error = models.TextField(blank=True)
    extractor_version = models.CharField(max_length=40, blank=True)
    extracted_at = models.DateTimeField(null=True, blank=True)

    objects = ArticleQuerySet.as_manager()

    class Meta:
        ordering = ["-published", "-imported_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["url"], condition=~Q(url=""), name="article_url_unique_when_set"
            )
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("articles:detail", args=[self.pk])
