import pytest

from articles import services
from articles.models import Article, Source
from claims.models import Claim
from tests.factories import SourceFactory

pytestmark = pytest.mark.django_db

BODY = "“We are ready,” the minister said on Monday.\nTalks continue."


def test_article_create_stores_normalised_body_and_hash(run_on_commit):
    with run_on_commit():
        article = services.article_create(
            title="  Talks  ", body="\ufeffLine one\r\n\r\n\r\n\r\nLine\x00 two  "
        )
    article.refresh_from_db()
    assert article.title == "Talks"
    assert article.body == "Line one\n\nLine two"
    assert article.content_hash == services.body_hash(article.body)
    assert article.extraction_state == Article.ExtractionState.DONE


def test_article_create_queues_extraction_on_commit(run_on_commit):
    with run_on_commit() as callbacks:
        article = services.article_create(title="T", body=BODY)
    assert len(callbacks) == 1
    article.refresh_from_db()
    assert article.extractor_version
    assert article.extracted_at is not None


@pytest.mark.parametrize("body", ["", "   \n\t ", "\x00\x01"])
def test_empty_body_is_refused_and_nothing_saved(body):
    with pytest.raises(services.ArticleImportError, match="no text"):
        services.article_create(title="Empty", body=body)
    assert Article.objects.count() == 0


def test_huge_body_is_refused(settings):
    settings.ARTICLE_MAX_CHARS = 1000
    with pytest.raises(services.ArticleImportError, match="too long"):
        services.article_create(title="Huge", body="word " * 1000)
    assert Article.objects.count() == 0


def test_duplicate_text_is_refused_with_link_to_first(run_on_commit):
    with run_on_commit():
        first = services.article_create(title="First", body=BODY)
    with pytest.raises(services.DuplicateArticleError) as excinfo:
        services.article_create(title="Again", body="  " + BODY.replace(" ", "  ") + "\n")
    assert excinfo.value.existing == first
    assert Article.objects.count() == 1


def test_duplicate_url_is_refused(run_on_commit):
    with run_on_commit():
        services.article_create(title="A", body=BODY, url="https://example.com/a")
    with pytest.raises(services.DuplicateArticleError, match="same URL"):
        services.article_create(title="B", body="Different text.", url="https://example.com/a")


def test_invalid_url_is_refused():
    with pytest.raises(services.ArticleImportError, match="not a valid"):
        services.article_create(title="A", body=BODY, url="javascript:alert(1)")


def test_parse_text_takes_first_nonempty_line_as_title():
    parsed = services.parse_upload(name="a.txt", data=b"\n\nHeadline\nBody line.\n")
    assert (parsed.title, parsed.body) == ("Headline", "Body line.")


def test_parse_text_refuses_undecodable_bytes():
    with pytest.raises(services.ArticleImportError, match="not valid UTF-8"):
        services.parse_upload(name="latin.txt", data=b"Title\nCaf\xe9 \xff\xfe")


def test_parse_html_drops_scripts_and_markup():
    html = (
        "<html><head><title>Minister speaks</title><script>alert('x')</script></head><body>"
        "<article><p>“We are ready,” the minister said on Monday, according to officials who "
        "attended the meeting.</p><p onclick='evil()'>Talks <b>continue</b> next week.</p>"
        "</article></body></html>"
    ).encode()
    parsed = services.parse_upload(name="page.html", data=html)
    assert parsed.title == "Minister speaks"
    assert "the minister said" in parsed.body
    assert "<" not in parsed.body and "alert" not in parsed.body and "evil" not in parsed.body


def test_parse_html_survives_broken_markup():
    parsed = services.parse_upload(
        name="broken.html", data=b"<div><p>Unclosed <b>bold text that <i>never ends"
    )
    assert "Unclosed bold text that never ends" in parsed.body


def test_parse_html_with_no_text_is_refused():
    with pytest.raises(services.ArticleImportError, match="no article text"):
        services.parse_upload(name="empty.html", data=b"<html><script>x()</script></html>")


def test_parse_html_uses_declared_charset():
    html = '<html><head><meta charset="windows-1252"><title>Café</title></head><body><p>Le café est ouvert, a dit le patron du café ce matin.</p></body></html>'
    parsed = services.parse_upload(name="cp.html", data=html.encode("cp1252"))
    assert "café" in parsed.body


def test_unsupported_file_type_is_refused():
    with pytest.raises(services.ArticleImportError, match=r"only \.txt and \.html"):
        services.parse_upload(name="doc.pdf", data=b"%PDF-1.4")


def test_article_create_from_parsed_links_outlet_by_name(run_on_commit):
    outlet = SourceFactory(name="Vyorstka")
    parsed = services.ParsedArticle(title="T", body=BODY, outlet="vyorstka")
    with run_on_commit():
        article = services.article_create_from_parsed(parsed=parsed)
    assert article.outlet == outlet


def test_failed_extraction_is_recorded_on_the_article(run_on_commit, settings):
    settings.CLAIMS_SPACY_MODEL = "no_such_spacy_model"
    with run_on_commit():
        article = services.article_create(title="T", body=BODY)
    article.refresh_from_db()
    assert article.extraction_state == Article.ExtractionState.FAILED
    assert "no_such_spacy_model" in article.extraction_error
    assert Claim.objects.count() == 0


def test_refused_import_leaves_no_new_outlet(run_on_commit):
    with run_on_commit():
        services.article_create(title="A", body=BODY)
    parsed = services.ParsedArticle(title="B", body=BODY, outlet="Brand New Outlet")
    with pytest.raises(services.DuplicateArticleError):
        services.article_create_from_parsed(parsed=parsed)
    assert not Source.objects.filter(name="Brand New Outlet").exists()


def test_lone_surrogates_are_replaced_not_crashed_on(run_on_commit):
    with run_on_commit():
        article = services.article_create(title="S", body="Broken \ud800 escape, he said.")
    assert article.body == "Broken \ufffd escape, he said."
