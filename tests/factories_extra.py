"""Factories for the speaker and source pages' tests (kept apart from the shared factories)."""

import factory

from claims.models import Speaker, SpeakerAlias
from tests.factories import ArticleFactory, SpeakerFactory


class SpeakerAliasFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = SpeakerAlias

    speaker = factory.SubFactory(SpeakerFactory)
    name = factory.Sequence(lambda n: f"Alias {n}")


class AnonymousSpeakerFactory(SpeakerFactory):
    name = factory.Sequence(lambda n: f"a senior official {n}")
    kind = Speaker.Kind.ANONYMOUS
    article = factory.SubFactory(ArticleFactory)
