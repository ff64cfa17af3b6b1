"""Imports of people: the cells' lists (with optional history milestones) and training-class
rosters. Both run on the shared engine (spreadsheets); lookups are done in bulk before the
rows are checked and the writes are bulk inserts/updates, so the number of queries does not
grow with the number of rows.

Cells are named by code (Mã chi bộ) or by exact name (Chi bộ). A name may exist in several
places of the tree (every commune has a "Chi bộ thôn Đông"); it is resolved among the cells in
the user's scope, then the closest relatives of the cells the file names without ambiguity (the
smallest subtree holding them all), then among active cells; if still ambiguous the row is an error asking for the code.
"""

import datetime
from collections import defaultdict

from django.utils import timezone

from spreadsheets.bulk import insert_history, insert_objects, update_objects
from spreadsheets.resource import RowData, SpreadsheetResource, iter_chunks
from spreadsheets.table import Column
from spreadsheets.widgets import BooleanWidget, ChoiceWidget, DateWidget, NameWidget, TextWidget, d, header_key
from units.models import CELL_KINDS, PartyUnit
from units.scope import Action, can, scoped, units_for_action
from vietnamese.text import clean_text, fold

from . import rules
from .clock import today
from .models import (
    PASSING_RESULTS,
    Candidate,
    Enrollment,
    EventKind,
    GeneralEducation,
    Occupation,
    ProfessionalEducation,
    Sex,
    Stage,
    StageEvent,
    TrainingClass,
    TrainingResult,
    stage_index,
)
from .services import STAGE_LABELS, person_errors, training_class_create

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
        self.out_of_scope: set[str] = set()
        for chunk in iter_chunks(sorted(codes)):
            found = {u.code: u for u in self._qs().filter(code__in=chunk)}
            self.by_code.update(found)
            missing = [c for c in chunk if c not in found]
            if missing:
                self.out_of_scope.update(PartyUnit.objects.filter(code__in=missing).values_list("code", flat=True))
        self.by_name: dict[str, list[PartyUnit]] = defaultdict(list)
        wanted = {fold(n): n for n in names}
        for chunk in iter_chunks(sorted(wanted)):
            for unit in self._qs().filter(search_name__in=chunk).order_by("path"):
                self.by_name[clean_text(unit.name).casefold()].append(unit)
        # The smallest subtree holding every cell the file names without ambiguity.
        sure = [u.path for u in self.by_code.values()]
        sure += [units[0].path for n in names if len(units := self.by_name.get(clean_text(n).casefold(), [])) == 1]
        self.anchor = _common_prefix(sure) if sure else ""

    def resolve(self, code: str | None, name: str | None) -> tuple[PartyUnit | None, str | None, str]:
        """(unit, column key of the error, error message)."""
        if code:
            unit = self.by_code.get(code)
            if unit is None:
                if code in self.out_of_scope:
                    return None, "cell_code", f"chi bộ mã “{code}” nằm ngoài phạm vi quản lý của bạn."
                return None, "cell_code", f"không tìm thấy chi bộ mã “{code}”."
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


# ---- The cells' lists ---------------------------------------------------------------------------


PERSON_COLUMNS = [
    "full_name",
    "birth_date",
    "sex",
    "ethnicity",
    "religion",
    "general_education",
    "professional_education",
    "occupation",
    "workplace",
    "residence",
    "phone",
    "national_id",
    "youth_union_member",
    "note",
]
# (milestone field, stage it proves, event action as the services write it, document field)
MILESTONES = [
    ("sympathizer_date", Stage.SYMPATHIZER, "Vào danh sách cảm tình Đảng", None),
    ("certificate_date", Stage.TRAINED, "Kết quả lớp bồi dưỡng nhận thức về Đảng", "certificate_number"),
    ("cell_resolution_date", Stage.PROPOSED, "Nghị quyết chi bộ đề nghị kết nạp", None),
    ("decision_date", Stage.DECIDED, "Quyết định kết nạp", "decision_number"),
    ("ceremony_date", Stage.PROBATIONARY, "Lễ kết nạp đảng viên", None),
    ("recognition_decision_date", Stage.OFFICIAL, "Công nhận đảng viên chính thức", None),
]
RECORD_FIELDS = ["mentor_name", "certificate_number", "decision_number"] + [m[0] for m in MILESTONES]


