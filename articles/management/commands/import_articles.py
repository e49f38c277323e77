"""Import articles from .txt, .html and .jsonl files or directories of them."""

import json
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from articles import services

SUFFIXES = {".txt", ".html", ".htm", ".jsonl"}


class Command(BaseCommand):
    help = (
        "Import articles from .txt (first non-empty line is the title), .html and .jsonl "
        "(one object per line: title, body, url, outlet, byline, published) files or directories."
    )

    def add_arguments(self, parser):
        parser.add_argument("paths", nargs="+", type=Path)

    def handle(self, *args, paths: list[Path], **options):
        counts = {"created": 0, "duplicate": 0, "failed": 0}
        for path in self._files(paths, counts):
            for name, parse in self._records(path, counts):
                try:
                    parsed = parse()
                    article = services.article_create_from_parsed(parsed=parsed)
                except services.DuplicateArticleError as exc:
                    counts["duplicate"] += 1
                    self.stdout.write(f"duplicate {name}: {exc} (article {exc.existing.pk})")
                except services.ArticleImportError as exc:
                    counts["failed"] += 1
                    self.stderr.write(f"failed {name}: {exc}")
                else:
                    counts["created"] += 1
                    self.stdout.write(f"created {name}: article {article.pk} “{article.title}”")
        self.stdout.write(
            f"{counts['created']} created, {counts['duplicate']} duplicate, {counts['failed']} failed"
        )
        if counts["failed"]:
            raise CommandError(f"{counts['failed']} import(s) failed", returncode=1)

    def _files(self, paths, counts):
        for path in paths:
            if path.is_dir():
                yield from sorted(
                    p for p in path.rglob("*") if p.is_file() and p.suffix.lower() in SUFFIXES
                )
            elif path.is_file():
                yield path
            else:
                counts["failed"] += 1
                self.stderr.write(f"failed {path}: no such file or directory")

    def _records(self, path: Path, counts):
        """(name, parse) pairs: one per file, or one per line of a .jsonl file."""
        data = path.read_bytes()
        if path.suffix.lower() != ".jsonl":
            yield str(path), lambda: services.parse_upload(name=str(path), data=data)
            return
        try:
            text = services.decode_text(data, name=str(path))
        except services.ArticleImportError as exc:
            counts["failed"] += 1
            self.stderr.write(f"failed {path}: {exc}")
            return
        for number, line in enumerate(text.splitlines(), start=1):
            if not line.strip():
                continue
            name = f"{path}:{number}"
            yield name, lambda line=line, name=name: _parse_json_line(line, name=name)


def _parse_json_line(line: str, *, name: str) -> services.ParsedArticle:
    try:
        record = json.loads(line)
    except json.JSONDecodeError as exc:
        raise services.ArticleImportError(f"{name}: not valid JSON ({exc.msg}).") from exc
    return services.parse_json_record(record, name=name)
