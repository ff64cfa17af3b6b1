"""(d) The candidate list, as filtered on its page."""

from candidates import rules
from candidates.models import Sex, Stage
from units.labels import display_names
from units.models import PartyUnit

from ..structure import DATE, INT, Column, Report, Table
from .document import STAGE_LABELS, _base

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
    Column("Ngày chính thức", DATE, 11),
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
            "ceremony_date",
            "cell__name",
            "cell__path",
            "cell__code",
        )
    )
    if not qs.ordered:
        qs = qs.order_by("sort_key", "birth_date", "id")
    sex_labels = dict(Sex.choices)
    people = list(qs.iterator(chunk_size=2000))
    cell_names = display_names(c.cell for c in people)
    rows = []
    for i, c in enumerate(people, start=1):
        rows.append(
            [
                i,
                c.full_name,
                c.birth_date,
                sex_labels.get(c.sex, ""),
                c.ethnicity,
                cell_names[c.cell_id],
                STAGE_LABELS.get(c.stage, c.stage),
                c.certificate_date,
                c.decision_date,
                # The end of probation, even when recognized late (Điều lệ Đảng, Điều 5).
                rules.official_date(c.ceremony_date) if c.stage == Stage.OFFICIAL and c.ceremony_date else None,
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
