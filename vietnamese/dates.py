"""Dates as people type them, day first: 2/12/2026, 02/12/26, 02122026, 2-12-2026, 2.12.2026, 2026-12-02."""

import datetime
import re

DATE_HINT = "dd/mm/yyyy"
EXAMPLES = "2/12/2026, 02/12/26, 02122026, 2-12-2026"
# A two-digit year is in this century unless that is more than this many years ahead (85 -> 1985).
TWO_DIGIT_YEAR_AHEAD = 10

_SEPARATED = re.compile(r"^(\d{1,2})\s*[/.\-\s]\s*(\d{1,2})\s*[/.\-\s]\s*(\d{2}|\d{4})$")
_ISO = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})$")


def _full_year(year: str, today: datetime.date) -> int:
    if len(year) == 4:
        return int(year)
    candidate = 2000 + int(year)
    return candidate if candidate <= today.year + TWO_DIGIT_YEAR_AHEAD else candidate - 100


def parse_date(text: str, today: datetime.date | None = None) -> datetime.date:
    """The date written in `text` (day first), or ValueError. Digits alone: ddmmyyyy or ddmmyy."""
    value = (text or "").strip()
    today = today or datetime.date.today()
    if m := _ISO.match(value):
        year, month, day = (int(g) for g in m.groups())
    elif m := _SEPARATED.match(value):
        day, month = int(m.group(1)), int(m.group(2))
        year = _full_year(m.group(3), today)
    elif value.isdigit() and len(value) in (6, 8):
        day, month = int(value[:2]), int(value[2:4])
        year = _full_year(value[4:], today)
    else:
        raise ValueError(value)
    try:
        return datetime.date(year, month, day)
    except ValueError:
        raise ValueError(value) from None


def date_error(value: str) -> str:
    """The message for a date that cannot be read: the expected form and the value received."""
    shown = (value or "").strip()
    return f"Không đọc được ngày “{shown}”. Hãy nhập theo dạng {DATE_HINT}, ví dụ 02/12/2026 (cũng nhận {EXAMPLES})."
