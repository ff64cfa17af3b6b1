"""Report parameters, checked once for the web page and the management command alike."""

import datetime
from dataclasses import dataclass

from django.http import Http404

from candidates.models import TrainingClass
from units.models import PartyUnit
from units.scope import get_scoped_or_404

ROMAN = {1: "I", 2: "II", 3: "III", 4: "IV"}
MIN_YEAR, MAX_YEAR = 2000, 2100


class ReportError(ValueError):
    """Bad input: a message for the user, nothing is produced."""


@dataclass(frozen=True)
class Period:
    year: int
    quarter: int | None
    as_of: datetime.date | None
    start: datetime.date
    end: datetime.date

    @property
    def label(self) -> str:
        text = f"Quý {ROMAN[self.quarter]} năm {self.year}" if self.quarter else f"Năm {self.year}"
        if self.as_of:
            text += f", tính đến ngày {self.as_of:%d/%m/%Y}"
        return text

    @property
    def reference_date(self) -> datetime.date:
        """The day deadlines are measured at: the as-of date, else today (or the end of a past period)."""
        from django.utils import timezone

        return self.as_of or min(self.end, timezone.localdate())


def make_period(year: int, quarter: int | None = None, as_of: datetime.date | None = None) -> Period:
    if not isinstance(year, int) or not MIN_YEAR <= year <= MAX_YEAR:
        raise ReportError(f"Năm phải trong khoảng {MIN_YEAR}–{MAX_YEAR}.")
    if quarter is not None and quarter not in ROMAN:
        raise ReportError("Quý phải là 1, 2, 3 hoặc 4.")
    start, end = datetime.date(year, 1, 1), datetime.date(year, 12, 31)
    if quarter:
        start = datetime.date(year, 3 * quarter - 2, 1)
        end = datetime.date(year + (quarter == 4), (3 * quarter) % 12 + 1, 1) - datetime.timedelta(days=1)
    if as_of is not None:
        if as_of.year != year:
            raise ReportError(f"Ngày “tính đến” {as_of:%d/%m/%Y} không thuộc năm {year}.")
        if as_of < start:
            raise ReportError(f"Ngày “tính đến” {as_of:%d/%m/%Y} ở trước quý {ROMAN[quarter]}.")
        end = min(end, as_of)
    return Period(year=year, quarter=quarter, as_of=as_of, start=start, end=end)


def parse_date(text: str) -> datetime.date:
    for fmt in ("%d/%m/%Y", "%Y-%m-%d"):
        try:
            return datetime.datetime.strptime(text.strip(), fmt).date()
        except ValueError:
            continue
    raise ReportError(f"Ngày “{text}” không hợp lệ; hãy nhập theo dạng dd/mm/yyyy.")


def scoped_unit(user, code: str) -> PartyUnit:
    """The unit the report is for; outside the user's scope it does not exist (404)."""
    return get_scoped_or_404(user, PartyUnit, code=code)


def class_for(unit: PartyUnit, code: str | None) -> TrainingClass:
    """A class held by the unit's subtree or attended by its candidates; anything else is a 404."""
    if not code:
        raise ReportError("Hãy chọn lớp bồi dưỡng (mã lớp).")
    from django.db.models import Q

    found = (
        TrainingClass.objects.filter(code=code)
        .filter(Q(unit__path__startswith=unit.path) | Q(enrollments__candidate__cell__path__startswith=unit.path))
        .select_related("unit")
        .distinct()
        .first()
    )
    if found is None:
        raise Http404("Không tìm thấy lớp bồi dưỡng hoặc bạn không có quyền xem.")
    return found
