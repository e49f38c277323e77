"""Score the extractor on a PolNeAR split (text/*.txt with attributions/*.ann)."""

import json
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from claims.extraction import evaluate


class Command(BaseCommand):
    help = "Print content, source and end-to-end scores on a PolNeAR split directory."
    requires_system_checks = []
    requires_migrations_checks = False

    def add_arguments(self, parser):
        parser.add_argument("--polnear", type=Path, required=True, metavar="DIR")
        parser.add_argument("--model", default=None)
        parser.add_argument("--json", action="store_true")

    def handle(self, *args, polnear: Path, model, **options):
        if not (polnear / "text").is_dir() or not (polnear / "attributions").is_dir():
            raise CommandError(f"{polnear} is not a PolNeAR split (needs text/ and attributions/)")
        result = evaluate.evaluate_polnear(polnear, model_name=model or settings.CLAIMS_SPACY_MODEL)
        if options["json"]:
            self.stdout.write(json.dumps(result))
        else:
            self.stdout.write(evaluate.format_report(result))
