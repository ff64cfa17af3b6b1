from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from .models import Candidate, DossierDocument, Enrollment, Holiday, StageEvent, TrainingClass


class EventInline(admin.TabularInline):
    model = StageEvent
    fk_name = "candidate"
    extra = 0
    can_delete = False
    fields = [
        "legal_date",
        "action",
        "from_stage",
        "to_stage",
        "document_number",
        "entered_by",
        "entered_at",
        "imported",
    ]
    readonly_fields = fields

    def has_add_permission(self, request, obj=None):
        return False


class DocumentInline(admin.TabularInline):
    model = DossierDocument
    extra = 0


@admin.register(Candidate)
class CandidateAdmin(SimpleHistoryAdmin):
    list_display = ["full_name", "birth_date", "cell", "stage", "is_open", "decision_date"]
    list_filter = ["stage", "is_open", "sex", "occupation"]
    search_fields = ["full_name", "search_name", "national_id", "cell__name", "cell__code"]
    autocomplete_fields = ["cell", "admitting_unit", "training_class"]
    readonly_fields = ["stage", "is_open", "version"]
    inlines = [DocumentInline, EventInline]
    date_hierarchy = "decision_date"


@admin.register(StageEvent)
class StageEventAdmin(admin.ModelAdmin):
    list_display = ["legal_date", "candidate", "action", "entered_by", "entered_at", "imported"]
    list_filter = ["kind", "imported"]
    search_fields = ["candidate__full_name", "document_number", "note"]

    def has_change_permission(self, request, obj=None):
        return False  # history is never edited; a correction is a new event

    def has_delete_permission(self, request, obj=None):
        return False

    def has_add_permission(self, request):
        return False


@admin.register(TrainingClass)
class TrainingClassAdmin(SimpleHistoryAdmin):
    list_display = ["code", "name", "unit", "start_date", "end_date"]
    search_fields = ["code", "name"]
    autocomplete_fields = ["unit"]


@admin.register(Enrollment)
class EnrollmentAdmin(SimpleHistoryAdmin):
    list_display = ["candidate", "training_class", "result", "certificate_number", "certificate_date"]
    list_filter = ["result", "training_class"]
    search_fields = ["candidate__full_name", "certificate_number"]
    autocomplete_fields = ["candidate", "training_class"]


@admin.register(Holiday)
class HolidayAdmin(admin.ModelAdmin):
    list_display = ["date", "kind", "name", "document"]
    list_filter = ["kind"]
    search_fields = ["name"]
    date_hierarchy = "date"
