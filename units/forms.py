from django import forms

from .models import PartyUnit


class UnitSearchForm(forms.Form):
    q = forms.CharField(label="Tìm đơn vị", required=False, max_length=100)


class UnitMergeForm(forms.Form):
    target = forms.ModelChoiceField(label="Sáp nhập vào", queryset=PartyUnit.objects.none())
    merged_on = forms.DateField(label="Ngày sáp nhập")
    decision = forms.CharField(label="Quyết định số", required=False, max_length=120)

    def __init__(self, *args, target_queryset=None, **kwargs):
        super().__init__(*args, **kwargs)
        if target_queryset is not None:
            self.fields["target"].queryset = target_queryset
