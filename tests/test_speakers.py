import re

import pytest
from django.urls import reverse

from claims import services
from claims.models import Claim, ClaimEvent, Speaker, SpeakerMerge
from claims.speakers import (
    SpeakerMergeError,
    claim_status_counts,
    speaker_current,
    speaker_merge,
    speaker_merge_candidates,
)
from tests.factories import ArticleFactory, ClaimFactory, SpeakerFactory
from tests.factories_extra import AnonymousSpeakerFactory, SpeakerAliasFactory

pytestmark = pytest.mark.django_db

HX = {"HTTP_HX_REQUEST": "true"}


def merge_url(speaker: Speaker) -> str:
    return reverse("claims:speaker-merge", args=[speaker.pk])


# --- speaker_merge (service) ----------------------------------------------------------------


@pytest.fixture
def peskov_pair():
    """The same person stored twice, as extraction does before an editor notices."""
    keep = SpeakerFactory(name="Dmitry Peskov", description="")
    SpeakerAliasFactory(speaker=keep, name="Dmitry Peskov")
    merge = SpeakerFactory(
        name="Dmitry S. Peskov", description="Kremlin spokesperson", affiliation="Kremlin"
    )
    SpeakerAliasFactory(speaker=merge, name="Peskov")
    SpeakerAliasFactory(speaker=merge, name="dmitry  peskov")  # same key as keep's alias
    return keep, merge


def test_merge_moves_claims_with_new_versions_and_history(peskov_pair, editor):
    keep, merge = peskov_pair
    moved = [ClaimFactory(speaker=merge), ClaimFactory(speaker=merge, version=3)]
    untouched = ClaimFactory(speaker=keep)

    record = speaker_merge(keep=keep, merge=merge, actor=editor)

    for claim, version in zip(moved, (2, 4), strict=True):
        claim.refresh_from_db()
        assert claim.speaker == keep and claim.version == version
        event = ClaimEvent.objects.get(claim=claim)
        assert event.action == ClaimEvent.Action.EDITED and event.actor == editor
        assert event.details == {
            "speaker_merged_from": {"id": merge.pk, "name": "Dmitry S. Peskov"},
            "speaker_merged_into": {"id": keep.pk, "name": "Dmitry Peskov"},
        }
    untouched.refresh_from_db()
    assert untouched.version == 1 and not untouched.events.exists()
    assert record.claims_moved == 2
    assert record.details["claim_ids"] == sorted(claim.pk for claim in moved)


def test_merge_moves_aliases_and_name_skipping_duplicates(peskov_pair, editor):
    keep, merge = peskov_pair
    speaker_merge(keep=keep, merge=merge, actor=editor)
    assert sorted(keep.aliases.values_list("name", flat=True)) == [
        "Dmitry Peskov",
        "Dmitry S. Peskov",
        "Peskov",
    ]
    # The duplicate stays with the merged speaker rather than breaking (speaker, key) unique.
    assert list(merge.aliases.values_list("name", flat=True)) == ["dmitry  peskov"]


def test_merge_keeps_the_merged_row_pointing_at_the_kept_one(peskov_pair, editor):
    keep, merge = peskov_pair
    record = speaker_merge(keep=keep, merge=merge, actor=editor)
    merge.refresh_from_db()
    assert merge.merged_into == keep
    assert record.into == keep and record.merged == merge
    assert record.merged_name == "Dmitry S. Peskov" and record.actor == editor
    assert list(keep.merges.all()) == [record]


def test_merge_fills_only_empty_fields_of_the_kept_speaker(peskov_pair, editor):
    keep, merge = peskov_pair
    keep.affiliation = "Presidential administration"
    keep.save()
    record = speaker_merge(keep=keep, merge=merge, actor=editor)
    keep.refresh_from_db()
    assert keep.description == "Kremlin spokesperson"
    assert keep.affiliation == "Presidential administration"
    assert record.details["fields_filled"] == ["description"]


def test_extraction_finds_the_kept_speaker_by_the_merged_ones_names(peskov_pair, editor):
    keep, merge = peskov_pair
    speaker_merge(keep=keep, merge=merge, actor=editor)
    for name in ("Dmitry S. Peskov", "Peskov", "dmitry peskov"):
        assert services.speaker_find(name=name, kind="person") == keep


