"""The page "Quy định áp dụng": what the app checks — the dated rule sets with every parameter, its value
and its source, the settings that change them, and the working-day calendar of a chosen year. Read-only,
for every signed-in role (the rules are public; nothing here is scoped)."""

import datetime

from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.shortcuts import render

from . import clock, rules, workdays

WEEKDAYS = ["Thứ Hai", "Thứ Ba", "Thứ Tư", "Thứ Năm", "Thứ Sáu", "Thứ Bảy", "Chủ nhật"]


def _year(raw: str | None, default: int) -> int:
    try:
        year = int(raw or default)
    except ValueError:
        return default
    return year if 1901 <= year <= 2100 else default


@login_required
def rules_page(request):
    today = clock.today()
    year = _year(request.GET.get("nam"), today.year)
    current = rules.rules_for(today)
    rule_sets = [
        {
            "set": r,
            "until": rules.rule_set_until(r),
            "current": r.name == current.name,
            "parameters": r.parameters(),
        }
        for r in reversed(rules.RULE_SETS)
    ]
    cal = rules.holidays()
    days = [
        {
            "date": day.date,
            "weekday": WEEKDAYS[day.date.weekday()],
            "name": day.name,
            "working": day.working,
            "origin": "Quản trị viên nhập" if day.origin == "admin" else "Tính theo lịch (Bộ luật Lao động)",
        }
        for day in cal.year_days(year)
    ]
    off_weekdays = sum(1 for d in days if not d["working"] and d["date"].weekday() < 5)
    first = datetime.date(year, 1, 1)
    context = {
        "today": today,
        "year": year,
        "years": range(min(year, today.year) - 3, max(year, today.year) + 3),
        "rule_sets": rule_sets,
        "days": days,
        "off_weekdays": off_weekdays,
        "working_days": cal.working_days_between(first - datetime.timedelta(days=1), datetime.date(year, 12, 31)),
        "covered": cal.covers(year),
        "first_year": cal.first_year,
        "last_year": cal.last_year,
        "library": workdays.LIBRARY,
        "calendar_source": workdays.SOURCE,
        "settings": [
            (
                "CANDIDATES_YOUTH_UNION_MAX_AGE",
                getattr(settings, "CANDIDATES_YOUTH_UNION_MAX_AGE", 30),
                "Độ tuổi thanh niên của con đường Đoàn giới thiệu (chưa xác nhận)",
            ),
            (
                "CANDIDATES_STALE_PAPERS",
                "chặn" if rules.stale_papers_block() else "cảnh báo",
                "Giấy tờ quá 12 tháng khi chi bộ họp: cảnh báo hay chặn (chưa xác nhận)",
            ),
            (
                "VOID_WINDOW_DAYS",
                getattr(settings, "VOID_WINDOW_DAYS", 30),
                "Số ngày kể từ khi nhập một bước mà người có quyền ghi bước đó còn hủy được bước ghi nhầm",
            ),
            (
                "WORKING_CALENDAR_FIRST_YEAR – _LAST_YEAR",
                f"{cal.first_year}–{cal.last_year}",
                "Các năm lịch ngày làm việc bảo đảm; hạn tính qua năm khác có cảnh báo",
            ),
        ],
        "can_edit_holidays": request.user.has_perm("candidates.change_holiday"),
    }
    return render(request, "candidates/rules.html", context)
