"""One data builder per report: pure queries (scoped by the unit the caller already fetched through
`get_scoped_or_404`), aggregated in SQL, returning a `Report`. A builder runs the same number of queries
for 10 rows or 10,000. Nothing here formats numbers or knows about PDF or Excel."""

import datetime
from decimal import Decimal

from django.db.models import Avg, Case, Count, DateField, F, IntegerField, Q, Value, When
from django.db.models.functions import ExtractDay, ExtractMonth, ExtractYear, Length, Substr
from django.utils import timezone

from candidates import rules
from candidates.models import (
    PASSING_RESULTS,
    Candidate,
    Enrollment,
    GeneralEducation,
    Occupation,
    ProfessionalEducation,
    Sex,
    Stage,
    TrainingClass,
    TrainingResult,
)
from units.models import GRASSROOTS_KINDS, PartyUnit, Sector, UnitKind
from units.selectors import ancestors
from vietnamese.text import clean_text, quantize_percent

from .params import Period
from .structure import DATE, DECIMAL, INT, PERCENT, BarChart, Column, Report, Table

STAGE_LABELS = dict(Stage.choices)
RESULT_LABELS = dict(TrainingResult.choices)
OPEN_STAGES = [Stage.SOURCE, Stage.SYMPATHIZER, Stage.TRAINED, Stage.PROPOSED, Stage.DECIDED, Stage.PROBATIONARY]
NBSP = "\u00a0"
COMMITTEE_KINDS = {UnitKind.PROVINCE, UnitKind.DISTRICT, UnitKind.COMMUNE, UnitKind.BLOC, UnitKind.GRASSROOTS}


# ---- The party document around the figures (36-HD/VPTW) ---------------------------------------


def user_label(user) -> str:
    if user is None:
        return "Hệ thống"
    return clean_text(user.get_full_name() or user.get_username())


def _place(unit: PartyUnit, root: PartyUnit | None) -> str:
    """The place of the date line: the province's name without its kind ("Đảng bộ tỉnh Sơn Hà" -> "Sơn Hà")."""
    name = (root or unit).name
    for prefix in (
        "Đảng bộ thành phố ",
        "Đảng bộ tỉnh ",
        "Đảng bộ huyện ",
        "Đảng bộ xã ",
        "Đảng bộ phường ",
        "Đảng bộ ",
    ):
        if name.startswith(prefix):
            return name[len(prefix) :]
    return name


def _document(unit: PartyUnit, kind_code: str = "BC") -> dict:
    """Issuing body (two lines), number, place, signer, for a report issued by `unit`."""
    chain = list(ancestors(unit))
    parent = chain[-1] if chain else None
    root = chain[0] if chain else unit
    if unit.kind in (UnitKind.PROVINCE, UnitKind.DISTRICT):
        lines, suffix, signer = [unit.name.upper(), "BAN TỔ CHỨC"], "BTC", "T/M BAN THƯỜNG VỤ"
    elif unit.kind in COMMITTEE_KINDS:
        lines, suffix, signer = [(parent or unit).name.upper(), unit.name.upper()], "ĐU", "T/M BAN THƯỜNG VỤ"
    elif unit.kind == UnitKind.GRASSROOTS_CELL:
        lines, suffix, signer = [(parent or unit).name.upper(), unit.name.upper()], "CB", "T/M CHI BỘ"
    else:
        lines, suffix, signer = [(parent or unit).name.upper(), unit.name.upper()], "CB", "T/M CHI ỦY"
    if lines[0] == lines[1]:
        lines = lines[1:]
    return {
        "issuer_lines": lines,
        # The number is given by the office when the document is registered: left blank to fill in.
        "number": f"Số{NBSP * 8}-{kind_code}/{suffix}",
        "place": _place(unit, root),
        "signer_title": signer,
    }


