"""(c) Year-end summary of new members."""

from decimal import Decimal

from django.db.models import Avg, Case, Count, F, IntegerField, Q, Value, When
from django.db.models.functions import ExtractDay, ExtractMonth, ExtractYear, Length, Substr

from candidates.models import (
    Candidate,
    GeneralEducation,
    Occupation,
    ProfessionalEducation,
    Sex,
)
from candidates.vocab import KINH, NO_RELIGION
from units.models import GRASSROOTS_KINDS, PartyUnit, Sector

from ..params import Period
from ..structure import DECIMAL, INT, PERCENT, Column, Report, Table
from .document import _base, _pct

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


def new_members(unit: PartyUnit, period: Period):
    """The new members of the period with their age in full months at the decision (age_m)."""
    return (
        admitted_in(unit, period)
        .annotate(decision_day=ExtractDay("decision_date"), birth_day=ExtractDay("birth_date"))
        .annotate(age_m=_age_months())
    )


def measures() -> tuple[list, list, Q]:
    """(breakdowns, occupations, private-enterprise filter): each breakdown (key, label, Q) of DOMAIN.md,
    shared by the year-end summary and the 11-HD/BTCTW table (reports/documents/statistics.py)."""
    # The vocabularies are official (candidates.vocab): anything but Kinh is a minority, anything but
    # "Không" a religion; the data migration and the forms keep the spellings canonical.
    minority = ~Q(ethnicity=KINH) & ~Q(ethnicity="")
    religious = ~Q(religion="") & ~Q(religion=NO_RELIGION)
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
        ("education_unknown", "Chưa rõ trình độ học vấn", Q(general_education=GeneralEducation.UNKNOWN)),
    ]
    occupations = [(f"occ_{o.value}", o.label, Q(occupation=o.value)) for o in Occupation]
    return breakdowns, occupations, private


def measure_aggregates() -> dict:
    """Every figure of a set of new members, as aggregates (one SELECT, or one per GROUP BY)."""
    breakdowns, occupations, private = measures()
    aggregates = {"total": Count("id"), "avg_age_m": Avg("age_m"), "private": Count("id", filter=private)}
    for key, _label, q in breakdowns + occupations:
        aggregates[key] = Count("id", filter=q)
    return aggregates


def grassroots_in(unit: PartyUnit, period: Period) -> tuple:
    """(grassroots units of the subtree existing in the period, the Q of those that admitted anyone)."""
    # A unit's path is the prefix of an admitting cell's path: one IN (SELECT DISTINCT substr(path, 1, n))
    # per path length of grassroots units, all in SQL.
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
    return period_units, admitted_somewhere


def build_summary(*, user, unit: PartyUnit, period: Period) -> Report:
    """The year-end summary with the breakdowns of DOMAIN.md, in two queries."""
    qs = new_members(unit, period)
    breakdowns, occupations, _private = measures()
    figures = qs.aggregate(**measure_aggregates())
    total = figures["total"]

    # Grassroots units that admitted anyone.
    period_units, admitted_somewhere = grassroots_in(unit, period)
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
