from django.contrib import admin, messages

from articles.models import Article, Source
from claims.models import Claim
from claims.services import extraction_enqueue


@admin.register(Source)
class SourceAdmin(admin.ModelAdmin):
    list_display = ["name", "kind", "domain", "reliability"]
    list_editable = ["reliability"]
    list_filter = ["kind", "reliability"]
    search_fields = ["name", "domain", "notes"]


class ClaimInline(admin.TabularInline):
    model = Claim
    extra = 0
    fields = ["text", "kind", "speaker", "via_source", "status"]
    readonly_fields = fields  # changes go through the review page and its history
    can_delete = False
    show_change_link = True

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(Article)
class ArticleAdmin(admin.ModelAdmin):
    list_display = ["title", "outlet", "published", "extraction_state", "imported_at"]
    list_filter = ["extraction_state", "outlet"]
    search_fields = ["title", "url", "byline"]
    date_hierarchy = "imported_at"
    readonly_fields = [
        # The body is what claim offsets point into: it is fixed once imported.
        "body",
        "content_hash",
        "imported_by",
        "imported_at",
        "extraction_state",
        "extraction_error",
        "extractor_version",
        "extracted_at",
    ]
    raw_id_fields = ["outlet"]
    inlines = [ClaimInline]
    actions = ["reextract"]

    def has_add_permission(self, request):
        return False  # articles come in through “New article” or import_articles

    @admin.action(description="Re-extract claims (keeps reviewed claims)")
    def reextract(self, request, queryset):
        for article in queryset:
            extraction_enqueue(article=article)
        self.message_user(
            request, f"Queued extraction for {queryset.count()} article(s).", messages.SUCCESS
        )
