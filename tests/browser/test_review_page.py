"""The review page in a real browser: keys, mouse, notes, evidence, undo, added claims,
two editors at once, and no console or CSP errors anywhere."""

import re

import pytest
from playwright.sync_api import expect

from claims.models import Claim, ClaimEvent, Evidence
from tests.browser.conftest import PageProblems, login_context, select_text

pytestmark = pytest.mark.browser


def claims_in_order(article):
    return list(Claim.objects.filter(article=article).order_by("start", "end", "pk"))


def test_login_and_review_with_keys(page, live_server, browser_editor, demo_article):
    problems = PageProblems(page)
    page.on("dialog", lambda dialog: dialog.accept())
    page.goto(f"{live_server.url}/articles/{demo_article.pk}/")
    expect(page).to_have_url(re.compile(r"/accounts/login/"))
    page.fill("#id_username", "desk")
    page.fill("#id_password", "desk-password-1")
    page.click("button[type=submit]")
    expect(page).to_have_url(re.compile(rf"/articles/{demo_article.pk}/$"))

    claims = claims_in_order(demo_article)
    assert len(claims) >= 4
    first, second, third = claims[0], claims[1], claims[2]
    first_item = page.locator(f'li[data-claim-id="{first.pk}"]')
    expect(first_item).to_have_attribute("aria-current", "true")

    page.keyboard.press("v")  # no evidence yet: the confirmation is accepted above
    expect(first_item).to_have_attribute("data-status", "verified")
    expect(page.locator(f'mark[data-claim-ref="{first.pk}"]').first).to_have_attribute(
        "data-status", "verified"
    )
    # Focus moved on to the next unreviewed claim.
    expect(page.locator(f'li[data-claim-id="{second.pk}"]')).to_have_attribute(
        "aria-current", "true"
    )
    expect(page.locator("#announcer")).to_contain_text("Marked Verified")
    expect(page.locator("#progress [data-reviewed]")).to_have_text("1")

    page.keyboard.press("u")
    expect(page.locator(f'li[data-claim-id="{second.pk}"]')).to_have_attribute(
        "data-status", "unconfirmed"
    )
    page.keyboard.press("x")
    expect(page.locator(f'li[data-claim-id="{third.pk}"]')).to_have_attribute(
        "data-status", "dismissed"
    )

    page.keyboard.press("z")  # undo the last change: the third claim is unreviewed again
    expect(page.locator(f'li[data-claim-id="{third.pk}"]')).to_have_attribute(
        "data-status", "unreviewed"
    )
    expect(page.locator("#progress [data-reviewed]")).to_have_text("2")

    page.keyboard.press("k")
    page.keyboard.press("k")
    expect(first_item).to_have_attribute("aria-current", "true")
    page.keyboard.press("d")
    expect(first_item).to_have_attribute("data-status", "disputed")

    page.keyboard.press("n")
    page.keyboard.type("Said at the briefing")
    page.keyboard.press("Control+Enter")
    expect(page.locator('li.claim[aria-current="true"] .claim-note')).to_have_text(
        re.compile("Said at the briefing")
    )

    page.keyboard.press("?")
    expect(page.locator("#shortcuts-dialog")).to_be_visible()
    page.keyboard.press("Escape")
    expect(page.locator("#shortcuts-dialog")).to_be_hidden()

    statuses = {
        c.pk: c.status for c in Claim.objects.filter(pk__in=[first.pk, second.pk, third.pk])
    }
    assert statuses == {first.pk: "disputed", second.pk: "unconfirmed", third.pk: "unreviewed"}
    actions = list(ClaimEvent.objects.filter(claim=third).values_list("action", flat=True))
    # After “d” on the first claim, focus moved to the next unreviewed one (the third, undone
    # above): the note typed right away belongs to it.
    assert actions == ["note", "undone", "status", "created"]
    assert Claim.objects.get(pk=third.pk).note == "Said at the briefing"
    problems.assert_none()


def test_review_by_mouse_with_note_and_evidence(
    editor_page, problems, browser_editor, demo_article
):
    page = editor_page
    dialogs: list[str] = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.accept()))
    page.goto(f"/articles/{demo_article.pk}/")
    claim = claims_in_order(demo_article)[1]
    item = page.locator(f'li[data-claim-id="{claim.pk}"]')

    item.locator("details.note-tool summary").click()
    item.locator("textarea[name=note]").fill("Checked against the Kremlin transcript.")
    item.get_by_role("button", name="Save note").click()
    expect(item.locator(".claim-note")).to_have_text(
        re.compile("Checked against the Kremlin transcript")
    )

    expect(item.locator("details.evidence-tool summary")).to_have_text("Evidence (0)")
    item.locator("details.evidence-tool summary").click()
    item.locator("input[name=url]").fill("https://edition.cnn.com/2024/11/07/peskov")
    item.locator("select[name=stance]").select_option("supports")
    item.locator(".evidence-form input[name=note]").fill("Same quote")
    item.get_by_role("button", name="Add evidence").click()
    expect(item.locator(".evidence-count")).to_have_text("1 evidence")

    item.get_by_role("button", name="Mark as verified (v)").click()
    expect(item).to_have_attribute("data-status", "verified")
    assert dialogs == []  # evidence exists: no confirmation asked

    item.locator("details.history-tool summary").click()
    expect(item.locator("ol.history li")).to_have_count(4)
    expect(item.locator("ol.history li").first).to_contain_text("unreviewed → verified")

    evidence = Evidence.objects.get(claim=claim)
    assert evidence.url == "https://edition.cnn.com/2024/11/07/peskov"
    assert (evidence.stance, evidence.note, evidence.added_by) == (
        "supports",
        "Same quote",
        browser_editor,
    )
    claim.refresh_from_db()
    assert claim.status == "verified" and claim.note.startswith("Checked")
    problems.assert_none()


