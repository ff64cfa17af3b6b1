"""Forms of the candidate screens. Each action form validates its input and calls one service
(`form.save(candidate=..., actor=...)` -> services.Result); the rules live in the services."""

from django import forms

from units.models import PartyUnit
from vietnamese.text import capitalize_name

from . import services
from .forms_base import ActionForm, DateField, DateInput, MemberChoice, UnitChoice, VotesMixin, date_field
from .forms_probation import (
    CeremonyForm,
    ExtensionForm,
    ReceivedForm,
    RecognitionFailedForm,
    RecognitionForm,
    RecognitionResolutionForm,
)
from .models import (
    COMMITTEE_EXITS,
    Candidate,
    ExceptionKind,
    ExitReason,
    IntroductionRoute,
    ReadmissionExclusion,
    Stage,
    TrainingClass,
    TrainingResult,
)
from .plausibility import ConfirmImplausibleMixin
from .services import DOSSIER_FIELDS, PERSON_FIELDS


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


class IntroducerRowForm(forms.Form):
    """One introducer (3-KNĐ)."""

    full_name = forms.CharField(label="Họ và tên người giới thiệu", max_length=120, required=False)
    member = MemberChoice(label="Đảng viên trong hệ thống (nếu có)", queryset=Candidate.objects.none(), required=False)
    same_unit = forms.BooleanField(label="Là đảng viên của chi bộ", required=False, initial=True)
    official_date = date_field("Ngày trở thành đảng viên chính thức", required=False)
    together_since = date_field("Cùng công tác, học tập, cư trú từ ngày", required=False)
    introduced_on = date_field("Ngày viết giấy giới thiệu", required=False)
    is_replacement = forms.BooleanField(
        label="Người giới thiệu thay thế do chi bộ phân công (không cần đủ 12 tháng)", required=False
    )

    def __init__(self, *args, members=None, **kwargs):
        super().__init__(*args, **kwargs)
        if members is not None:
            self.fields["member"].queryset = members


IntroducerFormSet = forms.formset_factory(IntroducerRowForm, extra=0, min_num=2, max_num=2, validate_max=True)


