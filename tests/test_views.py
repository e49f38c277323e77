import re

import pytest
from django.urls import reverse

from articles.models import Article
from claims.models import Claim, ClaimEvent
from tests.factories import ArticleFactory, ClaimFactory, SourceFactory

pytestmark = pytest.mark.django_db

HX = {"HTTP_HX_REQUEST": "true"}


@pytest.mark.parametrize("name,args", [("articles:list", []), ("articles:new", [])])
def test_anonymous_users_are_redirected_to_login(client, name, args):
    response = client.get(reverse(name, args=args))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))


def test_anonymous_cannot_see_article_or_change_status(client):
    claim = ClaimFactory()
    assert client.get(claim.article.get_absolute_url()).status_code == 302
    response = client.post(reverse("claims:status", args=[claim.pk]), {"status": "verified"})
    assert response.status_code == 302
    claim.refresh_from_db()
    assert claim.status == "unreviewed"


def test_article_list_shows_counts_by_status(editor_client):
    claim = ClaimFactory()
    ClaimFactory(article=claim.article, status="disputed")
    response = editor_client.get(reverse("articles:list"))
    html = response.content.decode()
    assert response.status_code == 200
    assert claim.article.title in html
    assert "1 unreviewed" in html and "1 disputed" in html


def test_article_page_highlights_claims_in_place(editor_client):
    claim = ClaimFactory()
    response = editor_client.get(claim.article.get_absolute_url())
    html = response.content.decode()
    assert f'data-claim-id="{claim.pk}"' in html
    assert 'data-status="unreviewed"' in html
    mark = re.search(rf'<mark[^>]*data-claim-ref="{claim.pk}"[^>]*>(.*?)</mark>', html, re.S)
    assert mark and mark.group(1) == claim.text


def test_user_text_is_escaped(editor_client):
    article = ArticleFactory(
        title="<script>alert(1)</script>", body="<img src=x onerror=alert(1)> said"
    )
    response = editor_client.get(article.get_absolute_url())
    html = response.content.decode()
    assert "<script>alert(1)</script>" not in html
    assert "<img src=x" not in html
    assert "&lt;img src=x onerror=alert(1)&gt;" in html


def test_csp_header_uses_nonces_without_unsafe(editor_client):
    response = editor_client.get(reverse("articles:list"))
    csp = response["Content-Security-Policy"]
    assert "'nonce-" in csp
    assert "unsafe-inline" not in csp and "unsafe-eval" not in csp
    nonce = re.search(r"'nonce-([^']+)'", csp).group(1)
    html = response.content.decode()
    scripts = re.findall(r"<script[^>]*>", html)
    assert scripts and all(f'nonce="{nonce}"' in tag for tag in scripts)
    assert "<style" not in html and " style=" not in html


