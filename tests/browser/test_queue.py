"""The cross-article review queue in a real browser."""

import pytest
from playwright.sync_api import expect

from claims.models import Claim

pytestmark = pytest.mark.browser


def test_queue_walks_unreviewed_claims_with_keys(editor_page, problems, demo_article):
    page = editor_page
    page.on("dialog", lambda dialog: dialog.accept())
    page.goto("/review/")
    ordered = list(Claim.objects.order_by("article_id", "start", "pk"))
    card = page.locator("#queue-card")
    expect(card.locator("li.claim")).to_have_attribute("data-claim-id", str(ordered[0].pk))
    expect(card.locator("[data-remaining]")).to_have_text(str(len(ordered)))
    expect(card.locator("blockquote mark")).to_have_text(ordered[0].text)

    page.keyboard.press("v")
    expect(card.locator("li.claim")).to_have_attribute("data-claim-id", str(ordered[1].pk))
    expect(card.locator("[data-remaining]")).to_have_text(str(len(ordered) - 1))
    page.keyboard.press("j")  # skip
    expect(card.locator("li.claim")).to_have_attribute("data-claim-id", str(ordered[2].pk))
    page.keyboard.press("k")
    expect(card.locator("li.claim")).to_have_attribute("data-claim-id", str(ordered[1].pk))
    page.keyboard.press("x")
    expect(card.locator("li.claim")).to_have_attribute("data-claim-id", str(ordered[2].pk))
    page.keyboard.press("z")  # undo: the dismissed claim comes back to the card, unreviewed
    expect(card.locator("li.claim")).to_have_attribute("data-claim-id", str(ordered[1].pk))
    expect(card.locator("li.claim")).to_have_attribute("data-status", "unreviewed")
    page.keyboard.press("u")
    expect(card.locator("li.claim")).to_have_attribute("data-claim-id", str(ordered[2].pk))

    assert Claim.objects.get(pk=ordered[0].pk).status == "verified"
    assert Claim.objects.get(pk=ordered[1].pk).status == "unconfirmed"
    assert list(Claim.objects.get(pk=ordered[1].pk).events.values_list("action", flat=True)) == [
        "status",
        "undone",
        "status",
        "created",
    ]
    problems.assert_none()
