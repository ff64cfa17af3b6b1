"""People in the recruitment pipeline and their records. Rules live in rules.py, writes in services.py."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from simple_history.models import HistoricalRecords

from units.models import PartyUnit
from vietnamese.text import clean_text, fold, name_sort_key, split_name

# Re-exported: the choices, and the records of models_records (which does not import this module).
from .choices import (  # noqa: F401
    COMMITTEE_EXITS,
    PASSING_RESULTS,
    STAGE_ORDER,
    EventKind,
    ExitReason,
    GeneralEducation,
    IntroductionRoute,
    Occupation,
    ProfessionalEducation,
    Sex,
    SourceGroup,
    Stage,
    TrainingResult,
    stage_index,
)
from .models_records import (  # noqa: E402, F401
    EDUCATION_EXCEPTIONS,
    AdmissionException,
    CorrectionRequest,
    DossierDocument,
    ExceptionKind,
    Holiday,
    HolidayKind,
    Introducer,
    ReadmissionExclusion,
)
from .vocab import ETHNICITY_CHOICES, KINH, NO_RELIGION, RELIGION_CHOICES


class TrainingClass(models.Model):
    """A lớp bồi dưỡng nhận thức về Đảng, opened by a unit (usually the training centre's committee)."""

    code = models.CharField("mã lớp", max_length=40, unique=True)
    name = models.CharField("tên lớp", max_length=255)
    unit = models.ForeignKey(PartyUnit, verbose_name="đơn vị tổ chức", on_delete=models.PROTECT, related_name="+")
    start_date = models.DateField("ngày khai giảng")
    end_date = models.DateField("ngày bế giảng")
    location = models.CharField("địa điểm", max_length=255, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    history = HistoricalRecords()

    scope_path = "unit__path"

    class Meta:
        verbose_name = "lớp bồi dưỡng"
        verbose_name_plural = "lớp bồi dưỡng"
        ordering = ["-start_date", "code"]
        constraints = [
            models.CheckConstraint(
                condition=Q(end_date__gte=models.F("start_date")), name="candidates_trainingclass_end_after_start"
            )
        ]

    def __str__(self) -> str:
        return self.name


class Candidate(models.Model):
    # Identity (stored NFC; search and sort keys derived from it)
    full_name = models.CharField("họ và tên", max_length=120)
    family_name = models.CharField("họ", max_length=40, editable=False, default="")
    middle_name = models.CharField("tên đệm", max_length=60, editable=False, default="")
    given_name = models.CharField("tên", max_length=40, editable=False, default="")
    # search_name, sort_key, person_code and stage are indexed in Meta.indexes: db_index=True would
    # add, on PostgreSQL, a second (varchar_pattern_ops) index for LIKE 'prefix%' that no query uses
    # (the name search is a LIKE '%word%'), and every write pays for it.
    search_name = models.CharField(max_length=120, editable=False, default="")
    sort_key = models.CharField(max_length=255, editable=False, default="")
    # Empty for a record imported without it (trackers often lack it): the person is flagged
    # "thiếu ngày sinh" and a step that needs the age is refused until it is filled.
    birth_date = models.DateField("ngày sinh", null=True, blank=True)
    # The staff or student code of the person's school or agency (Mã GV/SV): a matching key.
    person_code = models.CharField("mã cán bộ, sinh viên", max_length=40, blank=True)
    sex = models.CharField("giới tính", max_length=1, choices=Sex.choices)
    ethnicity = models.CharField("dân tộc", max_length=40, choices=ETHNICITY_CHOICES, default=KINH)
    religion = models.CharField("tôn giáo", max_length=60, choices=RELIGION_CHOICES, default=NO_RELIGION)
    general_education = models.CharField(
        "trình độ học vấn",
        max_length=20,
        choices=GeneralEducation.choices,
        blank=True,
        default=GeneralEducation.UNKNOWN,
    )
    professional_education = models.CharField(
        "trình độ chuyên môn", max_length=20, choices=ProfessionalEducation.choices, default=ProfessionalEducation.NONE
    )
    occupation = models.CharField("nghề nghiệp", max_length=20, choices=Occupation.choices, default=Occupation.OTHER)
    workplace = models.CharField("nơi làm việc, học tập", max_length=255, blank=True)
    in_private_enterprise = models.BooleanField("làm việc trong doanh nghiệp tư nhân/có vốn nước ngoài", default=False)
    youth_union_member = models.BooleanField("đoàn viên", default=False)
    trade_union_member = models.BooleanField("công đoàn viên", default=False)
    residence = models.CharField("nơi cư trú", max_length=255, blank=True)
    phone = models.CharField("điện thoại", max_length=20, blank=True)
    national_id = models.CharField("số CCCD", max_length=12, blank=True)
    source_group = models.CharField("nhóm tạo nguồn", max_length=20, choices=SourceGroup.choices, blank=True)

    # Where and how far
    # Indexed by cand_cell_stage_open_cert, which leads with the cell.
    cell = models.ForeignKey(
        PartyUnit, verbose_name="chi bộ", on_delete=models.PROTECT, related_name="candidates", db_index=False
    )
    stage = models.CharField("giai đoạn", max_length=20, choices=Stage.choices, default=Stage.SOURCE)
    is_open = models.BooleanField("đang theo dõi", default=True, db_index=True)
    exit_reason = models.CharField("lý do ra khỏi danh sách", max_length=30, choices=ExitReason.choices, blank=True)
    exit_date = models.DateField("ngày ra khỏi danh sách", null=True, blank=True)
    # A strike-off (xóa tên) is a decision of the competent body: its number and issuer.
    exit_document_number = models.CharField("số quyết định (ra khỏi danh sách)", max_length=60, blank=True)
    exit_issuer = models.ForeignKey(
        PartyUnit,
        verbose_name="cơ quan quyết định",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        db_index=False,  # a partial index (Meta): most people have none
    )
    # Re-admission (kết nạp lại) is a new admission record linked to the earlier one.
    readmission_of = models.ForeignKey(
        "self",
        verbose_name="kết nạp lại (hồ sơ lần trước)",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="readmissions",
        db_index=False,  # a partial index (Meta)
    )
    readmission_consent_number = models.CharField("số văn bản đồng ý kết nạp lại", max_length=60, blank=True)
    readmission_consent_date = models.DateField("ngày văn bản đồng ý kết nạp lại", null=True, blank=True)
    readmission_consent_issuer = models.ForeignKey(
        PartyUnit,
        verbose_name="cấp ủy đồng ý kết nạp lại",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        db_index=False,  # a partial index (Meta)
    )

    # Cảm tình Đảng
    sympathizer_date = models.DateField("ngày vào danh sách cảm tình Đảng", null=True, blank=True)
    sympathizer_report_number = models.CharField("số báo cáo chi bộ công nhận cảm tình Đảng", max_length=60, blank=True)
    mentor_name = models.CharField("đảng viên giúp đỡ", max_length=120, blank=True)
    mentor_assigned_date = models.DateField("ngày phân công giúp đỡ", null=True, blank=True)

    # Training (latest passed class; the full record is in Enrollment)
    training_class = models.ForeignKey(
        TrainingClass,
        verbose_name="lớp bồi dưỡng",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        db_index=False,  # a partial index (Meta)
    )
    training_result = models.CharField("kết quả bồi dưỡng", max_length=20, choices=TrainingResult.choices, blank=True)
    certificate_number = models.CharField("số giấy chứng nhận", max_length=60, blank=True)
    certificate_date = models.DateField("ngày cấp giấy chứng nhận", null=True, blank=True)  # partial index (Meta)
    certificate_issuer = models.CharField("đơn vị cấp giấy chứng nhận", max_length=255, blank=True)
    # The class as a tracker records it when the class itself is not in the app.
    training_decision_number = models.CharField("số quyết định mở lớp bồi dưỡng", max_length=60, blank=True)
    training_decision_date = models.DateField("ngày quyết định mở lớp bồi dưỡng", null=True, blank=True)
    training_period = models.CharField("thời gian lớp bồi dưỡng", max_length=60, blank=True)

    # Dossier (hồ sơ)
    application_date = models.DateField("ngày làm đơn xin vào Đảng", null=True, blank=True)
    history_certified_date = models.DateField("ngày chứng nhận lý lịch", null=True, blank=True)
    background_check_date = models.DateField("ngày hoàn thành thẩm tra lý lịch", null=True, blank=True)
    introduction_route = models.CharField(
        "hình thức giới thiệu", max_length=20, choices=IntroductionRoute.choices, blank=True
    )
    union_resolution_number = models.CharField("số nghị quyết giới thiệu của Đoàn/Công đoàn", max_length=60, blank=True)
    union_resolution_date = models.DateField("ngày nghị quyết giới thiệu của Đoàn/Công đoàn", null=True, blank=True)
    mass_org_comment_date = models.DateField("ngày có nhận xét của đoàn thể", null=True, blank=True)
    residence_comment_date = models.DateField("ngày có nhận xét nơi cư trú", null=True, blank=True)

    # Resolutions and decision
    cell_resolution_number = models.CharField("số nghị quyết chi bộ", max_length=60, blank=True)
    cell_resolution_date = models.DateField("ngày nghị quyết chi bộ", null=True, blank=True)
    cell_votes_for = models.PositiveIntegerField("số tán thành (chi bộ)", null=True, blank=True)
    cell_official_members = models.PositiveIntegerField("số đảng viên chính thức của chi bộ", null=True, blank=True)
    # The partial committee's appraisal (7-KNĐ), where the cell sits under a đảng bộ bộ phận.
    appraisal_number = models.CharField("số báo cáo thẩm định (đảng ủy bộ phận)", max_length=60, blank=True)
    appraisal_date = models.DateField("ngày thẩm định (đảng ủy bộ phận)", null=True, blank=True)
    committee_resolution_number = models.CharField("số nghị quyết đảng ủy", max_length=60, blank=True)
    committee_resolution_date = models.DateField("ngày nghị quyết đảng ủy", null=True, blank=True)
    committee_votes_for = models.PositiveIntegerField("số tán thành (đảng ủy)", null=True, blank=True)
    committee_members = models.PositiveIntegerField("số cấp ủy viên", null=True, blank=True)
    decision_number = models.CharField("số quyết định kết nạp", max_length=60, blank=True)
    # Indexed by cand_decision_admitting, which leads with it.
    decision_date = models.DateField("ngày quyết định kết nạp", null=True, blank=True)
    decision_issuer = models.CharField("cơ quan ra quyết định", max_length=255, blank=True)
    # The competent body chosen from the tree (valid on the decision date); decision_issuer keeps its name.
    decision_issuer_unit = models.ForeignKey(
        PartyUnit,
        verbose_name="cấp ủy ra quyết định",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        db_index=False,  # a partial index (Meta)
    )
    # The unit the admission counts for: the cell at the decision date (a later transfer does not move it).
    # Indexed by cand_admitting_decision, which leads with it.
    admitting_unit = models.ForeignKey(
        PartyUnit,
        verbose_name="đơn vị kết nạp",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        db_index=False,
    )
    # One extension of the decision's deadline (special cases, <= 30 working days), recorded.
    decision_extension_days = models.PositiveSmallIntegerField("số ngày làm việc gia hạn", null=True, blank=True)
    decision_extension_number = models.CharField("số văn bản gia hạn", max_length=60, blank=True)
    decision_extension_date = models.DateField("ngày văn bản gia hạn", null=True, blank=True)
    decision_extension_reason = models.CharField("lý do gia hạn", max_length=255, blank=True)
    # The ceremony's 30 working days run from the day the cell received the decision (null: the decision date).
    decision_received_date = models.DateField("ngày chi bộ nhận quyết định kết nạp", null=True, blank=True)
    ceremony_late_approval_number = models.CharField(
        "số văn bản cấp ủy cấp trên đồng ý tổ chức lễ muộn", max_length=60, blank=True
    )
    ceremony_late_approval_date = models.DateField(
        "ngày văn bản cấp ủy cấp trên đồng ý tổ chức lễ muộn", null=True, blank=True
    )
    ceremony_date = models.DateField("ngày lễ kết nạp", null=True, blank=True)
    guide_name = models.CharField("đảng viên hướng dẫn", max_length=120, blank=True)

    # Recognition as full member: the file (38-HD/BTCTW numbering: 10, 11, 12, 13-KNĐ), then the votes.
    new_member_certificate_number = models.CharField(
        "số giấy chứng nhận lớp bồi dưỡng lý luận chính trị cho đảng viên mới", max_length=60, blank=True
    )
    new_member_certificate_date = models.DateField(
        "ngày cấp giấy chứng nhận lớp bồi dưỡng lý luận chính trị cho đảng viên mới", null=True, blank=True
    )
    self_review_date = models.DateField("ngày bản tự kiểm điểm của đảng viên dự bị (10-KNĐ)", null=True, blank=True)
    helper_assessment_date = models.DateField("ngày bản nhận xét của đảng viên giúp đỡ (11-KNĐ)", null=True, blank=True)
    probation_comments_date = models.DateField(
        "ngày tổng hợp ý kiến nhận xét của đoàn thể, chi ủy nơi cư trú (12-KNĐ)", null=True, blank=True
    )
    recognition_failed_votes = models.PositiveSmallIntegerField(
        "số lần chi bộ biểu quyết công nhận không đạt", default=0
    )
    recognition_committee_resolution_number = models.CharField(
        "số nghị quyết đảng ủy cơ sở đề nghị công nhận", max_length=60, blank=True
    )
    recognition_committee_resolution_date = models.DateField(
        "ngày nghị quyết đảng ủy cơ sở đề nghị công nhận", null=True, blank=True
    )
    recognition_resolution_number = models.CharField("số nghị quyết công nhận", max_length=60, blank=True)
    recognition_resolution_date = models.DateField("ngày nghị quyết chi bộ công nhận", null=True, blank=True)
    recognition_votes_for = models.PositiveIntegerField("số tán thành (công nhận)", null=True, blank=True)
    recognition_official_members = models.PositiveIntegerField(
        "số đảng viên chính thức (công nhận)", null=True, blank=True
    )
    recognition_decision_number = models.CharField("số quyết định công nhận chính thức", max_length=60, blank=True)
    recognition_decision_date = models.DateField("ngày quyết định công nhận chính thức", null=True, blank=True)

    # Moved to another party organization (as a tracker records it)
    transfer_out_date = models.DateField("ngày chuyển sinh hoạt", null=True, blank=True)
    transfer_destination = models.CharField("nơi chuyển tới", max_length=255, blank=True)

    note = models.TextField("ghi chú", blank=True)
    # Optimistic locking: every write increments it; a form carrying an older version is refused.
    version = models.PositiveIntegerField(default=1)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    # The history is read by person (`id`) and date: the other indexes simple_history would copy from
    # the model only cost every write (an import writes one history row per person).
    history = HistoricalRecords(
        excluded_fields=["search_name", "sort_key", "family_name", "middle_name", "given_name"],
        no_db_index=[
            "cell",
            "stage",
            "is_open",
            "person_code",
            "certificate_date",
            "decision_date",
            "admitting_unit",
            "exit_issuer",
            "readmission_of",
            "readmission_consent_issuer",
            "training_class",
            "decision_issuer_unit",
        ],
    )

    scope_path = "cell__path"

    class Meta:
        verbose_name = "quần chúng, đảng viên mới"
        verbose_name_plural = "quần chúng, đảng viên mới"
        ordering = ["sort_key", "birth_date", "id"]
        indexes = [
            models.Index(fields=["search_name"], name="cand_search_name"),
            models.Index(fields=["sort_key"], name="cand_sort_key"),
            models.Index(fields=["person_code"], name="cand_person_code"),
            models.Index(fields=["stage"], name="cand_stage"),
            # The pipeline counts (forecast: proposed, trained with a valid certificate) per cell.
            models.Index(fields=["cell", "stage", "is_open", "certificate_date"], name="cand_cell_stage_open_cert"),
            # The forecast's pipeline (open, proposed or trained) alone: a small index the per-cell counts
            # are read from without touching the table (an index-only scan on PostgreSQL).
            models.Index(
                fields=["cell", "stage", "certificate_date"],
                name="cand_pipeline_open",
                condition=Q(is_open=True, stage__in=[Stage.PROPOSED, Stage.TRAINED]),
            ),
            # Admissions of a year over a subtree: range on the decision date, then the admitting cell.
            # Partial (only the admitted are in them): a range or an equality on the column implies
            # NOT NULL, so the queries still use them; people without a decision cost no index entry.
            models.Index(
                fields=["decision_date", "admitting_unit"],
                name="cand_decision_admitted",
                condition=Q(decision_date__isnull=False),
            ),
            models.Index(
                fields=["admitting_unit", "decision_date"],
                name="cand_admitting_unit",
                condition=Q(admitting_unit__isnull=False),
            ),
            models.Index(
                fields=["certificate_date"], name="cand_certificate", condition=Q(certificate_date__isnull=False)
            ),
            # The foreign keys most people leave empty (the on_delete checks, the readmissions).
            *[
                models.Index(fields=[f], name=name, condition=Q(**{f"{f}__isnull": False}))
                for f, name in (
                    ("exit_issuer", "cand_exit_issuer"),
                    ("readmission_of", "cand_readmission_of"),
                    ("readmission_consent_issuer", "cand_readmission_consent"),
                    ("training_class", "cand_training_class"),
                    ("decision_issuer_unit", "cand_decision_issuer"),
                )
            ],
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(cell_votes_for__isnull=True)
                | Q(cell_official_members__isnull=True)
                | Q(cell_votes_for__lte=models.F("cell_official_members")),
                name="candidates_candidate_cell_votes_le_members",
            ),
            models.CheckConstraint(
                condition=Q(committee_votes_for__isnull=True)
                | Q(committee_members__isnull=True)
                | Q(committee_votes_for__lte=models.F("committee_members")),
                name="candidates_candidate_committee_votes_le_members",
            ),
            models.CheckConstraint(
                condition=Q(ceremony_date__isnull=True)
                | Q(decision_date__isnull=True)
                | Q(ceremony_date__gte=models.F("decision_date")),
                name="candidates_candidate_ceremony_after_decision",
            ),
            models.CheckConstraint(condition=~Q(full_name=""), name="candidates_candidate_name_not_empty"),
        ]

    def __str__(self) -> str:
        return self.full_name

    def save(self, *args, **kwargs):
        # Normalization of this row's own text, not business logic.
        self.normalize()
        super().save(*args, **kwargs)

    @property
    def incomplete(self) -> bool:
        """Imported without a birth date: shown as "thiếu ngày sinh" until it is filled."""
        return self.birth_date is None

    def normalize(self) -> None:
        """NFC text and the derived name keys. save() calls it; bulk writers (imports, demo and
        benchmark data) call it themselves because bulk_create skips save()."""
        for field, value in name_fields(self.full_name).items():
            setattr(self, field, value)
        for field in CLEANED_FIELDS:
            setattr(self, field, clean_text(getattr(self, field)))


# The text fields normalize() cleans, besides the name.
CLEANED_FIELDS = (
    "ethnicity",
    "religion",
    "workplace",
    "residence",
    "mentor_name",
    "guide_name",
    "certificate_issuer",
    "transfer_destination",
    "decision_issuer",
)


def name_fields(full_name) -> dict:
    """The cleaned full name and the keys derived from it, as Candidate.normalize() sets them
    (bulk writers compute them once per distinct name)."""
    full_name = clean_text(full_name)
    family, middle, given = split_name(full_name)
    return {
        "full_name": full_name,
        "family_name": family,
        "middle_name": middle,
        "given_name": given,
        "search_name": fold(full_name),
        "sort_key": name_sort_key(family, middle, given),
    }


class StageEvent(models.Model):
    """One immutable row per transition, record, correction or void. History is never edited away."""

    # Indexed by event_candidate_date, which leads with it.
    candidate = models.ForeignKey(Candidate, on_delete=models.PROTECT, related_name="events", db_index=False)
    kind = models.CharField("loại", max_length=20, choices=EventKind.choices)
    action = models.CharField("thao tác", max_length=255)
    from_stage = models.CharField("từ giai đoạn", max_length=20, choices=Stage.choices, blank=True)
    to_stage = models.CharField("đến giai đoạn", max_length=20, choices=Stage.choices, blank=True)
    legal_date = models.DateField("ngày theo văn bản")
    entered_at = models.DateTimeField("thời điểm nhập", auto_now_add=True)
    entered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="người nhập", null=True, blank=True, on_delete=models.SET_NULL
    )
    document_number = models.CharField("số văn bản", max_length=60, blank=True)
    note = models.TextField("ghi chú", blank=True)
    data = models.JSONField("nội dung", default=dict, blank=True)
    unit = models.ForeignKey(PartyUnit, verbose_name="chi bộ lúc ghi", on_delete=models.PROTECT, related_name="+")
    imported = models.BooleanField("nhập từ tệp", default=False)
    corrects = models.ForeignKey(
        "self",
        verbose_name="đính chính cho",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="corrections",
        db_index=False,  # a partial index (Meta): few events are corrections
    )
    # A void (kind "void", the reason in `note`) cancels one mistaken step; the step stays, marked voided.
    voids = models.OneToOneField(
        "self", verbose_name="hủy bước", null=True, blank=True, on_delete=models.PROTECT, related_name="voided_by"
    )
    # What a void of this step puts back (services.voids): the candidate's facts before and after it.
    undo = models.JSONField("dữ liệu để hủy bước", default=dict, blank=True, editable=False)

    scope_path = "candidate__cell__path"

    class Meta:
        verbose_name = "sự kiện"
        verbose_name_plural = "sự kiện"
        ordering = ["legal_date", "id"]
        indexes = [
            models.Index(fields=["candidate", "legal_date"], name="event_candidate_date"),
            models.Index(fields=["corrects"], name="event_corrects", condition=Q(corrects__isnull=False)),
        ]

    def __str__(self) -> str:
        return f"{self.legal_date:%d/%m/%Y} {self.action}"

    def save(self, *args, **kwargs):
        if self.pk is not None:
            raise ValidationError("Sự kiện đã ghi không được sửa; hãy ghi một sự kiện đính chính.")
        super().save(*args, **kwargs)


class Enrollment(models.Model):
    """A candidate's place in a training class, with the result and the certificate."""

    training_class = models.ForeignKey(TrainingClass, on_delete=models.PROTECT, related_name="enrollments")
    candidate = models.ForeignKey(Candidate, on_delete=models.PROTECT, related_name="enrollments")
    result = models.CharField("kết quả", max_length=20, choices=TrainingResult.choices, blank=True)
    certificate_number = models.CharField("số giấy chứng nhận", max_length=60, blank=True)
    certificate_date = models.DateField("ngày cấp", null=True, blank=True)
    history = HistoricalRecords()

    scope_path = "candidate__cell__path"

    class Meta:
        verbose_name = "học viên"
        verbose_name_plural = "học viên"
        constraints = [
            models.UniqueConstraint(
                fields=["training_class", "candidate"], name="candidates_enrollment_unique_class_candidate"
            )
        ]

    def __str__(self) -> str:
        return f"{self.candidate} — {self.training_class}"
