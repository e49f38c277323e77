"""Admin: sources are managed here; claims and article bodies are read-only (their changes go
through the review page and its history)."""

import pytest
from django.urls import reverse

from articles.models import Source
from claims.models import ClaimEvent
from tests.factories import ClaimFactory, SourceFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_client_(client, admin_user):
    client.force_login(admin_user)
    return client


def test_source_reliability_is_editable_in_the_list(admin_client_):
    source = SourceFactory(name="Wire", reliability="unknown")
    url = reverse("admin:articles_source_changelist")
    page = admin_client_.get(url, {"q": "Wire"}).content.decode()
    assert 'name="form-0-reliability"' in page
    response = admin_client_.post(
        url,
        {
            "form-TOTAL_FORMS": "1",
            "form-INITIAL_FORMS": "1",
            "form-0-id": str(source.pk),
            "form-0-reliability": "high",
            "_save": "Save",
        },
    )
    assert response.status_code == 302
    assert Source.objects.get(pk=source.pk).reliability == "high"


def test_claim_admin_is_read_only(admin_client_):
    claim = ClaimFactory(note="Original")
    url = reverse("admin:claims_claim_change", args=[claim.pk])
    page = admin_client_.get(url).content.decode()
    assert 'name="note"' not in page and 'name="status"' not in page
    admin_client_.post(url, {"note": "Sneaky", "kind": "mixed"})
    claim.refresh_from_db()
    assert (claim.note, claim.kind, claim.version) == ("Original", "direct", 1)
    assert not ClaimEvent.objects.exists()
    assert admin_client_.get(reverse("admin:claims_claim_add")).status_code == 403


def test_article_body_is_read_only_in_admin(admin_client_):
    claim = ClaimFactory()
    page = admin_client_.get(
        reverse("admin:articles_article_change", args=[claim.article.pk])
    ).content.decode()
    assert 'name="body"' not in page and 'name="title"' in page


@pytest.mark.parametrize(
    "name", ["articles_source", "articles_article", "claims_claim", "claims_speaker"]
)
def test_admin_changelists_load(admin_client_, name):
    ClaimFactory()
    assert admin_client_.get(reverse(f"admin:{name}_changelist")).status_code == 200
