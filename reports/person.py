"""Everything held about one person as a PDF (the data subject's right of access): the structure of
candidates.privacy.person_record laid out as report tables, rendered by the report PDF renderer."""

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.utils.http import content_disposition_header

from audit.services import record_person_export
from candidates.models import Candidate
from candidates.privacy import person_record
from units.scope import Action, can, get_scoped_or_404

from .builders.document import _base
from .registry import render as render_report
from .structure import Column, Table


def _table(title: str, items, sheet: str) -> Table:
    if isinstance(items, dict):
        rows = [[k, "" if v is None else str(v)] for k, v in items.items()]
        return Table(
            title, [Column("Mục", width=30, wrap=True), Column("Nội dung", width=60, wrap=True)], rows, sheet=sheet
        )
    keys = list(items[0]) if items else ["—"]
    columns = [Column(k[:1].upper() + k[1:], width=max(12, 80 // len(keys)), wrap=True) for k in keys]
    rows = [["" if item.get(k) is None else str(item.get(k)) for k in keys] for item in items]
    return Table(title, columns, rows, empty="Không có.", sheet=sheet)


@login_required
def person_pdf(request, pk):
    candidate = get_scoped_or_404(request.user, Candidate.objects.select_related("cell"), pk=pk)
    if not can(request.user, Action.VIEW_PERSONAL, candidate.cell):
        raise PermissionDenied("Vai trò của bạn không được xem toàn bộ dữ liệu cá nhân.")
    record = person_record(candidate)
    sections = [(k, v) for k, v in record.items() if k != "căn cứ và mục đích"]
    tables = [_table(k[:1].upper() + k[1:], v, f"Phần {i + 1}") for i, (k, v) in enumerate(sections)]
    report = _base(
        "du-lieu-ca-nhan",
        f"DỮ LIỆU CÁ NHÂN ĐANG LƯU GIỮ VỀ {candidate.full_name.upper()}",
        candidate.cell,
        None,
        request.user,
        tables,
        notes=[record["căn cứ và mục đích"]],
    )
    report.filename = f"du-lieu-ca-nhan-{candidate.pk}"
    content, content_type, filename = render_report(report, "pdf")
    record_person_export(request, person_id=candidate.pk, unit_code=candidate.cell.code, file_format="pdf")
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = content_disposition_header(as_attachment=True, filename=filename)
    return response