def test_earlier_merges_follow_on_to_the_kept_speaker(editor):
    first, second, third = SpeakerFactory(), SpeakerFactory(), SpeakerFactory()
    speaker_merge(keep=second, merge=first, actor=editor)
    speaker_merge(keep=third, merge=second, actor=editor)
    first.refresh_from_db()
    assert first.merged_into == third
    assert speaker_current(speaker=first) == third


def test_anonymous_speakers_merge_within_their_article(editor):
    article = ArticleFactory()
    keep = AnonymousSpeakerFactory(article=article)
    merge = AnonymousSpeakerFactory(article=article)
    ClaimFactory(article=article, speaker=merge)
    assert speaker_merge(keep=keep, merge=merge, actor=editor).claims_moved == 1


def _same_speaker_twice():
    speaker = SpeakerFactory()
    return speaker, speaker


@pytest.mark.parametrize(
    "make_pair,message",
    [
        (_same_speaker_twice, "cannot be merged into itself"),
        (
            lambda: (SpeakerFactory(merged_into=SpeakerFactory()), SpeakerFactory()),
            "has itself been merged",
        ),
        (
            lambda: (SpeakerFactory(), SpeakerFactory(merged_into=SpeakerFactory())),
            "already been merged",
        ),
        (lambda: (AnonymousSpeakerFactory(), AnonymousSpeakerFactory()), "same article"),
        (lambda: (AnonymousSpeakerFactory(), SpeakerFactory()), "same article"),
        (lambda: (SpeakerFactory(), AnonymousSpeakerFactory()), "same article"),
    ],
    ids=["itself", "into-merged", "merged-again", "anon-other-article", "anon-named", "named-anon"],
)
def test_merge_refuses_impossible_merges_and_writes_nothing(editor, make_pair, message):
    keep, merge = make_pair()
    claim = ClaimFactory(speaker=merge)
    with pytest.raises(SpeakerMergeError, match=message):
        speaker_merge(keep=keep, merge=merge, actor=editor)
    claim.refresh_from_db()
    assert claim.speaker == merge and claim.version == 1
    assert not SpeakerMerge.objects.exists() and not ClaimEvent.objects.exists()


def test_merge_checks_the_current_rows_not_the_callers_copies(peskov_pair, editor):
    keep, merge = peskov_pair
    stale_merge = Speaker.objects.get(pk=merge.pk)
    speaker_merge(keep=keep, merge=merge, actor=editor)
    with pytest.raises(SpeakerMergeError, match="already been merged"):
        speaker_merge(keep=keep, merge=stale_merge, actor=editor)
    assert SpeakerMerge.objects.count() == 1


# --- reads ----------------------------------------------------------------------------------


def test_status_counts_in_reading_order():
    speaker = SpeakerFactory()
    for status in ["verified", "verified", "disputed", "unreviewed"]:
        ClaimFactory(speaker=speaker, status=status)
    counts = claim_status_counts(Claim.objects.filter(speaker=speaker))
    assert [(c.status, c.count) for c in counts] == [
        ("verified", 2),
        ("disputed", 1),
        ("unconfirmed", 0),
        ("unreviewed", 1),
        ("dismissed", 0),
    ]


def test_merge_candidates_named_by_name_or_alias():
    speaker = SpeakerFactory(name="Dmitry Peskov")
    by_name = SpeakerFactory(name="D. Peskov")
    by_alias = SpeakerFactory(name="Kremlin spokesman")
    SpeakerAliasFactory(speaker=by_alias, name="Peskov")
    SpeakerAliasFactory(speaker=by_alias, name="Mr Peskov")  # two matching aliases, one row
    SpeakerFactory(name="Peskov junior", merged_into=by_name)
    AnonymousSpeakerFactory(name="a Peskov aide")
    found = speaker_merge_candidates(speaker=speaker, query="peskov")
    assert list(found) == [by_name, by_alias]
    assert speaker_merge_candidates(speaker=speaker, query="").count() == 0


def test_merge_candidates_for_anonymous_are_from_its_article():
    speaker = AnonymousSpeakerFactory()
    neighbour = AnonymousSpeakerFactory(article=speaker.article)
    AnonymousSpeakerFactory()
    SpeakerFactory()
    assert list(speaker_merge_candidates(speaker=speaker)) == [neighbour]


# --- speaker page ---------------------------------------------------------------------------


