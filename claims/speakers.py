"""Speakers: the reads behind the speaker page and the one write that merges two speakers.

Like ``claims.services``, writes are keyword-only functions that run in one transaction and
raise an error whose message is shown to the editor.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.core.paginator import Paginator
from django.db import transaction
from django.db.models import Count, Exists, F, OuterRef, Q, QuerySet
from django.utils import timezone

from claims.models import Claim, ClaimEvent, Speaker, SpeakerAlias, SpeakerMerge, alias_key

# The order editors read status counts in: settled first, then what is still open.
STATUS_ORDER = [
    Claim.Status.VERIFIED,
    Claim.Status.DISPUTED,
    Claim.Status.UNCONFIRMED,
    Claim.Status.UNREVIEWED,
    Claim.Status.DISMISSED,
]
MERGE_CANDIDATES_SHOWN = 20
CLAIMS_PER_PAGE = 100


class SpeakerMergeError(Exception):
    """A merge that cannot be made; the message is shown to the editor."""


@dataclass(frozen=True)
class StatusCount:
    status: str
    label: str
    count: int


# --- reads -----------------------------------------------------------------------------------


def claim_status_counts(claims: QuerySet[Claim]) -> list[StatusCount]:
    """How many of ``claims`` are in each review status, in ``STATUS_ORDER`` (one query)."""
    totals = claims.order_by().aggregate(
        **{status.value: Count("pk", filter=Q(status=status)) for status in STATUS_ORDER}
    )
    return [
        StatusCount(status.value, status.label, totals[status.value]) for status in STATUS_ORDER
    ]


def speaker_current(*, speaker: Speaker) -> Speaker:
    """The speaker ``speaker`` now lives on: itself, or the end of its ``merged_into`` chain."""
    seen = {speaker.pk}
    while speaker.merged_into_id and speaker.merged_into_id not in seen:
        seen.add(speaker.merged_into_id)
        speaker = Speaker.objects.get(pk=speaker.merged_into_id)
    return speaker


def speaker_claims(*, speaker: Speaker) -> QuerySet[Claim]:
    """The speaker's claims across articles, newest article first, in reading order within one."""
    return (
        Claim.objects.filter(speaker=speaker)
        .select_related("article")
        .order_by(F("article__published").desc(nulls_last=True), "-article_id", "start", "pk")
    )


def speaker_merge_candidates(*, speaker: Speaker, query: str = "") -> QuerySet[Speaker]:
    """Speakers ``speaker`` could be merged with, by name or alias containing ``query``.

    Named speakers pair with named speakers anywhere (so only with a query: there may be
    thousands); an anonymous one only with the other anonymous speakers of its article.
    """
    candidates = Speaker.objects.filter(merged_into__isnull=True).exclude(pk=speaker.pk)
    if speaker.kind == Speaker.Kind.ANONYMOUS:
        candidates = candidates.filter(kind=Speaker.Kind.ANONYMOUS, article_id=speaker.article_id)
    elif query:
        candidates = candidates.exclude(kind=Speaker.Kind.ANONYMOUS).filter(article__isnull=True)
    else:
        return Speaker.objects.none()
    if query:
        aliases = SpeakerAlias.objects.filter(speaker=OuterRef("pk"), name__icontains=query)
        candidates = candidates.filter(Q(name__icontains=query) | Exists(aliases))
    return candidates.annotate(claim_count=Count("claims")).order_by("name", "pk")[
        :MERGE_CANDIDATES_SHOWN
    ]


def speaker_merge_check(*, keep: Speaker, merge: Speaker) -> None:
    """Raise ``SpeakerMergeError`` if ``merge`` cannot be merged into ``keep``."""
    if keep.pk == merge.pk:
        raise SpeakerMergeError("A speaker cannot be merged into itself.")
    if keep.merged_into_id:
        raise SpeakerMergeError(
            f"“{keep.name}” has itself been merged into another speaker; "
            "merge into that one instead."
        )
    if merge.merged_into_id:
        raise SpeakerMergeError(f"“{merge.name}” has already been merged into another speaker.")
    anonymous = {keep.kind, merge.kind} & {Speaker.Kind.ANONYMOUS}
    if anonymous and not (
        keep.kind == merge.kind == Speaker.Kind.ANONYMOUS and keep.article_id == merge.article_id
    ):
        raise SpeakerMergeError(
            "An anonymous source can only be merged with another anonymous source "
            "of the same article."
        )


# --- writes ----------------------------------------------------------------------------------


