"""(b) Pipeline by unit and stage, with who is waiting for what."""

import datetime

from django.db.models import Case, Count, DateField, F, IntegerField, Q, Value, When
from django.db.models.functions import Coalesce, Substr

from candidates import deadlines, rules
from candidates.models import (
    Candidate,
)
from units.labels import display_names
from units.models import PartyUnit

from ..params import Period
from ..structure import DATE, INT, Column, Report, Table
from .document import OPEN_STAGES, STAGE_LABELS, _base

# ---- (b) Pipeline by unit and stage --------------------------------------------------------------


def _report_units(unit: PartyUnit) -> list[PartyUnit]:
    """The rows of a by-unit report: the unit's children, or the unit itself when it has none."""
    rows = list(PartyUnit.objects.filter(path__startswith=unit.path, depth=unit.depth + 1).order_by("path"))
    return rows or [unit]


# The start date each board section's deadline is counted from (candidates.selectors.BOARD_SECTIONS);
# within a section, ordering by it orders by deadline.
SECTION_START = {
    "le-ket-nap": Coalesce("decision_received_date", "decision_date"),
    "quyet-dinh": F("cell_resolution_date"),
    "cong-nhan-chi-bo": F("ceremony_date"),
    "cong-nhan-quyet-dinh": F("recognition_resolution_date"),
    "du-bi": F("ceremony_date"),
    "giay-chung-nhan": F("certificate_date"),
    "cam-tinh": F("sympathizer_date"),
}
WAITING_LIMIT = 2000


def _section_deadline(key: str, c: Candidate, on: datetime.date, off) -> datetime.date | None:
    """The date behind a board section's condition (candidates.selectors), from candidates.deadlines."""
    if key == "le-ket-nap":
        return deadlines.ceremony_due(c, off)
    if key == "quyet-dinh":
        return deadlines.decision_due(c, off)
    if key == "cong-nhan-chi-bo":
        return deadlines.recognition_cell_due(c, off)
    if key == "cong-nhan-quyet-dinh":
        return deadlines.recognition_decision_due(c, off)
    if key == "du-bi":
        return rules.probation_end(c.ceremony_date)
    if key == "giay-chung-nhan":
        return rules.certificate_expiry(c.certificate_date, on)
    if key == "cam-tinh":
        return rules.add_months(c.sympathizer_date, rules.rules_for(on).sympathizer_without_training_months)
    return None


