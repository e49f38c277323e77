from django.contrib import admin

from claims.models import Claim, ClaimEvent, Evidence, Speaker, SpeakerAlias


class SpeakerAliasInline(admin.TabularInline):
    model = SpeakerAlias
    extra = 1
    fields = ["name"]


@admin.register(Speaker)
class SpeakerAdmin(admin.ModelAdmin):
    list_display = ["name", "kind", "description", "affiliation", "article"]
    list_filter = ["kind"]
    search_fields = ["name", "description", "aliases__name"]
    raw_id_fields = ["article", "merged_into"]
    inlines = [SpeakerAliasInline]


class ClaimEventInline(admin.TabularInline):
    model = ClaimEvent
    extra = 0
    can_delete = False
    readonly_fields = ["action", "from_status", "to_status", "actor", "note", "created_at"]
    fields = readonly_fields

    def has_add_permission(self, request, obj=None):
        return False


class EvidenceInline(admin.TabularInline):
    model = Evidence
    extra = 0
    raw_id_fields = ["source", "added_by"]


@admin.register(Claim)
class ClaimAdmin(admin.ModelAdmin):
    list_display = ["__str__", "article", "speaker", "kind", "status", "reviewer"]
    list_filter = ["status", "kind", "origin", ("speaker", admin.RelatedOnlyFieldListFilter)]
    search_fields = ["text", "speaker__name", "article__title"]
    raw_id_fields = ["article", "speaker", "via_source", "reviewer"]
    # Status changes go through the review page, which records them in the history.
    readonly_fields = [
        "status",
        "reviewer",
        "reviewed_at",
        "version",
        "extractor_version",
        "created_at",
        "updated_at",
    ]
    inlines = [EvidenceInline, ClaimEventInline]