def _base(slug, title, unit, period: Period | None, user, tables, **extra) -> Report:
    now = timezone.localtime()
    doc = _document(unit)
    parameters = [("Đơn vị", f"{unit.name} ({unit.code})")]
    if period is not None:
        parameters.append(("Kỳ báo cáo", period.label))
        parameters.append(("Từ ngày", f"{period.start:%d/%m/%Y}"))
        parameters.append(("Đến ngày", f"{period.end:%d/%m/%Y}"))
    parameters += extra.pop("more_parameters", [])
    parameters += [("Người lập", user_label(user)), ("Thời điểm lập", f"{now:%d/%m/%Y %H:%M}")]
    stem = f"{slug}-{unit.code}" + (f"-{period.year}" if period else "")
    if period and period.quarter:
        stem += f"-q{period.quarter}"
    if period and period.as_of:
        stem += f"-{period.as_of:%Y%m%d}"
    return Report(
        slug=slug,
        title=title,
        period_label=period.label if period else "",
        unit_name=unit.name,
        date=now.date(),
        tables=tables,
        parameters=parameters,
        generated_by=user_label(user),
        generated_at=now,
        filename=stem.replace("/", "-"),
        **doc,
        **extra,
    )


def _pct(numerator, denominator) -> Decimal | None:
    return quantize_percent(numerator, denominator)


# ---- (a) Progress against the quota ---------------------------------------------------------------


def _met_label(met: bool | None) -> str:
    return "Chưa giao" if met is None else ("Đạt" if met else "Chưa đạt")


def _progress_columns(quarterly: bool, first: str) -> list[Column]:
    columns = [Column("STT", INT, 5), Column(first, width=34, wrap=True), Column("Chỉ tiêu năm", INT, 9)]
    if quarterly:
        columns += [Column("Kết nạp trong quý", INT, 9), Column("Tỷ lệ trong quý", PERCENT, 10)]
    columns += [
        Column("Kết nạp lũy kế" if quarterly else "Đã kết nạp", INT, 9),
        Column("Tỷ lệ", PERCENT, 10),
        Column("Kết quả", width=10),
        Column("Đang đề nghị", INT, 9),
        Column("Bồi dưỡng còn hạn", INT, 9),
        Column("Dự báo cả năm", INT, 9),
    ]
    return columns


def _progress_row(label, target, admitted, proposed, trained, quarter_admitted, quarterly) -> list:
    met = None if target is None else admitted >= target
    row = [label, target]
    if quarterly:
        row += [quarter_admitted, _pct(quarter_admitted, target) if target is not None else None]
    row += [admitted, _pct(admitted, target) if target is not None else None, _met_label(met)]
    row += [proposed, trained, admitted + proposed + trained]
    return row


