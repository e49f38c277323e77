"""Extraction through a real Celery worker and a real Redis broker, as in production."""

import os
import socket
import time

import pytest
from celery.contrib.testing.worker import start_worker

from articles import services
from articles.models import Article
from claims.models import Claim
from config.celery import app

REDIS_URL = os.environ.get("CLAIMDESK_TEST_REDIS_URL", "redis://127.0.0.1:6379/15")


def redis_reachable() -> bool:
    try:
        with socket.create_connection(("127.0.0.1", 6379), timeout=1):
            return True
    except OSError:
        return False


def reset_connection_pools() -> None:
    """Drop pooled broker connections so the changed broker_url takes effect (what Celery
    itself does after a fork)."""
    app._after_fork()


@pytest.fixture
def redis_worker(transactional_db):
    if not redis_reachable():
        if os.environ.get("CI"):
            pytest.fail("CI must provide Redis at 127.0.0.1:6379")
        pytest.skip("Redis is not running at 127.0.0.1:6379")
    previous = {
        key: app.conf[key]
        for key in ("broker_url", "task_always_eager", "result_backend", "task_ignore_result")
    }
    app.conf.update(
        broker_url=REDIS_URL,
        task_always_eager=False,
        result_backend=None,
        task_ignore_result=True,
    )
    reset_connection_pools()
    try:
        with start_worker(app, pool="solo", perform_ping_check=False, shutdown_timeout=30):
            yield
    finally:
        app.conf.update(previous)
        reset_connection_pools()


def test_extraction_runs_on_a_worker_through_redis(redis_worker):
    body = "“We will not back down,” Foreign Minister Sergei Lavrov said on Monday."
    article = services.article_create(title="Lavrov", body=body)
    # The task was queued on commit; the worker thread takes it from Redis and stores claims.
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        article.refresh_from_db()
        if article.extraction_state in {"done", "failed"}:
            break
        time.sleep(0.2)
    assert article.extraction_state == Article.ExtractionState.DONE, article.extraction_error
    claim = Claim.objects.get(article=article)
    assert claim.text.startswith("“We will not back down")
    assert claim.speaker.name == "Sergei Lavrov"
