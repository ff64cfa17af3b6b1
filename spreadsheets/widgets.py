"""Widgets: one cell value -> Python value, or ValueError with a Vietnamese message."""

import datetime
import functools
import re
from collections.abc import Callable

from vietnamese.text import capitalize_name, clean_text, fold

ROW_KEY = "__row__"
HEADER_SCAN_ROWS = 30
EXCEL_EPOCH = datetime.date(1899, 12, 30)
# Serial numbers accepted as dates: 01/01/1900 .. 31/12/2100.
SERIAL_MIN, SERIAL_MAX = 1, 73415

STATUS_LABELS = {
    "new": "Mới",
    "update": "Cập nhật",
    "unchanged": "Không đổi",
    "unmatched": "Không khớp",
    "error": "Lỗi",
}


class Widget:
    """One column's cell -> Python value (`clean`, ValueError with a Vietnamese message) and back
    to text (`render`)."""

    def clean(self, value, row=None, **kwargs):
        return value

    def render(self, value, obj=None, **kwargs):
        return "" if value is None else str(value)


def header_key(text) -> str:
    """'Ngày, tháng, năm sinh' -> 'ngaythangnamsinh': no case, diacritics, spaces or punctuation."""
    if type(text) is str:
        return _header_key(text)
    return _NOT_KEY.sub("", fold(text))


_NOT_KEY = re.compile(r"[^a-z0-9]")


@functools.lru_cache(maxsize=65536)
def _header_key(text: str) -> str:
    return _NOT_KEY.sub("", fold(text))


def d(day) -> str:
    return _dmy(day) if day else ""


@functools.lru_cache(maxsize=65536)
def _dmy(day) -> str:
    # Imports write the same dates into labels and messages row after row: remembered.
    return day.strftime("%d/%m/%Y")


def as_text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if isinstance(value, datetime.datetime | datetime.date):
        return d(value)
    return clean_text(value)


class TextWidget(Widget):
    def __init__(self, max_length: int | None = None):
        super().__init__()
        self.max_length = max_length

    def clean(self, value, row=None, **kwargs):
        text = as_text(value)
        if self.max_length and len(text) > self.max_length:
            raise ValueError(f"dài quá {self.max_length} ký tự.")
        return text

    def render(self, value, obj=None, **kwargs):
        return "" if value is None else str(value)


class NameWidget(TextWidget):
    """A person's name: NFC, single spaces, "NGUYỄN VĂN A" -> "Nguyễn Văn A"."""

    def clean(self, value, row=None, **kwargs):
        text = capitalize_name(super().clean(value, row, **kwargs))
        if text and not any(ch.isalpha() for ch in text):
            raise ValueError(f"“{text}” không phải là họ tên.")
        return text


class DateWidget(Widget):
    """A date cell, an Excel serial number, or text dd/mm/yyyy (day first; also d-m-yyyy,
    d.m.yyyy and ISO yyyy-mm-dd)."""

    _DMY = re.compile(r"^(\d{1,2})\s*[/.\-]\s*(\d{1,2})\s*[/.\-]\s*(\d{4})$")
    _ISO = re.compile(r"^(\d{4})-(\d{2})-(\d{2})$")

    def clean(self, value, row=None, **kwargs):
        if value is None or value == "":
            return None
        if isinstance(value, datetime.datetime):
            return value.date()
        if isinstance(value, datetime.date):
            return value
        if isinstance(value, bool):
            raise ValueError(f"“{value}” không phải là ngày.")
        if isinstance(value, int | float):
            return self._serial(value)
        text = clean_text(value)
        if text.isdigit() and 4 < len(text) <= 5:
            return self._serial(int(text))
        match = self._DMY.match(text)
        if match:
            day, month, year = (int(x) for x in match.groups())
        else:
            match = self._ISO.match(text)
            if not match:
                raise ValueError(f"không đọc được ngày “{text}” (cần dạng ngày/tháng/năm, ví dụ 05/06/1990).")
            year, month, day = (int(x) for x in match.groups())
        try:
            return datetime.date(year, month, day)
        except ValueError:
            raise ValueError(f"ngày “{text}” không tồn tại.") from None

    def _serial(self, number):
        if not (SERIAL_MIN <= number <= SERIAL_MAX) or (isinstance(number, float) and not number.is_integer()):
            raise ValueError(f"“{number}” không phải là ngày hợp lệ.")
        return EXCEL_EPOCH + datetime.timedelta(days=int(number))

    def render(self, value, obj=None, **kwargs):
        return d(value)