def test_speaker_page_shows_profile_counts_and_claims(editor_client):
    speaker = SpeakerFactory(
        name="Maria Zakharova", description="MFA spokesperson", affiliation="MFA"
    )
    SpeakerAliasFactory(speaker=speaker, name="Zakharova")
    verified = ClaimFactory(speaker=speaker, status="verified", kind=Claim.Kind.INDIRECT)
    ClaimFactory(speaker=speaker, status="disputed")
    html = editor_client.get(speaker.get_absolute_url()).content.decode()
    for text in ("Maria Zakharova", "Person", "MFA spokesperson", "MFA", "Zakharova"):
        assert text in html
    assert "1 verified" in html and "1 disputed" in html and "0 unreviewed" in html
    assert verified.article.title in html and verified.article.get_absolute_url() in html
    assert verified.get_absolute_url() in html and "Indirect speech" in html
    assert 'class="badge status-verified"' in html


def test_merged_speakers_page_redirects_to_the_kept_one(editor_client, peskov_pair, editor):
    keep, merge = peskov_pair
    speaker_merge(keep=keep, merge=merge, actor=editor)
    response = editor_client.get(merge.get_absolute_url())
    assert response.status_code == 302 and response["Location"] == keep.get_absolute_url()


def test_speaker_page_shows_merge_history(editor_client, peskov_pair, editor):
    keep, merge = peskov_pair
    ClaimFactory(speaker=merge)
    speaker_merge(keep=keep, merge=merge, actor=editor)
    html = editor_client.get(keep.get_absolute_url()).content.decode()
    assert "Merge history" in html
    assert "“Dmitry S. Peskov” merged in by ed" in html and "1 claim moved" in html


def test_speaker_text_is_escaped(editor_client):
    speaker = SpeakerFactory(name="<script>alert(1)</script>", description="<b>x</b>")
    html = editor_client.get(speaker.get_absolute_url()).content.decode()
    assert "<script>alert(1)" not in html and "<b>x</b>" not in html
    assert "&lt;script&gt;" in html


def test_speaker_page_queries_do_not_grow_with_claims(editor_client, django_assert_max_num_queries):
    speaker = SpeakerFactory()
    SpeakerAliasFactory.create_batch(3, speaker=speaker)
    for _ in range(30):
        ClaimFactory(speaker=speaker)
    with django_assert_max_num_queries(11):
        response = editor_client.get(speaker.get_absolute_url(), {"merge_q": "Speaker"})
    assert response.content.decode().count('class="badge status-unreviewed"') == 30


def test_speaker_claims_are_paginated(editor_client):
    speaker = SpeakerFactory()
    ClaimFactory.create_batch(101, speaker=speaker)
    first = editor_client.get(speaker.get_absolute_url()).content.decode()
    assert first.count('class="badge status-') == 100 and 'href="?page=2"' in first
    second = editor_client.get(speaker.get_absolute_url(), {"page": 2}).content.decode()
    assert second.count('class="badge status-') == 1


# --- merge UI and permissions ---------------------------------------------------------------


def test_editor_sees_the_merge_search(editor_client):
    speaker = SpeakerFactory()
    html = editor_client.get(speaker.get_absolute_url()).content.decode()
    form = re.search(r'<form class="merge-search"[^>]*>', html).group(0)
    assert f'action="{speaker.get_absolute_url()}"' in form
    assert f'hx-get="{speaker.get_absolute_url()}"' in form


@pytest.mark.parametrize("extra", [{}, HX])
def test_merge_search_lists_candidates_with_both_directions(editor_client, extra):
    speaker = SpeakerFactory(name="Dmitry Peskov")
    other = SpeakerFactory(name="D. Peskov")
    response = editor_client.get(speaker.get_absolute_url(), {"merge_q": "peskov"}, **extra)
    html = response.content.decode()
    assert response.status_code == 200 and "HX-Request" in response["Vary"]
    assert ("<html" in html) is not bool(extra)
    if extra:
        assert html.lstrip().startswith('<div id="merge-candidates"')
    assert f'name="other" value="{other.pk}"' in html
    assert 'name="keep" value="this"' in html and 'name="keep" value="other"' in html
    assert "Merge it into “Dmitry Peskov”" in html


def test_merge_search_without_match_says_so(editor_client):
    speaker = SpeakerFactory()
    html = editor_client.get(speaker.get_absolute_url(), {"merge_q": "zzz"}, **HX).content
    assert "No other speaker is called “zzz”" in html.decode()


def test_anonymous_speaker_page_offers_its_articles_other_sources(editor_client):
    speaker = AnonymousSpeakerFactory()
    neighbour = AnonymousSpeakerFactory(article=speaker.article)
    html = editor_client.get(speaker.get_absolute_url()).content.decode()
    assert 'class="merge-search"' not in html
    assert f'name="other" value="{neighbour.pk}"' in html


