"""Form fields of the kernel: a date typed as people type it, with its hint and an optional picker."""

import datetime

from django import forms
from django.utils import timezone

from .dates import DATE_HINT, date_error, parse_date


class DateInput(forms.DateInput):
    """A text input (not type=date: phones would then hide what was typed) showing dd/mm/yyyy.
    inputmode=text: the numeric keypads of phones have no "/" (iOS); digits alone are accepted too.
    static/js/dates.js adds a calendar button (a native date picker) and tidies the value on leaving."""

    template_name = "vietnamese/widgets/date.html"

    def __init__(self, attrs=None):
        base = {"placeholder": DATE_HINT, "inputmode": "text", "autocomplete": "off", "size": 11, "data-date": ""}
        super().__init__(attrs=base | (attrs or {}), format="%d/%m/%Y")

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        widget_id = context["widget"]["attrs"].get("id")
        if widget_id:
            context["widget"]["hint_id"] = f"{widget_id}_hint"
            context["widget"]["attrs"]["aria-describedby"] = f"{widget_id}_hint"
        context["widget"]["hint"] = DATE_HINT
        return context


class DateField(forms.DateField):
    """Accepts 2/12/2026, 02/12/26, 02122026, 2-12-2026 (day first) and ISO; the error shows the
    expected form and the value received."""

    widget = DateInput

    def to_python(self, value):
        if value in self.empty_values:
            return None
        if isinstance(value, datetime.datetime):
            return value.date()
        if isinstance(value, datetime.date):
            return value
        try:
            return parse_date(str(value), today=timezone.localdate())
        except ValueError:
            raise forms.ValidationError(date_error(str(value)), code="invalid") from None
