import datetime
import re

import pytest
from django.db import connection
from django.urls import reverse

from articles.models import Article
from tests.factories import ArticleFactory, ClaimFactory, SourceFactory

pytestmark = pytest.mark.django_db

HX = {"HTTP_HX_REQUEST": "true"}
LIST = reverse("articles:list")
on_postgresql = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="full-text search needs PostgreSQL"
)


def titles(response) -> list[str]:
    """Article titles in the results table, in order."""
    html = response.content.decode()
    return re.findall(r'<a href="/articles/\d+/">([^<]*)</a>', html)


def list_titles(client, **params) -> list[str]:
    response = client.get(LIST, params)
    assert response.status_code == 200
    return titles(response)


@pytest.fixture
def outlets_and_articles():
    """Three articles: mixed claims in Meduza, disputed-only in Vyorstka, none undated."""
    meduza, vyorstka = SourceFactory(name="Meduza"), SourceFactory(name="Vyorstka")
    mixed = ArticleFactory(title="Mixed", outlet=meduza, published=datetime.date(2026, 3, 1))
    ClaimFactory(article=mixed)
    ClaimFactory(article=mixed, status="disputed")
    disputed = ArticleFactory(
        title="Disputed", outlet=vyorstka, published=datetime.date(2026, 5, 10)
    )
    ClaimFactory(article=disputed, status="disputed")
    ClaimFactory(article=disputed, status="verified")
    ArticleFactory(title="Quiet", published=None)
    return meduza, vyorstka


# --- filters --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "status,expected",
    [
        ("", ["Disputed", "Mixed", "Quiet"]),
        ("unreviewed", ["Mixed"]),
        ("disputed", ["Disputed", "Mixed"]),
    ],
)
def test_filter_by_claim_status(editor_client, outlets_and_articles, status, expected):
    assert list_titles(editor_client, status=status) == expected


def test_status_filter_leaves_per_status_counts_whole(editor_client, outlets_and_articles):
    html = editor_client.get(LIST, {"status": "disputed"}).content.decode()
    row = html[html.index(">Mixed<") :]
    assert "1 unreviewed" in row[:2000] and "1 disputed" in row[:2000]


def test_filter_by_outlet(editor_client, outlets_and_articles):
    meduza, vyorstka = outlets_and_articles
    assert list_titles(editor_client, outlet=meduza.pk) == ["Mixed"]
    assert list_titles(editor_client, outlet=vyorstka.pk) == ["Disputed"]


def test_outlet_choices_are_sources_with_articles(editor_client, outlets_and_articles):
    SourceFactory(name="Only relayed")
    html = editor_client.get(LIST).content.decode()
    assert ">Meduza</option>" in html and "Only relayed" not in html


@pytest.mark.parametrize(
    "params,expected",
    [
        ({"published_from": "2026-04-01"}, ["Disputed"]),
        ({"published_to": "2026-04-01"}, ["Mixed"]),
        ({"published_from": "2026-03-01", "published_to": "2026-05-10"}, ["Disputed", "Mixed"]),
        ({"published_from": "2026-03-02", "published_to": "2026-05-09"}, []),
    ],
)
def test_filter_by_published_range(editor_client, outlets_and_articles, params, expected):
    assert list_titles(editor_client, **params) == expected


@pytest.mark.parametrize(
    "params,message",
    [
        ({"published_from": "2026-04-01", "published_to": "2026-01-01"}, "end date is before"),
        ({"published_from": "not a date"}, "Enter a valid date"),
        ({"outlet": "999999"}, "Select a valid choice"),
    ],
)
def test_bad_filter_is_reported_and_ignored(editor_client, outlets_and_articles, params, message):
    response = editor_client.get(LIST, params)
    html = response.content.decode()
    assert response.status_code == 200
    assert message in html and "filter ignored" in html
    assert "Disputed" in titles(response)


def test_filters_combine(editor_client, outlets_and_articles):
    meduza, _ = outlets_and_articles
    params = {"status": "disputed", "outlet": meduza.pk, "published_from": "2026-01-01"}
    assert list_titles(editor_client, **params) == ["Mixed"]
    assert list_titles(editor_client, **params | {"status": "unreviewed", "q": "Mixed"}) == [
        "Mixed"
    ]


def test_no_match_says_so_with_a_way_back(editor_client, outlets_and_articles):
    html = editor_client.get(LIST, {"q": "nothing like this anywhere"}).content.decode()
    assert "No articles match these filters" in html
    assert "0 articles match" in html


# --- search ---------------------------------------------------------------------------------


@pytest.fixture
def searchable():
    ArticleFactory(title="Ministers meet in Minsk", body="The talks were short.")
    ArticleFactory(title="Weather", body="The foreign minister did not comment on the storm.")
    ArticleFactory(title="Sport", body="The match was postponed.")


@pytest.mark.parametrize(
    "query,expected",
    [
        ("minsk", ["Ministers meet in Minsk"]),
        ("FOREIGN MINISTER", ["Weather"]),
        ("postponed", ["Sport"]),
        ("nowhere", []),
    ],
)
def test_search_box_finds_title_and_body_on_this_database(
    editor_client, searchable, query, expected
):
    assert list_titles(editor_client, q=query) == expected


@pytest.mark.parametrize(
    "query,expected",
    [
        ("minist", {"Ministers meet in Minsk", "Weather"}),
        ("TALKS WERE", {"Ministers meet in Minsk"}),
        ("talks postponed", set()),
    ],
)
def test_search_substring_matches_title_or_body_ignoring_case(searchable, query, expected):
    found = Article.objects.search_substring(query)
    assert set(found.values_list("title", flat=True)) == expected