def test_add_missed_claim_by_selecting_text(editor_page, problems, demo_article):
    page = editor_page
    page.goto(f"/articles/{demo_article.pk}/")
    wanted = "some in the Kremlin view Trump’s re-election as a potential advantage for Moscow"
    start = demo_article.body.index(wanted)
    select_text(page, wanted)
    page.keyboard.press("a")
    dialog = page.locator("#add-claim-dialog")
    expect(dialog).to_be_visible()
    expect(dialog.locator(".selection-preview")).to_have_text(wanted)
    dialog.locator("#add-speaker").fill("Vyorstka")
    dialog.locator("#add-kind").select_option("indirect")
    dialog.get_by_role("button", name="Add claim").click()
    expect(page).to_have_url(re.compile(r"\?added=\d+#claim-\d+$"))
    added = page.locator(f'li[data-claim-id="{Claim.objects.get(origin="manual").pk}"]')
    expect(added).to_have_attribute("aria-current", "true")
    claim = Claim.objects.get(origin="manual")
    assert (claim.start, claim.end, claim.text) == (start, start + len(wanted), wanted)
    assert claim.kind == "indirect" and claim.speaker.name == "Vyorstka"
    problems.assert_none()


def test_stale_edit_from_a_second_editor_is_refused(
    browser, live_server, browser_editor, demo_article
):
    first_context = login_context(browser, live_server, browser_editor)
    second_context = login_context(browser, live_server, browser_editor)
    first, second = first_context.new_page(), second_context.new_page()
    problems = [PageProblems(first), PageProblems(second)]
    for page in (first, second):
        page.on("dialog", lambda dialog: dialog.accept())
        page.goto(f"/articles/{demo_article.pk}/")
    claim = claims_in_order(demo_article)[0]
    selector = f'li[data-claim-id="{claim.pk}"]'

    first.locator(selector).get_by_role("button", name="Mark as verified (v)").click()
    expect(first.locator(selector)).to_have_attribute("data-status", "verified")

    second.locator(selector).get_by_role("button", name="Mark as disputed (d)").click()
    stale = second.locator(selector)
    expect(stale.locator(".error")).to_contain_text("Someone else changed this claim")
    expect(stale).to_have_attribute("data-status", "verified")

    claim.refresh_from_db()
    assert claim.status == "verified"
    # With the fresh state in front of them, the second editor's change goes through.
    stale.get_by_role("button", name="Mark as disputed (d)").click()
    expect(second.locator(selector)).to_have_attribute("data-status", "disputed")
    for seen in problems:
        seen.assert_none()
    first_context.close()
    second_context.close()


def test_edit_a_claims_span_from_a_selection_and_its_speaker(editor_page, problems, demo_article):
    page = editor_page
    page.goto(f"/articles/{demo_article.pk}/")
    claim = claims_in_order(demo_article)[0]
    item = page.locator(f'li[data-claim-id="{claim.pk}"]')
    item.locator("details.edit-tool summary").click()
    wanted = "Russian President Vladimir Putin will not be one of the many world leaders"
    select_text(page, wanted)
    item.get_by_role("button", name="Use the text selected in the article as the span").click()
    item.locator("input[name=speaker]").fill("Kremlin")
    item.get_by_role("button", name="Save changes").click()
    expect(page.locator(f'li[data-claim-id="{claim.pk}"] .claim-text')).to_have_text(wanted)
    claim.refresh_from_db()
    start = demo_article.body.index(wanted)
    assert (claim.start, claim.end, claim.text) == (start, start + len(wanted), wanted)
    assert claim.speaker.name == "Kremlin"
    assert claim.events.first().details["span"][1] == [start, start + len(wanted)]
    problems.assert_none()


def test_selection_offsets_count_characters_as_python_does(editor_page, problems, transactional_db):
    from articles import services

    body = "Fans cheered 🎉🎉 all night.\n“We will win the final,” the coach said on Sunday."
    article = services.article_create(title="Emoji", body=body)
    page = editor_page
    page.goto(f"/articles/{article.pk}/")
    wanted = "We will win the final"
    select_text(page, wanted)
    page.keyboard.press("a")
    dialog = page.locator("#add-claim-dialog")
    dialog.locator("#add-speaker").fill("The coach")
    dialog.get_by_role("button", name="Add claim").click()
    expect(page).to_have_url(re.compile(r"\?added=\d+#claim-\d+$"))
    claim = Claim.objects.get(origin="manual")
    assert claim.text == wanted and body[claim.start : claim.end] == wanted
    problems.assert_none()


def test_single_key_shortcuts_can_be_turned_off(editor_page, problems, demo_article):
    page = editor_page
    page.goto(f"/articles/{demo_article.pk}/")
    first = claims_in_order(demo_article)[0]
    page.keyboard.press("?")
    page.get_by_label(re.compile("Single-key shortcuts on")).uncheck()
    page.keyboard.press("Escape")
    page.keyboard.press("u")
    page.reload()  # the choice is kept
    page.keyboard.press("u")
    expect(page.locator(f'li[data-claim-id="{first.pk}"]')).to_have_attribute(
        "data-status", "unreviewed"
    )
    assert Claim.objects.get(pk=first.pk).status == "unreviewed"
    page.keyboard.press("?")
    page.get_by_label(re.compile("Single-key shortcuts on")).check()
    page.keyboard.press("Escape")
    page.keyboard.press("u")
    expect(page.locator(f'li[data-claim-id="{first.pk}"]')).to_have_attribute(
        "data-status", "unconfirmed"
    )
    problems.assert_none()
