from django import forms
from django.forms.models import ModelChoiceIterator

from vietnamese.forms import DateField

from .labels import display_names
from .models import PartyUnit, Sector, UnitKind


class UnitChoiceIterator(ModelChoiceIterator):
    """The choices with the units told apart where names repeat: two queries for the whole list."""

    def __iter__(self):
        if self.field.empty_label is not None:
            yield ("", self.field.empty_label)
        units = list(self.queryset)
        names = display_names(units)
        for unit in units:
            unit._label = names.get(unit.pk, unit.name)
            yield self.choice(unit)


class UnitChoiceField(forms.ModelChoiceField):
    """A unit select, searchable by typing (static/js/unit_picker.js), "Chi bộ thôn Đoài — xã Tân Hòa"."""

    iterator = UnitChoiceIterator

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("widget", forms.Select(attrs={"data-unit-picker": ""}))
        super().__init__(*args, **kwargs)

    def label_from_instance(self, obj: PartyUnit) -> str:
        return obj.label


class UnitSearchForm(forms.Form):
    q = forms.CharField(label="Tìm đơn vị", required=False, max_length=100)


class UnitMergeForm(forms.Form):
    target = UnitChoiceField(label="Sáp nhập vào", queryset=PartyUnit.objects.none())
    merged_on = DateField(label="Ngày sáp nhập")
    decision = forms.CharField(label="Quyết định số", required=False, max_length=120)

    def __init__(self, *args, target_queryset=None, **kwargs):
        super().__init__(*args, **kwargs)
        if target_queryset is not None:
            self.fields["target"].queryset = target_queryset


class UnitForm(forms.Form):
    code = forms.CharField(label="Mã đơn vị", max_length=40)
    name = forms.CharField(label="Tên đơn vị", max_length=255)
    kind = forms.ChoiceField(label="Loại tổ chức", choices=UnitKind.choices)
    sector = forms.ChoiceField(label="Khối, lĩnh vực", choices=Sector.choices, initial=Sector.OTHER)
    valid_from = DateField(label="Hiệu lực từ", required=False)
    valid_to = DateField(label="Hết hiệu lực", required=False)
    member_count = forms.IntegerField(label="Số đảng viên đầu năm", required=False, min_value=0)
    has_youth_union = forms.NullBooleanField(
        label="Có tổ chức Đoàn (người trong độ tuổi thanh niên do Đoàn giới thiệu)",
        required=False,
        widget=forms.NullBooleanSelect,
    )
    has_trade_union = forms.NullBooleanField(
        label="Có tổ chức Công đoàn",
        required=False,
        widget=forms.NullBooleanSelect,
    )
    admission_authorization_number = forms.CharField(
        label="Ủy quyền kết nạp đảng viên: số văn bản", max_length=60, required=False
    )
    admission_authorization_date = DateField(label="Ủy quyền kết nạp: ngày", required=False)
    admission_authorized_by = forms.ModelChoiceField(
        label="Ủy quyền kết nạp: cấp ủy ủy quyền", queryset=PartyUnit.objects.none(), required=False
    )
    parent = UnitChoiceField(label="Đơn vị cấp trên", queryset=PartyUnit.objects.none(), required=False)
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, parent_queryset=None, upper_queryset=None, **kwargs):
        super().__init__(*args, **kwargs)
        for name in ("has_youth_union", "has_trade_union"):
            self.fields[name].widget.choices = [("unknown", "Chưa ghi"), ("true", "Có"), ("false", "Không")]
        if upper_queryset is not None:
            self.fields["admission_authorized_by"].queryset = upper_queryset
        if parent_queryset is None:
            del self.fields["parent"]
        else:
            self.fields["parent"].queryset = parent_queryset
            self.fields["parent"].required = True

    def clean(self):
        data = super().clean()
        if data.get("valid_from") and data.get("valid_to") and data["valid_to"] < data["valid_from"]:
            self.add_error("valid_to", "Ngày hết hiệu lực phải sau ngày bắt đầu hiệu lực.")
        return data
