"""Demo data for a first run: sources, the demo article(s) and an editor account."""

import json
from pathlib import Path

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.management import call_command
from django.core.management.base import BaseCommand
from django.db import transaction

from articles.models import Source

DEMO_DIR = Path(__file__).resolve().parent.parent.parent / "demo"
DEMO_USERNAME = "editor"
DEMO_PASSWORD = "claimdesk-demo"


class Command(BaseCommand):
    help = "Load demo sources and articles and create the demo editor (idempotent)."

    def handle(self, *args, **options):
        with transaction.atomic():
            for record in json.loads((DEMO_DIR / "sources.json").read_text(encoding="utf-8")):
                Source.objects.get_or_create(name=record.pop("name"), defaults=record)
            user, created = get_user_model().objects.get_or_create(username=DEMO_USERNAME)
            if created:
                user.set_password(DEMO_PASSWORD)
                user.save()
            user.groups.add(Group.objects.get(name="Editors"))
        call_command("import_articles", DEMO_DIR / "articles.jsonl", stdout=self.stdout)
        if created:
            self.stdout.write(
                self.style.SUCCESS(
                    f"Demo editor: username “{DEMO_USERNAME}”, password “{DEMO_PASSWORD}”"
                )
            )
        else:
            self.stdout.write(f"Demo editor “{DEMO_USERNAME}” already exists (password unchanged).")
