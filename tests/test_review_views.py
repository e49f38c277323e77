"""Review endpoints: each with and without htmx, for editors and non-editors, and stale edits."""

import pytest
from django.urls import reverse

from claims.models import Claim, ClaimEvent, Evidence
from tests.factories import ArticleFactory, ClaimFactory, SourceFactory, SpeakerFactory

pytestmark = pytest.mark.django_db

HX = {"HTTP_HX_REQUEST": "true"}


def post(client, name, claim, data, *, htmx):
    return client.post(reverse(name, args=[claim.pk]), data, **(HX if htmx else {}))


@pytest.fixture
def claim():
    return ClaimFactory()


WRITES = [
    ("claims:status", {"status": "verified", "version": "1"}),
    ("claims:note", {"note": "Needs a second source", "version": "1"}),
    ("claims:evidence", {"url": "https://www.cnn.com/x", "stance": "refutes", "version": "1"}),
    ("claims:edit", {"kind": "indirect", "version": "1"}),
]


@pytest.mark.parametrize("name,data", WRITES)
def test_write_with_htmx_returns_claim_progress_and_announcement(editor_client, claim, name, data):
    response = post(editor_client, name, claim, data, htmx=True)
    html = response.content.decode()
    assert response.status_code == 200
    assert html.lstrip().startswith("<li")
    assert f'data-claim-id="{claim.pk}"' in html and 'data-version="2"' in html
    assert 'id="progress"' in html and 'hx-swap-oob="true"' in html
    assert 'hx-swap-oob="innerHTML:#announcer"' in html
    assert "<html" not in html


@pytest.mark.parametrize("name,data", WRITES)
def test_write_without_htmx_redirects_to_the_claim(editor_client, claim, name, data):
    response = post(editor_client, name, claim, data, htmx=False)
    assert response.status_code == 302
    assert response["Location"] == f"{claim.article.get_absolute_url()}#claim-{claim.pk}"
    claim.refresh_from_db()
    assert claim.version == 2


@pytest.mark.parametrize("name,data", WRITES)
@pytest.mark.parametrize("htmx", [True, False])
def test_non_editor_cannot_write(client, reader, claim, name, data, htmx):
    client.force_login(reader)
    assert post(client, name, claim, data, htmx=htmx).status_code == 403
    claim.refresh_from_db()
    assert claim.version == 1 and not ClaimEvent.objects.exists()


@pytest.mark.parametrize("name,data", WRITES)
def test_stale_write_is_refused_with_fresh_state(editor_client, claim, name, data):
    Claim.objects.filter(pk=claim.pk).update(version=5, note="Someone's note")
    response = post(editor_client, name, claim, data, htmx=True)
    html = response.content.decode()
    assert response.status_code == 200 and response["X-Claimdesk-Refused"] == "stale"
    assert "Someone else changed this claim" in html and 'data-version="5"' in html
    claim.refresh_from_db()
    assert claim.version == 5 and claim.note == "Someone's note"
    assert not Evidence.objects.exists() and not ClaimEvent.objects.exists()


def test_undo_with_and_without_htmx(editor_client, claim):
    post(editor_client, "claims:status", claim, {"status": "disputed", "version": "1"}, htmx=True)
    response = post(editor_client, "claims:undo", claim, {"version": "2"}, htmx=True)
    assert response.status_code == 200 and 'data-status="unreviewed"' in response.content.decode()
    post(editor_client, "claims:status", claim, {"status": "verified", "version": "3"}, htmx=False)
    response = post(editor_client, "claims:undo", claim, {"version": "4"}, htmx=False)
    assert response.status_code == 302
    claim.refresh_from_db()
    assert claim.status == "unreviewed"


def test_undo_with_nothing_to_undo_explains(editor_client, claim):
    response = post(editor_client, "claims:undo", claim, {"version": "1"}, htmx=True)
    assert response.status_code == 200 and response["X-Claimdesk-Refused"] == "invalid"
    assert "no status change to undo" in response.content.decode()


def test_evidence_finds_source_by_domain_and_shows_reliability(editor_client, claim):
    SourceFactory(name="CNN", domain="cnn.com", reliability="mixed")
    post(
        editor_client,
        "claims:evidence",
        claim,
        {"url": "https://edition.cnn.com/a", "stance": "supports", "version": "1"},
        htmx=True,
    )
    html = editor_client.get(claim.article.get_absolute_url()).content.decode()
    assert Evidence.objects.get().source.name == "CNN"
    assert "Mixed reliability" in html


def test_invalid_evidence_is_explained(editor_client, claim):
    response = post(
        editor_client,
        "claims:evidence",
        claim,
        {"url": "not a url", "stance": "supports", "version": "1"},
        htmx=True,
    )
    assert (
        response.status_code == 200
        and response["X-Claimdesk-Refused"] == "invalid"
        and "valid http(s) link" in response.content.decode()
    )


