"""The register of official documents (numbers, who produced what for whom), the offices' own Word
templates, and the meeting facts the pipeline does not record elsewhere (attendance, chair)."""

from django.conf import settings
from django.db import models
from django.db.models import Q

from candidates.models import Candidate, TrainingClass
from units.models import PartyUnit


class NumberCounter(models.Model):
    """The running number of one document kind code ("NQ", "QĐ", "BC") of one issuing body in one term.
    Rows are locked (select_for_update) while a number is taken; SQLite serializes writers itself."""

    issuer = models.ForeignKey(PartyUnit, verbose_name="cơ quan ban hành", on_delete=models.PROTECT, related_name="+")
    kind_code = models.CharField("loại văn bản", max_length=10)
    term = models.CharField("nhiệm kỳ", max_length=20)
    last = models.PositiveIntegerField("số cuối", default=0)

    class Meta:
        verbose_name = "bộ đếm số văn bản"
        verbose_name_plural = "bộ đếm số văn bản"
        constraints = [
            models.UniqueConstraint(
                fields=["issuer", "kind_code", "term"], name="reports_numbercounter_unique_issuer_kind_term"
            )
        ]


class NumberingTerm(models.Model):
    """When an issuing body's term (nhiệm kỳ) began: the congress that elected it. Its numbers start
    again at 1 on that day. DOMAIN.md says numbers run "within a term" but not how terms are counted;
    for a body with no date entered (or before the first one), terms are five-year windows from
    01/01/2020 (reports/documents/numbering.py)."""

    issuer = models.ForeignKey(PartyUnit, verbose_name="cơ quan ban hành", on_delete=models.PROTECT, related_name="+")
    starts_on = models.DateField("nhiệm kỳ bắt đầu từ ngày", help_text="Ngày đại hội bầu ra cấp ủy (chi bộ) khóa này.")
    note = models.CharField(
        "ghi chú", max_length=120, blank=True, help_text="Ví dụ: Đại hội lần thứ XX, nhiệm kỳ 2025–2030."
    )

    scope_path = "issuer__path"

    class Meta:
        verbose_name = "nhiệm kỳ của cơ quan ban hành"
        verbose_name_plural = "nhiệm kỳ của cơ quan ban hành"
        ordering = ["issuer__path", "-starts_on"]
        constraints = [
            models.UniqueConstraint(fields=["issuer", "starts_on"], name="reports_numberingterm_unique_issuer_start")
        ]

    def __str__(self) -> str:
        return f"{self.issuer} — từ {self.starts_on:%d/%m/%Y}"


