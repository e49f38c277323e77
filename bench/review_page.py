"""Time the article review page and the claim status endpoint with many claims.

    .venv/bin/python bench/review_page.py [--claims 300] [--repeats 20]

Uses a throw-away SQLite database unless DATABASE_URL is set (point it at a scratch PostgreSQL
database, never at production: the script migrates it and writes test data). Prints
milliseconds per request (median and best) and queries per request.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--claims", type=int, default=300)
    parser.add_argument("--repeats", type=int, default=20)
    args = parser.parse_args()

    scratch = tempfile.mkdtemp(prefix="claimdesk-bench-")
    os.environ.setdefault("DATABASE_URL", f"sqlite:///{scratch}/bench.sqlite3")
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    os.environ["DEBUG"] = "false"
    import django

    django.setup()
    from django.conf import settings
    from django.contrib.auth.models import Group, User
    from django.core.management import call_command
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    from articles.models import Article
    from claims.models import Claim, Speaker

    settings.ALLOWED_HOSTS = ["*"]
    call_command("migrate", verbosity=0)
    user = User.objects.create_user(username=f"bench{time.time_ns()}", password="x")
    user.groups.add(Group.objects.get(name="Editors"))
    body = "".join(f"“Quote number {i} is here,” the official said. " for i in range(args.claims))
    article = Article.objects.create(
        title="Benchmark",
        body=body,
        content_hash=f"bench-{time.time_ns()}",
        extraction_state="done",
    )
    speakers = [Speaker.objects.create(name=f"Official {i}") for i in range(10)]
    claims, offset = [], 0
    for i in range(args.claims):
        sentence = f"“Quote number {i} is here,” the official said. "
        claims.append(
            Claim(
                article=article,
                start=offset,
                end=offset + sentence.index("”") + 1,
                text=sentence[: sentence.index("”") + 1],
                speaker=speakers[i % 10],
                cue_text="said",
            )
        )
        offset += len(sentence)
    Claim.objects.bulk_create(claims)
    client = Client()
    client.force_login(user)
    url = article.get_absolute_url()

    def timed(request):
        times, queries = [], 0
        for _ in range(args.repeats):
            with CaptureQueriesContext(connection) as captured:
                started = time.perf_counter()
                response = request()
                times.append((time.perf_counter() - started) * 1000)
            assert response.status_code in (200, 302), response.status_code
            queries = len(captured.captured_queries)
        return statistics.median(times), min(times), queries

    page = timed(lambda: client.get(url))
    first = Claim.objects.filter(article=article).order_by("start").first()
    statuses = iter(["verified", "disputed"] * args.repeats)

    def set_status():
        claim = Claim.objects.get(pk=first.pk)
        return client.post(
            f"/claims/{claim.pk}/status/",
            {"status": next(statuses), "version": claim.version},
            HTTP_HX_REQUEST="true",
        )

    status = timed(set_status)
    print(f"database: {connection.vendor}, claims: {args.claims}, repeats: {args.repeats}")
    print(f"review page      : median {page[0]:7.1f} ms  best {page[1]:7.1f} ms  {page[2]} queries")
    print(
        f"status change (htmx): median {status[0]:7.1f} ms  best {status[1]:7.1f} ms  {status[2]} queries"
    )


if __name__ == "__main__":
    main()
