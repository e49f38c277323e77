"""Writes for articles and sources. Every function here is a transaction of its own."""

from __future__ import annotations

import datetime as dt
import hashlib
import html
import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

import nh3
import trafilatura
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.db import IntegrityError, transaction

from articles.models import Article, Source
from claims.services import extraction_enqueue, source_find_or_create

# C0/C1 control characters other than tab and newline, and stray byte-order marks: PostgreSQL refuses NUL, and none of them
# belong in article text.
_CONTROL_CHARS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ufeff]")
_SURROGATES = re.compile("[\ud800-\udfff]")
_CHARSET_DECLARATION = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?([A-Za-z0-9_\-]+)""", re.I)


class ArticleImportError(ValueError):
    """Input that cannot become an article; the message is shown to the editor as it is."""


class DuplicateArticleError(ArticleImportError):
    def __init__(self, existing: Article, reason: str) -> None:
        self.existing = existing
        super().__init__(f"This article was already imported ({reason}): “{existing.title}”.")


@dataclass
class ParsedArticle:
    """An article read from a file, before it is stored."""

    title: str
    body: str
    url: str = ""
    outlet: str = ""
    byline: str = ""
    published: dt.date | None = None
    extra: dict = field(default_factory=dict)


def normalise_body(text: str) -> str:
    """The canonical form of article text: NFC, Unix newlines, no control characters,
    no trailing spaces, at most one blank line between paragraphs."""
    text = unicodedata.normalize("NFC", text).replace("\r\n", "\n").replace("\r", "\n")
    text = _CONTROL_CHARS.sub("", text)
    # Lone surrogates (possible from JSON escapes) cannot be encoded or stored.
    text = _SURROGATES.sub("\ufffd", text)
    lines = [line.rstrip() for line in text.split("\n")]
    text = "\n".join(lines)
    text = re.sub(r"\n{3,}", "\n\n", text)
    return text.strip()


def body_hash(body: str) -> str:
    """Hash of the body with all whitespace folded, so re-wrapped copies count as duplicates."""
    folded = " ".join(body.casefold().split())
    return hashlib.sha256(folded.encode("utf-8")).hexdigest()


def _clean_url(url: str) -> str:
    url = (url or "").strip()
    if not url:
        return ""
    try:
        URLValidator(schemes=["http", "https"])(url)
    except ValidationError as exc:
        raise ArticleImportError(f"“{url[:200]}” is not a valid http(s) URL.") from exc
    return url


def article_find_duplicate(*, body: str, url: str = "") -> tuple[Article, str] | None:
    existing = Article.objects.filter(content_hash=body_hash(body)).first()
    if existing:
        return existing, "same text"
    if url:
        existing = Article.objects.filter(url=url).first()
        if existing:
            return existing, "same URL"
    return None


def article_create(
    *,
    title: str,
    body: str,
    url: str = "",
    outlet: Source | None = None,
    byline: str = "",
    published: dt.date | None = None,
    imported_by=None,
) -> Article:
    """Store a new article and queue its claim extraction once the transaction commits.

    Raises ``ArticleImportError`` (or ``DuplicateArticleError``) with a message for the editor;
    nothing is written in that case.
    """
    body = normalise_body(body)
    title = " ".join((title or "").split())[:500]
    url = _clean_url(url)
    if not body:
        raise ArticleImportError("The article has no text.")
    if len(body) > settings.ARTICLE_MAX_CHARS:
        raise ArticleImportError(
            f"The article is too long ({len(body):,} characters; the limit is "
            f"{settings.ARTICLE_MAX_CHARS:,}). Split it or import the relevant part."
        )
    if not title:
        title = body.split("\n", 1)[0][:120]
    duplicate = article_find_duplicate(body=body, url=url)
    if duplicate:
        raise DuplicateArticleError(*duplicate)
    try:
        with transaction.atomic():
            article = Article.objects.create(
                title=title,
                body=body,
                url=url,
                outlet=outlet,
                byline=" ".join(byline.split())[:300],
                published=published,
                content_hash=body_hash(body),
                imported_by=imported_by,
            )
            extraction_enqueue(article=article)
    except IntegrityError as exc:
        # A concurrent import of the same text or URL won the race.
        duplicate = article_find_duplicate(body=body, url=url)
        if duplicate:
            raise DuplicateArticleError(*duplicate) from exc
        raise
    return article


def article_create_from_parsed(*, parsed: ParsedArticle, imported_by=None) -> Article:
    # One transaction: a refused article (duplicate, empty, too long) leaves no new outlet behind.
    with transaction.atomic():
        outlet = source_find_or_create(name=parsed.outlet) if parsed.outlet.strip() else None
        return article_create(
            title=parsed.title,
            body=parsed.body,
            url=parsed.url,
            outlet=outlet,
            byline=parsed.byline,
            published=parsed.published,
            imported_by=imported_by,
        )


# --- reading files -----------------------------------------------------------------------------


def decode_text(data: bytes, *, name: str) -> str:
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise ArticleImportError(
            f"{name}: the file is not valid UTF-8 text (undecodable byte at position "
            f"{exc.start}). Save it as UTF-8 and try again."
        ) from exc


def _decode_html(data: bytes, *, name: str) -> str:
    declared = _CHARSET_DECLARATION.search(data[:4096])
    if declared:
        encoding = declared.group(1).decode("ascii").lower()
        try:
            return data.decode(encoding)
        except (LookupError, UnicodeDecodeError):
            pass
    return decode_text(data, name=name)


def parse_text(text: str, *, name: str) -> ParsedArticle:
    """A plain-text article: the first non-empty line is the title, the rest the body."""
    text = normalise_body(text)
    title, _, body = text.partition("\n")
    if not body.strip():
        raise ArticleImportError(
            f"{name}: expected a title line followed by the article text; found only one line."
        )
    return ParsedArticle(title=title.strip(), body=body)


def parse_html(markup: str, *, name: str) -> ParsedArticle:
    """The main text of an HTML page; scripts, styles and all markup are dropped."""
    if not markup.strip():
        raise ArticleImportError(f"{name}: the file is empty.")
    try:
        body = trafilatura.extract(
            markup, output_format="txt", favor_recall=True, include_comments=False
        )
        meta = trafilatura.extract_metadata(markup)
    except Exception:  # trafilatura raises a variety of parser errors on broken markup
        body, meta = None, None
    if not body or not body.strip():
        # Broken or minimal markup: fall back to the sanitised text of the whole document.
        stripped = nh3.clean(markup, tags=set(), clean_content_tags={"script", "style", "head"})
        body = re.sub(r"[ \t]+", " ", html.unescape(stripped))
    body = normalise_body(body)
    if not body:
        raise ArticleImportError(f"{name}: no article text found in the HTML.")
    title = (getattr(meta, "title", None) or "").strip() or body.split("\n", 1)[0][:120]
    published = None
    if getattr(meta, "date", None):
        try:
            published = dt.date.fromisoformat(meta.date[:10])
        except ValueError:
            published = None
    return ParsedArticle(
        title=title,
        body=body,
        url=(getattr(meta, "url", None) or ""),
        outlet=(getattr(meta, "sitename", None) or ""),
        byline=(getattr(meta, "author", None) or ""),
        published=published,
    )


def _parse_date(value, *, name: str) -> dt.date | None:
    if value in (None, ""):
        return None
    try:
        return dt.date.fromisoformat(str(value)[:10])
    except ValueError as exc:
        raise ArticleImportError(f"{name}: “{value}” is not a date (use YYYY-MM-DD).") from exc


def parse_json_record(record: object, *, name: str) -> ParsedArticle:
    if not isinstance(record, dict):
        raise ArticleImportError(f"{name}: each line must be a JSON object.")
    body = record.get("body")
    if not isinstance(body, str) or not body.strip():
        raise ArticleImportError(f"{name}: “body” is missing or empty.")
    return ParsedArticle(
        title=str(record.get("title") or ""),
        body=body,
        url=str(record.get("url") or ""),
        outlet=str(record.get("outlet") or ""),
        byline=str(record.get("byline") or ""),
        published=_parse_date(record.get("published"), name=name),
    )


def parse_upload(*, name: str, data: bytes) -> ParsedArticle:
    """An uploaded .txt or .html file as an article."""
    suffix = Path(name).suffix.lower()
    if suffix in {".html", ".htm"}:
        return parse_html(_decode_html(data, name=name), name=name)
    if suffix in {".txt", ".text", ""}:
        return parse_text(decode_text(data, name=name), name=name)
    raise ArticleImportError(f"{name}: only .txt and .html files can be imported.")
