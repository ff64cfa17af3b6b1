"""What both candidate imports share: the words offices write, the columns, cells named by code or name."""

import datetime
from collections import defaultdict

from spreadsheets.resource import iter_chunks
from spreadsheets.table import Column
from spreadsheets.widgets import ChoiceWidget, DateWidget, NameWidget, TextWidget, d, header_key
from units.models import CELL_KINDS, PartyUnit
from units.scope import scoped
from vietnamese.text import clean_text, fold

from ..models import (
    Candidate,
    GeneralEducation,
    Occupation,
    ProfessionalEducation,
    Sex,
    TrainingResult,
)

# What the checks of both imports read (see SpreadsheetResource.state).
CANDIDATE_DATA = (
    "units.PartyUnit",
    "units.Assignment",
    "candidates.Candidate",
    "candidates.Enrollment",
    "candidates.TrainingClass",
)

# ---- Words ---------------------------------------------------------------------------------

SEX_WORDS = {"Nam": Sex.MALE, "M": Sex.MALE, "Male": Sex.MALE, "Nữ": Sex.FEMALE, "F": Sex.FEMALE, "Female": Sex.FEMALE}


def _general_education(text: str) -> str | None:
    """ "12/12", "9/12", "10/10" (old system), "THPT", "THCS", "Tiểu học", "Đại học" …"""
    key = fold(text).replace(" ", "")
    if "/" in key:
        try:
            grade, system = (int(x) for x in key.split("/", 1))
        except ValueError:
            return None
        if system == 12:
            return (
                GeneralEducation.UPPER_SECONDARY
                if grade >= 12
                else GeneralEducation.LOWER_SECONDARY
                if grade >= 9
                else GeneralEducation.PRIMARY
            )
        if system == 10:
            return (
                GeneralEducation.UPPER_SECONDARY
                if grade >= 10
                else GeneralEducation.LOWER_SECONDARY
                if grade >= 7
                else GeneralEducation.PRIMARY
            )
        return None
    for words, value in (
        (("thpt", "trunghocphothong", "cap3", "daihoc", "caodang", "trungcap"), GeneralEducation.UPPER_SECONDARY),
        (("thcs", "trunghoccoso", "cap2"), GeneralEducation.LOWER_SECONDARY),
        (("tieuhoc", "cap1"), GeneralEducation.PRIMARY),
    ):
        if any(w in header_key(text) for w in words):
            return value
    return None


def _professional_education(text: str) -> str | None:
    key = header_key(text)
    for words, value in (
        (("thacsi", "tiensi", "saudaihoc", "ths", "ts"), ProfessionalEducation.POSTGRADUATE),
        (("daihoc", "cunhan", "kysu", "dh"), ProfessionalEducation.UNIVERSITY),
        (("caodang", "cd"), ProfessionalEducation.COLLEGE),
        (("trungcap", "socap", "tc", "nghe"), ProfessionalEducation.VOCATIONAL),
        (("khong", "chuaquadaotao", "chua"), ProfessionalEducation.NONE),
    ):
        if any(key == w or (len(w) > 3 and w in key) for w in words):
            return value
    return None


def _occupation(text: str) -> str:
    key = header_key(text)
    for words, value in (
        (("congchuc", "canbo"), Occupation.CIVIL_SERVANT),
        (("vienchuc", "giaovien", "bacsi", "yta"), Occupation.PUBLIC_EMPLOYEE),
        (("congnhan",), Occupation.WORKER),
        (("nongdan", "lamnong", "lamruong"), Occupation.FARMER),
        (("quandoi", "congan", "bodoi", "lucluongvutrang", "quannhan", "danquan"), Occupation.ARMED_FORCES),
        (("hocsinh", "sinhvien"), Occupation.STUDENT),
        (("nhanvien", "doanhnghiep", "ketoan", "kinhdoanh"), Occupation.ENTERPRISE_STAFF),
    ):
        if any(w in key for w in words):
            return value
    return Occupation.OTHER


