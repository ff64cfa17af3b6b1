"""Exports from the admin (django-import-export): Excel or CSV of the rows the admin's list shows, with
its filters and search, for superusers only. Imports never go through the admin: the app's own pages
(imports/, on the spreadsheets/ row loop) are the import path.

The pieces every admin export shares live here (units is the lowest app with an admin): Vietnamese
column headers, dates dd/mm/yyyy, choices by their Vietnamese label, a unit by its code and name, text
that a spreadsheet never evaluates as a formula, and the export-only admin mixin."""

import datetime

from django.utils import timezone
from import_export import fields, resources, widgets
from import_export.admin import ExportMixin
from import_export.formats.base_formats import CSV, XLSX
from import_export.forms import ExportForm
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

from .models import PartyUnit, Sector, UnitKind

FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


class TextWidget(widgets.Widget):
    """Text as it is, except that a spreadsheet must never run it as a formula (a name or a document
    number typed by a user) and characters Excel refuses are dropped."""

    def render(self, value, obj=None, **kwargs):
        if value is None:
            return ""
        text = ILLEGAL_CHARACTERS_RE.sub("", str(value))
        return "'" + text if text.startswith(FORMULA_START) else text


class DateWidget(widgets.Widget):
    """dd/mm/yyyy in every format (django-import-export would give .xlsx a native date shown yyyy-mm-dd)."""

    def render(self, value, obj=None, **kwargs):
        if isinstance(value, datetime.datetime):
            return timezone.localtime(value).strftime("%d/%m/%Y %H:%M") if value else ""
        return value.strftime("%d/%m/%Y") if value else ""


class NumberWidget(widgets.Widget):
    """A whole number: a number cell in .xlsx, plain digits in CSV (no thousands separator)."""

    def render(self, value, obj=None, **kwargs):
        if kwargs.get("force_native_type"):
            return value
        return "" if value is None else str(value)


class LabelWidget(widgets.Widget):
    """A choice by its Vietnamese label, never its stored code."""

    def __init__(self, choices):
        super().__init__()
        self.labels = {key: str(label) for key, label in choices}

    def render(self, value, obj=None, **kwargs):
        if value is None:
            return ""
        return self.labels.get(value, value)


class YesNoWidget(widgets.Widget):
    def __init__(self, yes="Có", no="Không"):
        super().__init__()
        self.yes, self.no = yes, no

    def render(self, value, obj=None, **kwargs):
        if value is None:
            return ""
        return self.yes if value else self.no


def column(attribute: str | None, header: str, widget=None) -> fields.Field:
    """One exported column: `attribute` may follow relations (`cell__code`)."""
    return fields.Field(attribute=attribute, column_name=header, widget=widget or TextWidget(), readonly=True)


def unit_columns(relation: str, what: str) -> tuple[fields.Field, fields.Field]:
    """A related unit as two columns, its code and its name (never its id)."""
    return column(f"{relation}__code", f"Mã {what}"), column(f"{relation}__name", f"Tên {what}")


class ExportResource(resources.ModelResource):
    """A resource for export only: `select_related` names what the columns read across relations, so
    the export is one query for the rows whatever their number."""

    select_related: tuple[str, ...] = ()

    def filter_export(self, queryset, **kwargs):
        return queryset.select_related(*self.select_related) if self.select_related else queryset


class AdminExportMixin(ExportMixin):
    """Export (no import) of the admin list as .xlsx or .csv. Only superusers export: the admin lists of
    people and units are not scoped to a unit, and staff who may open the admin (the organization board,
    for the public holidays) must not take the whole province home in a file."""

    export_formats = [XLSX, CSV]
    # Every column, listed on the page: the form that picks columns needs an inline script handler,
    # which the Content-Security-Policy refuses.
    export_form_class = ExportForm
    to_encoding = "utf-8-sig"  # CSV: Excel reads Vietnamese correctly only with the BOM
    export_filename = "du_lieu"

    def has_export_permission(self, request):
        user = request.user
        return bool(user.is_active and user.is_superuser)

    def get_export_filename(self, request, queryset, file_format):
        stamp = timezone.localtime().strftime("%Y%m%d_%H%M")
        return f"{self.export_filename}_{stamp}.{file_format.get_extension()}"

    def get_export_data(self, file_format, request, queryset, **kwargs):
        data = super().get_export_data(file_format, request, queryset, **kwargs)
        self.exported(request, file_format.get_extension())
        return data

    def exported(self, request, extension: str) -> None:
        """Called once the file is built; an admin of personal data records the export here."""


class PartyUnitExport(ExportResource):
    code = column("code", "Mã đơn vị")
    name = column("name", "Tên đơn vị")
    kind = column("kind", "Loại tổ chức", LabelWidget(UnitKind.choices))
    sector = column("sector", "Khối, lĩnh vực", LabelWidget(Sector.choices))
    parent_code = column(None, "Mã đơn vị cấp trên")
    parent_name = column(None, "Tên đơn vị cấp trên")
    valid_from = column("valid_from", "Hiệu lực từ", DateWidget())
    valid_to = column("valid_to", "Hết hiệu lực", DateWidget())
    successor_code, successor_name = unit_columns("successor", "đơn vị kế thừa")
    member_count = column("member_count", "Số đảng viên đầu năm", NumberWidget())
    has_youth_union = column("has_youth_union", "Có tổ chức Đoàn", YesNoWidget())
    has_trade_union = column("has_trade_union", "Có tổ chức Công đoàn", YesNoWidget())
    admission_authorization_number = column("admission_authorization_number", "Số văn bản ủy quyền kết nạp")
    admission_authorization_date = column("admission_authorization_date", "Ngày ủy quyền kết nạp", DateWidget())
    authorized_by_code, authorized_by_name = unit_columns("admission_authorized_by", "cấp ủy ủy quyền")

    select_related = ("successor", "admission_authorized_by")

    class Meta:
        model = PartyUnit
        fields = (
            "code",
            "name",
            "kind",
            "sector",
            "parent_code",
            "parent_name",
            "valid_from",
            "valid_to",
            "successor_code",
            "successor_name",
            "member_count",
            "has_youth_union",
            "has_trade_union",
            "admission_authorization_number",
            "admission_authorization_date",
            "authorized_by_code",
            "authorized_by_name",
        )

    def export(self, queryset=None, **kwargs):
        """The parents of every exported unit in one query (treebeard's get_parent() is one per unit)."""
        units = list(self.filter_export(self.get_queryset() if queryset is None else queryset))
        steplen = PartyUnit.steplen
        wanted = {u.path[:-steplen] for u in units if u.depth > 1}
        self._parents = {
            path: (code, name)
            for path, code, name in PartyUnit.objects.filter(path__in=wanted).values_list("path", "code", "name")
        }
        return super().export(queryset=units, **kwargs)

    def filter_export(self, queryset, **kwargs):
        return super().filter_export(queryset, **kwargs) if hasattr(queryset, "select_related") else queryset

    def _parent(self, unit, index: int) -> str:
        found = self._parents.get(unit.path[: -PartyUnit.steplen], ("", "")) if unit.depth > 1 else ("", "")
        return TextWidget().render(found[index])  # a dehydrated value skips the column's widget

    def dehydrate_parent_code(self, unit):
        return self._parent(unit, 0)

    def dehydrate_parent_name(self, unit):
        return self._parent(unit, 1)
