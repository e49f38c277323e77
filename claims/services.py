"""Writes for claims, speakers and their history. Each public function is one transaction.

``claims`` never imports the ``articles`` app: it reaches ``Article`` and ``Source`` through its
own foreign keys.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from urllib.parse import urlsplit

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils import timezone

from claims import extraction
from claims.models import Claim, ClaimEvent, Evidence, Speaker, SpeakerAlias, alias_key

logger = logging.getLogger(__name__)

Article = Claim._meta.get_field("article").related_model
Source = Claim._meta.get_field("via_source").related_model


class ClaimError(Exception):
    """A change to a claim that cannot be made; the message is shown to the editor."""


class ClaimGoneError(ClaimError):
    """The claim was deleted (re-extraction) after the editor loaded it."""


class StaleClaimError(ClaimError):
    def __init__(self, claim: Claim) -> None:
        self.claim = claim
        super().__init__(
            "Someone else changed this claim while you were looking at it. "
            "Its current state is shown; check it and try again."
        )


# --- extraction ------------------------------------------------------------------------------


def extraction_enqueue(*, article) -> None:
    """Queue extraction for when the surrounding transaction commits (eager by default)."""
    from claims.tasks import extract_article_claims

    article_id = article.pk
    transaction.on_commit(lambda: extract_article_claims.delay(article_id=article_id))


def article_extract_claims(*, article_id: int) -> int:
    """Run the extractor over an article and store its claims.

    Parsing runs outside any transaction; storing is one transaction, so readers see either the
    old claims or the new ones. Failure is recorded on the article with its error.
    """
    updated = Article.objects.filter(pk=article_id).update(
        extraction_state=Article.ExtractionState.RUNNING, extraction_error=""
    )
    if not updated:
        logger.warning("Article %s vanished before extraction", article_id)
        return 0
    body = Article.objects.values_list("body", flat=True).get(pk=article_id)
    try:
        extracted = extraction.extract_claims(body, model_name=settings.CLAIMS_SPACY_MODEL)
        with transaction.atomic():
            article = Article.objects.select_for_update().get(pk=article_id)
            stored = claims_replace_extracted(article=article, extracted=extracted)
            article.extraction_state = Article.ExtractionState.DONE
            article.extractor_version = extraction.EXTRACTOR_VERSION
            article.extracted_at = timezone.now()
            article.save(
                update_fields=[
                    "extraction_state",
                    "extractor_version",
                    "extracted_at",
                    "extraction_error",
                ]
            )
    except Exception as exc:
        logger.exception("Extraction failed for article %s", article_id)
        Article.objects.filter(pk=article_id).update(
            extraction_state=Article.ExtractionState.FAILED,
            extraction_error=f"{type(exc).__name__}: {exc}"[:2000],
        )
        return 0
    return stored


def _claim_is_kept_on_reextraction() -> Q:
    """Claims an editor has touched survive re-extraction; untouched extracted ones are redone."""
    return (
        ~Q(status=Claim.Status.UNREVIEWED)
        | ~Q(note="")
        | Q(origin=Claim.Origin.MANUAL)
        | Q(evidence__isnull=False)
        | Q(version__gt=1)
    )


def _overlaps_kept(start: int, end: int, kept_spans: list[tuple[int, int]]) -> bool:
    """True if a new extraction is (mostly) a claim an editor kept, maybe with a corrected
    span: they share at least half of the shorter of the two."""
    for kept_start, kept_end in kept_spans:
        shared = min(end, kept_end) - max(start, kept_start)
        if shared > 0 and shared * 2 >= min(end - start, kept_end - kept_start):
            return True
    return False


def claims_replace_extracted(*, article, extracted: Sequence[extraction.ExtractedClaim]) -> int:
    """Replace an article's untouched extracted claims with ``extracted``; returns the count
    of new claims. Must run inside a transaction (the caller's)."""
    # Lock every claim of the article first: a review committed while we decide what to keep
    # must either be seen here (and kept) or wait and then find its claim gone, never be lost.
    locked = list(article.claims.select_for_update().values_list("pk", flat=True))
    current = article.claims.filter(pk__in=locked)
    kept_spans = list(
        current.filter(_claim_is_kept_on_reextraction()).values_list("start", "end").distinct()
    )
    current.exclude(pk__in=current.filter(_claim_is_kept_on_reextraction()).values("pk")).delete()
    speakers: dict[tuple[str, str], Speaker] = {}
    mentions: set[tuple[Speaker, str]] = set()
    new_claims = []
    for item in extracted:
        if item.end <= item.start or _overlaps_kept(item.start, item.end, kept_spans):
            continue
        speaker = None
        if item.speaker:
            key = (item.speaker.kind, alias_key(item.speaker.name))
            if key not in speakers:
                speakers[key] = speaker_for_extracted(speaker=item.speaker, article=article)
            speaker = speakers[key]
            if item.speaker.kind != Speaker.Kind.ANONYMOUS and item.speaker.mention:
                mentions.add((speaker, item.speaker.mention))
        via = (
            source_find_or_create(name=item.via.name)
            if item.via and item.via.name.strip()
            else None
        )
        new_claims.append(
            Claim(
                article=article,
                text=item.text,
                start=item.start,
                end=item.end,
                kind=str(item.kind),
                cue_text=item.cue.text[:300] if item.cue else "",
                cue_start=item.cue.start if item.cue else None,
                cue_end=item.cue.end if item.cue else None,
                speaker=speaker,
                speaker_mention=item.speaker.mention[:500] if item.speaker else "",
                mention_start=item.speaker.start if item.speaker else None,
                mention_end=item.speaker.end if item.speaker else None,
                via_source=via,
                via_name=item.via.name[:300] if item.via else "",
                origin=Claim.Origin.EXTRACTED,
                extractor_version=extraction.EXTRACTOR_VERSION,
            )
        )
    for speaker, mention in mentions:
        _alias_add(speaker, mention)
    created = Claim.objects.bulk_create(new_claims)
    ClaimEvent.objects.bulk_create(
        ClaimEvent(
            claim=claim,
            action=ClaimEvent.Action.CREATED,
            to_status=claim.status,
            details={"extractor_version": extraction.EXTRACTOR_VERSION},
        )
        for claim in created
    )
    return len(created)


def speaker_find(*, name: str, kind: str, article=None) -> Speaker | None:
    """The existing speaker called ``name``: by canonical name or alias for named speakers,
    within the article for anonymous ones. Merged speakers lead to the one they merged into."""
    key = alias_key(name)
    if kind == Speaker.Kind.ANONYMOUS:
        candidates = Speaker.objects.filter(article=article, kind=Speaker.Kind.ANONYMOUS)
    else:
        candidates = Speaker.objects.filter(article__isnull=True)
    speaker = candidates.filter(Q(aliases__key=key) | Q(name__iexact=name)).order_by("pk").first()
    seen: set[int] = set()
    while speaker is not None and speaker.merged_into_id and speaker.pk not in seen:
        seen.add(speaker.pk)  # a merge cycle (possible through admin) must not hang extraction
        speaker = speaker.merged_into
    return speaker


def speaker_for_extracted(*, speaker: extraction.ExtractedSpeaker, article) -> Speaker:
    """The stored speaker an extracted one refers to, created (with its aliases) if new."""
    kind = str(speaker.kind)
    existing = speaker_find(name=speaker.name, kind=kind, article=article)
    if existing:
        if not existing.description and speaker.description:
            existing.description = speaker.description[:500]
            existing.save(update_fields=["description"])
        return existing
    created = Speaker.objects.create(
        name=speaker.name[:300],
        kind=kind,
        description=speaker.description[:500],
        article=article if kind == Speaker.Kind.ANONYMOUS else None,
    )
    _alias_add(created, created.name)
    return created


def _alias_add(speaker: Speaker, name: str) -> None:
    """Remember a proper-name mention (“Peskov”) as an alias; pronouns and descriptions are not."""
    name = " ".join(name.split())[:300]
    if not name or not any(ch.isupper() for ch in name[:1]) or name.casefold() in _NOT_ALIASES:
        return
    SpeakerAlias.objects.get_or_create(
        speaker=speaker, key=alias_key(name), defaults={"name": name}
    )


_NOT_ALIASES = frozenset(
    {"he", "she", "they", "it", "we", "i", "you", "his", "her", "their", "the source"}
)


def source_find_or_create(*, name: str) -> Source:
    """The source called ``name`` (case-insensitive), created with unknown reliability if new:
    an article's outlet, or the outlet a claim came through (“told Vyorstka”)."""
    name = " ".join(name.split())[:200]
    existing = Source.objects.filter(name__iexact=name).first()
    if existing:
        return existing
    try:
        with transaction.atomic():
            return Source.objects.create(name=name)
    except IntegrityError:  # created concurrently by another import
        return Source.objects.get(name__iexact=name)


# --- review ----------------------------------------------------------------------------------


def _locked_claim(claim_id: int, expected_version: int) -> Claim:
    """The claim, locked for this transaction, if it is still at the version the editor saw."""
    try:
        claim = Claim.objects.select_for_update().get(pk=claim_id)
    except Claim.DoesNotExist as exc:
        raise ClaimGoneError(
            "This claim no longer exists (the article was re-extracted or the claim deleted). "
            "Reload the page."
        ) from exc
    if claim.version != expected_version:
        raise StaleClaimError(claim)
    return claim


def _apply_status(claim: Claim, status: str, actor) -> None:
    claim.status = status
    if status == Claim.Status.UNREVIEWED:
        claim.reviewer, claim.reviewed_at = None, None
    else:
        claim.reviewer, claim.reviewed_at = actor, timezone.now()


def _record_change(
    claim: Claim,
    *,
    actor,
    action: str,
    fields: list[str],
    from_status: str | None = None,
    note: str = "",
    details: dict | None = None,
) -> None:
    """Save a changed claim at its next version and add the event that says what changed.
    ``from_status`` defaults to the current status (a change that is not a status change)."""
    claim.version += 1
    claim.save(update_fields=[*fields, "version", "updated_at"])
    ClaimEvent.objects.create(
        claim=claim,
        actor=actor,
        action=action,
        from_status=claim.status if from_status is None else from_status,
        to_status=claim.status,
        note=note,
        details=details or {},
    )


def claim_set_status(
    *, claim_id: int, status: str, actor, expected_version: int, note: str = ""
) -> Claim:
    """Set a claim's review status, recording the change in its history.

    ``expected_version`` is the version the editor saw; if the claim has changed since, nothing
    is written and ``StaleClaimError`` carries the fresh claim.
    """
    if status not in Claim.Status.values:
        raise ClaimError(f"“{status}” is not a review status.")
    with transaction.atomic():
        claim = _locked_claim(claim_id, expected_version)
        previous, previous_note = claim.status, claim.note
        _apply_status(claim, status, actor)
        if note:
            claim.note = note
        _record_change(
            claim,
            actor=actor,
            action=ClaimEvent.Action.STATUS,
            fields=["status", "reviewer", "reviewed_at", "note"],
            from_status=previous,
            note=note,
            details={"previous_note": previous_note} if note and note != previous_note else None,
        )
    return claim


def claim_undo_status(*, claim_id: int, actor, expected_version: int) -> Claim:
    """Revert the claim's most recent status change that is not undone yet.

    The undo is itself an event: history keeps both the change and its reversal.
    """
    with transaction.atomic():
        claim = _locked_claim(claim_id, expected_version)
        undone_ids = {
            event.details.get("undoes")
            for event in claim.events.filter(action=ClaimEvent.Action.UNDONE)
        }
        last_change = (
            claim.events.filter(action=ClaimEvent.Action.STATUS)
            .exclude(pk__in=[pk for pk in undone_ids if pk])
            .order_by("-created_at", "-pk")
            .first()
        )
        if last_change is None:
            raise ClaimError("There is no status change to undo on this claim.")
        if last_change.to_status != claim.status:
            raise ClaimError("The claim's status has changed since; set it directly instead.")
        previous = claim.status
        _apply_status(claim, last_change.from_status, actor)
        _record_change(
            claim,
            actor=actor,
            action=ClaimEvent.Action.UNDONE,
            fields=["status", "reviewer", "reviewed_at"],
            from_status=previous,
            details={"undoes": last_change.pk},
        )
    return claim


def claim_set_note(*, claim_id: int, note: str, actor, expected_version: int) -> Claim:
    note = note.strip()
    with transaction.atomic():
        claim = _locked_claim(claim_id, expected_version)
        if note == claim.note:
            return claim
        previous_note = claim.note
        claim.note = note
        _record_change(
            claim,
            actor=actor,
            action=ClaimEvent.Action.NOTE,
            fields=["note"],
            note=note,
            details={"previous_note": previous_note},
        )
    return claim


def source_for_url(url: str) -> Source | None:
    """The source whose domain the URL is on, including its subdomains (edition.cnn.com → CNN)."""
    host = (urlsplit(url).hostname or "").lower().removeprefix("www.")
    if not host:
        return None
    labels = host.split(".")
    candidates = [".".join(labels[i:]) for i in range(len(labels) - 1)]
    by_domain = {s.domain: s for s in Source.objects.filter(domain__in=candidates)}
    return next((by_domain[d] for d in candidates if d in by_domain), None)


def evidence_add(
    *, claim_id: int, url: str, stance: str, note: str, actor, expected_version: int
) -> Evidence:
    url = url.strip()
    try:
        URLValidator(schemes=["http", "https"])(url)
    except ValidationError as exc:
        raise ClaimError("Evidence needs a valid http(s) link.") from exc
    if stance not in Evidence.Stance.values:
        raise ClaimError(f"“{stance}” is not a stance (supports, refutes or context).")
    with transaction.atomic():
        claim = _locked_claim(claim_id, expected_version)
        evidence = Evidence.objects.create(
            claim=claim,
            url=url,
            stance=stance,
            note=note.strip(),
            source=source_for_url(url),
            added_by=actor,
        )
        _record_change(
            claim,
            actor=actor,
            action=ClaimEvent.Action.EVIDENCE,
            fields=[],
            note=note.strip(),
            details={"evidence_id": evidence.pk, "url": url, "stance": stance},
        )
    return evidence


def speaker_for_editor_input(*, name: str, article) -> Speaker:
    """The speaker an editor typed: an existing one by name or alias (this article's anonymous
    sources included), or a new named speaker."""
    name = " ".join(name.split())
    if not name:
        raise ClaimError("Name the speaker.")
    existing = speaker_find(name=name, kind=Speaker.Kind.ANONYMOUS, article=article)
    existing = existing or speaker_find(name=name, kind=Speaker.Kind.PERSON)
    if existing:
        return existing
    speaker = Speaker.objects.create(name=name[:300], kind=Speaker.Kind.PERSON)
    _alias_add(speaker, speaker.name)
    return speaker


def _check_span(article, start: int, end: int, selected_text: str = "") -> str:
    """The article text at ``start:end``; ``selected_text``, when the browser sends it, must be
    what is there (a selection measured differently must not store the wrong words)."""
    if not (0 <= start < end <= len(article.body)):
        raise ClaimError("The selected text is not inside the article.")
    text = article.body[start:end]
    if not text.strip():
        raise ClaimError("Select the words of the claim, not just spaces.")
    if selected_text and " ".join(selected_text.split()) != " ".join(text.split()):
        raise ClaimError(
            "The selection does not match the article text. Reload the page and select again."
        )
    return text


def claim_create_manual(
    *,
    article,
    start: int,
    end: int,
    speaker_name: str,
    kind: str,
    actor,
    note: str = "",
    selected_text: str = "",
) -> Claim:
    """A claim the extractor missed, added by an editor from a text selection."""
    if kind not in Claim.Kind.values:
        raise ClaimError(f"“{kind}” is not a claim kind.")
    # Trim the selection to the words: a double-click selection often carries a space.
    text = _check_span(article, start, end, selected_text)
    start += len(text) - len(text.lstrip())
    end -= len(text) - len(text.rstrip())
    with transaction.atomic():
        speaker = speaker_for_editor_input(name=speaker_name, article=article)
        claim = Claim.objects.create(
            article=article,
            text=article.body[start:end],
            start=start,
            end=end,
            kind=kind,
            speaker=speaker,
            note=note.strip(),
            origin=Claim.Origin.MANUAL,
        )
        ClaimEvent.objects.create(
            claim=claim,
            actor=actor,
            action=ClaimEvent.Action.CREATED,
            to_status=claim.status,
            note=claim.note,
            details={"origin": "manual"},
        )
    return claim


def claim_edit(
    *,
    claim_id: int,
    actor,
    expected_version: int,
    speaker_name: str | None = None,
    kind: str | None = None,
    start: int | None = None,
    end: int | None = None,
    selected_text: str = "",
) -> Claim:
    """Change a claim's speaker, kind or span; the history records each old and new value."""
    with transaction.atomic():
        claim = _locked_claim(claim_id, expected_version)
        changes: dict[str, list] = {}
        if speaker_name is not None and speaker_name.strip():
            speaker = speaker_for_editor_input(name=speaker_name, article=claim.article)
            if speaker.pk != claim.speaker_id:
                changes["speaker"] = [claim.speaker.name if claim.speaker else "", speaker.name]
                claim.speaker = speaker
        if kind is not None and kind != claim.kind:
            if kind not in Claim.Kind.values:
                raise ClaimError(f"“{kind}” is not a claim kind.")
            changes["kind"] = [claim.kind, kind]
            claim.kind = kind
        new_start = claim.start if start is None else start
        new_end = claim.end if end is None else end
        if (new_start, new_end) != (claim.start, claim.end):
            text = _check_span(claim.article, new_start, new_end, selected_text)
            changes["span"] = [[claim.start, claim.end], [new_start, new_end]]
            claim.start, claim.end, claim.text = new_start, new_end, text
        if not changes:
            return claim
        _record_change(
            claim,
            actor=actor,
            action=ClaimEvent.Action.EDITED,
            fields=["speaker", "kind", "start", "end", "text"],
            details=changes,
        )
    return claim
