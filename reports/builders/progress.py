"""(a) Progress against the quota."""

import datetime

from django.db.models import Q

from units.labels import display_names
from units.models import GRASSROOTS_KINDS, PartyUnit

from ..params import Period
from ..structure import INT, PERCENT, BarChart, Column, Report, Table
from .document import _base, _pct

# ---- (a) Progress against the quota ---------------------------------------------------------------


def _met_label(met: bool | None) -> str:
    return "Chưa giao" if met is None else ("Đạt" if met else "Chưa đạt")


SHORTFALL_COLUMN = "Còn thiếu"


def _progress_columns(quarterly: bool, first: str) -> list[Column]:
    columns = [Column("STT", INT, 5), Column(first, width=34, wrap=True), Column("Chỉ tiêu năm", INT, 9)]
    if quarterly:
        columns += [Column("Kết nạp trong quý", INT, 9), Column("Tỷ lệ trong quý", PERCENT, 10)]
    columns += [
        Column("Kết nạp lũy kế" if quarterly else "Đã kết nạp", INT, 9),
        Column("Tỷ lệ", PERCENT, 10),
        Column(SHORTFALL_COLUMN, INT, 8),
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
    shortfall = None if target is None else max(target - admitted, 0)
    row += [admitted, _pct(admitted, target) if target is not None else None, shortfall, _met_label(met)]
    row += [proposed, trained, admitted + proposed + trained]
    return row


def build_progress(*, user, unit: PartyUnit, period: Period) -> Report:
    """Progress by unit: the quotas selector's numbers (the dashboard's), per child unit and per grassroots
    unit of the subtree, for a year, a quarter or up to an as-of date. Constant number of queries."""
    from quotas.models import Quota
    from quotas.selectors import (
        CHILDREN_TOTALS_DEFINITION,
        CHILDREN_TOTALS_LABEL,
        admitted_queryset,
        proposed_queryset,
        trained_queryset,
        unit_progress,
    )

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

    unit_names = display_names([r.unit for r in progress.children] + grassroots_table)

    def child_row(r) -> list:
        return _progress_row(
            unit_names[r.unit.pk],
            r.target,
            r.admitted,
            r.proposed,
            r.trained,
            quarter_counts.get(r.unit.path, 0),
            quarterly,
        )

    rows = [[i, *child_row(r)] for i, r in enumerate(progress.children, start=1)]
    # The total row is the sum of the rows above, column by column (the dashboard's, defined once in
    # quotas.selectors); the unit's own target, set by the level above, is a note of its own.
    t = progress.children_totals
    totals = [
        None,
        *_progress_row(
            f"{CHILDREN_TOTALS_LABEL} (= tổng các dòng trên)",
            t.target,
            t.admitted,
            t.proposed,
            t.trained,
            sum(quarter_counts.get(r.unit.path, 0) for r in progress.children),
            quarterly,
        ),
    ]
    # Còn thiếu of the total: the sum of the rows' shortfalls (a unit ahead does not make up for another).
    labels = [c.label for c in _progress_columns(quarterly, "")]
    totals[labels.index(SHORTFALL_COLUMN)] = progress.children_shortfall_sum
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
                        unit_names[g.pk],
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
    own = (
        f"Chỉ tiêu cấp trên giao cho {unit.name}: {progress.target}; toàn đơn vị đã kết nạp {progress.admitted}"
        if progress.target is not None
        else f"{unit.name} chưa được cấp trên giao chỉ tiêu; toàn đơn vị đã kết nạp {progress.admitted}"
    )
    notes = [
        f"Dòng “{CHILDREN_TOTALS_LABEL}”: {CHILDREN_TOTALS_DEFINITION}.",
        f"{own} (kể cả kết nạp ghi cho chính đơn vị, nếu có).",
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
    chart_rows = [(unit_names[r.unit.pk], r.percent) for r in progress.children if r.percent is not None]
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