def build_progress(*, user, unit: PartyUnit, period: Period) -> Report:
    """Progress by unit: the quotas selector's numbers (the dashboard's), per child unit and per grassroots
    unit of the subtree, for a year, a quarter or up to an as-of date. Constant number of queries."""
    from quotas.models import Quota
    from quotas.selectors import admitted_queryset, proposed_queryset, trained_queryset, unit_progress

    progress = unit_progress(unit=unit, year=period.year, as_of=period.end, user=user)
    quarterly = period.quarter is not None
    year_start = datetime.date(period.year, 1, 1)
    end = progress.as_of

    grassroots = list(
        PartyUnit.objects.filter(path__startswith=unit.path, kind__in=GRASSROOTS_KINDS)
        .filter(Q(valid_to__isnull=True) | Q(valid_to__gte=year_start))
        .order_by("path")
        .only("id", "path", "name", "code", "kind")
    )
    child_paths = {r.unit.path for r in progress.children}
    # A second table only when the grassroots units are not already the rows of the first.
    grassroots_table = [g for g in grassroots if g.path not in child_paths and g.path != unit.path]
    lengths = sorted({len(unit.path), len(unit.path) + unit.steplen, *(len(g.path) for g in grassroots_table)})

    from units.selectors import counts_by_prefix

    quarter_counts: dict[str, int] = {}
    if quarterly:
        quarter_counts = counts_by_prefix(
            admitted_queryset(unit=unit, start=period.start, end=end), "admitting_unit__path", lengths
        )
    g_admitted = g_proposed = g_trained = {}
    g_quota: dict[int, int] = {}
    if grassroots_table:
        g_lengths = sorted({len(g.path) for g in grassroots_table})
        g_admitted = counts_by_prefix(
            admitted_queryset(unit=unit, start=year_start, end=end), "admitting_unit__path", g_lengths
        )
        g_proposed = counts_by_prefix(proposed_queryset(unit=unit), "cell__path", g_lengths)
        g_trained = counts_by_prefix(trained_queryset(unit=unit, year=period.year), "cell__path", g_lengths)
        g_quota = dict(
            Quota.objects.filter(
                year=period.year, unit__path__startswith=unit.path, unit__kind__in=GRASSROOTS_KINDS
            ).values_list("unit_id", "target")
        )

    def child_row(r) -> list:
        return _progress_row(
            r.unit.name, r.target, r.admitted, r.proposed, r.trained, quarter_counts.get(r.unit.path, 0), quarterly
        )

    rows = [[i, *child_row(r)] for i, r in enumerate(progress.children, start=1)]
    totals = [
        None,
        *_progress_row(
            f"Toàn {unit.name[0].lower()}{unit.name[1:]}",
            progress.target,
            progress.admitted,
            progress.proposed,
            progress.trained,
            quarter_counts.get(unit.path, 0),
            quarterly,
        ),
    ]
    met_children = sum(1 for r in progress.children if r.met)
    with_quota = sum(1 for r in progress.children if r.target is not None)
    tables = [
        Table(
            "I. Kết quả kết nạp đảng viên theo đơn vị trực thuộc",
            _progress_columns(quarterly, "Đơn vị"),
            rows,
            totals=totals,
            empty="Đơn vị không có đơn vị trực thuộc.",
            sheet="Theo đơn vị",
        )
    ]
    if grassroots_table:
        g_rows = []
        for i, g in enumerate(grassroots_table, start=1):
            g_rows.append(
                [
                    i,
                    *_progress_row(
                        g.name,
                        g_quota.get(g.pk),
                        g_admitted.get(g.path, 0),
                        g_proposed.get(g.path, 0),
                        g_trained.get(g.path, 0),
                        quarter_counts.get(g.path, 0),
                        quarterly,
                    ),
                ]
            )
        tables.append(
            Table(
                "II. Kết quả kết nạp đảng viên theo tổ chức cơ sở đảng",
                _progress_columns(quarterly, "Tổ chức cơ sở đảng"),
                g_rows,
                sheet="Theo TCCS đảng",
            )
        )
    notes = [
        f"Số đơn vị trực thuộc hoàn thành chỉ tiêu: {met_children}/{with_quota} đơn vị được giao chỉ tiêu "
        f"({len(progress.children)} đơn vị trực thuộc).",
        f"Tổ chức cơ sở đảng hoàn thành chỉ tiêu: {progress.grassroots_met}/{progress.grassroots_with_quota} được giao; "
        f"chưa kết nạp được đảng viên nào trong năm: {progress.grassroots_without_admission}/{progress.grassroots_total}.",
        f"Chi bộ không kết nạp được đảng viên từ {progress.idle_since:%d/%m/%Y}: {progress.idle_cells_count}.",
        "Kết nạp tính theo ngày quyết định kết nạp, cho chi bộ nơi kết nạp; "
        "dự báo = đã kết nạp + đang đề nghị kết nạp + đã bồi dưỡng, giấy chứng nhận còn hạn đến 31/12.",
    ]
    if progress.children and progress.target is not None:
        diff = progress.children_targets_sum - progress.target
        if diff:
            notes.append(
                f"Tổng chỉ tiêu giao cho đơn vị trực thuộc ({progress.children_targets_sum}) "
                f"{'cao hơn' if diff > 0 else 'thấp hơn'} chỉ tiêu của đơn vị {abs(diff)}."
            )
    chart_rows = [(r.unit.name, r.percent) for r in progress.children if r.percent is not None]
    chart = BarChart("Biểu đồ tỷ lệ thực hiện chỉ tiêu theo đơn vị trực thuộc (%)", chart_rows) if chart_rows else None
    return _base(
        "progress",
        "BÁO CÁO TIẾN ĐỘ THỰC HIỆN CHỈ TIÊU KẾT NẠP ĐẢNG VIÊN",
        unit,
        period,
        user,
        tables,
        notes=notes,
        chart=chart,
        landscape=True,
    )


