"""Correcting a recorded field of an event: the old event stays, a correction event is added."""

from django import forms

from vietnamese.forms import DateField

from . import services
from .models import Candidate
from .services import CORRECTABLE_FIELDS, DOSSIER_FIELDS

# Which recorded fields an event is about (offered first when correcting it).
_STAGE_FIELDS = {
    "sympathizer": ["sympathizer_date", "mentor_name"],
    "trained": ["certificate_number", "certificate_date"],
    "proposed": ["cell_resolution_number", "cell_resolution_date", "cell_votes_for", "cell_official_members"],
    "decided": ["decision_number", "decision_date"],
    "probationary": ["ceremony_date", "decision_received_date"],
    "official": ["recognition_decision_number", "recognition_decision_date"],
}
_COMMITTEE_FIELDS = [
    "committee_resolution_number",
    "committee_resolution_date",
    "committee_votes_for",
    "committee_members",
]


def correctable_fields(event) -> list[str]:
    if event.kind == "transition" and event.to_stage in _STAGE_FIELDS:
        return _STAGE_FIELDS[event.to_stage]
    if event.action.startswith("Nghị quyết chi bộ đề nghị công nhận"):
        return ["recognition_resolution_number", "recognition_resolution_date", "recognition_votes_for",
                "recognition_official_members"]  # fmt: skip
    if event.action.startswith("Gia hạn thời hạn quyết định"):
        return ["decision_extension_number", "decision_extension_date", "decision_extension_reason"]
    if event.action.startswith("Chi bộ nhận quyết định"):
        return ["decision_received_date"]
    if "đảng ủy" in event.action:
        return _COMMITTEE_FIELDS
    if "hồ sơ" in event.action:
        return [f for f in DOSSIER_FIELDS if f in CORRECTABLE_FIELDS]
    if event.kind == "exit":
        return ["exit_date"]
    return []


class CorrectionForm(forms.Form):
    """Correct one recorded field of an event; the old event stays, a correction event is added."""

    version = forms.IntegerField(widget=forms.HiddenInput)
    field = forms.ChoiceField(label="Nội dung cần đính chính")
    value = forms.CharField(label="Giá trị đúng", max_length=255)
    note = forms.CharField(label="Lý do đính chính", widget=forms.Textarea(attrs={"rows": 2}))

    def __init__(self, *args, event, candidate: Candidate, **kwargs):
        self.event = event
        self.candidate = candidate
        kwargs.setdefault("initial", {})
        kwargs["initial"].setdefault("version", candidate.version)
        super().__init__(*args, **kwargs)
        names = correctable_fields(event)
        self.fields["field"].choices = [(n, str(Candidate._meta.get_field(n).verbose_name).capitalize()) for n in names]

    def clean(self):
        data = super().clean()
        name, raw = data.get("field"), data.get("value")
        if name and raw is not None:
            model_field = Candidate._meta.get_field(name)
            kind = model_field.get_internal_type()
            try:
                if kind == "DateField":
                    data["parsed"] = DateField().clean(raw)
                elif kind in ("PositiveIntegerField", "IntegerField"):
                    data["parsed"] = forms.IntegerField(min_value=0).clean(raw)
                else:
                    data["parsed"] = forms.CharField(max_length=model_field.max_length).clean(raw)
            except forms.ValidationError as exc:
                self.add_error("value", exc)
        return data

    def save(self, actor):
        c = self.cleaned_data
        return services.event_correct(
            actor=actor,
            event=self.event,
            changes={c["field"]: c["parsed"]},
            note=c["note"],
            expected_version=c["version"],
        )


class VoidForm(forms.Form):
    """Void a mistaken step: the reason is required; the hidden version refuses a stale page."""

    version = forms.IntegerField(widget=forms.HiddenInput)
    reason = forms.CharField(
        label="Lý do hủy",
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="Ví dụ: ghi nhầm người, nhầm số quyết định, ghi hai lần. Lý do được lưu trong nhật ký.",
        error_messages={"required": "Hãy ghi lý do hủy bước này."},
    )
