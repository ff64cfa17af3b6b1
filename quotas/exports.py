"""Admin exports of the targets (django-import-export, export only: see units/exports.py)."""

from units.exports import DateWidget, ExportResource, NumberWidget, column, unit_columns

from .models import Quota, TermTarget


class QuotaExport(ExportResource):
    unit_code, unit_name = unit_columns("unit", "đơn vị")
    year = column("year", "Năm", NumberWidget())
    target = column("target", "Chỉ tiêu", NumberWidget())
    target_max = column("target_max", "Phấn đấu", NumberWidget())
    document = column("document", "Văn bản giao chỉ tiêu")
    note = column("note", "Ghi chú")
    updated_at = column("updated_at", "Cập nhật lúc", DateWidget())

    select_related = ("unit",)

    class Meta:
        model = Quota
        fields = ("unit_code", "unit_name", "year", "target", "target_max", "document", "note", "updated_at")


class TermTargetExport(ExportResource):
    unit_code, unit_name = unit_columns("unit", "đơn vị")
    first_year = column("first_year", "Từ năm", NumberWidget())
    last_year = column("last_year", "Đến năm", NumberWidget())
    target = column("target", "Chỉ tiêu nhiệm kỳ", NumberWidget())
    document = column("document", "Văn bản")

    select_related = ("unit",)

    class Meta:
        model = TermTarget
        fields = ("unit_code", "unit_name", "first_year", "last_year", "target", "document")
