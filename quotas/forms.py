import datetime

import django_filters
from django import forms
from django.utils import timezone

from candidates.models import Candidate
from vietnamese.forms import DateField
from vietnamese.text import fold

from .models import MAX_YEAR, MIN_YEAR


class PeriodForm(forms.Form):
    """Year and as-of date of the dashboard (GET). Invalid input falls back to the defaults."""

    nam = forms.IntegerField(
        label="Năm",
        min_value=MIN_YEAR,
        max_value=MAX_YEAR,
        required=False,
        error_messages={
            key: f"Năm phải trong khoảng {MIN_YEAR}–{MAX_YEAR}." for key in ("invalid", "min_value", "max_value")
        },
    )
    ngay = DateField(label="Tính đến ngày", required=False)

    def period(self) -> tuple[int, datetime.date]:
        today = timezone.localdate()
        self.is_valid()  # the valid fields are used even when another one is wrong
        data = getattr(self, "cleaned_data", {})
        year = data.get("nam") or today.year
        as_of = data.get("ngay")
        if as_of is None:
            as_of = today if year == today.year else datetime.date(year, 12, 31)
        return year, as_of


LIST_KINDS = {
    "admitted": "Đã kết nạp (theo ngày quyết định)",
    "proposed": "Đề nghị kết nạp (đang xét)",
    "trained": "Đã bồi dưỡng, giấy chứng nhận còn hạn đến 31/12",
}


class PeopleListForm(PeriodForm):
    loai = forms.ChoiceField(label="Danh sách", choices=list(LIST_KINDS.items()), required=False)
    thang = forms.IntegerField(label="Tháng", min_value=1, max_value=12, required=False)
    quy = forms.IntegerField(label="Quý", min_value=1, max_value=4, required=False)


class PeopleFilter(django_filters.FilterSet):
    """Search inside the list behind a number (name without diacritics, cell)."""

    q = django_filters.CharFilter(label="Họ tên (không cần dấu)", method="search")
    stage = django_filters.ChoiceFilter(
        label="Giai đoạn hiện nay", field_name="stage", choices=Candidate._meta.get_field("stage").choices
    )

    class Meta:
        model = Candidate
        fields = ["q", "stage"]

    def search(self, queryset, name, value):
        for word in fold(value).split(" "):
            if word:
                queryset = queryset.filter(search_name__contains=word)
        return queryset


class AllocationForm(forms.Form):
    """One text field per child unit (t_<id>), the parent's own target, the document. Values are
    validated by quotas.services.quota_allocate, which reports every error at once."""

    document = forms.CharField(label="Văn bản giao chỉ tiêu", max_length=120, required=False)
    # quotas.services.quota_state() when the form was drawn: a stale form is refused, not applied.
    state = forms.CharField(widget=forms.HiddenInput, required=False, max_length=100_000)

    def __init__(self, *args, children, initial_targets, parent_initial=None, can_set_parent=False, **kwargs):
        super().__init__(*args, **kwargs)
        self.children = children
        self.can_set_parent = can_set_parent
        if can_set_parent:
            self.fields["parent_target"] = forms.CharField(
                label="Chỉ tiêu của đơn vị",
                required=False,
                initial=parent_initial,
                widget=forms.TextInput(attrs={"inputmode": "numeric", "size": 6, "data-role": "parent"}),
            )
        for child in children:
            self.fields[f"t_{child.pk}"] = forms.CharField(
                label=child.name,
                required=False,
                initial=initial_targets.get(child.pk),
                widget=forms.TextInput(attrs={"inputmode": "numeric", "size": 6, "data-role": "child"}),
            )

    def rows(self):
        return [(child, self[f"t_{child.pk}"]) for child in self.children]

    def targets(self) -> dict[int, str]:
        """Child id -> the text typed, for the fields sent (a field left out changes nothing; a field
        sent empty removes that child's quota)."""
        return {child.pk: self.data[f"t_{child.pk}"] for child in self.children if f"t_{child.pk}" in self.data}
