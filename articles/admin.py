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
    readonly_fields = ["text", "status"]
    raw_id_fields = ["speaker", "via_source"]
    show_change_link = True


@admin.register(Article)
class ArticleAdmin(admin.ModelAdmin):
    list_display = ["title", "outlet", "published", "extraction_state", "imported_at"]
    list_filter = ["extraction_state", "outlet"]
    search_fields = ["title", "url", "byline"]
    date_hierarchy = "imported_at"
    readonly_fields = [
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

    @admin.action(description="Re-extract claims (keeps reviewed claims)")
    def reextract(self, request, queryset):
        for article in queryset:
            extraction_enqueue(article=article)
        self.message_user(
            request, f"Queued extraction for {queryset.count()} article(s).", messages.SUCCESS
        )
