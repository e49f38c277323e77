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
    raw_id_fields = ["article"]
    # Merges are made on the speaker page, which records them and guards against cycles.
    readonly_fields = ["merged_into"]
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
    """Evidence is added on the review page, where it is recorded in the claim's history."""

    model = Evidence
    extra = 0
    can_delete = False
    readonly_fields = ["url", "stance", "note", "source", "added_by", "created_at"]
    fields = readonly_fields

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(Claim)
class ClaimAdmin(admin.ModelAdmin):
    """Claims are read here; every change goes through the review page, which checks the
    version the editor saw and records the change in the claim's history."""

    list_display = ["__str__", "article", "speaker", "kind", "status", "reviewer"]
    list_filter = ["status", "kind", "origin", ("speaker", admin.RelatedOnlyFieldListFilter)]
    search_fields = ["text", "speaker__name", "article__title"]
    list_select_related = ["article", "speaker", "reviewer"]
    inlines = [EvidenceInline, ClaimEventInline]

    def get_readonly_fields(self, request, obj=None):
        return [field.name for field in Claim._meta.fields]

    def has_add_permission(self, request):
        return False