@on_postgresql
@pytest.mark.parametrize(
    "query,expected",
    [
        ("minister", ["Ministers meet in Minsk", "Weather"]),  # stemmed; title match first
        ("minister -storm", ["Ministers meet in Minsk"]),
        ('"foreign minister"', ["Weather"]),
        ("sport or weather", ["Sport", "Weather"]),
        ("ather", []),  # words, not substrings
    ],
)
def test_search_fulltext_uses_web_search_syntax_and_ranks(searchable, query, expected):
    found = Article.objects.for_list().search_fulltext(query)
    if query == "sport or weather":
        assert sorted(article.title for article in found) == expected
    else:
        assert [article.title for article in found] == expected


@on_postgresql
def test_search_uses_fulltext_on_postgresql(searchable):
    assert [a.title for a in Article.objects.search("ministers")] == [
        "Ministers meet in Minsk",
        "Weather",
    ]


@pytest.mark.skipif(connection.vendor == "postgresql", reason="the fallback is for other DBs")
def test_search_falls_back_to_substring_elsewhere(searchable):
    assert set(Article.objects.search("minist").values_list("title", flat=True)) == {
        "Ministers meet in Minsk",
        "Weather",
    }


def test_search_text_is_escaped_when_shown_back(editor_client):
    html = editor_client.get(LIST, {"q": '"><script>alert(1)</script>'}).content.decode()
    assert "<script>alert(1)</script>" not in html


# --- htmx, pagination, queries --------------------------------------------------------------


def test_htmx_request_gets_only_the_results_partial(editor_client, outlets_and_articles):
    response = editor_client.get(LIST, {"status": "disputed"}, **HX)
    html = response.content.decode()
    assert response.status_code == 200
    assert html.lstrip().startswith('<div id="article-results"')
    assert "<html" not in html and "<form" not in html
    assert titles(response) == ["Disputed", "Mixed"]
    assert "HX-Request" in response["Vary"]


def test_plain_request_gets_the_full_page_with_the_filter_form(editor_client, outlets_and_articles):
    response = editor_client.get(LIST, {"status": "disputed"})
    html = response.content.decode()
    assert "<html" in html and 'id="article-results"' in html
    assert re.search(r'<form[^>]*method="get"[^>]*action="/articles/"', html)
    assert re.search(r'<option value="disputed" selected>', html)
    assert "HX-Request" in response["Vary"]


def test_htmx_history_restore_gets_the_full_page(editor_client, outlets_and_articles):
    response = editor_client.get(LIST, HTTP_HX_HISTORY_RESTORE_REQUEST="true", **HX)
    assert "<html" in response.content.decode()


def test_filter_form_swaps_results_and_pushes_the_url(editor_client):
    html = editor_client.get(LIST).content.decode()
    form = re.search(r'<form class="article-filters"[^>]*>', html).group(0)
    assert 'hx-get="/articles/"' in form and 'action="/articles/"' in form
    assert 'hx-target="#article-results"' in form and 'hx-push-url="true"' in form


@pytest.mark.parametrize("extra", [{}, HX])
def test_pages_of_fifty_with_links_that_keep_the_filters(editor_client, extra):
    ArticleFactory.create_batch(51, title="Budget story")
    first = editor_client.get(LIST, {"q": "Budget"}, **extra)
    html = first.content.decode()
    assert len(titles(first)) == 50
    links = re.findall(r"<a [^>]*>", html[html.index('class="pagination"') :])
    assert links and all('href="?q=Budget&amp;page=2"' in link for link in links)
    assert all('hx-get="?q=Budget&amp;page=2"' in link for link in links)
    second = editor_client.get(LIST, {"q": "Budget", "page": "2"}, **extra)
    assert len(titles(second)) == 1


def test_every_hx_get_keeps_a_real_link(editor_client):
    ArticleFactory.create_batch(51)
    html = editor_client.get(LIST, {"page": "2"}).content.decode()
    tags = re.findall(r"<(?:a|form)\b[^>]*hx-get=[^>]*>", html)
    assert len(tags) == 2  # the filter form and the "newer" link
    assert all(re.search(r'\b(href|action)="[^"]+"', tag) for tag in tags)


@pytest.mark.parametrize("extra", [{}, HX])
def test_queries_do_not_grow_with_articles(editor_client, django_assert_max_num_queries, extra):
    outlet = SourceFactory()
    for _ in range(60):
        article = ArticleFactory(outlet=outlet, title="Minister story")
        ClaimFactory(article=article, status="disputed")
    params = {"status": "disputed", "outlet": outlet.pk, "q": "Minister"}
    with django_assert_max_num_queries(8):
        response = editor_client.get(LIST, params, **extra)
    assert len(titles(response)) == 50


def test_extraction_state_badge_is_kept(editor_client):
    ArticleFactory(title="Pending one", extraction_state=Article.ExtractionState.PENDING)
    assert "extraction pending" in editor_client.get(LIST).content.decode()


def test_list_needs_login(client):
    response = client.get(LIST, {"q": "x"}, **HX)
    assert response.status_code == 302 and response["Location"].startswith(reverse("login"))


def test_reader_can_filter_too(client, reader, outlets_and_articles):
    client.force_login(reader)
    assert list_titles(client, status="unreviewed") == ["Mixed"]