class CandidateResource(SpreadsheetResource):
    kind = "candidates"
    title = "Danh sách quần chúng, cảm tình Đảng"
    description = (
        "Người trong danh sách của các chi bộ, có thể kèm các mốc đã qua (ngày vào danh sách cảm tình Đảng, "
        "giấy chứng nhận, nghị quyết, quyết định, ngày kết nạp, ngày chính thức) để chuyển lịch sử sang."
    )
    right = Action.EDIT_CANDIDATES
    key_columns = ("full_name", "birth_date")
    columns = [
        NAME,
        BIRTH,
        SEX,
        Column("ethnicity", "Dân tộc", TextWidget(40), (), False, "Kinh"),
        Column("religion", "Tôn giáo", TextWidget(60), (), False, "Không"),
        Column(
            "general_education",
            "Trình độ học vấn",
            ChoiceWidget({}, fallback=_general_education, hint="ví dụ “12/12”, “9/12”, “THPT”"),
            ("Học vấn", "Văn hóa", "Trình độ văn hóa", "Giáo dục phổ thông", "Trình độ giáo dục phổ thông"),
            False,
            "12/12",
        ),
        Column(
            "professional_education",
            "Trình độ chuyên môn",
            ChoiceWidget({}, fallback=_professional_education, hint="ví dụ “Đại học”, “Trung cấp”"),
            ("Chuyên môn", "Chuyên môn nghiệp vụ", "Trình độ chuyên môn nghiệp vụ"),
            False,
            "Đại học",
        ),
        Column("occupation", "Nghề nghiệp", ChoiceWidget({}, fallback=_occupation), ("Nghề",), False, "Giáo viên"),
        Column(
            "workplace",
            "Nơi làm việc",
            TextWidget(255),
            ("Nơi làm việc, học tập", "Nơi công tác", "Đơn vị công tác", "Nơi học tập"),
            False,
            "Trường Tiểu học Tân Hòa",
        ),
        Column(
            "residence",
            "Nơi cư trú",
            TextWidget(255),
            ("Nơi ở hiện nay", "Nơi ở", "Địa chỉ", "Chỗ ở hiện nay"),
            False,
            "Thôn Đông, xã Tân Hòa",
        ),
        Column("phone", "Điện thoại", TextWidget(20), ("Số điện thoại", "SĐT", "ĐT"), False, "0912345678"),
        Column(
            "national_id",
            "Số CCCD",
            TextWidget(12),
            ("CCCD", "Căn cước công dân", "Số căn cước", "Số định danh", "Số định danh cá nhân", "CMND", "Số CMND"),
            False,
            "",
        ),
        Column(
            "youth_union_member",
            "Đoàn viên",
            BooleanWidget(),
            ("Là đoàn viên", "Đoàn viên TNCS"),
            False,
            "x",
        ),
        CELL_CODE,
        CELL_NAME,
        Column(
            "mentor_name",
            "Đảng viên giúp đỡ",
            NameWidget(120),
            ("Người giúp đỡ", "Đảng viên được phân công giúp đỡ", "Đảng viên theo dõi giúp đỡ"),
            False,
            "Trần Văn Bình",
        ),
        Column(
            "sympathizer_date",
            "Ngày vào danh sách cảm tình Đảng",
            DateWidget(),
            ("Ngày vào DS cảm tình Đảng", "Ngày vào danh sách", "Ngày công nhận cảm tình Đảng", "Ngày cảm tình Đảng"),
            False,
            datetime.date(2024, 3, 5),
        ),
        CERT_NUMBER,
        CERT_DATE,
        Column(
            "cell_resolution_date",
            "Ngày nghị quyết chi bộ",
            DateWidget(),
            ("Ngày NQ chi bộ", "Ngày nghị quyết chi bộ đề nghị kết nạp"),
            False,
            "",
        ),
        Column(
            "decision_number",
            "Số quyết định kết nạp",
            TextWidget(60),
            ("Số QĐ kết nạp", "Số quyết định"),
            False,
            "",
        ),
        Column(
            "decision_date",
            "Ngày quyết định kết nạp",
            DateWidget(),
            ("Ngày QĐ kết nạp", "Ngày quyết định"),
            False,
            "",
        ),
        Column(
            "ceremony_date",
            "Ngày kết nạp",
            DateWidget(),
            ("Ngày vào Đảng", "Ngày lễ kết nạp", "Ngày kết nạp Đảng"),
            False,
            "",
        ),
        Column(
            "recognition_decision_date",
            "Ngày công nhận đảng viên chính thức",
            DateWidget(),
            ("Ngày chính thức", "Ngày công nhận chính thức", "Ngày đảng viên chính thức"),
            False,
            "",
        ),
        NOTE,
    ]

    def check_file(self):
        if self.table and "cell_code" not in self.table.columns and "cell_name" not in self.table.columns:
            self.file_errors.append("Thiếu cột chi bộ: cần cột “Mã chi bộ” hoặc “Chi bộ”.")

    def prefetch(self, rows):
        codes = {c for r in rows if (c := self.clean_key("cell_code", r.get("cell_code")))}
        names = {n for r in rows if (n := self.clean_key("cell_name", r.get("cell_name")))}
        self.cells = CellResolver(self.user, cells_only=True)
        self.cells.prefetch(codes, names)
        folded = {fold(n) for r in rows if (n := self.clean_key("full_name", r.get("full_name")))}
        self.existing: dict[tuple, Candidate] = {}
        for chunk in iter_chunks(sorted(folded)):
            for c in Candidate.objects.filter(search_name__in=chunk):
                self.existing[(c.cell_id, c.search_name, c.birth_date)] = c
        self.seen: dict[tuple, int] = {}
        self.off = rules.holidays()
        self.today = today()

    def check_row(self, row: RowData, errors):
        row.label = row.full_name or ""
        if not row.full_name and "full_name" not in errors:
            errors["full_name"].append("thiếu họ và tên.")
        if not row.birth_date and "birth_date" not in errors:
            errors["birth_date"].append("thiếu ngày sinh.")
        cell, key, message = self.cells.resolve(row.cell_code, row.cell_name)
        if cell is None:
            errors[key].append(message)
        elif not cell.holds_candidates:
            errors["cell_code" if row.cell_code else "cell_name"].append(f"“{cell.name}” không phải là chi bộ.")
        elif self.user is not None and not can(self.user, Action.EDIT_CANDIDATES, cell):
            errors["cell_code" if row.cell_code else "cell_name"].append(
                f"bạn không có quyền cập nhật danh sách của “{cell.name}”."
            )
        if errors or not row.birth_date:
            return
        row.cell = cell
        row.label = f"{row.full_name} ({d(row.birth_date)}) — {cell.name}"
        row.matched = f"{cell.code} — {cell.name}"
        key = (cell.pk, fold(row.full_name), row.birth_date)
        if key in self.seen:
            errors["full_name"].append(f"trùng với dòng {self.seen[key]} (cùng họ tên, ngày sinh và chi bộ).")
            return
        self.seen[key] = row.number
        existing = self.existing.get(key)
        person = {k: getattr(row, k) for k in PERSON_COLUMNS if getattr(row, k) not in (None, "")}
        if row.national_id:
            # A 12-digit CCCD typed as a number loses its leading zero in Excel.
            person["national_id"] = row.national_id.zfill(12) if len(row.national_id) == 11 else row.national_id
        merged = ({k: getattr(existing, k) for k in PERSON_COLUMNS} if existing else {}) | person
        for message in person_errors({**merged, "full_name": row.full_name, "birth_date": row.birth_date}):
            errors["__all__"].append(message)
        if existing is None and not row.sex:
            errors["sex"].append("thiếu giới tính (Nam/Nữ).")
        self._check_milestones(row, errors)
        if errors:
            return
        row.person = person
        if existing is None:
            if cell.valid_to is not None:
                errors["cell_code" if row.cell_code else "cell_name"].append(
                    f"“{cell.name}” đã hết hiệu lực từ {d(cell.valid_to)}."
                )
                return
            row.status = "new"
            row.record = {k: getattr(row, k) for k in RECORD_FIELDS if getattr(row, k) not in (None, "")}
            row.stage = self._stage(row.record, Stage.SOURCE)
            return
        row.candidate = existing
        row.person_changes = {k: v for k, v in person.items() if getattr(existing, k) != v}
        row.record = {}
        for k in RECORD_FIELDS:
            value = getattr(row, k)
            if value in (None, ""):
                continue
            current = getattr(existing, k)
            if current in (None, ""):
                row.record[k] = value
            elif current != value:
                shown = d(current) if isinstance(current, datetime.date) else current
                row.warnings.append(
                    f"{Candidate._meta.get_field(k).verbose_name} đã có ({shown}), giữ nguyên giá trị hiện có."
                )
        row.stage = self._stage(row.record, existing.stage)
        row.status = "update" if row.person_changes or row.record else "unchanged"

    def _stage(self, record: dict, current: str) -> str:
        stage = current
        for field, milestone_stage, _, _ in MILESTONES:
            if record.get(field) and stage_index(milestone_stage) > stage_index(stage):
                stage = milestone_stage
        return stage

    def _check_milestones(self, row: RowData, errors):
        """Impossible dates are errors; rule violations of past records are warnings."""
        dates = [(f, getattr(row, f)) for f, _, _, _ in MILESTONES if getattr(row, f)]
        for f, day in dates:
            label = Candidate._meta.get_field(f).verbose_name
            if day > self.today:
                errors[f].append(f"{label} ({d(day)}) ở tương lai.")
            elif day < row.birth_date:
                errors[f].append(f"{label} ({d(day)}) trước ngày sinh ({d(row.birth_date)}).")
        if row.decision_date and row.ceremony_date and row.ceremony_date < row.decision_date:
            errors["ceremony_date"].append(
                f"ngày kết nạp ({d(row.ceremony_date)}) trước ngày quyết định kết nạp ({d(row.decision_date)})."
            )
        if errors:
            return
        for (f1, d1), (f2, d2) in zip(dates, dates[1:], strict=False):
            if d2 < d1:
                row.warnings.append(
                    f"{Candidate._meta.get_field(f2).verbose_name} ({d(d2)}) trước "
                    f"{Candidate._meta.get_field(f1).verbose_name} ({d(d1)})."
                )
        present = [f for f, _ in dates]
        if present:
            last = [m[0] for m in MILESTONES].index(present[-1])
            for f, _, _, _ in MILESTONES[:last]:
                if f not in present and f != "sympathizer_date":
                    row.warnings.append(f"thiếu {Candidate._meta.get_field(f).verbose_name}.")
        if row.certificate_date and not row.certificate_number:
            row.warnings.append("có ngày cấp giấy chứng nhận nhưng thiếu số giấy chứng nhận.")
        if row.cell_resolution_date:
            r = rules.rules_for(row.cell_resolution_date)
            age = rules.age_in_months(row.birth_date, row.cell_resolution_date)
            if age < r.min_age_months or age > r.max_age_months:
                row.warnings.append(
                    f"tuổi vào ngày nghị quyết chi bộ ({d(row.cell_resolution_date)}) ngoài khoảng "
                    f"{r.min_age_months // 12}–{r.max_age_months // 12}."
                )
            if row.certificate_date and not rules.certificate_valid_on(row.certificate_date, row.cell_resolution_date):
                row.warnings.append("giấy chứng nhận bồi dưỡng đã hết hạn vào ngày nghị quyết chi bộ.")
        if row.cell_resolution_date and row.decision_date:
            if row.decision_date > rules.decision_deadline(row.cell_resolution_date, self.off):
                row.warnings.append("quyết định kết nạp muộn so với hạn (tính từ nghị quyết chi bộ).")
        if row.decision_date and row.ceremony_date:
            if row.ceremony_date > rules.ceremony_deadline(row.decision_date, self.off):
                row.warnings.append("lễ kết nạp muộn quá 30 ngày làm việc kể từ quyết định.")
        if row.ceremony_date and row.recognition_decision_date:
            if row.recognition_decision_date < rules.probation_end(row.ceremony_date):
                row.warnings.append("công nhận chính thức trước khi hết 12 tháng dự bị.")

    def _events(self, candidate: Candidate, row: RowData, from_stage: str, note: str) -> list[StageEvent]:
        events = []
        stage = from_stage
        for field, milestone_stage, action, doc_field in MILESTONES:
            day = row.record.get(field)
            if not day:
                continue
            to_stage = milestone_stage if stage_index(milestone_stage) > stage_index(stage) else stage
            events.append(
                StageEvent(
                    candidate=candidate,
                    kind=EventKind.TRANSITION if to_stage != stage else EventKind.RECORD,
                    action=action,
                    from_stage=stage,
                    to_stage=to_stage,
                    legal_date=day,
                    entered_by=_actor(self.user),
                    document_number=clean_text(row.record.get(doc_field, "")) if doc_field else "",
                    note=note,
                    data={"imported_from": self.options.get("file_name", "")},
                    unit_id=candidate.cell_id,
                    imported=True,
                )
            )
            stage = to_stage
        return events

    def commit(self, rows):
        note = f"Nhập từ tệp {self.options.get('file_name', '')}".strip()
        new_rows = [r for r in rows if r.status == "new"]
        update_rows = [r for r in rows if r.status == "update"]
        created = []
        for r in new_rows:
            c = Candidate(cell=r.cell, **r.person, **r.record, stage=r.stage)
            if r.record.get("decision_date"):
                c.admitting_unit = r.cell
            normalize_candidate(c)
            created.append(c)
        insert_objects(Candidate, created, returning=True)
        insert_history(Candidate, created, history_type="+", user=self.user)
        events = []
        for c, r in zip(created, new_rows, strict=True):
            first = min((v for v in r.record.values() if isinstance(v, datetime.date)), default=self.today)
            events.append(
                StageEvent(
                    candidate=c,
                    kind=EventKind.CREATE,
                    action="Đưa vào danh sách tạo nguồn",
                    to_stage=Stage.SOURCE,
                    legal_date=first,
                    entered_by=_actor(self.user),
                    note=note,
                    unit_id=c.cell_id,
                    imported=True,
                )
            )
            events += self._events(c, r, Stage.SOURCE, note)
        changed_fields: set[str] = set()
        updated = []
        for r in update_rows:
            c = r.candidate
            from_stage = c.stage
            for k, v in {**r.person_changes, **r.record}.items():
                setattr(c, k, v)
                changed_fields.add(k)
            if r.record.get("decision_date") and c.admitting_unit_id is None:
                c.admitting_unit = c.cell
                changed_fields.add("admitting_unit")
            c.stage = r.stage
            c.version += 1
            normalize_candidate(c)
            updated.append(c)
            events += self._events(c, r, from_stage, note)
        if updated:
            fields = sorted(changed_fields | {"stage", "version", "full_name", "search_name", "sort_key"})
            fields += ["family_name", "middle_name", "given_name", "updated_at"]
            now = timezone.now()
            for c in updated:
                c.updated_at = now
            update_objects(Candidate, updated, fields)
            insert_history(Candidate, updated, history_type="~", user=self.user)
        insert_objects(StageEvent, events)
        stages = defaultdict(int)
        for c in created + updated:
            stages[c.stage] += 1
        if created or updated:
            self.summary.append(
                f"Đã thêm {len(created)} người, cập nhật {len(updated)} người; ghi {len(events)} sự kiện (đánh dấu "
                "“nhập từ tệp”)."
            )
            self.summary.append(
                "Giai đoạn sau khi nhập: "
                + ", ".join(
                    f"{STAGE_LABELS[s]}: {n}" for s, n in sorted(stages.items(), key=lambda x: stage_index(x[0]))
                )
                + "."
            )