# ---- (b) Pipeline by unit and stage --------------------------------------------------------------


def _report_units(unit: PartyUnit) -> list[PartyUnit]:
    """The rows of a by-unit report: the unit's children, or the unit itself when it has none."""
    rows = list(PartyUnit.objects.filter(path__startswith=unit.path, depth=unit.depth + 1).order_by("path"))
    return rows or [unit]


# The start date each board section's deadline is counted from (candidates.selectors.BOARD_SECTIONS).
SECTION_START = {
    "le-ket-nap": "decision_date",
    "quyet-dinh": "cell_resolution_date",
    "cong-nhan": "ceremony_date",
    "du-bi": "ceremony_date",
    "giay-chung-nhan": "certificate_date",
    "cam-tinh": "sympathizer_date",
}
WAITING_LIMIT = 2000


def _section_deadline(key: str, c: Candidate, on: datetime.date, off) -> datetime.date | None:
    """The date behind a board section's condition (candidates.selectors), from rules.py."""
    if key == "le-ket-nap":
        return rules.ceremony_deadline(c.decision_date, off)
    if key == "quyet-dinh":
        return rules.decision_deadline(c.cell_resolution_date, off)
    if key == "cong-nhan":
        return rules.recognition_deadline(c.ceremony_date, off)
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
        rows.append([i, u.name, *values, sum(values)])
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
    sections = list(BOARD_SECTIONS)
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
        *[When(section_i=i, then=F(SECTION_START[s.key])) for i, s in enumerate(sections)],
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
        s_rows.append([i, u.name, *values, sum(values)])
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
            "certificate_date",
            "sympathizer_date",
            "cell_resolution_date",
            "decision_date",
            "ceremony_date",
        )
        .order_by("section_i", "start", "sort_key", "id")[: WAITING_LIMIT + 1]
    )
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
            [n, c.full_name, c.birth_date, c.cell.name, STAGE_LABELS[c.stage], section.title, deadline, status]
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


# ---- (c) Year-end summary of new members ---------------------------------------------------------


def admitted_in(unit: PartyUnit, period: Period):
    """New members: decision date inside the period, counted under the admitting unit's subtree."""
    return Candidate.objects.filter(
        admitting_unit__path__startswith=unit.path,
        decision_date__gte=period.start,
        decision_date__lte=period.end,
    )


def _age_months():
    """Full months of age at the decision date, in SQL (portable: year/month/day parts)."""
    return (
        (ExtractYear("decision_date") - ExtractYear("birth_date")) * 12
        + (ExtractMonth("decision_date") - ExtractMonth("birth_date"))
        - Case(
            When(decision_day__lt=F("birth_day"), then=Value(1)),
            default=Value(0),
            output_field=IntegerField(),
        )
    )