def test_edit_speaker_to_existing_or_new(editor_client, claim):
    existing = SpeakerFactory(name="Dmitry Peskov")
    post(
        editor_client, "claims:edit", claim, {"speaker": "dmitry peskov", "version": "1"}, htmx=True
    )
    claim.refresh_from_db()
    assert claim.speaker == existing
    post(
        editor_client,
        "claims:edit",
        claim,
        {"speaker": "Maria Zakharova", "version": "2"},
        htmx=True,
    )
    claim.refresh_from_db()
    assert claim.speaker.name == "Maria Zakharova"
    event = ClaimEvent.objects.filter(claim=claim).first()
    assert event.details == {"speaker": ["Dmitry Peskov", "Maria Zakharova"]}


def test_edit_span_checks_bounds(editor_client, claim):
    response = post(
        editor_client,
        "claims:edit",
        claim,
        {"start": "0", "end": "999999", "version": "1"},
        htmx=True,
    )
    assert response.status_code == 200 and response["X-Claimdesk-Refused"] == "invalid"
    post(
        editor_client, "claims:edit", claim, {"start": "0", "end": "10", "version": "1"}, htmx=True
    )
    claim.refresh_from_db()
    assert (claim.start, claim.end, claim.text) == (0, 10, claim.article.body[:10])


@pytest.mark.parametrize("htmx", [True, False])
def test_add_claim_from_selection(editor_client, htmx):
    article = ArticleFactory()
    start = article.body.index("Critics")
    response = editor_client.post(
        reverse("claims:add", args=[article.pk]),
        {
            "start": start - 1,
            "end": start + len("Critics disagreed.") + 1,
            "speaker": "Critics",
            "kind": "indirect",
        },
        **(HX if htmx else {}),
    )
    claim = Claim.objects.get(origin="manual")
    assert claim.text == "Critics disagreed." and claim.speaker.name == "Critics"
    expected = f"{article.get_absolute_url()}?added={claim.pk}#claim-{claim.pk}"
    if htmx:
        assert response.status_code == 200 and response["HX-Redirect"] == expected
    else:
        assert response.status_code == 302 and response["Location"] == expected
    assert ClaimEvent.objects.get(claim=claim).action == "created"


@pytest.mark.parametrize(
    "data,message",
    [
        ({"start": "", "end": ""}, "Select the claim"),
        ({"start": "3", "end": "4", "speaker": ""}, "Name the speaker"),
    ],
)
def test_add_claim_bad_input(editor_client, data, message):
    article = ArticleFactory()
    response = editor_client.post(
        reverse("claims:add", args=[article.pk]), {"kind": "direct", **data}, **HX
    )
    assert (
        response.status_code == 200
        and response["X-Claimdesk-Refused"] == "invalid"
        and message in response.content.decode()
    )
    assert not Claim.objects.exists()


def test_non_editor_cannot_add_claims(client, reader):
    client.force_login(reader)
    article = ArticleFactory()
    response = client.post(
        reverse("claims:add", args=[article.pk]),
        {"start": 0, "end": 5, "speaker": "X", "kind": "direct"},
    )
    assert response.status_code == 403


def test_review_page_queries_are_bounded_for_300_claims(
    editor_client, django_assert_max_num_queries
):
    article = ArticleFactory(body="word " * 4000)
    speakers = [SpeakerFactory() for _ in range(5)]
    source = SourceFactory(domain="example.org")
    claims = [
        ClaimFactory.build(
            article=article,
            start=i * 60,
            end=i * 60 + 50,
            speaker=speakers[i % 5],
            text=article.body[i * 60 : i * 60 + 50],
        )
        for i in range(300)
    ]
    Claim.objects.bulk_create(claims)
    for claim in Claim.objects.all()[:50]:
        Evidence.objects.create(claim=claim, url="https://example.org/x", source=source)
        ClaimEvent.objects.create(claim=claim, action="created")
    with django_assert_max_num_queries(12):
        response = editor_client.get(article.get_absolute_url())
    assert response.content.decode().count("data-claim-id=") == 300


@pytest.mark.parametrize("htmx", [True, False])
def test_queue_shows_next_unreviewed_with_context(editor_client, htmx):
    first = ClaimFactory(status="verified")
    second = ClaimFactory(article=first.article, start=60, end=80)
    response = editor_client.get(reverse("review-queue"), **(HX if htmx else {}))
    html = response.content.decode()
    assert response.status_code == 200
    assert f'data-claim-id="{second.pk}"' in html and f'data-claim-id="{first.pk}"' not in html
    assert ("<html" in html) is (not htmx)
    assert first.article.body[60:80] in html


def test_queue_filters_by_speaker_kind_outlet_and_date(editor_client):
    outlet = SourceFactory()
    wanted = ClaimFactory(kind="indirect")
    wanted.article.outlet = outlet
    wanted.article.published = "2024-11-07"
    wanted.article.save()
    ClaimFactory(kind="direct")
    url = reverse("review-queue")
    for params in (
        {"kind": "indirect"},
        {"speaker": wanted.speaker.pk},
        {"outlet": outlet.pk},
        {"published_from": "2024-11-01", "published_to": "2024-11-30"},
    ):
        html = editor_client.get(url, params).content.decode()
        assert f'data-claim-id="{wanted.pk}"' in html, params
        assert "<strong data-remaining>1</strong> unreviewed claim " in html, params