def speaker_merge(*, keep: Speaker, merge: Speaker, actor) -> SpeakerMerge:
    """Merge ``merge`` into ``keep``: its claims, aliases and name move to ``keep``.

    The merged speaker's row stays, marked ``merged_into``, so old links and extraction's
    alias look-ups lead to ``keep``. Every moved claim gets a new version (an edit based on
    the old speaker is refused) and an EDITED event.
    """
    with transaction.atomic():
        # Lock both rows (in a fixed order) and check against their committed state, so two
        # editors merging the same pair cannot both succeed.
        locked = Speaker.objects.select_for_update().filter(pk__in=[keep.pk, merge.pk])
        rows = {speaker.pk: speaker for speaker in locked.order_by("pk")}
        keep, merge = rows[keep.pk], rows[merge.pk]
        speaker_merge_check(keep=keep, merge=merge)

        claim_ids = list(
            Claim.objects.select_for_update()
            .filter(speaker=merge)
            .order_by("pk")
            .values_list("pk", flat=True)
        )
        Claim.objects.filter(pk__in=claim_ids).update(
            speaker=keep, version=F("version") + 1, updated_at=timezone.now()
        )
        details = {
            "speaker_merged_from": {"id": merge.pk, "name": merge.name},
            "speaker_merged_into": {"id": keep.pk, "name": keep.name},
        }
        ClaimEvent.objects.bulk_create(
            ClaimEvent(
                claim_id=claim_id, actor=actor, action=ClaimEvent.Action.EDITED, details=details
            )
            for claim_id in claim_ids
        )

        aliases_moved = _aliases_move(keep=keep, merge=merge)

        filled = []
        for field in ("description", "affiliation"):
            if not getattr(keep, field) and getattr(merge, field):
                setattr(keep, field, getattr(merge, field))
                filled.append(field)
        if filled:
            keep.save(update_fields=filled)

        # Speakers merged into ``merge`` earlier now lead straight to ``keep``.
        redirected = list(Speaker.objects.filter(merged_into=merge).values_list("pk", flat=True))
        Speaker.objects.filter(pk__in=redirected).update(merged_into=keep)
        merge.merged_into = keep
        merge.save(update_fields=["merged_into"])

        return SpeakerMerge.objects.create(
            into=keep,
            merged=merge,
            merged_name=merge.name,
            claims_moved=len(claim_ids),
            actor=actor,
            details={
                "claim_ids": claim_ids,
                "aliases_moved": aliases_moved,
                "fields_filled": filled,
                "merged_kind": merge.kind,
                "merged_description": merge.description,
                "merged_affiliation": merge.affiliation,
                "speakers_redirected": redirected,
            },
        )


def _aliases_move(*, keep: Speaker, merge: Speaker) -> list[str]:
    """Move ``merge``'s aliases, and its name as one more, to ``keep``; names ``keep`` already
    has (by key) stay behind on the merged speaker. Returns the names moved or added."""
    keep_keys = set(keep.aliases.values_list("key", flat=True))
    moving = merge.aliases.exclude(key__in=keep_keys)
    moved = list(moving.values_list("name", "key"))
    moving.update(speaker=keep)
    keep_keys.update(key for _, key in moved)
    names = [name for name, _ in moved]
    if alias_key(merge.name) not in keep_keys:
        SpeakerAlias.objects.create(speaker=keep, name=merge.name)
        names.append(merge.name)
    return names


@dataclass(frozen=True)
class MergePreview:
    """What a merge would do, shown to the editor before it is made."""

    keep: Speaker
    merge: Speaker
    claims_moved: int
    aliases: int


def speaker_merge_preview(*, keep: Speaker, merge: Speaker) -> MergePreview:
    """Check a merge and describe it; raises ``SpeakerMergeError`` like ``speaker_merge``."""
    speaker_merge_check(keep=keep, merge=merge)
    return MergePreview(
        keep=keep,
        merge=merge,
        claims_moved=merge.claims.count(),
        aliases=merge.aliases.count(),
    )


def speaker_page_context(
    *, speaker: Speaker, user, page_number: str | None = None, merge_query: str = ""
) -> dict:
    """Everything the speaker page shows, in a fixed number of queries."""
    can_merge = user.has_perm("claims.review_claim")
    claims = speaker_claims(speaker=speaker)
    return {
        "speaker": speaker,
        "aliases": list(speaker.aliases.all()),
        "status_counts": claim_status_counts(claims),
        "page": Paginator(claims, CLAIMS_PER_PAGE).get_page(page_number),
        "merges": list(speaker.merges.select_related("actor", "merged")),
        "can_merge": can_merge,
        "merge_query": merge_query,
        "merge_candidates": (
            list(speaker_merge_candidates(speaker=speaker, query=merge_query)) if can_merge else []
        ),
    }