def test_set_status_with_htmx_returns_claim_partial(editor_client):
    claim = ClaimFactory()
    response = editor_client.post(
        reverse("claims:status", args=[claim.pk]), {"status": "verified", "version": "1"}, **HX
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert html.lstrip().startswith("<li")
    assert "<html" not in html
    assert f'data-claim-id="{claim.pk}"' in html and 'data-status="verified"' in html
    assert ClaimEvent.objects.get(claim=claim).to_status == "verified"


def test_set_status_without_htmx_redirects_to_article(editor_client):
    claim = ClaimFactory()
    response = editor_client.post(
        reverse("claims:status", args=[claim.pk]), {"status": "disputed", "version": "1"}
    )
    assert response.status_code == 302
    assert response["Location"] == f"{claim.article.get_absolute_url()}#claim-{claim.pk}"
    claim.refresh_from_db()
    assert claim.status == "disputed"


def test_stale_status_change_is_refused_with_fresh_state(editor_client):
    claim = ClaimFactory(status="verified", version=2)
    response = editor_client.post(
        reverse("claims:status", args=[claim.pk]), {"status": "disputed", "version": "1"}, **HX
    )
    html = response.content.decode()
    assert response.status_code == 200 and response["X-Claimdesk-Refused"] == "stale"
    assert 'data-status="verified"' in html
    assert "Someone else changed this claim" in html
    claim.refresh_from_db()
    assert claim.status == "verified"


def test_stale_status_change_without_htmx_shows_message(editor_client):
    claim = ClaimFactory(status="verified", version=2)
    response = editor_client.post(
        reverse("claims:status", args=[claim.pk]),
        {"status": "disputed", "version": "1"},
        follow=True,
    )
    assert "Someone else changed this claim" in response.content.decode()
    claim.refresh_from_db()
    assert claim.status == "verified"


def test_non_editor_cannot_change_status(client, reader):
    client.force_login(reader)
    claim = ClaimFactory()
    for extra in ({}, HX):
        response = client.post(
            reverse("claims:status", args=[claim.pk]), {"status": "verified"}, **extra
        )
        assert response.status_code == 403
    claim.refresh_from_db()
    assert claim.status == "unreviewed"
    assert not ClaimEvent.objects.exists()


def test_non_editor_sees_no_review_buttons(client, reader):
    client.force_login(reader)
    claim = ClaimFactory()
    html = client.get(claim.article.get_absolute_url()).content.decode()
    assert f'data-claim-id="{claim.pk}"' in html
    assert 'name="status"' not in html


def test_status_change_requires_post(editor_client):
    claim = ClaimFactory()
    assert editor_client.get(reverse("claims:status", args=[claim.pk])).status_code == 405


def test_new_article_by_paste_lands_on_review_page(editor_client, run_on_commit):
    outlet = SourceFactory()
    with run_on_commit():
        response = editor_client.post(
            reverse("articles:new"),
            {
                "title": "Minister speaks",
                "body": "“We are ready,” the minister said.",
                "outlet": outlet.pk,
            },
        )
    article = Article.objects.get()
    assert response.status_code == 302 and response["Location"] == article.get_absolute_url()
    assert article.outlet == outlet and article.imported_by.username == "ed"


def test_new_article_by_upload(editor_client, run_on_commit, tmp_path):
    upload = tmp_path / "story.txt"
    upload.write_text("Headline here\n“It works,” she said.\n", encoding="utf-8")
    with run_on_commit(), upload.open("rb") as handle:
        response = editor_client.post(reverse("articles:new"), {"file": handle})
    assert response.status_code == 302
    assert Article.objects.get().title == "Headline here"


def test_new_article_duplicate_shows_link_to_first(editor_client, run_on_commit):
    data = {"title": "One", "body": "“Same text,” he said."}
    with run_on_commit():
        editor_client.post(reverse("articles:new"), data)
    response = editor_client.post(reverse("articles:new"), data | {"title": "Two"})
    first = Article.objects.get()
    html = response.content.decode()
    assert response.status_code == 200
    assert "already imported" in html and first.get_absolute_url() in html


@pytest.mark.parametrize(
    "data,message",
    [
        ({"title": "T", "body": "   "}, "Paste the article text"),
        ({"title": "", "body": "Some text."}, "Give the article a title"),
    ],
)
def test_new_article_bad_input_is_explained_and_not_saved(editor_client, data, message):
    response = editor_client.post(reverse("articles:new"), data)
    assert response.status_code == 200
    assert message in response.content.decode()
    assert Article.objects.count() == 0


def test_new_article_undecodable_upload_is_explained(editor_client, tmp_path):
    upload = tmp_path / "latin1.txt"
    upload.write_bytes(b"Title\nCaf\xe9 au lait\n")
    with upload.open("rb") as handle:
        response = editor_client.post(reverse("articles:new"), {"file": handle})
    assert response.status_code == 200
    assert "not valid UTF-8" in response.content.decode()
    assert Article.objects.count() == 0


def test_speaker_and_source_pages(editor_client):
    source = SourceFactory(name="Vyorstka")
    claim = ClaimFactory(via_source=source)
    speaker_html = editor_client.get(claim.speaker.get_absolute_url()).content.decode()
    assert claim.speaker.name in speaker_html and claim.article.title in speaker_html
    source_html = editor_client.get(source.get_absolute_url()).content.decode()
    assert "Vyorstka" in source_html and claim.speaker.name in source_html


def test_claims_page_queries_do_not_grow_with_claims(editor_client, django_assert_max_num_queries):
    article = ArticleFactory(body="x" * 5000)
    for i in range(60):
        ClaimFactory(article=article, start=i * 50, end=i * 50 + 40)
    with django_assert_max_num_queries(12):
        editor_client.get(article.get_absolute_url())
    assert Claim.objects.count() == 60


def test_new_article_oversized_upload_is_refused(editor_client, tmp_path):
    upload = tmp_path / "huge.txt"
    upload.write_bytes(b"Title\n" + b"word " * (1_100_000))
    with upload.open("rb") as handle:
        response = editor_client.post(reverse("articles:new"), {"file": handle})
    assert response.status_code == 200
    assert "the limit is 5 MB" in response.content.decode()
    assert Article.objects.count() == 0


def test_favicon_is_served_without_login(client):
    response = client.get("/favicon.ico")
    assert response.status_code == 301
    assert response["Location"].endswith("favicon.svg")


@pytest.mark.parametrize("method", ["get", "post"])
def test_non_editor_cannot_import_articles(client, reader, method):
    client.force_login(reader)
    response = getattr(client, method)(reverse("articles:new"), {"title": "T", "body": "Text."})
    assert response.status_code == 403
    assert Article.objects.count() == 0
    assert reverse("articles:new") not in client.get(reverse("articles:list")).content.decode()