class IntegerWidget(Widget):
    def __init__(self, minimum: int | None = None, maximum: int | None = None):
        super().__init__()
        self.minimum, self.maximum = minimum, maximum

    def clean(self, value, row=None, **kwargs):
        if value is None or value == "":
            return None
        if isinstance(value, bool):
            raise ValueError(f"“{value}” không phải là số.")
        if isinstance(value, float):
            if not value.is_integer():
                raise ValueError(f"“{value}” không phải là số nguyên.".replace(".", ","))
            value = int(value)
        if not isinstance(value, int):
            text = clean_text(value).replace(" ", "")
            # "1.214" is one thousand two hundred and fourteen in Vietnamese files.
            if re.fullmatch(r"-?\d{1,3}(\.\d{3})+", text):
                text = text.replace(".", "")
            if not re.fullmatch(r"-?\d+", text):
                raise ValueError(f"“{clean_text(value)}” không phải là số nguyên.")
            value = int(text)
        if self.minimum is not None and value < self.minimum:
            raise ValueError(f"{value} nhỏ hơn {self.minimum}.")
        if self.maximum is not None and value > self.maximum:
            raise ValueError(f"{value} lớn hơn {self.maximum}.")
        return value

    def render(self, value, obj=None, **kwargs):
        return "" if value is None else str(value)


class BooleanWidget(Widget):
    TRUE = {"x", "co", "c", "1", "true", "yes", "dung", "la doan vien", "doan vien", "✓", "v"}
    FALSE = {"", "khong", "k", "0", "false", "no", "-"}

    def clean(self, value, row=None, **kwargs):
        if value is None:
            return None
        if isinstance(value, bool):
            return value
        key = fold(as_text(value))
        if key in self.TRUE:
            return True
        if key in self.FALSE:
            return False
        raise ValueError(f"“{as_text(value)}” không rõ là có hay không (ghi “x” hoặc để trống).")

    def render(self, value, obj=None, **kwargs):
        return "x" if value else ""


class ChoiceWidget(Widget):
    """A word from a list of accepted spellings (compared without case, diacritics, punctuation)."""

    def __init__(self, words: dict[str, str], *, fallback: Callable[[str], str | None] | None = None, hint: str = ""):
        super().__init__()
        self.words = {header_key(k): v for k, v in words.items()}
        self.fallback = fallback
        self.hint = hint
        self._seen: dict = {}  # the few words a column holds, each understood once

    def clean(self, value, row=None, **kwargs):
        try:
            found = self._seen[value]
        except (KeyError, TypeError):
            found = self._clean(value)
            if len(self._seen) < 10000:
                try:
                    self._seen[value] = found
                except TypeError:
                    pass
        if isinstance(found, ValueError):
            raise ValueError(str(found))
        return found

    def _clean(self, value):
        text = as_text(value)
        if not text:
            return None
        found = self.words.get(header_key(text))
        if found is None and self.fallback:
            found = self.fallback(text)
        if found is None:
            return ValueError(f"không hiểu “{text}”" + (f" (ghi {self.hint})." if self.hint else "."))
        return found

    def render(self, value, obj=None, **kwargs):
        return "" if value is None else str(value)


class DateRangeWidget(Widget):
    """A period written in one cell, "09/9/2022 - 18/9/2022" (also "–", "đến"): kept as text with
    both dates dd/mm/yyyy, after checking each is a date and the end is not before the start."""

    _SPLIT = re.compile(r"\s*(?:-|–|—|đến|tới|to)\s*(?=\d)", re.IGNORECASE)

    def __init__(self, max_length: int = 60):
        super().__init__()
        self.max_length = max_length
        self.dates = DateWidget()

    def clean(self, value, row=None, **kwargs):
        if value is None or value == "":
            return ""
        if isinstance(value, datetime.date):
            return d(value)
        text = clean_text(value)
        parts = [p for p in self._SPLIT.split(text) if p]
        if len(parts) == 1:
            return d(self.dates.clean(parts[0]))
        if len(parts) != 2:
            raise ValueError(f"không đọc được khoảng thời gian “{text}” (cần dạng 09/09/2022 - 18/09/2022).")
        start, end = (self.dates.clean(p) for p in parts)
        if end < start:
            raise ValueError(f"khoảng thời gian “{text}”: ngày kết thúc trước ngày bắt đầu.")
        return f"{d(start)} - {d(end)}"[: self.max_length]
