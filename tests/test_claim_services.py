import pytest

from claims import services
from claims.extraction import (
    ClaimKind,
    ExtractedClaim,
    ExtractedSpeaker,
    ExtractedVia,
    Span,
    SpeakerKind,
)
from claims.models import Claim, ClaimEvent, Speaker, SpeakerAlias
from tests.factories import ArticleFactory, ClaimFactory, SourceFactory, SpeakerFactory

pytestmark = pytest.mark.django_db


def extracted(
    article,
    start,
    end,
    *,
    name="Dmitry Peskov",
    kind=SpeakerKind.PERSON,
    mention="Peskov",
    via=None,
):
    return ExtractedClaim(
        text=article.body[start:end],
        start=start,
        end=end,
        kind=ClaimKind.DIRECT,
        cue=Span("said", 0, 4),
        speaker=ExtractedSpeaker(
            name=name,
            kind=kind,
            description="Kremlin spokesperson",
            mention=mention,
            start=0,
            end=len(mention),
        ),
        via=ExtractedVia(name=via) if via else None,
    )


def test_replace_extracted_creates_claims_speakers_and_events():
    article = ArticleFactory()
    items = [extracted(article, 25, 50), extracted(article, 60, 80, mention="he")]
    assert services.claims_replace_extracted(article=article, extracted=items) == 2
    speakers = Speaker.objects.all()
    assert [s.name for s in speakers] == ["Dmitry Peskov"]
    assert speakers[0].description == "Kremlin spokesperson"
    assert set(SpeakerAlias.objects.values_list("name", flat=True)) == {"Dmitry Peskov", "Peskov"}
    assert ClaimEvent.objects.filter(action=ClaimEvent.Action.CREATED).count() == 2
    claim = Claim.objects.get(start=60)
    assert claim.speaker_mention == "he" and claim.text == article.body[60:80]


def test_named_speaker_is_linked_across_articles_by_alias():
    existing = SpeakerFactory(name="Dmitry Peskov")
    SpeakerAlias.objects.create(speaker=existing, name="Dmitry S. Peskov")
    article = ArticleFactory()
    services.claims_replace_extracted(
        article=article, extracted=[extracted(article, 25, 50, name="dmitry s. peskov")]
    )
    assert Speaker.objects.count() == 1
    assert Claim.objects.get().speaker == existing


def test_anonymous_speakers_are_per_article():
    first, second = ArticleFactory(), ArticleFactory()
    for article in (first, second):
        services.claims_replace_extracted(
            article=article,
            extracted=[
                extracted(
                    article,
                    25,
                    50,
                    name="a parliamentary source",
                    kind=SpeakerKind.ANONYMOUS,
                    mention="a parliamentary source",
                )
            ],
        )
    anonymous = Speaker.objects.filter(kind=Speaker.Kind.ANONYMOUS)
    assert anonymous.count() == 2
    assert {s.article for s in anonymous} == {first, second}


def test_via_links_existing_source_case_insensitively():
    vyorstka = SourceFactory(name="Vyorstka")
    article = ArticleFactory()
    services.claims_replace_extracted(
        article=article, extracted=[extracted(article, 25, 50, via="vyorstka")]
    )
    assert Claim.objects.get().via_source == vyorstka


def test_reextraction_keeps_reviewed_claims_and_replaces_untouched(editor):
    article = ArticleFactory()
    services.claims_replace_extracted(
        article=article, extracted=[extracted(article, 25, 50), extracted(article, 60, 80)]
    )
    reviewed = Claim.objects.get(start=25)
    services.claim_set_status(
        claim_id=reviewed.pk, status="verified", actor=editor, expected_version=1
    )
    services.claims_replace_extracted(
        article=article, extracted=[extracted(article, 25, 50), extracted(article, 61, 80)]
    )
    spans = sorted(Claim.objects.values_list("start", "end", "status"))
    assert spans == [(25, 50, "verified"), (61, 80, "unreviewed")]


def test_set_status_records_event_and_reviewer(editor):
    claim = ClaimFactory()
    updated = services.claim_set_status(
        claim_id=claim.pk,
        status="disputed",
        actor=editor,
        expected_version=1,
        note="Contradicted by the ministry",
    )
    assert (updated.status, updated.version, updated.reviewer) == ("disputed", 2, editor)
    assert updated.reviewed_at is not None
    event = ClaimEvent.objects.get(claim=claim)
    assert (event.from_status, event.to_status, event.actor, event.note) == (
        "unreviewed",
        "disputed",
        editor,
        "Contradicted by the ministry",
    )


def test_stale_version_is_refused_and_nothing_written(editor):
    claim = ClaimFactory()
    services.claim_set_status(
        claim_id=claim.pk, status="verified", actor=editor, expected_version=1
    )
    with pytest.raises(services.StaleClaimError) as excinfo:
        services.claim_set_status(
            claim_id=claim.pk, status="disputed", actor=editor, expected_version=1
        )
    assert excinfo.value.claim.status == "verified"
    claim.refresh_from_db()
    assert claim.status == "verified" and claim.version == 2
    assert ClaimEvent.objects.filter(claim=claim).count() == 1


def test_unknown_status_is_refused(editor):
    claim = ClaimFactory()
    with pytest.raises(services.ClaimError):
        services.claim_set_status(
            claim_id=claim.pk, status="true", actor=editor, expected_version=1
        )
    assert ClaimEvent.objects.count() == 0


def test_reextraction_does_not_bring_back_a_claim_whose_span_an_editor_corrected(editor):
    article = ArticleFactory()
    services.claims_replace_extracted(article=article, extracted=[extracted(article, 25, 50)])
    claim = Claim.objects.get()
    services.claim_edit(claim_id=claim.pk, actor=editor, expected_version=1, start=26, end=48)
    services.claims_replace_extracted(article=article, extracted=[extracted(article, 25, 50)])
    assert list(Claim.objects.values_list("start", "end")) == [(26, 48)]


def test_write_on_a_deleted_claim_raises_gone(editor):
    claim = ClaimFactory()
    pk = claim.pk
    claim.delete()
    with pytest.raises(services.ClaimGoneError):
        services.claim_set_note(claim_id=pk, note="x", actor=editor, expected_version=1)


def test_speaker_find_survives_a_merge_cycle():
    first, second = SpeakerFactory(name="First"), SpeakerFactory(name="Second")
    Speaker.objects.filter(pk=first.pk).update(merged_into=second)
    Speaker.objects.filter(pk=second.pk).update(merged_into=first)
    assert services.speaker_find(name="First", kind="person") in {first, second}


def test_manual_claim_keeps_its_note_in_history(editor):
    article = ArticleFactory()
    claim = services.claim_create_manual(
        article=article, start=0, end=8, speaker_name="X", kind="direct", actor=editor, note="Why"
    )
    assert claim.events.get().note == "Why"


def test_status_with_note_keeps_the_previous_note(editor):
    claim = ClaimFactory(note="Old")
    services.claim_set_status(
        claim_id=claim.pk, status="verified", actor=editor, expected_version=1, note="New"
    )
    assert claim.events.get().details == {"previous_note": "Old"}
