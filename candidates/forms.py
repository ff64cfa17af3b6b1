"""Forms of the candidate screens. Each action form validates its input and calls one service
(`form.save(candidate=..., actor=...)` -> services.Result); the rules live in the services."""

from django import forms

from units.forms import UnitChoiceField
from units.models import PartyUnit
from vietnamese.forms import DateField, DateInput
from vietnamese.text import capitalize_name

from . import services
from .models import Candidate, ExitReason, TrainingClass, TrainingResult
from .plausibility import ConfirmImplausibleMixin
from .services import CORRECTABLE_FIELDS, DOSSIER_FIELDS, PERSON_FIELDS


def date_field(label: str, required: bool = True, **kwargs) -> forms.DateField:
    return DateField(label=label, required=required, **kwargs)


class UnitChoice(UnitChoiceField):
    pass


class CandidateForm(ConfirmImplausibleMixin, forms.ModelForm):
    """Personal details. On create a cell is chosen; on edit the hidden version guards against
    overwriting someone else's newer save."""

    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    class Meta:
        model = Candidate
        fields = PERSON_FIELDS
        field_classes = {"birth_date": DateField}
        widgets = {
            "birth_date": DateInput(),
            "note": forms.Textarea(attrs={"rows": 3}),
            "national_id": forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "off"}),
            "phone": forms.TextInput(attrs={"inputmode": "tel"}),
        }

    def __init__(self, *args, cells=None, **kwargs):
        super().__init__(*args, **kwargs)
        if cells is not None:
            self.fields = {
                "cell": UnitChoice(label="Chi bộ", queryset=cells, empty_label=None if cells.count() == 1 else "—"),
                **self.fields,
            }
        if self.instance.pk:
            self.fields["version"].initial = self.instance.version
        else:
            del self.fields["version"]
        self.add_confirm_field()

    def clean(self):
        data = super().clean()
        self.check_plausible(data)
        return data

    def clean_full_name(self):
        # "NGUYỄN THỊ HẰNG" or "nguyễn thị hằng" -> "Nguyễn Thị Hằng"; mixed case is the user's.
        return capitalize_name(self.cleaned_data["full_name"])

    def _post_clean(self):
        # The services validate the row (duplicates, dates); a ModelForm would also try to
        # validate the model with a cell it does not know yet.
        pass

    def person_data(self) -> dict:
        return {k: self.cleaned_data[k] for k in PERSON_FIELDS if k in self.cleaned_data}


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


class SympathizerForm(ActionForm):
    on = date_field("Ngày vào danh sách cảm tình Đảng")
    mentor_name = forms.CharField(label="Đảng viên giúp đỡ", max_length=120)
    document_number = forms.CharField(label="Số văn bản (nếu có)", max_length=60, required=False)

    def save(self, actor):
        c = self.cleaned_data
        return services.candidate_add_to_sympathizers(
            actor=actor,
            candidate=self.candidate,
            on=c["on"],
            mentor_name=c["mentor_name"],
            document_number=c["document_number"],
            **self.common(),
        )


class TrainingForm(ActionForm):
    training_class = forms.ModelChoiceField(label="Lớp bồi dưỡng", queryset=TrainingClass.objects.none())
    result = forms.ChoiceField(label="Kết quả", choices=TrainingResult.choices)
    certificate_number = forms.CharField(label="Số giấy chứng nhận", max_length=60, required=False)
    certificate_date = date_field("Ngày cấp giấy chứng nhận", required=False)

    def __init__(self, *args, classes=None, **kwargs):
        super().__init__(*args, **kwargs)
        if classes is not None:
            self.fields["training_class"].queryset = classes
        enrolled = self.candidate.enrollments.order_by("-training_class__start_date").first()
        if enrolled:
            self.fields["training_class"].initial = enrolled.training_class_id

    def save(self, actor):
        c = self.cleaned_data
        return services.candidate_record_training(
            actor=actor,
            candidate=self.candidate,
            training_class=c["training_class"],
            result=c["result"],
            certificate_number=c["certificate_number"],
            certificate_date=c["certificate_date"],
            **self.common(),
        )