class IntroducersForm(ActionForm):
    """The route (Điều lệ Điều 4.1), the Đoàn/union resolution and the introducers, as one form with a
    formset of two rows; the whole set is replaced."""

    route = forms.ChoiceField(label="Hình thức giới thiệu", choices=IntroductionRoute.choices)
    resolution_number = forms.CharField(
        label="Số nghị quyết giới thiệu của Đoàn/Công đoàn (4-KNĐ)", max_length=60, required=False
    )
    resolution_date = date_field("Ngày nghị quyết của Đoàn/Công đoàn", required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        c = self.candidate
        self.fields["route"].initial = c.introduction_route or IntroductionRoute.TWO_MEMBERS
        self.fields["resolution_number"].initial = c.union_resolution_number
        self.fields["resolution_date"].initial = c.union_resolution_date
        root = c.cell.path[: c.cell.steplen]
        members = (
            Candidate.objects.filter(cell__path__startswith=root, stage=Stage.OFFICIAL)
            .exclude(pk=c.pk)
            .select_related("cell")
            .order_by("sort_key")[:300]
        )
        initial = [
            {
                "full_name": x.full_name,
                "member": x.member_id,
                "same_unit": x.same_unit,
                "official_date": x.official_date,
                "together_since": x.together_since,
                "introduced_on": x.introduced_on,
                "is_replacement": x.is_replacement,
            }
            for x in c.introducers.all()
        ]
        data = args[0] if args else kwargs.get("data")
        self.formset = IntroducerFormSet(
            data, initial=initial or None, prefix=f"{self.prefix}-rows", form_kwargs={"members": members}
        )
        for row in self.formset.forms:
            row.fields["member"].queryset = Candidate.objects.filter(pk__in=[m.pk for m in members]).select_related(
                "cell"
            )

    def is_valid(self):
        return super().is_valid() & self.formset.is_valid()

    def save(self, actor):
        c = self.cleaned_data
        rows = [row.cleaned_data for row in self.formset.forms if row.cleaned_data]
        for row in rows:
            if not row.get("full_name") and not row.get("member"):
                row.clear()
        return services.candidate_record_introducers(
            actor=actor,
            candidate=self.candidate,
            route=c["route"],
            resolution_number=c["resolution_number"],
            resolution_date=c["resolution_date"],
            introducers=[r for r in rows if r],
            **self.common(),
        )


class ExceptionForm(ActionForm):
    kind = forms.ChoiceField(label="Trường hợp", choices=ExceptionKind.choices)
    document_number = forms.CharField(label="Số văn bản", max_length=60)
    document_date = date_field("Ngày văn bản")
    issuer = forms.CharField(label="Cơ quan ban hành", max_length=255)

    def save(self, actor):
        c = self.cleaned_data
        return services.candidate_record_exception(
            actor=actor,
            candidate=self.candidate,
            kind=c["kind"],
            document_number=c["document_number"],
            document_date=c["document_date"],
            issuer=c["issuer"],
            **self.common(),
        )


class AppraisalForm(ActionForm):
    number = forms.CharField(label="Số báo cáo thẩm định (7-KNĐ)", max_length=60)
    on = date_field("Ngày thẩm định")

    def save(self, actor):
        c = self.cleaned_data
        return services.candidate_record_appraisal(
            actor=actor, candidate=self.candidate, number=c["number"], on=c["on"], **self.common()
        )


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
    issuer = UnitChoice(
        label="Cấp ủy ra quyết định (có hiệu lực vào ngày quyết định)", queryset=PartyUnit.objects.none()
    )
    votes_for = forms.IntegerField(
        label="Số cấp ủy viên tán thành (khi đảng ủy cơ sở được ủy quyền tự quyết định)", min_value=0, required=False
    )
    members = forms.IntegerField(label="Tổng số cấp ủy viên", min_value=1, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        bodies = services.competent_bodies(self.candidate.cell)
        self.fields["issuer"].queryset = bodies
        if not any(b.kind in ("grassroots", "grassroots_cell") for b in bodies):
            del self.fields["votes_for"], self.fields["members"]

    def save(self, actor):
        c = self.cleaned_data
        return services.candidate_record_admission_decision(
            actor=actor,
            candidate=self.candidate,
            number=c["number"],
            on=c["on"],
            issuer=c["issuer"],
            votes_for=c.get("votes_for"),
            members=c.get("members"),
            **self.common(),
        )


class TransferForm(ActionForm):
    new_cell = UnitChoice(label="Chuyển sang chi bộ", queryset=PartyUnit.objects.none())
    on = date_field("Ngày chuyển")
    document_number = forms.CharField(
        label="Số văn bản (giấy giới thiệu chuyển sinh hoạt)", max_length=60, required=False
    )

    def __init__(self, *args, cells=None, **kwargs):
        super().__init__(*args, **kwargs)
        if cells is not None:
            self.fields["new_cell"].queryset = cells.exclude(pk=self.candidate.cell_id)

    def save(self, actor):
        c = self.cleaned_data
        return services.candidate_transfer(
            actor=actor,
            candidate=self.candidate,
            new_cell=c["new_cell"],
            on=c["on"],
            document_number=c["document_number"],
            **self.common(),
        )


class ExitForm(ActionForm):
    reason = forms.ChoiceField(label="Lý do", choices=[("", "—")] + ExitReason.choices)
    on = date_field("Ngày ra khỏi danh sách")
    document_number = forms.CharField(label="Số quyết định (xóa tên, ra khỏi Đảng)", max_length=60, required=False)
    issuer = UnitChoice(
        label="Cấp ủy quyết định (xóa tên, ra khỏi Đảng)", queryset=PartyUnit.objects.none(), required=False
    )
    confirm = forms.BooleanField(
        label="Tôi xác nhận đưa người này ra khỏi danh sách theo dõi (có thể khôi phục sau).", required=True
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        from units.scope import Action, can

        committee = self.user is None or can(self.user, Action.COMMITTEE_DECISIONS, self.candidate.cell)
        admitted = self.candidate.stage in (Stage.DECIDED, Stage.PROBATIONARY)
        if committee and admitted:
            self.fields["issuer"].queryset = services.competent_bodies(self.candidate.cell)
        else:
            # Strike-off and the exits of members are committee acts (recorded by committee staff).
            hidden = set(COMMITTEE_EXITS) | {ExitReason.LEFT_VOLUNTARILY}
            self.fields["reason"].choices = [(k, v) for k, v in self.fields["reason"].choices if k not in hidden]
            del self.fields["document_number"], self.fields["issuer"]

    def save(self, actor):
        c = self.cleaned_data
        return services.candidate_exit(
            actor=actor,
            candidate=self.candidate,
            reason=c["reason"],
            on=c["on"],
            document_number=c.get("document_number", ""),
            issuer=c.get("issuer"),
            **self.common(),
        )


class ReopenForm(ActionForm):
    on = date_field("Ngày khôi phục")

    def save(self, actor):
        return services.candidate_reopen(
            actor=actor, candidate=self.candidate, on=self.cleaned_data["on"], **self.common()
        )


class ReadmitForm(ActionForm):
    """Re-admission as a new admission record (the old one keeps its decision and year)."""

    on = date_field("Ngày lập hồ sơ kết nạp lại")
    cell = UnitChoice(label="Chi bộ lập hồ sơ", queryset=PartyUnit.objects.none())
    consent_number = forms.CharField(label="Số văn bản đồng ý của Ban Thường vụ tỉnh ủy", max_length=60)
    consent_date = date_field("Ngày văn bản đồng ý")
    consent_issuer = UnitChoice(label="Tỉnh ủy, thành ủy đồng ý", queryset=PartyUnit.objects.none())
    exclusions = forms.MultipleChoiceField(
        label="Thuộc trường hợp không xem xét kết nạp lại (đánh dấu nếu có)",
        choices=ReadmissionExclusion.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(self, *args, cells=None, **kwargs):
        super().__init__(*args, **kwargs)
        if cells is not None:
            self.fields["cell"].queryset = cells
        self.fields["cell"].initial = self.candidate.cell_id
        root = self.candidate.cell.path[: self.candidate.cell.steplen]
        provinces = PartyUnit.objects.filter(path=root, kind="province")
        self.fields["consent_issuer"].queryset = provinces
        self.fields["consent_issuer"].initial = provinces.first()

    def save(self, actor):
        c = self.cleaned_data
        return services.candidate_readmit(
            actor=actor,
            candidate=self.candidate,
            on=c["on"],
            cell=c["cell"],
            consent_number=c["consent_number"],
            consent_date=c["consent_date"],
            consent_issuer=c["consent_issuer"],
            exclusions=c["exclusions"],
            **self.common(),
        )


ACTION_FORMS: dict[str, type[ActionForm]] = {
    "sympathizer": SympathizerForm,
    "training": TrainingForm,
    "dossier": DossierForm,
    "introducers": IntroducersForm,
    "exception": ExceptionForm,
    "cell_resolution": CellResolutionForm,
    "appraisal": AppraisalForm,
    "committee_resolution": CommitteeResolutionForm,
    "decision": DecisionForm,
    "extension": ExtensionForm,
    "received": ReceivedForm,
    "ceremony": CeremonyForm,
    "recognition_resolution": RecognitionResolutionForm,
    "recognition_failed": RecognitionFailedForm,
    "recognition": RecognitionForm,
    "transfer": TransferForm,
    "exit": ExitForm,
    "reopen": ReopenForm,
    "readmit": ReadmitForm,
}


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
        self.fields["candidates"].label_from_instance = lambda c: (
            f"{c.full_name} ({c.birth_date:%d/%m/%Y})" if c.birth_date else f"{c.full_name} (thiếu ngày sinh)"
        )


class CellPickForm(forms.Form):
    cell = UnitChoice(label="Chi bộ", queryset=PartyUnit.objects.none(), to_field_name="code")

    def __init__(self, *args, cells=None, **kwargs):
        super().__init__(*args, **kwargs)
        if cells is not None:
            self.fields["cell"].queryset = cells
