from django.contrib import messages
from django.contrib.auth.decorators import permission_required
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.utils.cache import patch_vary_headers
from django.views.decorators.http import require_GET, require_http_methods
from django_htmx.middleware import HtmxDetails

from articles import services
from articles.filters import ArticleFilterForm
from articles.forms import ArticleForm
from articles.models import Article, Source
from articles.sources import source_page_context
from claims.review import article_review_context

ARTICLES_PER_PAGE = 50


class HtmxHttpRequest(HttpRequest):
    htmx: HtmxDetails


@require_GET
def article_list(request: HtmxHttpRequest) -> HttpResponse:
    """Articles with their claim counts, filtered by the GET form. The filter form and the
    page links swap only the results table when htmx drives them; the URL always holds the
    filters, so a plain request (or a reload) renders the same list as a full page."""
    form = ArticleFilterForm(request.GET)
    articles = form.apply(Article.objects.for_list())
    page = Paginator(articles, ARTICLES_PER_PAGE).get_page(request.GET.get("page"))
    template = "articles/article_list.html"
    if request.htmx and not request.htmx.history_restore_request:
        template += "#results"
    response = TemplateResponse(request, template, {"form": form, "page": page})
    patch_vary_headers(response, ["HX-Request"])
    return response


@require_http_methods(["GET", "POST"])
@permission_required("articles.add_article", raise_exception=True)
def article_new(request: HttpRequest) -> HttpResponse:
    form = ArticleForm(request.POST or None, request.FILES or None)
    duplicate = None
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            if data["file"]:
                upload = data["file"]
                parsed = services.parse_upload(name=upload.name, data=upload.read())
                parsed.title = data["title"] or parsed.title
                parsed.url = data["url"] or parsed.url
                parsed.byline = data["byline"] or parsed.byline
                parsed.published = data["published"] or parsed.published
                if data["outlet"]:
                    parsed.outlet = data["outlet"].name
                article = services.article_create_from_parsed(
                    parsed=parsed, imported_by=request.user
                )
            else:
                article = services.article_create(
                    title=data["title"],
                    body=data["body"],
                    url=data["url"],
                    outlet=data["outlet"],
                    byline=data["byline"],
                    published=data["published"],
                    imported_by=request.user,
                )
        except services.DuplicateArticleError as exc:
            duplicate = exc.existing
            form.add_error(None, str(exc))
        except services.ArticleImportError as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(request, f"Imported “{article.title}”.")
            return redirect(article)
    return TemplateResponse(
        request, "articles/article_new.html", {"form": form, "duplicate": duplicate}
    )


@require_GET
def article_detail(request: HttpRequest, article_id: int) -> HttpResponse:
    article = get_object_or_404(
        Article.objects.select_related("outlet", "imported_by"), pk=article_id
    )
    context = {"article": article, **article_review_context(article=article, user=request.user)}
    return TemplateResponse(request, "articles/article_detail.html", context)


@require_GET
def source_detail(request: HttpRequest, source_id: int) -> HttpResponse:
    source = get_object_or_404(Source, pk=source_id)
    return TemplateResponse(
        request, "articles/source_detail.html", source_page_context(source=source)
    )
