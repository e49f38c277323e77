from __future__ import annotations

import datetime

from django.conf import settings
from django.contrib.postgres.search import SearchQuery, SearchRank, SearchVector
from django.db import connections, models
from django.db.models import Count, Exists, OuterRef, Q
from django.urls import reverse

# Text search configuration for the PostgreSQL full-text search over articles.
SEARCH_CONFIG = "english"


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

    def for_list(self) -> ArticleQuerySet:
        """What the article list shows: outlet, claim counts, newest first in a stable order."""
        return (
            self.select_related("outlet")
            .with_claim_counts()
            .order_by(models.F("published").desc(nulls_last=True), "-imported_at", "-pk")
        )

    def with_claims_in_status(self, status: str) -> ArticleQuerySet:
        """Articles with at least one claim in ``status``.

        A subquery rather than a join, so it leaves ``with_claim_counts`` totals untouched."""
        claims = self.model._meta.get_field("claims").related_model.objects
        return self.filter(Exists(claims.filter(article=OuterRef("pk"), status=status)))

    def published_between(
        self, start: datetime.date | None = None, end: datetime.date | None = None
    ) -> ArticleQuerySet:
        """Articles published on or after ``start`` and on or before ``end`` (either optional)."""
        queryset = self
        if start:
            queryset = queryset.filter(published__gte=start)
        if end:
            queryset = queryset.filter(published__lte=end)
        return queryset

    def search(self, text: str) -> ArticleQuerySet:
        """Articles matching ``text`` in title or body, by whatever the database does best."""
        if connections[self.db].vendor == "postgresql":
            return self.search_fulltext(text)
        return self.search_substring(text)

    def search_fulltext(self, text: str) -> ArticleQuerySet:
        """PostgreSQL full-text search (web-search syntax: quotes, ``or``, ``-word``), best
        matches first; titles weigh more than bodies."""
        query = SearchQuery(text, search_type="websearch", config=SEARCH_CONFIG)
        vector = SearchVector("title", weight="A", config=SEARCH_CONFIG) + SearchVector(
            "body", weight="B", config=SEARCH_CONFIG
        )
        return (
            self.alias(search_document=vector)
            .annotate(search_rank=SearchRank(vector, query))
            .filter(search_document=query)
            .order_by("-search_rank", *self.query.order_by)
        )

    def search_substring(self, text: str) -> ArticleQuerySet:
        """Case-insensitive substring match on title or body; for databases without full-text
        search (SQLite in development)."""
        return self.filter(Q(title__icontains=text) | Q(body__icontains=text))


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
