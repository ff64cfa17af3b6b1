"""The organization board reads and exports the access log (filters: user, kind, person, dates)."""

import csv
import io
import json

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.http import content_disposition_header
from openpyxl import Workbook

from units.scope import Action, can_anywhere

from .forms import AccessLogFilter
from .models import PersonalDataAccess

HEADERS = ["Thời điểm", "Tên đăng nhập", "Loại truy cập", "Mã người", "Đơn vị", "Danh sách, báo cáo", "Định dạng",
           "Điều kiện lọc", "Số CCCD tìm (băm)", "Số kết quả", "Địa chỉ IP"]  # fmt: skip
EXPORT_LIMIT = 100_000


def _require_board(user) -> None:
    if not can_anywhere(user, Action.READ_ACCESS_LOG):
        raise PermissionDenied("Chỉ Ban Tổ chức được xem nhật ký truy cập dữ liệu cá nhân.")


def _row(e: PersonalDataAccess) -> list:
    return [
        timezone.localtime(e.at).strftime("%d/%m/%Y %H:%M:%S"),
        e.username,
        e.get_kind_display(),
        e.person_id or "",
        e.unit_code,
        e.what,
        e.file_format,
        json.dumps(e.filters, ensure_ascii=False) if e.filters else "",
        e.term_hash[:16] if e.term_hash else "",
        "" if e.results is None else e.results,
        e.ip_address,
    ]


@login_required
def access_log(request):
    _require_board(request.user)
    form = AccessLogFilter(request.GET or None)
    qs = form.apply(PersonalDataAccess.objects.all()) if form.is_bound else PersonalDataAccess.objects.all()
    page = Paginator(qs.order_by("-at", "-id"), 50).get_page(request.GET.get("page"))
    status = 400 if form.is_bound and form.errors else 200
    query = request.GET.copy()
    query.pop("page", None)
    context = {"form": form, "page": page, "query": query.urlencode()}
    return render(request, "audit/list.html", context, status=status)


def _safe(value):
    # A spreadsheet never evaluates logged text (usernames and filters come from users).
    if isinstance(value, str) and value[:1] in ("=", "+", "-", "@", "\t", "\r"):
        return "'" + value
    return value


@login_required
def access_log_export(request, fmt):
    _require_board(request.user)
    if fmt not in ("csv", "xlsx"):
        raise Http404("Không có định dạng này.")
    form = AccessLogFilter(request.GET or None)
    if form.is_bound and not form.is_valid():
        return render(request, "audit/list.html", {"form": form, "page": None, "query": ""}, status=400)
    qs = form.apply(PersonalDataAccess.objects.all()) if form.is_bound else PersonalDataAccess.objects.all()
    rows = (_row(e) for e in qs.order_by("-at", "-id")[:EXPORT_LIMIT].iterator())
    stamp = timezone.localtime().strftime("%Y%m%d_%H%M")
    if fmt == "csv":
        out = io.StringIO()
        writer = csv.writer(out)
        writer.writerow(HEADERS)
        writer.writerows([_safe(v) for v in row] for row in rows)
        response = HttpResponse(("\ufeff" + out.getvalue()).encode(), content_type="text/csv; charset=utf-8")
    else:
        book = Workbook(write_only=True)
        sheet = book.create_sheet("Nhật ký truy cập")
        sheet.append(HEADERS)
        for row in rows:
            sheet.append([_safe(v) for v in row])
        out = io.BytesIO()
        book.save(out)
        response = HttpResponse(
            out.getvalue(), content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
        )
    name = f"nhat_ky_truy_cap_{stamp}.{fmt}"
    response["Content-Disposition"] = content_disposition_header(as_attachment=True, filename=name)
    return response
