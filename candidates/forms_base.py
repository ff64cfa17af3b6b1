"""The shared parts of the candidate forms: the date field (typed as people type it, dd/mm/yyyy), the
unit choice, the action form every action shares (hidden version, note, confirmation of implausible
input) and the votes check."""

from django import forms
from django.forms.models import ModelChoiceIterator

from units.forms import UnitChoiceField
from units.labels import display_names
from vietnamese.forms import DateField, DateInput

from .models import Candidate
from .plausibility import ConfirmImplausibleMixin

__all__ = ["ActionForm", "DateField", "DateInput", "UnitChoice", "VotesMixin", "date_field"]


def date_field(label: str, required: bool = True, **kwargs) -> forms.DateField:
    return DateField(label=label, required=required, **kwargs)


class UnitChoice(UnitChoiceField):
    pass


class MemberChoiceIterator(ModelChoiceIterator):
    """Party members as "Name (their cell)", the cell told apart where its name repeats."""

    def __iter__(self):
        if self.field.empty_label is not None:
            yield ("", self.field.empty_label)
        members = list(self.queryset.select_related("cell"))
        cells = display_names(m.cell for m in members)
        for member in members:
            member._label = f"{member.full_name} ({cells.get(member.cell_id, '')})"
            yield self.choice(member)


class MemberChoice(forms.ModelChoiceField):
    """A party member of the system (an introducer, say)."""

    iterator = MemberChoiceIterator

    def label_from_instance(self, obj) -> str:
        return getattr(obj, "_label", None) or obj.full_name


class ActionForm(ConfirmImplausibleMixin, forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput)
    note = forms.CharField(label="Ghi chú", required=False, widget=forms.Textarea(attrs={"rows": 2}))

    def __init__(self, *args, candidate: Candidate, user=None, **kwargs):
        self.candidate = candidate
        self.user = user
        kwargs.setdefault("initial", {})
        kwargs["initial"].setdefault("version", candidate.version)
        super().__init__(*args, **kwargs)
        self.add_confirm_field()
        # Note last, after the action's own fields.
        self.order_fields([f for f in self.fields if f not in ("note", "version")] + ["note", "version"])

    def clean(self):
        data = super().clean()
        self.check_plausible(data)
        return data

    def common(self) -> dict:
        return {"note": self.cleaned_data.get("note", ""), "expected_version": self.cleaned_data["version"]}


class VotesMixin:
    def clean(self):
        data = super().clean()
        votes, total = data.get(self.votes_field), data.get(self.total_field)
        if votes is not None and total is not None and votes > total:
            raise forms.ValidationError(f"Số tán thành ({votes}) lớn hơn tổng số ({total}).")
        return data
