"""The forms of the deadlines and of recognition: the decision's extension, the day the cell received
the decision, the ceremony, the cell's recognition resolution (with the recognition file), a failed
recognition vote, the recognition decision. Each calls one service (candidates.services.admission)."""

from django import forms

from . import rules, services
from .forms_base import ActionForm, VotesMixin, date_field


class ExtensionForm(ActionForm):
    days = forms.IntegerField(label="Số ngày làm việc gia hạn (tối đa 30)", min_value=1)
    number = forms.CharField(label="Số văn bản gia hạn", max_length=60)
    on = date_field("Ngày văn bản gia hạn")
    reason = forms.CharField(label="Lý do gia hạn (trường hợp đặc biệt)", max_length=255)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        start = self.candidate.cell_resolution_date
        if start:
            self.fields["days"].initial = rules.rules_for(start).decision_extension_working_days

    def save(self, actor):
        c = self.cleaned_data
        return services.candidate_record_decision_extension(
            actor=actor,
            candidate=self.candidate,
            days=c["days"],
            number=c["number"],
            on=c["on"],
            reason=c["reason"],
            **self.common(),
        )


class ReceivedForm(ActionForm):
    on = date_field("Ngày chi bộ nhận quyết định kết nạp")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["on"].initial = self.candidate.decision_received_date or self.candidate.decision_date

    def save(self, actor):
        return services.candidate_record_decision_received(
            actor=actor, candidate=self.candidate, on=self.cleaned_data["on"], **self.common()
        )


class CeremonyForm(ActionForm):
    on = date_field("Ngày lễ kết nạp")
    received_on = date_field("Ngày chi bộ nhận quyết định (để trống: ngày quyết định)", required=False)
    late_approval_number = forms.CharField(
        label="Số văn bản cấp ủy cấp trên đồng ý tổ chức lễ muộn (nếu có)", max_length=60, required=False
    )
    late_approval_date = date_field("Ngày văn bản đồng ý tổ chức lễ muộn", required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["received_on"].initial = self.candidate.decision_received_date

    def save(self, actor):
        c = self.cleaned_data
        return services.candidate_record_ceremony(
            actor=actor,
            candidate=self.candidate,
            on=c["on"],
            received_on=c["received_on"],
            late_approval_number=c["late_approval_number"],
            late_approval_date=c["late_approval_date"],
            **self.common(),
        )


class RecognitionResolutionForm(VotesMixin, ActionForm):
    votes_field, total_field = "votes_for", "official_members"
    new_member_certificate_number = forms.CharField(
        label="Số giấy chứng nhận lớp bồi dưỡng lý luận chính trị cho đảng viên mới", max_length=60, required=False
    )
    new_member_certificate_date = date_field("Ngày cấp giấy chứng nhận lớp đảng viên mới", required=False)
    self_review_date = date_field("Ngày bản tự kiểm điểm (10-KNĐ)", required=False)
    helper_assessment_date = date_field("Ngày bản nhận xét của đảng viên giúp đỡ (11-KNĐ)", required=False)
    probation_comments_date = date_field("Ngày tổng hợp ý kiến nhận xét (12-KNĐ)", required=False)
    number = forms.CharField(label="Số nghị quyết chi bộ (13-KNĐ)", max_length=60)
    on = date_field("Ngày nghị quyết (ngày họp chi bộ)")
    votes_for = forms.IntegerField(label="Số đảng viên chính thức tán thành", min_value=0)
    official_members = forms.IntegerField(label="Tổng số đảng viên chính thức", min_value=1)

    FILE = [
        "new_member_certificate_number",
        "new_member_certificate_date",
        "self_review_date",
        "helper_assessment_date",
        "probation_comments_date",
    ]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name in self.FILE:
            self.fields[name].initial = getattr(self.candidate, name)

    def save(self, actor):
        c = self.cleaned_data
        return services.candidate_record_recognition_resolution(
            actor=actor,
            candidate=self.candidate,
            number=c["number"],
            on=c["on"],
            votes_for=c["votes_for"],
            official_members=c["official_members"],
            file={k: c[k] for k in self.FILE},
            **self.common(),
        )


class RecognitionFailedForm(VotesMixin, ActionForm):
    votes_field, total_field = "votes_for", "official_members"
    on = date_field("Ngày họp chi bộ")
    votes_for = forms.IntegerField(label="Số đảng viên chính thức tán thành", min_value=0)
    official_members = forms.IntegerField(label="Tổng số đảng viên chính thức", min_value=1)

    def save(self, actor):
        c = self.cleaned_data
        return services.candidate_record_recognition_failed_vote(
            actor=actor,
            candidate=self.candidate,
            on=c["on"],
            votes_for=c["votes_for"],
            official_members=c["official_members"],
            **self.common(),
        )


class RecognitionForm(ActionForm):
    committee_resolution_number = forms.CharField(
        label="Số nghị quyết đảng ủy cơ sở đề nghị công nhận (chi bộ trực thuộc)", max_length=60, required=False
    )
    committee_resolution_date = date_field("Ngày nghị quyết đảng ủy cơ sở", required=False)
    decision_number = forms.CharField(label="Số quyết định công nhận", max_length=60)
    decision_date = date_field("Ngày quyết định công nhận")

    def save(self, actor):
        c = self.cleaned_data
        return services.candidate_record_recognition(
            actor=actor,
            candidate=self.candidate,
            decision_number=c["decision_number"],
            decision_date=c["decision_date"],
            committee_resolution_number=c["committee_resolution_number"],
            committee_resolution_date=c["committee_resolution_date"],
            **self.common(),
        )