def test_queue_status_change_moves_to_next(editor_client):
    first = ClaimFactory()
    second = ClaimFactory(article=first.article, start=60, end=80)
    response = editor_client.post(
        reverse("claims:status", args=[first.pk]),
        {"status": "unconfirmed", "version": "1", "context": "queue", "filters": ""},
        **HX,
    )
    html = response.content.decode()
    assert f'data-claim-id="{second.pk}"' in html and 'id="queue-card"' in html
    response = editor_client.post(
        reverse("claims:status", args=[second.pk]),
        {"status": "verified", "version": "1", "context": "queue", "filters": ""},
    )
    assert response.status_code == 302 and response["Location"] == reverse("review-queue")


def test_queue_offers_undo_of_the_last_change_and_undo_brings_the_claim_back(editor_client):
    first = ClaimFactory()
    second = ClaimFactory(article=first.article, start=60, end=80)
    queue_post = {"context": "queue", "filters": ""}
    html = editor_client.post(
        reverse("claims:status", args=[first.pk]),
        {"status": "disputed", "version": "1", **queue_post},
        **HX,
    ).content.decode()
    assert f'data-claim-id="{second.pk}"' in html
    assert f'action="/claims/{first.pk}/undo/"' in html and 'class="queue-undo"' in html
    html = editor_client.post(
        reverse("claims:undo", args=[first.pk]), {"version": "2", **queue_post}, **HX
    ).content.decode()
    assert f'data-claim-id="{first.pk}"' in html and 'data-status="unreviewed"' in html
    assert 'class="queue-undo"' not in html


@pytest.mark.parametrize("version", [None, "", "abc"])
@pytest.mark.parametrize("name,data", WRITES)
def test_write_without_a_valid_version_is_refused(editor_client, claim, name, data, version):
    data = {k: v for k, v in data.items() if k != "version"}
    if version is not None:
        data["version"] = version
    response = post(editor_client, name, claim, data, htmx=True)
    assert response.status_code == 200 and response["X-Claimdesk-Refused"] == "invalid"
    assert "did not say which version" in response.content.decode()
    claim.refresh_from_db()
    assert claim.version == 1 and not ClaimEvent.objects.exists()


@pytest.mark.parametrize("htmx", [True, False])
def test_write_on_a_deleted_claim_explains_it_is_gone(editor_client, htmx):
    claim = ClaimFactory()
    article_url = claim.article.get_absolute_url()
    pk = claim.pk
    claim.delete()
    response = editor_client.post(
        reverse("claims:status", args=[pk]),
        {"status": "verified", "version": "1"},
        **(HX if htmx else {}),
    )
    if htmx:
        html = response.content.decode()
        assert response["X-Claimdesk-Refused"] == "gone"
        assert f'id="claim-{pk}"' in html and "no longer exists" in html
    else:
        assert response.status_code == 302 and response["Location"] == reverse("articles:list")
    assert article_url


def test_claim_partial_after_htmx_keeps_the_kind_choices(editor_client, claim):
    html = post(
        editor_client, "claims:note", claim, {"note": "x", "version": "1"}, htmx=True
    ).content.decode()
    assert '<option value="indirect"' in html and '<option value="according_to"' in html


def test_span_or_speaker_edit_reloads_the_page_on_the_claim(editor_client, claim):
    response = post(
        editor_client, "claims:edit", claim, {"start": "0", "end": "10", "version": "1"}, htmx=True
    )
    assert response["HX-Redirect"] == (
        f"{claim.article.get_absolute_url()}?changed={claim.pk}#claim-{claim.pk}"
    )
    response = post(
        editor_client, "claims:edit", claim, {"kind": "mixed", "version": "2"}, htmx=True
    )
    assert "HX-Redirect" not in response and "data-claim-id" in response.content.decode()


def test_status_buttons_say_which_is_pressed(editor_client):
    claim = ClaimFactory(status="disputed")
    html = editor_client.get(claim.article.get_absolute_url()).content.decode()
    assert html.count('aria-pressed="true"') == 1 and html.count('aria-pressed="false"') == 3


def test_queue_history_restore_gets_the_full_page(editor_client):
    ClaimFactory()
    response = editor_client.get(
        reverse("review-queue"), HTTP_HX_REQUEST="true", HTTP_HX_HISTORY_RESTORE_REQUEST="true"
    )
    assert "<html" in response.content.decode()
    assert "HX-Request" in response["Vary"]


def test_add_claim_refuses_a_selection_that_does_not_match_the_text(editor_client):
    article = ArticleFactory()
    start = article.body.index("Critics")
    response = editor_client.post(
        reverse("claims:add", args=[article.pk]),
        {
            "start": start + 2,
            "end": start + 20,
            "selected_text": "Critics disagreed.",
            "speaker": "Critics",
            "kind": "indirect",
        },
        **HX,
    )
    assert "does not match the article text" in response.content.decode()
    assert not Claim.objects.exists()
