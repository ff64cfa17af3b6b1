"""The words of the pipeline: stages, sexes, education levels, occupations, exit reasons, training
results (Django choices), kept apart from the models that use them (re-exported by candidates.models)."""

from django.db import models


class Stage(models.TextChoices):
    SOURCE = "source", "Quần chúng (tạo nguồn)"
    SYMPATHIZER = "sympathizer", "Cảm tình Đảng"
    TRAINED = "trained", "Đã bồi dưỡng nhận thức"
    PROPOSED = "proposed", "Đề nghị kết nạp"
    DECIDED = "decided", "Có quyết định kết nạp"
    PROBATIONARY = "probationary", "Đảng viên dự bị"
    OFFICIAL = "official", "Đảng viên chính thức"


STAGE_ORDER = [s.value for s in Stage]


def stage_index(stage: str) -> int:
    return STAGE_ORDER.index(stage)


class Sex(models.TextChoices):
    MALE = "M", "Nam"
    FEMALE = "F", "Nữ"


class GeneralEducation(models.TextChoices):
    UNKNOWN = "", "Chưa rõ"
    PRIMARY = "primary", "Tiểu học"
    LOWER_SECONDARY = "lower_secondary", "Trung học cơ sở (9/12)"
    UPPER_SECONDARY = "upper_secondary", "Trung học phổ thông (12/12)"


class ProfessionalEducation(models.TextChoices):
    NONE = "none", "Chưa qua đào tạo"
    VOCATIONAL = "vocational", "Sơ cấp, trung cấp"
    COLLEGE = "college", "Cao đẳng"
    UNIVERSITY = "university", "Đại học"
    POSTGRADUATE = "postgraduate", "Sau đại học"


class Occupation(models.TextChoices):
    CIVIL_SERVANT = "civil_servant", "Cán bộ, công chức"
    PUBLIC_EMPLOYEE = "public_employee", "Viên chức"
    ENTERPRISE_STAFF = "enterprise_staff", "Nhân viên doanh nghiệp"
    WORKER = "worker", "Công nhân"
    FARMER = "farmer", "Nông dân"
    ARMED_FORCES = "armed_forces", "Lực lượng vũ trang"
    STUDENT = "student", "Học sinh, sinh viên"
    OTHER = "other", "Khác"


class SourceGroup(models.TextChoices):
    MILITIA = "militia", "Dân quân tự vệ"
    VETERAN = "veteran", "Quân nhân xuất ngũ"
    VILLAGE_HEAD = "village_head", "Trưởng, phó thôn, tổ dân phố"
    POLICE = "police", "Công an xã"
    MASS_ORG = "mass_org", "Người đứng đầu đoàn thể"
    TEACHER = "teacher", "Giáo viên"
    STUDENT = "student", "Học sinh, sinh viên"
    PRIVATE_WORKER = "private_worker", "Người lao động doanh nghiệp tư nhân"
    OTHER = "other", "Khác"


class ExitReason(models.TextChoices):
    WITHDRAWN = "withdrawn", "Rút khỏi danh sách"
    NOT_ELIGIBLE = "not_eligible", "Không đủ tiêu chuẩn"
    MOVED = "moved", "Chuyển đi nơi khác"
    REJECTED = "rejected", "Cấp ủy không đồng ý"
    CERTIFICATE_EXPIRED = "certificate_expired", "Giấy chứng nhận bồi dưỡng hết hạn"
    STRUCK_OFF = "struck_off", "Xóa tên trong thời gian dự bị"
    LEFT_VOLUNTARILY = "left_voluntarily", "Xin ra khỏi Đảng"
    ASKED_TO_LEAVE = "asked_to_leave", "Khuyên ra khỏi Đảng"
    DECEASED = "deceased", "Từ trần"


# Exits decided by the competent committee (number, date, issuer), not by the cell.
COMMITTEE_EXITS = (ExitReason.STRUCK_OFF, ExitReason.ASKED_TO_LEAVE)


class IntroductionRoute(models.TextChoices):
    """Who introduces the candidate (Điều lệ Đảng, Điều 4.1; see candidates/rules.py)."""

    TWO_MEMBERS = "members", "Hai đảng viên chính thức"
    YOUTH_UNION = "youth_union", "Ban Chấp hành Đoàn cơ sở (hoặc tập thể chi đoàn cơ sở) và 1 đảng viên chính thức"
    TRADE_UNION = "trade_union", "Ban Chấp hành Công đoàn cơ sở và 1 đảng viên chính thức"


class TrainingResult(models.TextChoices):
    EXCELLENT = "excellent", "Giỏi"
    GOOD = "good", "Khá"
    AVERAGE = "average", "Trung bình"
    FAILED = "failed", "Không đạt"
    ABSENT = "absent", "Vắng"


PASSING_RESULTS = (TrainingResult.EXCELLENT, TrainingResult.GOOD, TrainingResult.AVERAGE)


class EventKind(models.TextChoices):
    TRANSITION = "transition", "Chuyển giai đoạn"
    RECORD = "record", "Cập nhật hồ sơ"
    EXIT = "exit", "Ra khỏi danh sách"
    REOPEN = "reopen", "Khôi phục"
    TRANSFER = "transfer", "Chuyển chi bộ"
    CORRECTION = "correction", "Đính chính"
    CREATE = "create", "Đưa vào nguồn"
    VOID = "void", "Hủy bước"
