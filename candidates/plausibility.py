"""Implausible input asks for confirmation instead of being saved silently: a person under 16 on the
lists, a date far in the past or the future. Not a rule of the regulation (those live in rules.py and
refuse): the user confirms ("Tôi đã kiểm tra, vẫn lưu") and the value is saved as typed."""

import datetime

from django import forms

from . import clock

MIN_PLAUSIBLE_AGE = 16
MAX_PLAUSIBLE_AGE = 80
PAST_YEARS = 10  # an action dated more than this many years ago
FUTURE_DAYS = 366  # or more than a year ahead
CONFIRM_FIELD = "xac_nhan"
CONFIRM_LABEL = "Tôi đã kiểm tra, vẫn lưu"


def _years_between(start: datetime.date, end: datetime.date) -> int:
    return end.year - start.year - ((end.month, end.day) < (start.month, start.day))


def birth_date_warnings(birth_date: datetime.date | None, today: datetime.date) -> list[str]:
    if birth_date is None or birth_date > today:
        return []  # a birth date in the future is refused by the services (a rule, not a doubt)
    age = _years_between(birth_date, today)
    if age < MIN_PLAUSIBLE_AGE:
        return [f"Ngày sinh {birth_date:%d/%m/%Y}: người này mới {max(age, 0)} tuổi (dưới {MIN_PLAUSIBLE_AGE} tuổi)."]
    if age > MAX_PLAUSIBLE_AGE:
        return [f"Ngày sinh {birth_date:%d/%m/%Y}: người này đã {age} tuổi."]
    return []


def date_warnings(label: str, value: datetime.date | None, today: datetime.date) -> list[str]:
    if value is None:
        return []
    if value > today + datetime.timedelta(days=FUTURE_DAYS):
        return [f"{label} {value:%d/%m/%Y} còn hơn một năm nữa mới tới."]
    if _years_between(value, today) >= PAST_YEARS:
        return [f"{label} {value:%d/%m/%Y} đã cách đây hơn {PAST_YEARS} năm."]
    return []


class ConfirmImplausibleMixin:
    """Add to a form: `implausible(data) -> [warning]`; while there are warnings and the box is not
    ticked, the form shows them with the box to tick."""

    def add_confirm_field(self):
        self.fields[CONFIRM_FIELD] = forms.BooleanField(label=CONFIRM_LABEL, required=False, widget=forms.HiddenInput)

    def implausible(self, data: dict) -> list[str]:
        today = clock.today()
        warnings = []
        for name, field in self.fields.items():
            if isinstance(field, forms.DateField) and name != "birth_date":
                warnings += date_warnings(str(field.label), data.get(name), today)
        if "birth_date" in self.fields:
            warnings += birth_date_warnings(data.get("birth_date"), today)
        return warnings

    def check_plausible(self, data: dict) -> None:
        warnings = self.implausible(data)
        if warnings and not data.get(CONFIRM_FIELD):
            self.fields[CONFIRM_FIELD].widget = forms.CheckboxInput()
            self._bound_fields_cache.pop(CONFIRM_FIELD, None)
            for warning in warnings:
                self.add_error(None, warning)
            self.add_error(None, f"Nếu đúng như vậy, hãy đánh dấu “{CONFIRM_LABEL}” rồi bấm lưu lại.")
