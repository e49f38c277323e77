import pytest
from django.db import IntegrityError, connection, transaction

from articles.models import Article, Source
from claims.models import Claim, Speaker, SpeakerAlias, alias_key
from tests.factories import ArticleFactory, ClaimFactory, SourceFactory, SpeakerFactory

pytestmark = pytest.mark.django_db


def test_article_url_is_unique_only_when_set():
    ArticleFactory(url="")
    ArticleFactory(url="")
    ArticleFactory(url="https://example.com/a")
    with pytest.raises(IntegrityError), transaction.atomic():
        ArticleFactory(url="https://example.com/a")


def test_source_domain_is_unique_only_when_set():
    SourceFactory(domain="")
    SourceFactory(domain="")
    SourceFactory(domain="cnn.com")
    with pytest.raises(IntegrityError), transaction.atomic():
        SourceFactory(domain="cnn.com")


def test_claim_span_must_not_be_empty():
    claim = ClaimFactory.build(start=10, end=10)
    with pytest.raises(IntegrityError), transaction.atomic():
        claim.article.save()
        claim.speaker.save()
        claim.save()


def test_only_anonymous_speakers_belong_to_an_article():
    article = ArticleFactory()
    SpeakerFactory(kind=Speaker.Kind.ANONYMOUS, article=article)
    with pytest.raises(IntegrityError), transaction.atomic():
        SpeakerFactory(kind=Speaker.Kind.PERSON, article=article)


def test_alias_key_folds_case_and_space():
    alias = SpeakerAlias.objects.create(speaker=SpeakerFactory(), name="  Dmitry   PESKOV ")
    assert alias.key == alias_key("dmitry peskov") == "dmitry peskov"


def test_with_claim_counts_counts_each_status():
    article = ArticleFactory()
    for status in ["unreviewed", "unreviewed", "verified", "disputed", "dismissed"]:
        ClaimFactory(article=article, status=status)
    ArticleFactory()  # an article without claims still appears, with zeros
    counted = {a.pk: a for a in Article.objects.with_claim_counts()}
    mine = counted[article.pk]
    assert (mine.claims_total, mine.claims_unreviewed, mine.claims_verified) == (5, 2, 1)
    assert (mine.claims_disputed, mine.claims_unconfirmed, mine.claims_dismissed) == (1, 0, 1)
    assert len(counted) == 2


def test_claim_queryset_unreviewed_and_review_order():
    article = ArticleFactory()
    late = ClaimFactory(article=article, start=40, end=60)
    early = ClaimFactory(article=article, start=5, end=20)
    ClaimFactory(article=article, start=1, end=3, status="verified")
    assert list(Claim.objects.unreviewed().order_by("start")) == [early, late]
    assert [c.start for c in Claim.objects.for_review()] == [1, 5, 40]


def test_claim_urls_point_into_the_article_page():
    claim = ClaimFactory()
    assert claim.get_absolute_url() == f"/articles/{claim.article.pk}/#claim-{claim.pk}"
    assert str(claim) == claim.text[:80]
    assert not claim.is_reviewed


def test_source_defaults():
    source = Source.objects.create(name="Wire")
    assert (source.kind, source.reliability) == ("other", "unknown")


@pytest.mark.skipif(
    connection.vendor != "postgresql", reason="the GIN index exists on PostgreSQL only"
)
def test_fulltext_search_uses_the_gin_index():
    ArticleFactory(title="Kremlin comment", body="Peskov said so.")
    with connection.cursor() as cursor:
        cursor.execute("SET LOCAL enable_seqscan = off")
        plan = Article.objects.search("Kremlin").explain()
    assert "article_search_gin" in plan