def build_summary(*, user, unit: PartyUnit, period: Period) -> Report:
    """The year-end summary with the breakdowns of DOMAIN.md, in two queries."""
    qs = (
        admitted_in(unit, period)
        .annotate(decision_day=ExtractDay("decision_date"), birth_day=ExtractDay("birth_date"))
        .annotate(age_m=_age_months())
    )
    minority = ~Q(ethnicity="Kinh") & ~Q(ethnicity="")
    religious = ~Q(religion="") & ~Q(religion__iexact="Không")
    private = Q(in_private_enterprise=True) | Q(admitting_unit__sector=Sector.PRIVATE_ENTERPRISE)
    higher = [ProfessionalEducation.COLLEGE, ProfessionalEducation.UNIVERSITY, ProfessionalEducation.POSTGRADUATE]
    # Full 18 to full 30 years at the decision: 216 ≤ age in months < 372.
    breakdowns = [
        ("women", "Nữ", Q(sex=Sex.FEMALE)),
        ("minority", "Người dân tộc thiểu số", minority),
        ("religious", "Người có đạo (theo tôn giáo)", religious),
        ("youth_union", "Đoàn viên thanh niên", Q(youth_union_member=True)),
        ("age_18_30", "Tuổi từ 18 đến 30 (tại ngày quyết định kết nạp)", Q(age_m__gte=216, age_m__lt=372)),
        (
            "upper_secondary",
            "Trình độ học vấn trung học phổ thông",
            Q(general_education=GeneralEducation.UPPER_SECONDARY),
        ),
        ("higher", "Trình độ cao đẳng, đại học trở lên", Q(professional_education__in=higher)),
    ]
    occupations = [(f"occ_{o.value}", o.label, Q(occupation=o.value)) for o in Occupation]
    aggregates = {"total": Count("id"), "avg_age_m": Avg("age_m"), "private": Count("id", filter=private)}
    for key, _label, q in breakdowns + occupations:
        aggregates[key] = Count("id", filter=q)
    figures = qs.aggregate(**aggregates)
    total = figures["total"]

    # Grassroots units that admitted anyone: a unit's path is the prefix of an admitting cell's path.
    # One IN (SELECT DISTINCT substr(path, 1, n)) per path length of grassroots units, all in SQL.
    period_units = PartyUnit.objects.filter(path__startswith=unit.path, kind__in=GRASSROOTS_KINDS).filter(
        Q(valid_to__isnull=True) | Q(valid_to__gte=period.start),
        Q(valid_from__isnull=True) | Q(valid_from__lte=period.end),
    )
    lengths = period_units.order_by().annotate(n=Length("path")).values_list("n", flat=True).distinct()
    admitted_somewhere = Q(pk__in=[])
    for length in sorted(lengths):
        prefixes = (
            admitted_in(unit, period)
            .order_by()
            .annotate(prefix=Substr("admitting_unit__path", 1, length))
            .values("prefix")
        )
        admitted_somewhere |= Q(path__in=prefixes)
    grassroots = period_units.aggregate(n=Count("id"), with_admissions=Count("id", filter=admitted_somewhere))

    def row(label, n, denominator=total, indent=False):
        return [("– " if indent else "") + label, n, _pct(n, denominator)]

    rows = [["Tổng số đảng viên mới kết nạp", total, None]]
    rows += [row(label, figures[key]) for key, label, _q in breakdowns]
    avg = figures["avg_age_m"]
    rows.append(
        ["Tuổi bình quân (năm)", (Decimal(avg) / 12).quantize(Decimal("0.1")) if avg is not None else None, None]
    )
    rows.append(["Theo nghề nghiệp:", None, None])
    rows += [row(label, figures[key], indent=True) for key, label, _q in occupations]
    rows.append(row("Trong doanh nghiệp tư nhân, có vốn đầu tư nước ngoài", figures["private"]))
    rows.append(["Số tổ chức cơ sở đảng", grassroots["n"], None])
    rows.append(row("Tổ chức cơ sở đảng có kết nạp đảng viên", grassroots["with_admissions"], grassroots["n"]))
    rows.append(
        row(
            "Tổ chức cơ sở đảng không kết nạp được đảng viên",
            grassroots["n"] - grassroots["with_admissions"],
            grassroots["n"],
        )
    )
    numbered = [[i, *r] for i, r in enumerate(rows, start=1)]
    table = Table(
        "Kết quả kết nạp đảng viên và cơ cấu đảng viên mới",
        [
            Column("STT", INT, 6),
            Column("Nội dung", width=60, wrap=True),
            Column("Số lượng", DECIMAL, 12),
            Column("Tỷ lệ", PERCENT, 12),
        ],
        numbered,
        sheet="Tổng hợp",
    )
    notes = [
        "Đảng viên mới: người có quyết định kết nạp trong kỳ báo cáo, tính cho chi bộ nơi kết nạp.",
        "Tỷ lệ tính trên tổng số đảng viên mới kết nạp; tỷ lệ tổ chức cơ sở đảng tính trên số tổ chức cơ sở đảng.",
    ]
    return _base(
        "summary",
        "BÁO CÁO KẾT QUẢ KẾT NẠP ĐẢNG VIÊN",
        unit,
        period,
        user,
        [table],
        notes=notes,
    )


