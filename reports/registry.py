"""The five reports, what each needs, and one entry point (`produce`) shared by the web views and the
management command: check the parameters, fetch the unit through the scope, call the builder."""

import datetime
from dataclasses import dataclass

from django.http import QueryDict

from . import builders
from .params import ReportError, class_for, make_period, scoped_unit
from .render_pdf import render_pdf
from .render_xlsx import render_xlsx
from .structure import Report


@dataclass(frozen=True)
class ReportKind:
    slug: str
    label: str
    description: str
    parameters: str
    uses_period: bool = True
    uses_class: bool = False
    uses_filters: bool = False


REPORTS: dict[str, ReportKind] = {
    r.slug: r
    for r in (
        ReportKind(
            "progress",
            "Tiến độ thực hiện chỉ tiêu kết nạp",
            "Chỉ tiêu, số đã kết nạp, tỷ lệ, đạt/chưa đạt, dự báo theo đơn vị trực thuộc và tổ chức cơ sở đảng; "
            "biểu đồ tỷ lệ theo đơn vị.",
            "Đơn vị, năm; quý hoặc ngày “tính đến” (không bắt buộc).",
        ),
        ReportKind(
            "pipeline",
            "Quần chúng ưu tú, đảng viên mới đang theo dõi",
            "Số người theo đơn vị và giai đoạn; danh sách người đang chờ quyết định, lễ kết nạp, công nhận "
            "chính thức hoặc sắp hết hạn giấy chứng nhận.",
            "Đơn vị, năm; ngày “tính đến” để tính hạn (không bắt buộc).",
        ),
        ReportKind(
            "summary",
            "Tổng hợp kết quả kết nạp đảng viên",
            "Đảng viên mới trong kỳ: nữ, dân tộc thiểu số, tôn giáo, đoàn viên, tuổi 18–30 và tuổi bình quân, "
            "trình độ, nghề nghiệp, doanh nghiệp tư nhân; tỷ lệ tổ chức cơ sở đảng có kết nạp.",
            "Đơn vị, năm; quý hoặc ngày “tính đến” (không bắt buộc).",
        ),
        ReportKind(
            "candidates",
            "Danh sách quần chúng, đảng viên mới",
            "Danh sách theo bộ lọc của trang danh sách quần chúng.",
            "Đơn vị; các bộ lọc của trang danh sách.",
            uses_period=False,
            uses_filters=True,
        ),
        ReportKind(
            "class",
            "Kết quả lớp bồi dưỡng nhận thức về Đảng",
            "Học viên của lớp thuộc đơn vị, kết quả, số và ngày cấp giấy chứng nhận; số đạt, không đạt.",
            "Đơn vị, mã lớp.",
            uses_period=False,
            uses_class=True,
        ),
    )
}

FORMATS = {
    "pdf": ("application/pdf", render_pdf),
    "xlsx": ("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", render_xlsx),
}


def get_kind(slug: str) -> ReportKind:
    try:
        return REPORTS[slug]
    except KeyError:
        raise ReportError(f"Không có báo cáo “{slug}”. Các báo cáo: {', '.join(REPORTS)}.") from None


# The index page's own fields; on the candidate list the other query parameters are the list page's.
OWN_FIELDS = ("report", "quarter", "as_of", "class_code")


def candidate_rows(user, filter_data) -> tuple:
    """The list page's FilterSet with the list page's query parameters: the same rows in the same order,
    and the active filters as (label, value) for the document."""
    from candidates.filters import CandidateFilter

    data = filter_data.copy() if filter_data is not None else QueryDict(mutable=True)
    for key in (*OWN_FIELDS, "page"):
        data.pop(key, None)
    filterset = CandidateFilter(data, user=user)
    if not filterset.is_valid():
        errors = "; ".join(
            f"{filterset.form.fields[k].label if k in filterset.form.fields else k}: {' '.join(v)}"
            for k, v in filterset.errors.items()
        )
        raise ReportError(f"Bộ lọc không hợp lệ — {errors}")
    active = []
    for name, value in filterset.form.cleaned_data.items():
        if value in (None, "", [], (), False) or name in ("sort", "unit"):
            continue
        field = filterset.form.fields[name]
        if value is True:
            value = "có"
        elif getattr(field, "choices", None) and isinstance(value, str):
            value = dict(field.choices).get(value, value)
        active.append((str(field.label or name), str(value)))
    return filterset.qs, active


def produce(
    *,
    user,
    slug: str,
    unit_code: str,
    year: int | None = None,
    quarter: int | None = None,
    as_of: datetime.date | None = None,
    class_code: str | None = None,
    filter_data=None,
) -> Report:
    """The report's data. Raises ReportError (bad input) or Http404 (unit or class outside the scope)."""
    kind = get_kind(slug)
    unit = scoped_unit(user, unit_code)
    if kind.uses_period:
        if year is None:
            raise ReportError("Hãy nhập năm báo cáo.")
        period = make_period(year, quarter, as_of)
    if slug == "progress":
        return builders.build_progress(user=user, unit=unit, period=period)
    if slug == "pipeline":
        return builders.build_pipeline(user=user, unit=unit, period=period)
    if slug == "summary":
        return builders.build_summary(user=user, unit=unit, period=period)
    if slug == "candidates":
        queryset, active = candidate_rows(user, filter_data)
        return builders.build_candidates(user=user, unit=unit, queryset=queryset, filters=active)
    training_class = class_for(unit, class_code)
    return builders.build_class(user=user, unit=unit, training_class=training_class)


def render(report: Report, fmt: str) -> tuple[bytes, str, str]:
    """(content, content type, file name) of a report in a format."""
    if fmt not in FORMATS:
        raise ReportError(f"Định dạng “{fmt}” không được hỗ trợ (pdf hoặc xlsx).")
    content_type, renderer = FORMATS[fmt]
    return renderer(report), content_type, f"{report.filename}.{fmt}"
