"""The shared parts of the candidate forms: the date input (dd/mm/yyyy), the unit choice, the action
form every action shares (hidden version, note) and the votes check."""

from django import forms

from units.models import PartyUnit

from .models import Candidate


class DateInput(forms.DateInput):
    def __init__(self, attrs=None):
        base = {"placeholder": "dd/mm/yyyy", "inputmode": "numeric", "autocomplete": "off", "size": 11}
        super().__init__(attrs=base | (attrs or {}), format="%d/%m/%Y")


def date_field(label: str, required: bool = True, **kwargs) -> forms.DateField:
    return forms.DateField(label=label, required=required, widget=DateInput(), **kwargs)


class UnitChoice(forms.ModelChoiceField):
    def label_from_instance(self, obj: PartyUnit) -> str:
        return f"{obj.name} ({obj.code})"


class ActionForm(forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput)
    note = forms.CharField(label="Ghi chú", required=False, widget=forms.Textarea(attrs={"rows": 2}))

    def __init__(self, *args, candidate: Candidate, user=None, **kwargs):
        self.candidate = candidate
        self.user = user
        kwargs.setdefault("initial", {})
        kwargs["initial"].setdefault("version", candidate.version)
        super().__init__(*args, **kwargs)
        # Note last, after the action's own fields.
        self.order_fields([f for f in self.fields if f not in ("note", "version")] + ["note", "version"])

    def common(self) -> dict:
        return {"note": self.cleaned_data.get("note", ""), "expected_version": self.cleaned_data["version"]}


class VotesMixin:
    def clean(self):
        data = super().clean()
        votes, total = data.get(self.votes_field), data.get(self.total_field)
        if votes is not None and total is not None and votes > total:
            raise forms.ValidationError(f"Số tán thành ({votes}) lớn hơn tổng số ({total}).")
        return data