# ---- Training-class rosters ------------------------------------------------------------------


class RosterResource(SpreadsheetResource):
    kind = "roster"
    title = "Danh sách học viên lớp bồi dưỡng"
    description = (
        "Danh sách học viên và kết quả lớp bồi dưỡng nhận thức về Đảng do Trung tâm Chính trị gửi. Người đạt "
        "được ghi giấy chứng nhận và chuyển sang giai đoạn “Đã bồi dưỡng”; học viên không khớp được liệt kê."
    )
    right = Action.RECORD_TRAINING
    key_columns = ("full_name", "birth_date")
    columns = [
        NAME,
        BIRTH,
        SEX,
        CELL_CODE,
        CELL_NAME,
        Column(
            "result",
            "Kết quả",
            ChoiceWidget(RESULT_WORDS, hint="Giỏi, Khá, Trung bình, Không đạt hoặc Vắng"),
            ("Xếp loại", "Kết quả học tập", "Kết quả xếp loại", "Xếp loại kết quả"),
            True,
            "Khá",
        ),
        CERT_NUMBER,
        CERT_DATE,
        NOTE,
    ]

    def check_file(self):
        code = clean_text(self.options.get("class_code", ""))
        self.training_class = None
        self.new_class = None
        if not code:
            self.file_errors.append("Chưa nhập mã lớp bồi dưỡng.")
            return
        qs = TrainingClass.objects.filter(code=code)
        found = (scoped(self.user, qs) if self.user is not None else qs).first()
        if found is None and qs.exists():
            self.file_errors.append(f"Mã lớp “{code}” đã được dùng cho một lớp ngoài phạm vi của bạn.")
            return
        if found is not None:
            self.training_class = found
            return
        name = clean_text(self.options.get("class_name", ""))
        start, end = self.options.get("start"), self.options.get("end")
        if not (name and start and end):
            self.file_errors.append(
                f"Chưa có lớp mã “{code}”: hãy nhập tên lớp, ngày khai giảng và ngày bế giảng để tạo lớp mới."
            )
            return
        if end < start:
            self.file_errors.append("Ngày bế giảng trước ngày khai giảng.")
            return
        unit = None
        if self.user is not None:
            units = list(units_for_action(self.user, Action.RECORD_TRAINING))
            if not units:
                self.file_errors.append("Bạn không có quyền mở lớp bồi dưỡng.")
                return
            unit = units[0]
        self.class_unit = unit
        self.new_class = TrainingClass(code=code, name=name, start_date=start, end_date=end)

    @property
    def klass(self) -> TrainingClass | None:
        return self.training_class or self.new_class

    def prefetch(self, rows):
        codes = {c for r in rows if (c := self.clean_key("cell_code", r.get("cell_code")))}
        names = {n for r in rows if (n := self.clean_key("cell_name", r.get("cell_name")))}
        self.units = CellResolver(self.user, cells_only=False)
        self.units.prefetch(codes, names)
        folded = {fold(n) for r in rows if (n := self.clean_key("full_name", r.get("full_name")))}
        self.people: dict[tuple, list[Candidate]] = defaultdict(list)
        qs = Candidate.objects.filter(is_open=True).select_related("cell")
        if self.user is not None:
            qs = scoped(self.user, qs)
        for chunk in iter_chunks(sorted(folded)):
            for c in qs.filter(search_name__in=chunk).order_by("id"):
                self.people[(c.search_name, c.birth_date)].append(c)
        self.enrollments: dict[int, Enrollment] = {}
        if self.training_class is not None:
            ids = [c.pk for people in self.people.values() for c in people]
            for chunk in iter_chunks(ids):
                self.enrollments.update(
                    {
                        e.candidate_id: e
                        for e in Enrollment.objects.filter(training_class=self.training_class, candidate_id__in=chunk)
                    }
                )
        self.seen: dict[tuple, int] = {}
        self.matched: dict[int, int] = {}
        self.today = today()

    def check_row(self, row: RowData, errors):
        row.label = f"{row.full_name} ({d(row.birth_date)})" if row.full_name and row.birth_date else row.full_name
        if not row.full_name and "full_name" not in errors:
            errors["full_name"].append("thiếu họ và tên.")
        if not row.birth_date and "birth_date" not in errors:
            errors["birth_date"].append("thiếu ngày sinh.")
        if not row.result and "result" not in errors:
            errors["result"].append("thiếu kết quả.")
        passed = row.result in PASSING_RESULTS
        if passed:
            if not row.certificate_number:
                errors["certificate_number"].append("người đạt cần có số giấy chứng nhận.")
            if not row.certificate_date and "certificate_date" not in errors:
                errors["certificate_date"].append("người đạt cần có ngày cấp giấy chứng nhận.")
        if row.certificate_date:
            if row.certificate_date > self.today:
                errors["certificate_date"].append(f"ngày cấp ({d(row.certificate_date)}) ở tương lai.")
            elif self.klass and row.certificate_date < self.klass.start_date:
                errors["certificate_date"].append(
                    f"ngày cấp ({d(row.certificate_date)}) trước ngày khai giảng lớp ({d(self.klass.start_date)})."
                )
        if errors or self.klass is None:
            return
        key = (fold(row.full_name), row.birth_date)
        if key in self.seen:
            errors["full_name"].append(f"trùng với dòng {self.seen[key]} (cùng họ tên và ngày sinh).")
            return
        self.seen[key] = row.number
        people = self.people.get(key, [])
        if row.cell_code or row.cell_name:
            unit, _, problem = self.units.resolve(row.cell_code, row.cell_name)
            if unit is not None:
                people = [c for c in people if c.cell.path.startswith(unit.path)]
            else:
                row.warnings.append(f"{problem[0].upper()}{problem[1:]} Chỉ so họ tên và ngày sinh.")
        if len(people) != 1:
            row.status = "unmatched"
            row.warnings.append(
                "không tìm thấy quần chúng cùng họ tên và ngày sinh trong phạm vi của bạn."
                if not people
                else f"trùng {len(people)} người: "
                + "; ".join(f"{c.full_name} — {c.cell.name} ({c.cell.code})" for c in people)
                + ". Hãy ghi mã chi bộ để phân biệt."
            )
            return
        candidate = people[0]
        if candidate.pk in self.matched:
            errors["full_name"].append(f"cùng một người với dòng {self.matched[candidate.pk]}.")
            return
        self.matched[candidate.pk] = row.number
        row.candidate = candidate
        row.label = f"{candidate.full_name} ({d(candidate.birth_date)}) — {candidate.cell.name}"
        row.matched = f"{candidate.cell.code} ({STAGE_LABELS[candidate.stage]})"
        enrollment = self.enrollments.get(candidate.pk)
        row.enrollment = enrollment
        values = (row.result, row.certificate_number or "", row.certificate_date if passed else None)
        if (
            enrollment is not None
            and (
                enrollment.result,
                enrollment.certificate_number,
                enrollment.certificate_date,
            )
            == values
        ):
            row.status = "unchanged"
            return
        if candidate.stage not in (Stage.SYMPATHIZER, Stage.TRAINED):
            errors["__all__"].append(
                f"không thể ghi kết quả bồi dưỡng: {candidate.full_name} đang ở giai đoạn "
                f"“{STAGE_LABELS[candidate.stage]}”, cần “{STAGE_LABELS[Stage.SYMPATHIZER]}” hoặc "
                f"“{STAGE_LABELS[Stage.TRAINED]}”."
            )
            return
        if self.user is not None and not (
            can(self.user, Action.RECORD_TRAINING, candidate.cell)
            or can(self.user, Action.EDIT_CANDIDATES, candidate.cell)
        ):
            errors["__all__"].append("bạn không có quyền ghi kết quả bồi dưỡng cho người này.")
            return
        if passed and row.certificate_date < candidate.birth_date:
            errors["certificate_date"].append("ngày cấp trước ngày sinh.")
            return
        row.status = "update" if enrollment is not None else "new"

    def commit(self, rows):
        """The bulk equivalent of candidates.services.candidate_record_training for every matched
        trainee: the same Enrollment, Candidate fields, stage and StageEvent (marked imported)."""
        klass = self.training_class
        matched = [r for r in rows if r.status in ("new", "update")]
        if klass is None:
            unit = self.class_unit
            if unit is None:  # command line without --user: the unit above every matched cell
                paths = [r.candidate.cell.path for r in matched]
                prefix = _common_prefix(paths) if paths else ""
                unit = PartyUnit.objects.filter(path=prefix).first() or PartyUnit.objects.order_by("path").first()
            klass = training_class_create(
                actor=self.user,
                code=self.new_class.code,
                name=self.new_class.name,
                unit=unit,
                start_date=self.new_class.start_date,
                end_date=self.new_class.end_date,
            )
            self.summary.append(f"Đã mở lớp “{klass.name}” (mã {klass.code}).")
        actor = _actor(self.user)
        new_enrollments, changed_enrollments, candidates, events = [], [], [], []
        for r in matched:
            c = r.candidate
            passed = r.result in PASSING_RESULTS
            number = clean_text(r.certificate_number or "")
            values = {
                "result": r.result,
                "certificate_number": number,
                "certificate_date": r.certificate_date if passed else None,
            }
            if r.enrollment is None:
                new_enrollments.append(Enrollment(training_class=klass, candidate=c, **values))
            else:
                for k, v in values.items():
                    setattr(r.enrollment, k, v)
                changed_enrollments.append(r.enrollment)
            data = {"class": klass.code, "result": r.result}
            from_stage = c.stage
            if passed:
                c.training_class = klass
                c.training_result = r.result
                c.certificate_number = number
                c.certificate_date = r.certificate_date
                c.stage = Stage.TRAINED
                data |= {"certificate_number": number, "certificate_date": r.certificate_date.isoformat()}
            c.version += 1
            candidates.append(c)
            events.append(
                StageEvent(
                    candidate=c,
                    kind=EventKind.TRANSITION if c.stage != from_stage else EventKind.RECORD,
                    action="Kết quả lớp bồi dưỡng nhận thức về Đảng",
                    from_stage=from_stage,
                    to_stage=c.stage,
                    legal_date=r.certificate_date if passed else min(klass.end_date, self.today),
                    entered_by=actor,
                    document_number=number,
                    note=clean_text(r.note or ""),
                    data=data,
                    unit_id=c.cell_id,
                    imported=True,
                )
            )
        insert_objects(Enrollment, new_enrollments, returning=True)
        insert_history(Enrollment, new_enrollments, history_type="+", user=actor)
        update_objects(Enrollment, changed_enrollments, ["result", "certificate_number", "certificate_date"])
        insert_history(Enrollment, changed_enrollments, history_type="~", user=actor)
        if candidates:
            now = timezone.now()
            for c in candidates:
                c.updated_at = now
            fields = ["training_class", "training_result", "certificate_number", "certificate_date", "stage"]
            update_objects(Candidate, candidates, [*fields, "version", "updated_at"])
            insert_history(Candidate, candidates, history_type="~", user=actor)
        insert_objects(StageEvent, events)
        passed = sum(1 for r in matched if r.result in PASSING_RESULTS)
        self.summary.append(
            f"Đã ghi kết quả cho {len(matched)} học viên ({passed} đạt, chuyển sang “{STAGE_LABELS[Stage.TRAINED]}”)."
        )
