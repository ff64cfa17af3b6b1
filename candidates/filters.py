"""The candidate list's filters, search and sort (reused by the report "list with the current filters").

    CandidateFilter(data, queryset=None, *, user, request=None)

`queryset` defaults to everything the user may see; `.qs` is the filtered, sorted queryset.
"""

import django_filters
from django import forms

from units import forms as units_forms
from units.models import PartyUnit
from units.scope import home_units, scoped
from vietnamese.text import clean_text, fold

from . import selectors
from .models import Candidate, Stage

STATUS_CHOICES = [
    ("open", "Đang theo dõi"),
    ("pipeline", "Đang theo dõi, chưa là đảng viên chính thức"),
    ("exited", "Đã ra khỏi danh sách"),
    ("all", "Tất cả"),
]
SORT_CHOICES = [
    ("name", "Tên (A → Z)"),
    ("-name", "Tên (Z → A)"),
    ("birth", "Ngày sinh (già trước)"),
    ("-birth", "Ngày sinh (trẻ trước)"),
    ("stage", "Giai đoạn (đầu → cuối)"),
    ("-stage", "Giai đoạn (cuối → đầu)"),
]
SORT_ORDER = {
    "name": ("sort_key", "birth_date", "id"),
    "-name": ("-sort_key", "-birth_date", "-id"),
    "birth": ("birth_date", "sort_key", "id"),
    "-birth": ("-birth_date", "sort_key", "id"),
    "stage": ("stage_order", "sort_key", "id"),
    "-stage": ("-stage_order", "sort_key", "id"),
}
DEFAULTS = {"status": "open", "sort": "name"}


class UnitChoiceField(units_forms.UnitChoiceField):
    """The scope's tree, indented, each unit told apart where its name repeats; searchable by typing."""

    top_depth = 1

    def label_from_instance(self, obj: PartyUnit) -> str:
        return "\u00a0\u00a0" * max(obj.depth - self.top_depth, 0) + obj.label


class UnitFilter(django_filters.ModelChoiceFilter):
    field_class = UnitChoiceField


class CandidateFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(
        label="Tìm theo tên",
        method="filter_q",
        widget=forms.TextInput(attrs={"placeholder": "vd. nguyen thi hang", "type": "search"}),
    )
    stage = django_filters.ChoiceFilter(label="Giai đoạn", choices=Stage.choices, empty_label="Tất cả giai đoạn")
    unit = UnitFilter(
        label="Đơn vị",
        queryset=PartyUnit.objects.none(),
        to_field_name="code",
        method="filter_unit",
        empty_label="Toàn bộ phạm vi",
    )
    status = django_filters.ChoiceFilter(
        label="Trạng thái", choices=STATUS_CHOICES, method="filter_status", empty_label=None
    )
    year = django_filters.NumberFilter(
        label="Năm kết nạp",
        field_name="decision_date",
        lookup_expr="year",
        min_value=2000,
        max_value=2100,
        decimal_places=0,
        error_messages={
            "invalid": "Năm kết nạp phải là một số.",
            "min_value": "Năm kết nạp phải trong khoảng 2000–2100.",
            "max_value": "Năm kết nạp phải trong khoảng 2000–2100.",
            "max_digits": "Năm kết nạp phải trong khoảng 2000–2100.",
            "max_decimal_places": "Năm kết nạp phải là số nguyên.",
        },
        widget=forms.NumberInput(attrs={"placeholder": "vd. 2026", "min": 2000, "max": 2100}),
    )
    overdue = django_filters.BooleanFilter(
        label="Quá hạn",
        method="filter_overdue",
        widget=forms.CheckboxInput,
    )
    cert_expiring = django_filters.BooleanFilter(
        label="Giấy chứng nhận sắp hết hạn",
        method="filter_cert_expiring",
        widget=forms.CheckboxInput,
    )
    sort = django_filters.ChoiceFilter(label="Sắp xếp", choices=SORT_CHOICES, method="filter_sort", empty_label=None)

    class Meta:
        model = Candidate
        fields = ["q", "stage", "unit", "status", "year", "overdue", "cert_expiring", "sort"]

    def __init__(self, data=None, queryset=None, *, user=None, request=None, prefix=None):
        self.user = user if user is not None else getattr(request, "user", None)
        if self.user is None:
            raise ValueError("CandidateFilter needs the user (its scope).")
        if queryset is None:
            queryset = selectors.candidate_list(user=self.user)
        else:
            queryset = scoped(self.user, queryset)
        data = data.copy() if data is not None else {}
        for key, value in DEFAULTS.items():
            if not data.get(key):
                data[key] = value
        # A checkbox left unticked means "no filter", not "not overdue".
        for key in ("overdue", "cert_expiring"):
            if data.get(key) in ("false", "False", "0", "off", ""):
                data.pop(key, None)
        super().__init__(data, queryset, request=request, prefix=prefix)
        units = scoped(self.user, PartyUnit).order_by("path").only("id", "path", "depth", "code", "name", "kind")
        field = self.filters["unit"]
        field.queryset = units
        form_field = self.form.fields["unit"]
        form_field.queryset = units
        form_field.top_depth = min((u.depth for u in home_units(self.user)), default=1)
        self._cutoffs = None

    @property
    def cutoffs(self):
        if self._cutoffs is None:
            self._cutoffs = selectors.cutoffs()
        return self._cutoffs

    def filter_q(self, queryset, name, value):
        value = clean_text(value)
        if not value:
            return queryset
        # Never a national ID here: a GET search by part of a number was an oracle that recovered a
        # masked CCCD digit by digit. Search by CCCD is an exact match sent by POST (search_by_id).
        for word in fold(value).split(" "):
            queryset = queryset.filter(search_name__contains=word)
        return queryset

    def filter_unit(self, queryset, name, unit):
        return queryset.filter(cell__path__startswith=unit.path)

    def filter_status(self, queryset, name, value):
        if value == "open":
            return queryset.filter(is_open=True)
        if value == "pipeline":  # what the unit tree counts as "Đang theo dõi"
            return queryset.filter(is_open=True).exclude(stage=Stage.OFFICIAL)
        if value == "exited":
            return queryset.filter(is_open=False)
        return queryset

    def filter_overdue(self, queryset, name, value):
        return queryset.filter(selectors.q_overdue(self.cutoffs)) if value else queryset

    def filter_cert_expiring(self, queryset, name, value):
        return queryset.filter(selectors.q_certificate_expiring(self.cutoffs)) if value else queryset

    def filter_sort(self, queryset, name, value):
        order = SORT_ORDER.get(value, SORT_ORDER["name"])
        if "stage_order" in order[0]:
            queryset = selectors.with_stage_order(queryset)
        return queryset.order_by(*order)


def active_filters(filterset: CandidateFilter) -> bool:
    """Whether the user narrowed the list (for the empty-state message)."""
    data = filterset.form.cleaned_data if filterset.form.is_valid() else {}
    return any(data.get(k) for k in ("q", "stage", "unit", "year", "overdue", "cert_expiring")) or (
        data.get("status") not in (None, "", "open")
    )
