from __future__ import annotations

import functools

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.functional import cached_property

from claims.extraction import ClaimKind, SpeakerKind


def alias_key(name: str) -> str:
    """Case- and space-insensitive key under which a speaker's names are matched."""
    return " ".join(name.casefold().split())


class Speaker(models.Model):
    """A person, organisation, group or anonymous source that makes claims.

    Named speakers are shared across articles; anonymous ones (“a parliamentary source”) belong to
    the one article that describes them, since two articles' “senior officials” are not the same.
    """

    class Kind(models.TextChoices):
        PERSON = SpeakerKind.PERSON.value, "Person"
        ORGANISATION = SpeakerKind.ORGANISATION.value, "Organisation"
        ANONYMOUS = SpeakerKind.ANONYMOUS.value, "Anonymous source"
        GROUP = SpeakerKind.GROUP.value, "Group"

    name = models.CharField(max_length=300)
    kind = models.CharField(max_length=20, choices=Kind, default=Kind.PERSON)
    description = models.CharField(
        max_length=500, blank=True, help_text="Role or title, e.g. “Kremlin spokesperson”."
    )
    affiliation = models.CharField(max_length=300, blank=True)
    article = models.ForeignKey(
        "articles.Article",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="anonymous_speakers",
        help_text="Set for anonymous speakers only: the article that describes them.",
    )
    merged_into = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.SET_NULL, related_name="merged_from"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["name"]
        constraints = [
            models.CheckConstraint(
                condition=Q(article__isnull=True) | Q(kind="anonymous"),
                name="speaker_only_anonymous_belongs_to_article",
            )
        ]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("claims:speaker", args=[self.pk])


class SpeakerAlias(models.Model):
    """Another name a speaker goes by (“Peskov”, “Dmitry S. Peskov”), matched by ``key``."""

    speaker = models.ForeignKey(Speaker, on_delete=models.CASCADE, related_name="aliases")
    name = models.CharField(max_length=300)
    key = models.CharField(max_length=300, db_index=True, editable=False)

    class Meta:
        ordering = ["name"]
        verbose_name_plural = "speaker aliases"
        constraints = [
            models.UniqueConstraint(fields=["speaker", "key"], name="speaker_alias_unique")
        ]

    def __str__(self) -> str:
        return self.name

    def save(self, *args, **kwargs) -> None:
        self.key = alias_key(self.name)
        super().save(*args, **kwargs)


CLAIM_ACTIONS = ("status", "undo", "note", "evidence", "edit")
_PK_PLACEHOLDER = 987654321


@functools.cache
def _claim_url_pattern(action: str) -> str:
    return reverse(f"claims:{action}", args=[_PK_PLACEHOLDER]).replace(str(_PK_PLACEHOLDER), "{pk}")


class ClaimQuerySet(models.QuerySet["Claim"]):
    def for_review(self) -> ClaimQuerySet:
        """Claims in reading order with everything the review page shows, in few queries."""
        return (
            self.select_related("speaker", "via_source", "reviewer")
            .annotate(evidence_count=models.Count("evidence", distinct=True))
            .order_by("start", "end", "pk")
        )

    def unreviewed(self) -> ClaimQuerySet:
        return self.filter(status=Claim.Status.UNREVIEWED)