class DossierForm(ActionForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name in DOSSIER_FIELDS:
            model_field = Candidate._meta.get_field(name)
            label = str(model_field.verbose_name).capitalize()
            if model_field.get_internal_type() == "DateField":
                field = date_field(label, required=False)
            else:
                field = forms.CharField(label=label, max_length=model_field.max_length, required=False)
            field.initial = getattr(self.candidate, name)
            self.fields[name] = field
        self.order_fields(DOSSIER_FIELDS + ["note", "version"])

    def save(self, actor):
        data = {k: self.cleaned_data[k] if self.cleaned_data[k] is not None else None for k in DOSSIER_FIELDS}
        for k, v in data.items():
            if v is None and isinstance(getattr(self.candidate, k), str):
                data[k] = ""
        return services.candidate_record_dossier(actor=actor, candidate=self.candidate, data=data, **self.common())


class VotesMixin:
    def clean(self):
        data = super().clean()
        votes, total = data.get(self.votes_field), data.get(self.total_field)
        if votes is not None and total is not None and votes > total:
            raise forms.ValidationError(f"Số tán thành ({votes}) lớn hơn tổng số ({total}).")
        return data


class CellResolutionForm(VotesMixin, ActionForm):
    votes_field, total_field = "votes_for", "official_members"
    number = forms.CharField(label="Số nghị quyết chi bộ", max_length=60)
    on = date_field("Ngày nghị quyết (ngày họp chi bộ)")
    votes_for = forms.IntegerField(label="Số đảng viên chính thức tán thành", min_value=0)
    official_members = forms.IntegerField(label="Tổng số đảng viên chính thức của chi bộ", min_value=1)

    def save(self, actor):
        c = self.cleaned_data
        return services.candidate_record_cell_resolution(
            actor=actor,
            candidate=self.candidate,
            number=c["number"],
            on=c["on"],
            votes_for=c["votes_for"],
            official_members=c["official_members"],
            **self.common(),
        )


class CommitteeResolutionForm(VotesMixin, ActionForm):
    votes_field, total_field = "votes_for", "members"
    number = forms.CharField(label="Số nghị quyết đảng ủy", max_length=60)
    on = date_field("Ngày nghị quyết")
    votes_for = forms.IntegerField(label="Số cấp ủy viên tán thành", min_value=0)
    members = forms.IntegerField(label="Tổng số cấp ủy viên", min_value=1)

    def save(self, actor):
        c = self.cleaned_data
        return services.candidate_record_committee_resolution(
            actor=actor,
            candidate=self.candidate,
            number=c["number"],
            on=c["on"],
            votes_for=c["votes_for"],
            members=c["members"],
            **self.common(),
        )


class DecisionForm(ActionForm):
    number = forms.CharField(label="Số quyết định kết nạp", max_length=60)
    on = date_field("Ngày quyết định")
    issuer = forms.CharField(label="Cơ quan ra quyết định", max_length=255, initial="Ban Thường vụ Đảng ủy")

    def save(self, actor):
        c = self.cleaned_data
        return services.candidate_record_admission_decision(
            actor=actor, candidate=self.candidate, number=c["number"], on=c["on"], issuer=c["issuer"], **self.common()
        )


class CeremonyForm(ActionForm):
    on = date_field("Ngày lễ kết nạp")

    def save(self, actor):
        return services.candidate_record_ceremony(
            actor=actor, candidate=self.candidate, on=self.cleaned_data["on"], **self.common()
        )


class RecognitionForm(VotesMixin, ActionForm):
    votes_field, total_field = "votes_for", "official_members"
    resolution_number = forms.CharField(label="Số nghị quyết chi bộ", max_length=60)
    resolution_date = date_field("Ngày nghị quyết chi bộ")
    votes_for = forms.IntegerField(label="Số đảng viên chính thức tán thành", min_value=0)
    official_members = forms.IntegerField(label="Tổng số đảng viên chính thức", min_value=1)
    decision_number = forms.CharField(label="Số quyết định công nhận", max_length=60)
    decision_date = date_field("Ngày quyết định công nhận")

    def save(self, actor):
        c = self.cleaned_data
        return services.candidate_record_recognition(
            actor=actor,
            candidate=self.candidate,
            resolution_number=c["resolution_number"],
            resolution_date=c["resolution_date"],
            votes_for=c["votes_for"],
            official_members=c["official_members"],
            decision_number=c["decision_number"],
            decision_date=c["decision_date"],
            **self.common(),
        )


class TransferForm(ActionForm):
    new_cell = UnitChoice(label="Chuyển sang chi bộ", queryset=PartyUnit.objects.none())
    on = date_field("Ngày chuyển")

    def __init__(self, *args, cells=None, **kwargs):
        super().__init__(*args, **kwargs)
        if cells is not None:
            self.fields["new_cell"].queryset = cells.exclude(pk=self.candidate.cell_id)

    def save(self, actor):
        c = self.cleaned_data
        return services.candidate_transfer(
            actor=actor, candidate=self.candidate, new_cell=c["new_cell"], on=c["on"], **self.common()
        )


class ExitForm(ActionForm):
    reason = forms.ChoiceField(label="Lý do", choices=[("", "—")] + ExitReason.choices)
    on = date_field("Ngày ra khỏi danh sách")
    confirm = forms.BooleanField(
        label="Tôi xác nhận đưa người này ra khỏi danh sách theo dõi (có thể khôi phục sau).", required=True
    )

    def save(self, actor):
        c = self.cleaned_data
        return services.candidate_exit(
            actor=actor, candidate=self.candidate, reason=c["reason"], on=c["on"], **self.common()
        )


class ReopenForm(ActionForm):
    on = date_field("Ngày khôi phục")

    def save(self, actor):
        return services.candidate_reopen(
            actor=actor, candidate=self.candidate, on=self.cleaned_data["on"], **self.common()
        )


ACTION_FORMS: dict[str, type[ActionForm]] = {
    "sympathizer": SympathizerForm,
    "training": TrainingForm,
    "dossier": DossierForm,
    "cell_resolution": CellResolutionForm,
    "committee_resolution": CommitteeResolutionForm,
    "decision": DecisionForm,
    "ceremony": CeremonyForm,
    "recognition": RecognitionForm,
    "transfer": TransferForm,
    "exit": ExitForm,
    "reopen": ReopenForm,
}

# Which recorded fields an event is about (offered first when correcting it).
_STAGE_FIELDS = {
    "sympathizer": ["sympathizer_date", "mentor_name"],
    "trained": ["certificate_number", "certificate_date"],
    "proposed": ["cell_resolution_number", "cell_resolution_date", "cell_votes_for", "cell_official_members"],
    "decided": ["decision_number", "decision_date", "decision_issuer"],
    "probationary": ["ceremony_date"],
    "official": [
        "recognition_resolution_number",
        "recognition_resolution_date",
        "recognition_votes_for",
        "recognition_official_members",
        "recognition_decision_number",
        "recognition_decision_date",
    ],
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


class EnrollForm(forms.Form):
    """Bulk: send several sympathizers of one cell to a class."""

    candidates = forms.ModelMultipleChoiceField(
        label="Chọn quần chúng cảm tình Đảng", queryset=Candidate.objects.none(), widget=forms.CheckboxSelectMultiple
    )
    note = forms.CharField(label="Ghi chú", required=False, max_length=255)

    def __init__(self, *args, choices=None, **kwargs):
        super().__init__(*args, **kwargs)
        if choices is not None:
            self.fields["candidates"].queryset = choices
        self.fields["candidates"].label_from_instance = lambda c: f"{c.full_name} ({c.birth_date:%d/%m/%Y})"


class CellPickForm(forms.Form):
    cell = UnitChoice(label="Chi bộ", queryset=PartyUnit.objects.none(), to_field_name="code")

    def __init__(self, *args, cells=None, **kwargs):
        super().__init__(*args, **kwargs)
        if cells is not None:
            self.fields["cell"].queryset = cells
