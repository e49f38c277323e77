"""Playwright against pytest-django's live server, in Debian's Chromium (no browser download)."""

import os
import shutil
from pathlib import Path

import pytest
from django.contrib.auth import get_user_model
from django.test import Client

from articles import services
from tests.conftest import editors_group

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures"
DEMO_TITLE = "Kremlin says Putin has no plans to congratulate Trump"


def chromium_path() -> str:
    return os.environ.get("CLAIMDESK_CHROMIUM") or shutil.which("chromium") or "/usr/bin/chromium"


@pytest.fixture(scope="session", autouse=True)
def chromium_installed():
    """Browser tests need Debian's Chromium. Without it they are skipped with the reason on a
    developer's machine, and fail in CI (which installs it)."""
    path = chromium_path()
    if not (os.path.isfile(path) and os.access(path, os.X_OK)):
        message = (
            f"Chromium not found at {path}: apt-get install chromium, or set CLAIMDESK_CHROMIUM"
        )
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    return {
        **browser_type_launch_args,
        "executable_path": chromium_path(),
        "args": [
            "--no-sandbox",
            "--disable-gpu",
            "--disable-dev-shm-usage",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--no-first-run",
        ],
    }


@pytest.fixture
def browser_editor(transactional_db):
    user = get_user_model().objects.create_user(username="desk", password="desk-password-1")
    user.groups.add(editors_group())
    return user


def login_context(browser, live_server, user):
    """A browser context with a logged-in session cookie for ``user``."""
    client = Client()
    client.force_login(user)
    context = browser.new_context(base_url=live_server.url, viewport={"width": 1400, "height": 900})
    context.add_cookies(
        [{"name": "sessionid", "value": client.cookies["sessionid"].value, "url": live_server.url}]
    )
    return context


@pytest.fixture
def editor_page(browser, live_server, browser_editor):
    """A page in its own browser context, logged in as an editor."""
    context = login_context(browser, live_server, browser_editor)
    yield context.new_page()
    context.close()


@pytest.fixture
def problems(editor_page):
    return PageProblems(editor_page)


class PageProblems:
    """Console errors, page errors and CSP violations seen by a page."""

    def __init__(self, page):
        self.messages: list[str] = []
        self.failed: list[str] = []
        page.on("console", lambda msg: msg.type == "error" and self.messages.append(msg.text))
        page.on("pageerror", lambda exc: self.messages.append(f"pageerror: {exc}"))
        page.on(
            "response",
            lambda response: (
                response.status >= 400 and self.failed.append(f"{response.status} {response.url}")
            ),
        )
        self.failed: list[str] = []

    def assert_none(self):
        assert (self.messages, self.failed) == ([], [])


@pytest.fixture
def demo_article(transactional_db):
    body = (FIXTURES / "kremlin-no-congratulations.txt").read_text(encoding="utf-8")
    # Extraction runs eagerly on commit; a transactional test commits at once.
    return services.article_create(title=DEMO_TITLE, body=body)


def select_text(page, wanted: str) -> None:
    """Select ``wanted`` in the article text, as a mouse drag would."""
    page.evaluate(
        """(wanted) => {
            const body = document.getElementById('article-body');
            const walker = document.createTreeWalker(body, NodeFilter.SHOW_TEXT);
            let node;
            while ((node = walker.nextNode())) {
                const at = node.data.indexOf(wanted);
                if (at >= 0) {
                    const range = document.createRange();
                    range.setStart(node, at);
                    range.setEnd(node, at + wanted.length);
                    window.getSelection().removeAllRanges();
                    window.getSelection().addRange(range);
                    return;
                }
            }
            throw new Error('text not found in one text node: ' + wanted);
        }""",
        wanted,
    )
