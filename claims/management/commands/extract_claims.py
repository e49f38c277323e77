"""Extract claims from text files without touching the database."""

import json
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from claims import extraction


class Command(BaseCommand):
    help = (
        "Print the claims in UTF-8 text files: one JSON line per file, "
        '{"file": PATH, "claims": [...]}. With --benchmark DIR, time extraction against the bare '
        "spaCy parse of the .txt files in DIR instead."
    )
    requires_system_checks = []
    requires_migrations_checks = False

    def add_arguments(self, parser):
        parser.add_argument("paths", nargs="*", type=Path)
        parser.add_argument("--format", choices=["jsonl"], default="jsonl")
        parser.add_argument(
            "--model", default=None, help="spaCy model (default: CLAIMS_SPACY_MODEL)"
        )
        parser.add_argument("--batch-size", type=int, default=16)
        parser.add_argument("--benchmark", type=Path, metavar="DIR")

    def handle(self, *args, paths, model, batch_size, **options):
        model_name = model or settings.CLAIMS_SPACY_MODEL
        if options["benchmark"]:
            files = sorted(options["benchmark"].rglob("*.txt"))
            if not files:
                raise CommandError(f"No .txt files under {options['benchmark']}")
            texts = [f.read_bytes().decode("utf-8") for f in files]
            from claims.extraction import benchmark

            result = benchmark.benchmark(texts, model_name=model_name)
            self.stdout.write(benchmark.format_benchmark(result))
            return
        if not paths:
            raise CommandError("Give at least one PATH (or --benchmark DIR).")
        texts = []
        for path in paths:
            try:
                # Bytes decoded as they are: no newline translation, so offsets point into the
                # file exactly (CRLF files included).
                texts.append(path.read_bytes().decode("utf-8"))
            except (OSError, UnicodeDecodeError) as exc:
                raise CommandError(f"{path}: cannot read as UTF-8 text ({exc})") from exc
        results = extraction.extract_many(texts, model_name=model_name, batch_size=batch_size)
        for path, claims in zip(paths, results, strict=True):
            line = {"file": str(path), "claims": [extraction.claim_as_dict(c) for c in claims]}
            self.stdout.write(json.dumps(line, ensure_ascii=False))