class RegisterEntry(models.Model):
    """One produced document: its number, kind, form code and guidance, for whom, by whom, when.
    A re-print of the same document for the same subject finds this row and reuses its number."""

    class Source(models.TextChoices):
        REGISTER = "register", "Cấp số từ sổ"
        RECORDED = "recorded", "Số đã ghi trong hồ sơ"
        NONE = "none", "Không đánh số"

    issuer = models.ForeignKey(PartyUnit, verbose_name="cơ quan ban hành", on_delete=models.PROTECT, related_name="+")
    document_kind = models.CharField("văn bản", max_length=40, db_index=True)
    form_code = models.CharField("mẫu", max_length=20, blank=True)
    guidance = models.CharField("theo hướng dẫn", max_length=60, blank=True)
    kind_code = models.CharField("loại", max_length=10, blank=True)
    term = models.CharField("nhiệm kỳ", max_length=20, blank=True)
    seq = models.PositiveIntegerField("số thứ tự", null=True, blank=True)
    number = models.CharField("số văn bản", max_length=60, blank=True)
    source = models.CharField("nguồn số", max_length=10, choices=Source.choices)
    # What the document is about: "candidate:12", "meeting:5:2024-09-10", "class:3", "unit:7:2024-H1".
    subject_key = models.CharField("đối tượng", max_length=120)
    subject_label = models.CharField("về việc", max_length=255)
    candidates = models.ManyToManyField(Candidate, verbose_name="người", blank=True, related_name="+")
    training_class = models.ForeignKey(
        TrainingClass, verbose_name="lớp", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    # The unit whose subtree may see the entry (the cell for a person's papers, the class unit, the issuer).
    scope_unit = models.ForeignKey(PartyUnit, verbose_name="đơn vị", on_delete=models.PROTECT, related_name="+")
    document_date = models.DateField("ngày văn bản")
    created_at = models.DateTimeField("lập lúc", auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="người lập", null=True, blank=True, on_delete=models.SET_NULL
    )
    last_printed_at = models.DateTimeField("in lần cuối", null=True, blank=True)
    print_count = models.PositiveIntegerField("số lần in", default=1)

    scope_path = "scope_unit__path"

    class Meta:
        verbose_name = "văn bản đã lập"
        verbose_name_plural = "sổ văn bản"
        ordering = ["-created_at", "-id"]
        constraints = [
            # Numbers never repeat: one row per (body, kind code, term, running number) it gave.
            models.UniqueConstraint(
                fields=["issuer", "kind_code", "term", "seq"],
                condition=Q(source="register"),
                name="reports_registerentry_unique_number",
            ),
            # One document per kind and subject: a re-print finds it.
            models.UniqueConstraint(
                fields=["document_kind", "subject_key"], name="reports_registerentry_unique_subject"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.number or '(không số)'} — {self.subject_label}"


class UnitTemplate(models.Model):
    """An office's own .docx template for one document kind, used for its unit's subtree."""

    unit = models.ForeignKey(PartyUnit, verbose_name="đơn vị", on_delete=models.CASCADE, related_name="+")
    document_kind = models.CharField("văn bản", max_length=40)
    file_name = models.CharField("tên tệp", max_length=255)
    content = models.BinaryField("nội dung")
    uploaded_at = models.DateTimeField("tải lên lúc", auto_now=True)
    uploaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL)

    scope_path = "unit__path"

    class Meta:
        verbose_name = "mẫu văn bản của đơn vị"
        verbose_name_plural = "mẫu văn bản của đơn vị"
        constraints = [
            models.UniqueConstraint(fields=["unit", "document_kind"], name="reports_unittemplate_unique_unit_kind")
        ]

    def __str__(self) -> str:
        return f"{self.document_kind} — {self.unit}"


class MeetingFacts(models.Model):
    """What a cell meeting's minutes carry and the pipeline does not record: attendance and chair.
    One row per cell, meeting kind and date (the 6-KNĐ and 13-KNĐ resolutions print it)."""

    class Kind(models.TextChoices):
        ADMISSION = "admission", "Họp xét đề nghị kết nạp"
        RECOGNITION = "recognition", "Họp xét công nhận đảng viên chính thức"

    unit = models.ForeignKey(PartyUnit, verbose_name="chi bộ", on_delete=models.PROTECT, related_name="+")
    kind = models.CharField("cuộc họp", max_length=20, choices=Kind.choices)
    date = models.DateField("ngày họp")
    members_total = models.PositiveIntegerField("tổng số đảng viên")
    members_official = models.PositiveIntegerField("đảng viên chính thức")
    members_probationary = models.PositiveIntegerField("đảng viên dự bị")
    present_official = models.PositiveIntegerField("có mặt: chính thức")
    present_probationary = models.PositiveIntegerField("có mặt: dự bị")
    absent_reason = models.CharField("lý do vắng mặt", max_length=255, blank=True)
    chair = models.CharField("chủ trì", max_length=120)
    chair_post = models.CharField("chức vụ người chủ trì", max_length=120, default="Bí thư chi bộ")
    updated_at = models.DateTimeField(auto_now=True)
    updated_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL)

    scope_path = "unit__path"

    class Meta:
        verbose_name = "thông tin cuộc họp chi bộ"
        verbose_name_plural = "thông tin cuộc họp chi bộ"
        constraints = [
            models.UniqueConstraint(fields=["unit", "kind", "date"], name="reports_meetingfacts_unique_unit_kind_date"),
            models.CheckConstraint(
                condition=Q(members_total=models.F("members_official") + models.F("members_probationary")),
                name="reports_meetingfacts_total_is_sum",
            ),
            models.CheckConstraint(
                condition=Q(present_official__lte=models.F("members_official"))
                & Q(present_probationary__lte=models.F("members_probationary")),
                name="reports_meetingfacts_present_le_members",
            ),
        ]

    @property
    def present_total(self) -> int:
        return self.present_official + self.present_probationary

    @property
    def absent(self) -> int:
        return self.members_total - self.present_total


class PaperFacts(models.Model):
    """Facts a dossier paper carries that the pipeline does not record (introducers' party dates, the
    Đoàn/union meeting, counts of comments, the ceremony's details…): one row per person and paper,
    its fields described in reports/documents/facts.py. Kept apart from the pipeline's own records."""

    candidate = models.ForeignKey(Candidate, verbose_name="người", on_delete=models.CASCADE, related_name="+")
    kind = models.CharField("văn bản", max_length=40)
    data = models.JSONField("nội dung", default=dict, blank=True)
    updated_at = models.DateTimeField(auto_now=True)
    updated_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL)

    scope_path = "candidate__cell__path"

    class Meta:
        verbose_name = "thông tin bổ sung của giấy tờ"
        verbose_name_plural = "thông tin bổ sung của giấy tờ"
        constraints = [
            models.UniqueConstraint(fields=["candidate", "kind"], name="reports_paperfacts_unique_candidate_kind")
        ]
