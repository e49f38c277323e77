import pytest
from django.urls import reverse

from articles.models import Source
from articles.sources import SOURCE_ARTICLES_SHOWN
from tests.factories import ArticleFactory, ClaimFactory, SourceFactory, SpeakerFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def vyorstka():
    return SourceFactory(
        name="Vyorstka",
        kind=Source.Kind.NEWS_OUTLET,
        reliability=Source.Reliability.HIGH,
        domain="verstka.media",
        homepage="https://verstka.media/",
        notes="Independent outlet.\nFounded 2022.",
    )


def test_source_page_shows_the_source(editor_client, vyorstka):
    html = editor_client.get(vyorstka.get_absolute_url()).content.decode()
    assert "<h1>Vyorstka</h1>" in html and "News outlet" in html
    assert '<span class="reliability rel-high">High</span>' in html
    assert 'href="https://verstka.media/"' in html and "verstka.media" in html
    assert "Independent outlet.<br>Founded 2022." in html


def test_source_page_lists_its_articles_with_claim_counts(editor_client, vyorstka):
    article = ArticleFactory(title="Leak", outlet=vyorstka)
    ClaimFactory(article=article)
    ClaimFactory(article=article, status="verified")
    ArticleFactory(title="Elsewhere")
    html = editor_client.get(vyorstka.get_absolute_url()).content.decode()
    assert article.get_absolute_url() in html and "Elsewhere" not in html
    assert "1 unreviewed" in html and "1 verified" in html


def test_source_page_lists_relayed_claims_with_status_counts(editor_client, vyorstka):
    speaker = SpeakerFactory(name="A Kremlin insider")
    relayed = ClaimFactory(via_source=vyorstka, speaker=speaker, status="disputed")
    ClaimFactory(via_source=vyorstka, speaker=None)
    ClaimFactory(speaker=speaker)  # not relayed
    html = editor_client.get(vyorstka.get_absolute_url()).content.decode()
    assert relayed.get_absolute_url() in html and speaker.get_absolute_url() in html
    assert relayed.article.get_absolute_url() in html and "Unknown speaker" in html
    assert html.count('class="badge status-') == 2
    for text in ("0 verified", "1 disputed", "0 unconfirmed", "1 unreviewed", "0 dismissed"):
        assert text in html


def test_many_articles_link_to_the_filtered_list(editor_client, vyorstka):
    ArticleFactory.create_batch(SOURCE_ARTICLES_SHOWN + 1, outlet=vyorstka)
    html = editor_client.get(vyorstka.get_absolute_url()).content.decode()
    assert f'href="{reverse("articles:list")}?outlet={vyorstka.pk}"' in html
    assert f"All {SOURCE_ARTICLES_SHOWN + 1} articles" in html


def test_source_page_queries_do_not_grow(editor_client, vyorstka, django_assert_max_num_queries):
    for _ in range(20):
        article = ArticleFactory(outlet=vyorstka)
        ClaimFactory(article=article, via_source=vyorstka)
    with django_assert_max_num_queries(10):
        response = editor_client.get(vyorstka.get_absolute_url())
    assert response.content.decode().count('class="badge status-unreviewed"') == 20


def test_source_text_is_escaped(editor_client):
    source = SourceFactory(name="<i>Outlet</i>", notes="<script>alert(1)</script>")
    html = editor_client.get(source.get_absolute_url()).content.decode()
    assert "<i>Outlet</i>" not in html and "<script>alert(1)" not in html
    assert " style=" not in html and "hx-on" not in html


def test_source_page_needs_login(client, vyorstka):
    response = client.get(vyorstka.get_absolute_url())
    assert response.status_code == 302 and response["Location"].startswith(reverse("login"))


def test_missing_source_is_404(editor_client):
    assert editor_client.get(reverse("articles:source", args=[999999])).status_code == 404
