"""Who proposes and who decides, read from the unit tree (Điều lệ Đảng, Điều 4.3–4.4):

- a chi bộ trực thuộc: cell resolution → the partial committee's appraisal (7-KNĐ) where the cell sits
  under a đảng bộ bộ phận → the grassroots committee's resolution (8-KNĐ, ≥ 2/3) → the decision;
- a chi bộ cơ sở: its own resolution goes straight to the competent committee above;
- a grassroots committee authorized to admit (a recorded authorization) decides itself: its
  resolution is the decision.

The competent body is a unit chosen from the tree and valid on the decision's date: the standing
committee of the district (until 30/06/2025), of the commune-level or bloc committee (from 01/07/2025),
the province, or the authorized grassroots committee. This module reads; it writes nothing."""

import datetime
from dataclasses import dataclass

from django.db.models import Q, QuerySet

from units import naming
from units.models import GRASSROOTS_KINDS, PartyUnit, UnitKind

from .. import rules
from ..models import Candidate

UPPER_KINDS = (UnitKind.DISTRICT, UnitKind.COMMUNE, UnitKind.BLOC, UnitKind.PROVINCE)


def _d(day):
    return day.strftime("%d/%m/%Y") if day else ""


@dataclass
class AdmissionPath:
    cell: PartyUnit
    partial: PartyUnit | None
    grassroots: PartyUnit | None  # the đảng ủy cơ sở; None when the cell is a chi bộ cơ sở

    @property
    def grassroots_cell(self) -> bool:
        return self.cell.kind == UnitKind.GRASSROOTS_CELL

    def authorized_on(self, day: datetime.date) -> bool:
        unit = self.cell if self.grassroots_cell else self.grassroots
        return bool(unit and unit.authorized_on(day))

    @property
    def needs_committee_resolution(self) -> bool:
        return not self.grassroots_cell and self.grassroots is not None

    @property
    def needs_appraisal(self) -> bool:
        return self.partial is not None and self.needs_committee_resolution


def admission_path(cell: PartyUnit) -> AdmissionPath:
    ancestors = list(PartyUnit.objects.filter(path__in=cell.ancestor_paths()).order_by("-depth"))
    partial = grassroots = None
    if cell.kind != UnitKind.GRASSROOTS_CELL:
        for unit in ancestors:
            if unit.kind == UnitKind.PARTIAL and partial is None and grassroots is None:
                partial = unit
            if unit.kind in GRASSROOTS_KINDS:
                grassroots = unit
                break
    return AdmissionPath(cell, partial, grassroots)


def applicable(candidate: Candidate, key: str, path: AdmissionPath | None = None) -> bool:
    """Whether an action of the pipeline applies to the candidate's path."""
    if key not in ("committee_resolution", "appraisal"):
        return True
    path = path or admission_path(candidate.cell)
    if key == "appraisal":
        return path.needs_appraisal and not candidate.appraisal_date
    return path.needs_committee_resolution and not candidate.committee_resolution_date


def competent_bodies(cell: PartyUnit) -> QuerySet:
    """The units that may be chosen as the issuer of an admission decision for this cell: the district,
    commune-level, bloc and provincial committees of its province that are above it (or historic,
    closed ones of the same province), and its grassroots committee when it holds an authorization."""
    root = cell.path[: PartyUnit.steplen]
    above = cell.ancestor_paths()
    q = Q(path__startswith=root, kind__in=UPPER_KINDS) & (Q(path__in=above) | Q(valid_to__isnull=False))
    path = admission_path(cell)
    own = path.cell if path.grassroots_cell else path.grassroots
    if own is not None and own.admission_authorization_number:
        q |= Q(pk=own.pk)
    return PartyUnit.objects.filter(q).order_by("path")


def issuer_label(unit: PartyUnit) -> str:
    """How the decision names its issuer: the standing committee, or the whole committee when an
    authorized grassroots committee decides."""
    committee = naming.committee_title(unit)
    if unit.kind in GRASSROOTS_KINDS:
        return committee if unit.kind == UnitKind.GRASSROOTS else unit.name
    return "Ban Thường vụ " + committee


def issuer_errors(candidate: Candidate, issuer: PartyUnit | None, on: datetime.date) -> list[str]:
    """Why this unit may not issue the admission decision on this date (empty: it may)."""
    cite = rules.cite("competent")
    if issuer is None:
        return [f"Chưa chọn cấp ủy ra quyết định kết nạp (chọn trong cây tổ chức) {cite}."]
    r = rules.rules_for(on)
    cell = candidate.cell
    errors = []
    if issuer.valid_from and on < issuer.valid_from:
        errors.append(
            f"“{issuer.name}” chưa được thành lập vào ngày {_d(on)} (hiệu lực từ {_d(issuer.valid_from)}) {cite}."
        )
    if issuer.valid_to and on > issuer.valid_to:
        errors.append(
            f"“{issuer.name}” đã hết hiệu lực từ sau ngày {_d(issuer.valid_to)}, không thể ra quyết định ngày {_d(on)} {cite}."
        )
    if issuer.kind == UnitKind.DISTRICT and on > r.district_level_last_day:
        errors.append(
            f"Cấp huyện đã kết thúc hoạt động từ {_d(r.commune_level_first_day)}: quyết định ngày {_d(on)} "
            f"phải do Ban Thường vụ đảng ủy cấp xã hoặc đảng bộ khối cấp trên ban hành {cite}."
        )
    elif issuer.kind in (UnitKind.COMMUNE, UnitKind.BLOC) and on < r.commune_level_first_day:
        errors.append(
            f"Trước {_d(r.commune_level_first_day)} cấp có thẩm quyền kết nạp là Ban Thường vụ huyện ủy (hoặc "
            f"tương đương), không phải “{issuer.name}” {cite}."
        )
    elif issuer.kind in GRASSROOTS_KINDS:
        path = admission_path(cell)
        own = path.cell if path.grassroots_cell else path.grassroots
        if own is None or issuer.pk != own.pk:
            errors.append(f"“{issuer.name}” không phải là tổ chức cơ sở đảng của chi bộ {cite}.")
        elif not issuer.authorized_on(on):
            errors.append(
                f"“{issuer.name}” chưa được ủy quyền kết nạp đảng viên vào ngày {_d(on)} "
                f"(ghi số, ngày văn bản ủy quyền ở trang đơn vị) {cite}."
            )
    elif issuer.kind not in UPPER_KINDS:
        errors.append(f"“{issuer.name}” ({issuer.get_kind_display()}) không có thẩm quyền kết nạp đảng viên {cite}.")
    if issuer.kind in UPPER_KINDS:
        same_root = cell.path.startswith(issuer.path[: PartyUnit.steplen])
        above = cell.path.startswith(issuer.path) and issuer.depth < cell.depth
        if not same_root or (issuer.valid_to is None and not above):
            errors.append(f"“{issuer.name}” không phải là cấp ủy cấp trên của “{cell.name}” {cite}.")
    return errors


def closed_unit_errors(unit: PartyUnit, on: datetime.date, what: str) -> list[str]:
    """Nothing new lands in a unit after it closed."""
    if unit.valid_to and on > unit.valid_to:
        return [
            f"“{unit.name}” đã hết hiệu lực từ sau ngày {_d(unit.valid_to)}: không thể {what} ngày {_d(on)} {rules.cite('closed_unit')}."
        ]
    return []
