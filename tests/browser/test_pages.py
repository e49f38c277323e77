"""Every page loads in Chromium without console errors or CSP violations."""

import re

import pytest
from playwright.sync_api import expect

from claims.models import Claim

pytestmark = pytest.mark.browser


def test_pages_render_without_console_or_csp_errors(editor_page, problems, demo_article):
    claim = Claim.objects.filter(article=demo_article, via_source__isnull=False).first()
    assert claim is not None, "the demo article has claims that came through Vyorstka"
    page = editor_page
    for path in [
        "/articles/",
        "/articles/new/",
        f"/articles/{demo_article.pk}/",
        "/review/",
        claim.speaker.get_absolute_url(),
        claim.via_source.get_absolute_url(),
        "/admin/",
    ]:
        response = page.goto(path)
        assert response.status == 200, path
        expect(page.locator("main, #content").first).to_be_visible()
    problems.assert_none()


def test_article_list_filters_with_htmx(editor_page, problems, demo_article):
    page = editor_page
    page.goto("/articles/")
    expect(page.get_by_role("link", name=demo_article.title)).to_be_visible()
    page.get_by_label("Search").fill("no such words anywhere")
    page.get_by_label("Search").press("Enter")
    expect(page.get_by_role("link", name=demo_article.title)).to_have_count(0)
    expect(page).to_have_url(re.compile(r"[?&]q=no(%20|\+)such"))
    page.get_by_label("Search").fill("Peskov")
    page.get_by_label("Search").press("Enter")
    expect(page.get_by_role("link", name=demo_article.title)).to_be_visible()
    problems.assert_none()


def test_import_an_article_by_pasting(editor_page, problems, transactional_db):
    page = editor_page
    page.goto("/articles/new/")
    page.get_by_label("Title").fill("Minister speaks")
    page.get_by_label("Body").fill(
        "“We will not back down,” Foreign Minister Sergei Lavrov said on Monday."
    )
    page.get_by_role("button", name="Import and extract claims").click()
    expect(page.locator("h1")).to_have_text("Minister speaks")
    item = page.locator("li.claim").first
    expect(item).to_contain_text("Sergei Lavrov")
    problems.assert_none()
