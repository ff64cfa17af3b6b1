from django import forms
from django.urls import reverse_lazy
from django.utils import timezone

from vietnamese.forms import DateField

from .params import MAX_YEAR, MIN_YEAR, ReportError, make_period
from .registry import REPORTS

QUARTER_CHOICES = [("", "Cả năm"), ("1", "Quý I"), ("2", "Quý II"), ("3", "Quý III"), ("4", "Quý IV")]


class ReportForm(forms.Form):
    """The parameters of a report. The unit's scope is checked by the caller (404, not a form error)."""

    report = forms.ChoiceField(label="Báo cáo", choices=[(k, r.label) for k, r in REPORTS.items()])
    unit = forms.CharField(
        label="Đơn vị",
        max_length=40,
        help_text="Gõ tên đơn vị (không cần dấu) rồi chọn; hoặc gõ mã đơn vị.",
        widget=forms.TextInput(attrs={"data-unit-lookup": reverse_lazy("units-lookup"), "autocomplete": "off"}),
    )
    year = forms.IntegerField(label="Năm", min_value=MIN_YEAR, max_value=MAX_YEAR, required=False)
    quarter = forms.TypedChoiceField(label="Quý", choices=QUARTER_CHOICES, coerce=int, empty_value=None, required=False)
    as_of = DateField(label="Tính đến ngày", required=False)
    class_code = forms.CharField(label="Mã lớp bồi dưỡng", max_length=40, required=False)

    def __init__(self, *args, default_unit: str = "", unit_label: str = "", **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].initial = default_unit
        if unit_label:
            self.fields["unit"].widget.attrs["data-unit-label"] = unit_label
        self.fields["year"].initial = timezone.localdate().year
        self.fields["year"].error_messages.update(
            {
                "min_value": f"Năm phải trong khoảng {MIN_YEAR}–{MAX_YEAR}.",
                "max_value": f"Năm phải trong khoảng {MIN_YEAR}–{MAX_YEAR}.",
                "invalid": "Năm phải là một số, ví dụ 2026.",
            }
        )
        self.fields["quarter"].error_messages["invalid_choice"] = "Quý phải là 1, 2, 3 hoặc 4."
        self.fields["report"].error_messages["invalid_choice"] = "Không có báo cáo này."

    def clean(self):
        data = super().clean()
        kind = REPORTS.get(data.get("report") or "")
        if kind is None or self.errors:
            return data
        if kind.uses_period:
            if data.get("year") is None:
                self.add_error("year", "Hãy nhập năm báo cáo.")
                return data
            try:
                make_period(data["year"], data.get("quarter"), data.get("as_of"))
            except ReportError as exc:
                self.add_error("as_of" if data.get("as_of") else "quarter", str(exc))
        if kind.uses_class and not data.get("class_code"):
            self.add_error("class_code", "Hãy nhập mã lớp bồi dưỡng.")
        return data
