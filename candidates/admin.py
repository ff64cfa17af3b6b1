from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from audit.services import record_export, term_hash
from units.admin_scope import ScopedAdminMixin
from units.exports import AdminExportMixin
from units.versioning import VersionedAdminMixin

from .exports import CandidateExport
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
class CandidateAdmin(ScopedAdminMixin, AdminExportMixin, VersionedAdminMixin, SimpleHistoryAdmin):
    resource_classes = [CandidateExport]
    export_filename = "quan_chung_dang_vien_moi"
    list_display = ["full_name", "birth_date", "cell", "stage", "is_open", "decision_date"]
    list_filter = ["stage", "is_open", "sex", "occupation"]
    search_fields = ["full_name", "search_name", "national_id", "cell__name", "cell__code"]
    autocomplete_fields = ["cell", "admitting_unit", "training_class"]
    readonly_fields = ["stage", "is_open", "version"]
    inlines = [DocumentInline, EventInline]
    date_hierarchy = "decision_date"

    def exported(self, request, extension):
        """Personal data left the app: recorded in the access log with the list's filters. The search
        may be a national ID (a search field here): the log keeps its keyed hash, never the number."""
        filters = request.GET.copy()
        term = filters.pop("q", [""])[-1].strip()
        if term:
            filters["q_hash"] = term_hash(term)
        what = "Quản trị: danh sách quần chúng, đảng viên mới"
        record_export(request, what=what, unit_code="", file_format=extension, filters=filters)


@admin.register(StageEvent)
class StageEventAdmin(ScopedAdminMixin, admin.ModelAdmin):
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
class TrainingClassAdmin(ScopedAdminMixin, VersionedAdminMixin, SimpleHistoryAdmin):
    list_display = ["code", "name", "unit", "start_date", "end_date"]
    search_fields = ["code", "name"]
    autocomplete_fields = ["unit"]


@admin.register(Enrollment)
class EnrollmentAdmin(ScopedAdminMixin, VersionedAdminMixin, SimpleHistoryAdmin):
    list_display = ["candidate", "training_class", "result", "certificate_number", "certificate_date"]
    # The classes of the rows listed (a plain related filter would list every class of the country).
    list_filter = ["result", ("training_class", admin.RelatedOnlyFieldListFilter)]
    search_fields = ["candidate__full_name", "certificate_number"]
    autocomplete_fields = ["candidate", "training_class"]


@admin.register(Holiday)
class HolidayAdmin(admin.ModelAdmin):
    list_display = ["date", "kind", "name", "document"]
    list_filter = ["kind"]
    search_fields = ["name"]
    date_hierarchy = "date"