def build_pipeline(*, user, unit: PartyUnit, period: Period) -> Report:
    """Open candidates by unit (children of `unit`) and stage, and who is waiting for a deadline."""
    units = _report_units(unit)
    unit_names = display_names(units)
    open_qs = Candidate.objects.filter(cell__path__startswith=unit.path, is_open=True)
    prefix_len = len(units[0].path)
    grouped = (
        open_qs.order_by()
        .annotate(prefix=Substr("cell__path", 1, prefix_len))
        .values("prefix", "stage")
        .annotate(n=Count("id"))
        .values_list("prefix", "stage", "n")
    )
    counts: dict[tuple[str, str], int] = {(p, s): n for p, s, n in grouped}

    columns = [Column("STT", INT, 5), Column("Đơn vị", width=38, wrap=True)]
    columns += [Column(STAGE_LABELS[s], INT, 12) for s in OPEN_STAGES]
    columns.append(Column("Tổng số", INT, 9))
    rows = []
    totals = [0] * len(OPEN_STAGES)
    for i, u in enumerate(units, start=1):
        values = [counts.get((u.path, s), 0) for s in OPEN_STAGES]
        totals = [a + b for a, b in zip(totals, values, strict=True)]
        rows.append([i, unit_names[u.pk], *values, sum(values)])
    by_stage = Table(
        "I. Số quần chúng ưu tú, đảng viên mới đang theo dõi theo đơn vị và giai đoạn",
        columns,
        rows,
        totals=[None, "Tổng cộng", *totals, sum(totals)],
        sheet="Theo giai đoạn",
    )

    # Who is waiting for what: the sections of the deadline board ("Việc cần làm"), same conditions.
    from candidates.selectors import BOARD_SECTIONS, cutoffs

    on = period.reference_date
    off = rules.holidays()
    limits = cutoffs(on)
    sections = [s for s in BOARD_SECTIONS if s.key in SECTION_START]  # the deadlines (not "thiếu ngày sinh")
    any_section = Q(pk__in=[])
    for section in sections:
        any_section |= section.condition(limits)
    # A candidate appears once, in the first section (the board's order) whose condition holds.
    section_index = Case(
        *[When(section.condition(limits), then=Value(i)) for i, section in enumerate(sections)],
        default=Value(len(sections)),
        output_field=IntegerField(),
    )
    # Within a section the deadline grows with its start date, so ordering by it orders by deadline.
    start_date = Case(
        *[When(section_i=i, then=SECTION_START[s.key]) for i, s in enumerate(sections)],
        output_field=DateField(),
    )
    waiting_qs = open_qs.filter(any_section).annotate(section_i=section_index)

    # II. How many per unit and section (one grouped query).
    grouped = (
        waiting_qs.order_by()
        .annotate(prefix=Substr("cell__path", 1, prefix_len))
        .values("prefix", "section_i")
        .annotate(n=Count("id"))
        .values_list("prefix", "section_i", "n")
    )
    per_unit: dict[tuple[str, int], int] = {(p, i): n for p, i, n in grouped}
    s_columns = [Column("STT", INT, 5), Column("Đơn vị", width=34, wrap=True)]
    s_columns += [Column(s.title, INT, 13) for s in sections]
    s_columns.append(Column("Tổng số", INT, 9))
    s_rows = []
    s_totals = [0] * len(sections)
    for i, u in enumerate(units, start=1):
        values = [per_unit.get((u.path, k), 0) for k in range(len(sections))]
        s_totals = [a + b for a, b in zip(s_totals, values, strict=True)]
        s_rows.append([i, unit_names[u.pk], *values, sum(values)])
    waiting_count = sum(s_totals)
    by_section = Table(
        f"II. Số người quá hạn hoặc sắp đến hạn theo việc cần làm (tính đến ngày {on:%d/%m/%Y})",
        s_columns,
        s_rows,
        totals=[None, "Tổng cộng", *s_totals, waiting_count],
        sheet="Việc cần làm",
    )

    # III. The people, by section then deadline (the first WAITING_LIMIT; the rest on lower units' reports).
    people = list(
        waiting_qs.annotate(start=start_date)
        .select_related("cell")
        .only(
            "full_name",
            "sort_key",
            "birth_date",
            "stage",
            "cell__name",
            "cell__path",
            "cell__code",
            "certificate_date",
            "sympathizer_date",
            "cell_resolution_date",
            "decision_date",
            "decision_received_date",
            "decision_extension_days",
            "ceremony_date",
            "recognition_resolution_date",
        )
        .order_by("section_i", "start", "sort_key", "id")[: WAITING_LIMIT + 1]
    )
    cell_names = display_names(c.cell for c in people[:WAITING_LIMIT])
    memo: dict[tuple[int, datetime.date], datetime.date | None] = {}
    waiting_rows = []
    for n, c in enumerate(people[:WAITING_LIMIT], start=1):
        section = sections[c.section_i]
        if (c.section_i, c.start) not in memo:
            memo[(c.section_i, c.start)] = _section_deadline(section.key, c, on, off)
        deadline = memo[(c.section_i, c.start)]
        days = (deadline - on).days if deadline else 0
        status = f"Quá hạn {-days} ngày" if days < 0 else ("Đến hạn hôm nay" if days == 0 else f"Còn {days} ngày")
        waiting_rows.append(
            [
                n,
                c.full_name,
                c.birth_date,
                cell_names[c.cell_id],
                STAGE_LABELS[c.stage],
                section.title,
                deadline,
                status,
            ]
        )
    waiting = Table(
        "III. Danh sách người quá hạn hoặc sắp đến hạn",
        [
            Column("STT", INT, 5),
            Column("Họ và tên", width=24, wrap=True),
            Column("Ngày sinh", DATE, 11),
            Column("Chi bộ", width=28, wrap=True),
            Column("Giai đoạn", width=16, wrap=True),
            Column("Việc cần làm", width=28, wrap=True),
            Column("Hạn", DATE, 11),
            Column("Tình trạng", width=15),
        ],
        waiting_rows,
        empty="Không có ai quá hạn hoặc sắp đến hạn.",
        sheet="Danh sách chờ",
    )
    notes = [f"Tổng số đang theo dõi: {sum(totals)}; quá hạn hoặc sắp đến hạn: {waiting_count}."]
    if len(people) > WAITING_LIMIT:
        notes.append(
            f"Danh sách mục III ghi {WAITING_LIMIT} người đầu tiên (theo việc và hạn) trong số {waiting_count}; "
            "lập báo cáo cho từng đơn vị trực thuộc để có danh sách đầy đủ."
        )
    notes.append("Điều kiện quá hạn, sắp đến hạn như trang “Việc cần làm” (theo quy định hiện hành về thời hạn).")
    return _base(
        "pipeline",
        "BÁO CÁO TÌNH HÌNH QUẦN CHÚNG ƯU TÚ VÀ ĐẢNG VIÊN MỚI ĐANG THEO DÕI",
        unit,
        period,
        user,
        [by_stage, by_section, waiting],
        notes=notes,
        landscape=True,
    )