RESULT_WORDS = {
    **{label: value for value, label in TrainingResult.choices},
    "Xuất sắc": TrainingResult.EXCELLENT,
    "TB": TrainingResult.AVERAGE,
    "Đạt": TrainingResult.AVERAGE,
    "Yếu": TrainingResult.FAILED,
    "Kém": TrainingResult.FAILED,
    "Không hoàn thành": TrainingResult.FAILED,
    "Vắng mặt": TrainingResult.ABSENT,
    "Bỏ học": TrainingResult.ABSENT,
    "Không tham gia": TrainingResult.ABSENT,
}

NAME = Column(
    "full_name",
    "Họ và tên",
    NameWidget(120),
    ("Họ tên", "Họ, tên", "Họ và tên khai sinh", "Họ tên học viên", "Họ và tên học viên"),
    True,
    "Nguyễn Văn An",
)
BIRTH = Column(
    "birth_date",
    "Ngày sinh",
    DateWidget(),
    ("Ngày, tháng, năm sinh", "Ngày tháng năm sinh", "Sinh ngày", "Năm sinh", "NTNS"),
    True,
    datetime.date(1995, 6, 5),
)
SEX = Column(
    "sex",
    "Giới tính",
    ChoiceWidget(SEX_WORDS, hint="“Nam” hoặc “Nữ”"),
    ("Nam/Nữ", "Nam, nữ", "Phái", "Giới"),
    False,
    "Nam",
)
CELL_CODE = Column("cell_code", "Mã chi bộ", TextWidget(40), ("Mã đơn vị", "Mã chi, đảng bộ"), False, "TP-TH-DONG")
CELL_NAME = Column(
    "cell_name",
    "Chi bộ",
    TextWidget(255),
    ("Tên chi bộ", "Đơn vị", "Đơn vị (chi bộ, đảng bộ)", "Chi bộ sinh hoạt", "Thuộc chi bộ", "Chi, đảng bộ"),
    False,
    "Chi bộ thôn Đông",
)
CERT_NUMBER = Column(
    "certificate_number",
    "Số giấy chứng nhận",
    TextWidget(60),
    ("Số GCN", "Số giấy CN", "Số chứng nhận", "Số GCN bồi dưỡng"),
    False,
    "572/GCN-TTCT",
)
CERT_DATE = Column(
    "certificate_date",
    "Ngày cấp giấy chứng nhận",
    DateWidget(),
    ("Ngày cấp", "Ngày cấp GCN", "Ngày cấp giấy CN"),
    False,
    datetime.date(2024, 6, 28),
)
NOTE = Column("note", "Ghi chú", TextWidget(1000), (), False, "")


# ---- Cells named by code or by name -------------------------------------------------------------


