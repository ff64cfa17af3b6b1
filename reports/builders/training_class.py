"""(e) A training class: trainees and results."""

from django.db.models import Count, Q

from candidates.models import (
    PASSING_RESULTS,
    Enrollment,
    TrainingClass,
    TrainingResult,
)
from units.labels import display_names
from units.models import PartyUnit

from ..structure import DATE, INT, PERCENT, Column, Report, Table
from .document import RESULT_LABELS, _base, _pct

# ---- (e) Training class --------------------------------------------------------------------------


def build_class(*, user, unit: PartyUnit, training_class: TrainingClass) -> Report:
    """A class with its trainees from the unit's subtree, their results and certificates."""
    enrollments = (
        Enrollment.objects.filter(training_class=training_class, candidate__cell__path__startswith=unit.path)
        .select_related("candidate", "candidate__cell")
        .only(
            "result",
            "certificate_number",
            "certificate_date",
            "candidate__full_name",
            "candidate__birth_date",
            "candidate__cell__name",
            "candidate__cell__path",
            "candidate__cell__code",
        )
        .order_by("candidate__sort_key", "candidate__birth_date", "id")
    )
    passed = list(PASSING_RESULTS)
    figures = enrollments.order_by().aggregate(
        total=Count("id"),
        passed=Count("id", filter=Q(result__in=passed)),
        failed=Count("id", filter=Q(result=TrainingResult.FAILED)),
        absent=Count("id", filter=Q(result=TrainingResult.ABSENT)),
        pending=Count("id", filter=Q(result="")),
    )
    people = list(enrollments)
    cell_names = display_names(e.candidate.cell for e in people)
    rows = [
        [
            i,
            e.candidate.full_name,
            e.candidate.birth_date,
            cell_names[e.candidate.cell_id],
            RESULT_LABELS.get(e.result, "Chưa có kết quả"),
            e.certificate_number,
            e.certificate_date,
        ]
        for i, e in enumerate(people, start=1)
    ]
    table = Table(
        "Danh sách học viên và kết quả",
        [
            Column("STT", INT, 6),
            Column("Họ và tên", width=26, wrap=True),
            Column("Ngày sinh", DATE, 11),
            Column("Chi bộ", width=30, wrap=True),
            Column("Kết quả", width=12),
            Column("Số giấy chứng nhận", width=22, wrap=True),
            Column("Ngày cấp", DATE, 11),
        ],
        rows,
        empty="Lớp chưa có học viên thuộc đơn vị này.",
        sheet="Học viên",
    )
    counts = Table(
        "Tổng hợp kết quả",
        [Column("Nội dung", width=40), Column("Số lượng", INT, 12), Column("Tỷ lệ", PERCENT, 12)],
        [
            ["Tổng số học viên", figures["total"], None],
            ["Đạt (giỏi, khá, trung bình)", figures["passed"], _pct(figures["passed"], figures["total"])],
            ["Không đạt", figures["failed"], _pct(figures["failed"], figures["total"])],
            ["Vắng", figures["absent"], _pct(figures["absent"], figures["total"])],
            ["Chưa có kết quả", figures["pending"], _pct(figures["pending"], figures["total"])],
        ],
        sheet="Tổng hợp",
    )
    tc = training_class
    dates = f"{tc.start_date:%d/%m/%Y} – {tc.end_date:%d/%m/%Y}"
    report = _base(
        "class",
        "BÁO CÁO KẾT QUẢ LỚP BỒI DƯỠNG NHẬN THỨC VỀ ĐẢNG",
        unit,
        None,
        user,
        [table, counts],
        notes=[f"Lớp {tc.name} (mã {tc.code}), tổ chức tại {tc.location or tc.unit.name}, từ {dates}."],
        more_parameters=[("Lớp", f"{tc.name} ({tc.code})"), ("Thời gian học", dates)],
    )
    report.period_label = f"{tc.name}, từ {dates}"
    report.filename = f"class-{tc.code}-{unit.code}".replace("/", "-")
    return report