# ---- (d) Candidate list ----------------------------------------------------------------------------


CANDIDATE_COLUMNS = [
    Column("STT", INT, 6),
    Column("Họ và tên", width=24, wrap=True),
    Column("Ngày sinh", DATE, 11),
    Column("Giới tính", width=8),
    Column("Dân tộc", width=9),
    Column("Chi bộ", width=28, wrap=True),
    Column("Giai đoạn", width=18, wrap=True),
    Column("Ngày GCN bồi dưỡng", DATE, 11),
    Column("Ngày quyết định kết nạp", DATE, 11),
    Column("Tình trạng", width=12),
]


def build_candidates(*, user, unit: PartyUnit, queryset, filters: list[tuple[str, str]] | None = None) -> Report:
    """The candidate list: `queryset` is the list page's filtered, sorted queryset (already scoped); this
    adds the unit's subtree and fetches every row in one query, in the list page's order."""
    qs = (
        queryset.filter(cell__path__startswith=unit.path)
        .select_related("cell")
        .only(
            "full_name",
            "birth_date",
            "sex",
            "ethnicity",
            "stage",
            "is_open",
            "exit_reason",
            "certificate_date",
            "decision_date",
            "cell__name",
        )
    )
    if not qs.ordered:
        qs = qs.order_by("sort_key", "birth_date", "id")
    sex_labels = dict(Sex.choices)
    rows = []
    for i, c in enumerate(qs.iterator(chunk_size=2000), start=1):
        rows.append(
            [
                i,
                c.full_name,
                c.birth_date,
                sex_labels.get(c.sex, ""),
                c.ethnicity,
                c.cell.name,
                STAGE_LABELS.get(c.stage, c.stage),
                c.certificate_date,
                c.decision_date,
                "Đang theo dõi" if c.is_open else "Đã ra khỏi danh sách",
            ]
        )
    table = Table(
        "Danh sách quần chúng ưu tú, đảng viên mới",
        CANDIDATE_COLUMNS,
        rows,
        empty="Không có ai phù hợp với bộ lọc.",
        sheet="Danh sách",
    )
    filters = filters or []
    notes = [f"Tổng số: {len(rows)} người."]
    if filters:
        notes.append("Bộ lọc: " + "; ".join(f"{label}: {value}" for label, value in filters))
    return _base(
        "candidates",
        "DANH SÁCH QUẦN CHÚNG ƯU TÚ, ĐẢNG VIÊN MỚI",
        unit,
        None,
        user,
        [table],
        notes=notes,
        landscape=True,
        more_parameters=[("Bộ lọc", "; ".join(f"{k}: {v}" for k, v in filters) or "Không")],
    )


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
    rows = [
        [
            i,
            e.candidate.full_name,
            e.candidate.birth_date,
            e.candidate.cell.name,
            RESULT_LABELS.get(e.result, "Chưa có kết quả"),
            e.certificate_number,
            e.certificate_date,
        ]
        for i, e in enumerate(enrollments, start=1)
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
