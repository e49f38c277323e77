import hashlib

import factory

from articles.models import Article, Source
from claims.models import Claim, Speaker

BODY = (
    "Officials met on Monday.\n"
    "“We will not back down,” the minister said. Critics disagreed.\n"
    "The talks resume next week, according to a spokesperson."
)


class SourceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Source

    name = factory.Sequence(lambda n: f"Outlet {n}")
    kind = Source.Kind.NEWS_OUTLET


class ArticleFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Article

    title = factory.Sequence(lambda n: f"Article {n}")
    body = factory.Sequence(lambda n: f"{BODY}\nEdition {n}.")
    content_hash = factory.LazyAttribute(lambda a: hashlib.sha256(a.body.encode()).hexdigest())
    extraction_state = Article.ExtractionState.DONE


class SpeakerFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Speaker

    name = factory.Sequence(lambda n: f"Speaker {n}")
    kind = Speaker.Kind.PERSON


class ClaimFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Claim

    article = factory.SubFactory(ArticleFactory)
    start = 25
    end = 50
    text = factory.LazyAttribute(lambda c: c.article.body[c.start : c.end])
    kind = Claim.Kind.DIRECT
    speaker = factory.SubFactory(SpeakerFactory)
