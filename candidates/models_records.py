"""Records kept beside a candidate (introducers, exceptions), who may not be re-admitted, and the
administrator's calendar entries. Defined apart from models.py to keep files readable; they refer to
Candidate by name, and models.py re-exports them, so `candidates.models.Holiday` etc. keep working."""

from django.conf import settings
from django.db import models
from simple_history.models import HistoricalRecords

from vietnamese.text import clean_text


class HolidayKind(models.TextChoices):
    DAY_OFF = "day_off", "Ngày nghỉ"
    WORKING_DAY = "working_day", "Ngày làm việc (làm bù)"


class Holiday(models.Model):
    """A day an administrator enters on top of the computed public holidays (candidates.workdays):
    a day off (an announced extra or swapped day off) or a working day (a make-up Saturday)."""

    date = models.DateField("ngày", unique=True)
    kind = models.CharField("loại ngày", max_length=20, choices=HolidayKind.choices, default=HolidayKind.DAY_OFF)
    name = models.CharField("tên ngày lễ, lý do", max_length=120)
    document = models.CharField("văn bản công bố", max_length=255, blank=True)

    class Meta:
        verbose_name = "ngày nghỉ, ngày làm bù"
        verbose_name_plural = "ngày nghỉ, ngày làm bù"
        ordering = ["date"]

    def __str__(self) -> str:
        return f"{self.date:%d/%m/%Y} {self.name} ({self.get_kind_display()})"


class Introducer(models.Model):
    """A party member introducing the candidate (3-KNĐ). Checked at the cell's meeting: official (not
    probationary) on the meeting date, not the candidate, two different people, >= 12 months working,
    studying or living together in the same unit unless named by the cell as a replacement."""

    candidate = models.ForeignKey("Candidate", on_delete=models.CASCADE, related_name="introducers")
    full_name = models.CharField("họ và tên người giới thiệu", max_length=120)
    member = models.ForeignKey(
        "Candidate",
        verbose_name="đảng viên trong hệ thống",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="introduced",
    )
    same_unit = models.BooleanField("đảng viên của chi bộ", default=True)
    official_date = models.DateField("ngày trở thành đảng viên chính thức", null=True, blank=True)
    together_since = models.DateField("cùng công tác, học tập, cư trú từ ngày", null=True, blank=True)
    introduced_on = models.DateField("ngày giới thiệu", null=True, blank=True)
    is_replacement = models.BooleanField("người giới thiệu thay thế (do chi bộ phân công)", default=False)
    history = HistoricalRecords()

    scope_path = "candidate__cell__path"

    class Meta:
        verbose_name = "người giới thiệu"
        verbose_name_plural = "người giới thiệu"
        ordering = ["id"]

    def __str__(self) -> str:
        return self.full_name

    def save(self, *args, **kwargs):
        self.full_name = clean_text(self.full_name)
        super().save(*args, **kwargs)


class ReadmissionExclusion(models.TextChoices):
    """Who may not be re-admitted (Quy định thi hành Điều lệ, 3.4 / 294-QĐ/TW)."""

    LEFT_VOLUNTARILY = "left_voluntarily", "Đã tự bỏ sinh hoạt đảng hoặc tự ý xin ra khỏi Đảng"
    ASKED_TO_LEAVE = "asked_to_leave", "Đã bị khuyên ra khỏi Đảng (trừ trường hợp đặc biệt)"
    DISUNITY = "disunity", "Gây mất đoàn kết nghiêm trọng"
    CORRUPTION = "corruption", "Bị kết án về tội tham nhũng"
    SERIOUS_CRIME = "serious_crime", "Bị kết án về tội nghiêm trọng trở lên"


class ExceptionKind(models.TextChoices):
    AGE_OVER_60 = "age_over_60", "Trên 60 tuổi (cấp ủy trực thuộc Trung ương đồng ý)"
    EDUCATION_REMOTE = "education_remote", "Học vấn tiểu học: vùng cao, vùng sâu, vùng xa, vùng đồng bào dân tộc"
    EDUCATION_ELDER = "education_elder", "Già làng, trưởng bản biết đọc, biết viết (Ban Thường vụ tỉnh ủy đồng ý)"
    RELIGIOUS = "religious", "Người có đạo: đã xem xét các điều kiện theo Quy định 06-QĐ/TW"


EDUCATION_EXCEPTIONS = (ExceptionKind.EDUCATION_REMOTE, ExceptionKind.EDUCATION_ELDER)


class AdmissionException(models.Model):
    """A recorded exception to an admission condition: its kind, the document (number, date) and the
    body that issued it. Dated before the admission decision."""

    candidate = models.ForeignKey("Candidate", on_delete=models.CASCADE, related_name="exceptions")
    kind = models.CharField("trường hợp", max_length=30, choices=ExceptionKind.choices)
    document_number = models.CharField("số văn bản", max_length=60)
    document_date = models.DateField("ngày văn bản")
    issuer = models.CharField("cơ quan ban hành", max_length=255)
    note = models.CharField("ghi chú (điều kiện đã xem xét)", max_length=255, blank=True)
    entered_at = models.DateTimeField(auto_now_add=True)
    history = HistoricalRecords()

    scope_path = "candidate__cell__path"

    class Meta:
        verbose_name = "trường hợp ngoại lệ"
        verbose_name_plural = "trường hợp ngoại lệ"
        ordering = ["document_date", "id"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} — {self.document_number}"


class CorrectionRequest(models.Model):
    """A data subject's request to correct their data (Law 91/2025/QH15) and its outcome."""

    class Status(models.TextChoices):
        OPEN = "open", "Đang xem xét"
        ACCEPTED = "accepted", "Đã đính chính"
        REFUSED = "refused", "Không đính chính (có lý do)"

    candidate = models.ForeignKey("candidates.Candidate", on_delete=models.CASCADE, related_name="correction_requests")
    received_on = models.DateField("ngày nhận yêu cầu")
    request = models.TextField("nội dung yêu cầu")
    status = models.CharField("kết quả", max_length=10, choices=Status.choices, default=Status.OPEN)
    outcome = models.TextField("trả lời, lý do", blank=True)
    decided_on = models.DateField("ngày trả lời", null=True, blank=True)
    entered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    entered_at = models.DateTimeField(auto_now_add=True)
    scope_path = "candidate__cell__path"

    class Meta:
        ordering = ["-received_on", "-id"]
        verbose_name = "yêu cầu đính chính dữ liệu"
        verbose_name_plural = "yêu cầu đính chính dữ liệu"


class DossierDocument(models.Model):
    """A dossier form, by its code in a given guidance version (the numbering changes between versions)."""

    candidate = models.ForeignKey("candidates.Candidate", on_delete=models.CASCADE, related_name="documents")
    form_code = models.CharField("mẫu", max_length=20)
    guidance_version = models.CharField("theo hướng dẫn", max_length=40)
    title = models.CharField("tên giấy tờ", max_length=255)
    date = models.DateField("ngày")
    note = models.CharField("ghi chú", max_length=255, blank=True)
    history = HistoricalRecords()

    scope_path = "candidate__cell__path"

    class Meta:
        verbose_name = "giấy tờ hồ sơ"
        verbose_name_plural = "giấy tờ hồ sơ"
        ordering = ["date", "id"]

    def __str__(self) -> str:
        return f"{self.form_code} ({self.guidance_version})"
