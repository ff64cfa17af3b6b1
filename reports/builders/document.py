"""The party document around the figures (36-HD/VPTW): issuing body, place and date, signer; shared by every report."""

from decimal import Decimal

from django.utils import timezone

from candidates.models import (
    Stage,
    TrainingResult,
)
from units import naming
from units.models import PartyUnit, UnitKind
from units.selectors import ancestors
from vietnamese.text import clean_text, quantize_percent

from ..params import Period
from ..structure import Report

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
    """Issuing body (two lines), number, place and signature block of a report issued by `unit`, named
    as the Charter names the bodies (units.naming): the organization board for the province and the
    (historic) district, the committee for a commune, bloc or grassroots unit, the cell for a cell."""
    chain = list(ancestors(unit))
    parent = chain[-1] if chain else None
    root = chain[0] if chain else unit
    board = unit.kind in (UnitKind.PROVINCE, UnitKind.DISTRICT)
    signer = naming.Signer.BOARD_HEAD if board else naming.Signer.STANDING_COMMITTEE
    block = naming.signature_block(unit, signer)
    return {
        "issuer_lines": naming.issuing_body_lines(unit, board=board, parent=parent),
        # The number is given by the office when the document is registered: left blank to fill in.
        "number": f"Số{NBSP * 8}-{kind_code}/{naming.number_suffix(unit, board=board)}",
        "place": _place(unit, root),
        "signer_title": block.title,
        "signer_lines": block.lines,
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