class CellResolver:
    """Resolves the cell (or, for rosters, any unit) a row names, with bulk lookups."""

    def __init__(self, user, *, cells_only: bool):
        self.user = user
        self.cells_only = cells_only

    def _qs(self):
        qs = PartyUnit.objects.all()
        if self.cells_only:
            qs = qs.filter(kind__in=CELL_KINDS)
        return scoped(self.user, qs) if self.user is not None else qs

    def prefetch(self, codes: set[str], names: set[str]) -> None:
        self.by_code: dict[str, PartyUnit] = {}
        for chunk in iter_chunks(sorted(codes)):
            self.by_code.update({u.code: u for u in self._qs().filter(code__in=chunk)})
        self.by_name: dict[str, list[PartyUnit]] = defaultdict(list)
        wanted = {fold(n): n for n in names}
        for chunk in iter_chunks(sorted(wanted)):
            for unit in self._qs().filter(search_name__in=chunk).order_by("path"):
                self.by_name[clean_text(unit.name).casefold()].append(unit)
        # Closed units among these and their ancestors (a cell of a dissolved district), in one query.
        paths = {u.path for u in self.by_code.values()} | {u.path for units in self.by_name.values() for u in units}
        prefixes = {p[:i] for p in paths for i in range(PartyUnit.steplen, len(p) + 1, PartyUnit.steplen)}
        self.closed: dict[str, PartyUnit] = {}
        for chunk in iter_chunks(sorted(prefixes)):
            for unit in PartyUnit.objects.filter(path__in=chunk, valid_to__isnull=False).select_related("successor"):
                self.closed[unit.path] = unit
        # The smallest subtree holding every cell the file names without ambiguity.
        sure = [u.path for u in self.by_code.values()]
        sure += [units[0].path for n in names if len(units := self.by_name.get(clean_text(n).casefold(), [])) == 1]
        self.anchor = _common_prefix(sure) if sure else ""

    def closed_reason(self, unit: PartyUnit) -> str:
        """Why nobody may be put into `unit`: it, or a unit above it, is closed (naming the
        successor); "" when it is open."""
        for i in range(PartyUnit.steplen, len(unit.path) + 1, PartyUnit.steplen):
            closed = self.closed.get(unit.path[:i])
            if closed is not None:
                return closed_message(unit, closed)
        return ""

    def resolve(self, code: str | None, name: str | None) -> tuple[PartyUnit | None, str | None, str]:
        """(unit, column key of the error, error message)."""
        if code:
            unit = self.by_code.get(code)
            if unit is None:
                # Out of scope and non-existent read the same: an import reveals no code elsewhere.
                return None, "cell_code", f"không tìm thấy chi bộ mã “{code}” trong phạm vi quản lý của bạn."
            return unit, None, ""
        if not name:
            return None, "cell_name", "thiếu chi bộ (ghi Mã chi bộ hoặc tên Chi bộ)."
        matches = self.by_name.get(clean_text(name).casefold(), [])
        if not matches:
            return None, "cell_name", f"không tìm thấy chi bộ tên “{name}” trong phạm vi của bạn."
        if len(matches) > 1 and self.anchor:
            # Keep the closest relatives of the cells the file names for sure.
            closeness = {u.pk: len(_common_prefix([u.path, self.anchor])) for u in matches}
            best = max(closeness.values())
            if best:
                matches = [u for u in matches if closeness[u.pk] == best]
        if len(matches) > 1:
            active = [u for u in matches if u.valid_to is None]
            matches = active or matches
        if len(matches) > 1:
            codes = ", ".join(u.code for u in matches[:5]) + ("…" if len(matches) > 5 else "")
            return (
                None,
                "cell_name",
                f"tên chi bộ “{name}” trùng ở {len(matches)} đơn vị (mã {codes}); hãy ghi cột Mã chi bộ.",
            )
        return matches[0], None, ""


def closed_message(unit: PartyUnit, closed: PartyUnit) -> str:
    """“Chi bộ X” (of the dissolved “Huyện Y”) đã hết hiệu lực từ …; đơn vị kế tục: “Z” (mã …)."""
    where = f"“{unit.name}”" + (f" thuộc “{closed.name}”" if closed.pk != unit.pk else "")
    text = f"{where} đã hết hiệu lực từ {d(closed.valid_to)}"
    successor = closed.successor
    if successor is not None:
        text += f"; đơn vị kế tục: “{successor.name}” (mã {successor.code})"
    return text + "."


def _common_prefix(paths: list[str]) -> str:
    prefix = min(paths)
    last = max(paths)
    i = 0
    while i < len(prefix) and prefix[i] == last[i]:
        i += 1
    return prefix[: i - i % PartyUnit.steplen]


def normalize_candidate(candidate: Candidate) -> None:
    """What Candidate.save() does to the row's own text, for rows written with bulk_create."""
    candidate.normalize()


def _actor(user):
    return user if getattr(user, "pk", None) else None