class Claim(models.Model):
    class Kind(models.TextChoices):
        DIRECT = ClaimKind.DIRECT.value, "Direct quote"
        INDIRECT = ClaimKind.INDIRECT.value, "Indirect speech"
        MIXED = ClaimKind.MIXED.value, "Mixed"
        ACCORDING_TO = ClaimKind.ACCORDING_TO.value, "According to"

    class Status(models.TextChoices):
        UNREVIEWED = "unreviewed", "Unreviewed"
        VERIFIED = "verified", "Verified"
        DISPUTED = "disputed", "Disputed"
        UNCONFIRMED = "unconfirmed", "Unconfirmed"
        DISMISSED = "dismissed", "Dismissed (not a claim)"

    class Origin(models.TextChoices):
        EXTRACTED = "extracted", "Extracted"
        MANUAL = "manual", "Added by an editor"

    article = models.ForeignKey("articles.Article", on_delete=models.CASCADE, related_name="claims")
    text = models.TextField()
    start = models.PositiveIntegerField()
    end = models.PositiveIntegerField()
    kind = models.CharField(max_length=20, choices=Kind, default=Kind.DIRECT)
    cue_text = models.CharField(max_length=300, blank=True)
    cue_start = models.PositiveIntegerField(null=True, blank=True)
    cue_end = models.PositiveIntegerField(null=True, blank=True)
    speaker = models.ForeignKey(
        Speaker, null=True, blank=True, on_delete=models.SET_NULL, related_name="claims"
    )
    speaker_mention = models.CharField(max_length=500, blank=True)
    mention_start = models.PositiveIntegerField(null=True, blank=True)
    mention_end = models.PositiveIntegerField(null=True, blank=True)
    via_source = models.ForeignKey(
        "articles.Source",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="relayed_claims",
        help_text="The outlet or source the claim came through (“told Vyorstka”).",
    )
    via_name = models.CharField(max_length=300, blank=True)
    status = models.CharField(max_length=20, choices=Status, default=Status.UNREVIEWED)
    reviewer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="reviewed_claims",
    )
    reviewed_at = models.DateTimeField(null=True, blank=True)
    note = models.TextField(blank=True)
    origin = models.CharField(max_length=20, choices=Origin, default=Origin.EXTRACTED)
    extractor_version = models.CharField(max_length=40, blank=True)
    version = models.PositiveIntegerField(
        default=1, help_text="Raised on every change; edits based on an older version are refused."
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = ClaimQuerySet.as_manager()

    class Meta:
        ordering = ["article", "start", "end"]
        permissions = [("review_claim", "Can review claims (set status, notes, evidence)")]
        constraints = [
            models.CheckConstraint(
                condition=Q(end__gt=models.F("start")), name="claim_span_nonempty"
            )
        ]
        indexes = [models.Index(fields=["status"]), models.Index(fields=["article", "start"])]

    def __str__(self) -> str:
        return self.text[:80]

    def get_absolute_url(self) -> str:
        return f"{self.article.get_absolute_url()}#claim-{self.pk}"

    @property
    def is_reviewed(self) -> bool:
        return self.status != self.Status.UNREVIEWED

    @cached_property
    def action_urls(self) -> dict[str, str]:
        """The review endpoints of this claim. The review page shows hundreds of claims with
        five actions each; reversing once per action and filling in the id keeps it fast."""
        return {action: _claim_url_pattern(action).format(pk=self.pk) for action in CLAIM_ACTIONS}


class ClaimEvent(models.Model):
    """One entry in a claim's history. Events are only ever added, never edited."""

    class Action(models.TextChoices):
        CREATED = "created", "Created"
        STATUS = "status", "Status changed"
        NOTE = "note", "Note changed"
        EDITED = "edited", "Edited"
        EVIDENCE = "evidence", "Evidence added"
        UNDONE = "undone", "Status change undone"

    claim = models.ForeignKey(Claim, on_delete=models.CASCADE, related_name="events")
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL
    )
    action = models.CharField(max_length=20, choices=Action)
    from_status = models.CharField(max_length=20, blank=True)
    to_status = models.CharField(max_length=20, blank=True)
    note = models.TextField(blank=True)
    details = models.JSONField(default=dict, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return f"{self.get_action_display()}: {self.from_status} → {self.to_status}"


class Evidence(models.Model):
    class Stance(models.TextChoices):
        SUPPORTS = "supports", "Supports"
        REFUTES = "refutes", "Refutes"
        CONTEXT = "context", "Context"

    claim = models.ForeignKey(Claim, on_delete=models.CASCADE, related_name="evidence")
    url = models.URLField(max_length=2000)
    stance = models.CharField(max_length=10, choices=Stance, default=Stance.SUPPORTS)
    note = models.TextField(blank=True)
    source = models.ForeignKey(
        "articles.Source",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="evidence",
        help_text="Found from the link's domain.",
    )
    added_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name_plural = "evidence"

    def __str__(self) -> str:
        return self.url


class SpeakerMerge(models.Model):
    """The record of one speaker merged into another: who, when, and what the merged one was."""

    into = models.ForeignKey(Speaker, on_delete=models.CASCADE, related_name="merges")
    merged = models.ForeignKey(
        Speaker,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="The speaker that was merged (kept, marked merged_into).",
    )
    merged_name = models.CharField(max_length=300)
    claims_moved = models.PositiveIntegerField(default=0)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL
    )
    details = models.JSONField(default=dict, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return f"{self.merged_name} → {self.into}"