@pytest.mark.parametrize("extra", [{}, HX])
def test_non_editor_sees_no_merge_form_and_cannot_merge(client, reader, extra):
    client.force_login(reader)
    speaker, other = SpeakerFactory(name="Dmitry Peskov"), SpeakerFactory(name="D. Peskov")
    claim = ClaimFactory(speaker=other)
    html = client.get(speaker.get_absolute_url(), {"merge_q": "peskov"}, **extra).content
    assert b"Merge with another speaker" not in html and b'name="other"' not in html
    data = {"other": other.pk, "keep": "this", "confirm": "1"}
    response = client.post(merge_url(speaker), data, **extra)
    assert response.status_code == 403
    claim.refresh_from_db()
    assert claim.speaker == other and not SpeakerMerge.objects.exists()


def test_anonymous_user_cannot_merge(client):
    speaker, other = SpeakerFactory(), SpeakerFactory()
    response = client.post(merge_url(speaker), {"other": other.pk, "keep": "this", "confirm": "1"})
    assert response.status_code == 302 and not SpeakerMerge.objects.exists()


def test_merge_asks_for_confirmation_first(editor_client):
    speaker, other = SpeakerFactory(name="Dmitry Peskov"), SpeakerFactory(name="D. Peskov")
    ClaimFactory.create_batch(2, speaker=other)
    response = editor_client.post(merge_url(speaker), {"other": other.pk, "keep": "this"})
    html = response.content.decode()
    assert response.status_code == 200
    assert "Merge “D. Peskov” into “Dmitry Peskov”?" in html and "2 claims" in html
    assert 'name="confirm" value="1"' in html and f'name="other" value="{other.pk}"' in html
    assert not SpeakerMerge.objects.exists()


@pytest.mark.parametrize("keep_choice", ["this", "other"])
def test_confirmed_merge_goes_to_the_kept_speaker(editor_client, keep_choice):
    speaker, other = SpeakerFactory(name="Dmitry Peskov"), SpeakerFactory(name="D. Peskov")
    ClaimFactory(speaker=speaker)
    ClaimFactory(speaker=other)
    keep, merged = (speaker, other) if keep_choice == "this" else (other, speaker)
    response = editor_client.post(
        merge_url(speaker), {"other": other.pk, "keep": keep_choice, "confirm": "1"}, follow=True
    )
    assert response.redirect_chain == [(keep.get_absolute_url(), 302)]
    assert f"Merged “{merged.name}” into “{keep.name}”: 1 claim moved." in (
        response.content.decode()
    )
    assert keep.claims.count() == 2
    assert SpeakerMerge.objects.get().merged == merged


@pytest.mark.parametrize("confirm", ["", "1"])
def test_refused_merge_is_explained(editor_client, confirm):
    speaker = SpeakerFactory()
    other = AnonymousSpeakerFactory()
    response = editor_client.post(
        merge_url(speaker), {"other": other.pk, "keep": "this", "confirm": confirm}
    )
    assert response.status_code == 200
    assert "same article" in response.content.decode()
    assert not SpeakerMerge.objects.exists()


@pytest.mark.parametrize(
    "data", [{}, {"other": "nope", "keep": "this"}, {"other": "999999", "keep": "this"}]
)
def test_merge_with_bad_input_is_explained(editor_client, data):
    speaker = SpeakerFactory()
    response = editor_client.post(merge_url(speaker), data)
    assert response.status_code == 200
    assert 'role="alert"' in response.content.decode()


def test_merge_needs_post(editor_client):
    assert editor_client.get(merge_url(SpeakerFactory())).status_code == 405


def test_speaker_page_has_no_inline_styles_or_handlers(editor_client):
    speaker = AnonymousSpeakerFactory()
    ClaimFactory(speaker=speaker)
    html = editor_client.get(speaker.get_absolute_url()).content.decode()
    assert " style=" not in html and "hx-on" not in html and "<style" not in html


def test_history_restore_of_the_speaker_page_is_a_full_page(editor_client):
    speaker = SpeakerFactory()
    response = editor_client.get(
        speaker.get_absolute_url(), {"merge_q": "x"}, HTTP_HX_HISTORY_RESTORE_REQUEST="true", **HX
    )
    assert "<html" in response.content.decode()
