"""The cells' lists: people with their pipeline history (CandidateResource)."""

import datetime
import operator
from collections import defaultdict

from django.utils.text import capfirst

from spreadsheets.resource import RowData, SpreadsheetResource, iter_chunks
from spreadsheets.widgets import d
from units.scope import Action, can
from vietnamese.text import clean_text, fold

from .. import rules
from ..clock import today
from ..models import (
    Candidate,
    Stage,
    stage_index,
)
from ..privacy import LEGAL_BASIS
from ..services import person_errors
from .common import (
    CANDIDATE_DATA,
    CellResolver,
)
from .list_columns import LIST_COLUMNS
from .list_settle import ListSettle, _filled
from .list_write import ListWrite
from .trackers import (
    TRACKER_FIELDS,
    combine_sheets,
)

# ---- The cells' lists ---------------------------------------------------------------------------


PERSON_COLUMNS = [
    "full_name",
    "birth_date",
    "person_code",
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
MILESTONE_FIELDS = [m[0] for m in MILESTONES]
MILESTONE_LABELS = {f: Candidate._meta.get_field(f).verbose_name for f in MILESTONE_FIELDS}
RECORD_FIELDS = ["mentor_name", "certificate_number", "decision_number"] + [m[0] for m in MILESTONES] + TRACKER_FIELDS


class _Values:
    """values dict -> the tuple of its values for `keys` (None for an absent key); picklable, as the
    checked resource is kept between preview and confirm."""

    __slots__ = ("keys",)

    def __init__(self, keys: list[str]):
        self.keys = keys

    def __call__(self, values: dict) -> tuple:
        return tuple(values.get(k) for k in self.keys)


class _One:
    """values dict -> (its value for `key`,): one column the file has."""

    __slots__ = ("key",)

    def __init__(self, key: str):
        self.key = key

    def __call__(self, values: dict) -> tuple:
        return (values[self.key],)


def _picker(keys: list[str], *, complete: bool):
    """values dict -> the tuple of its values for `keys`: at C speed when every row holds every key."""
    if complete and len(keys) > 1:
        return operator.itemgetter(*keys)
    return _One(keys[0]) if complete and keys else _Values(keys)


class CandidateResource(ListSettle, ListWrite, SpreadsheetResource):
    kind = "candidates"
    title = "Danh sách quần chúng, cảm tình Đảng"
    description = (
        "Người trong danh sách của các chi bộ, có thể kèm các mốc đã qua (ngày vào danh sách cảm tình Đảng, "
        "giấy chứng nhận, nghị quyết, quyết định, ngày kết nạp, ngày chính thức) để chuyển lịch sử sang."
    )
    right = Action.EDIT_CANDIDATES
    legal_basis = LEGAL_BASIS
    # The name only: trackers often lack the birth date (the person is then imported as incomplete).
    key_columns = ("full_name",)
    depends_on = CANDIDATE_DATA
    columns = LIST_COLUMNS

    def check_file(self):
        self.default_cell_code = clean_text(self.options.get("default_cell") or "")
        named = any("cell_code" in t.columns or "cell_name" in t.columns for t in self.tables)
        if self.tables and not named and not self.default_cell_code:
            self.file_errors.append(
                "Thiếu cột chi bộ: cần cột “Mã chi bộ” hoặc “Chi bộ”, hoặc chọn chi bộ mặc định (khi tải tệp lên, "
                "hoặc --cell MÃ ở dòng lệnh)."
            )
        elif self.default_cell_code:
            # The default cell checked once for the file (not once for every row that names none).
            self.cells = CellResolver(self.user, cells_only=True)
            self.cells.prefetch({self.default_cell_code}, set())
            self.cell_memo = {}
            _, problem, _ = self._cell_of("", None)
            if problem:
                self.file_errors.append(capfirst(problem[1]))

    def combine(self, rows):
        rows, self.row_sheets = combine_sheets(rows, self.clean_key) if len(self.tables) > 1 else (rows, {})
        return rows

    def prefetch(self, rows):
        codes = self.key_values(rows, "cell_code")
        if getattr(self, "default_cell_code", ""):
            codes.add(self.default_cell_code)
        names = self.key_values(rows, "cell_name")
        self.cells = CellResolver(self.user, cells_only=True)
        self.cells.prefetch(codes, names)
        # Each distinct name folded once (check_row finds it here); the birth dates as written.
        self.folded = {name: fold(name) for name in self.key_values(rows, "full_name")}
        self.dates = {day: d(day) for day in self.key_values(rows, "birth_date")}
        folded = set(self.folded.values())
        person_codes = self.key_values(rows, "person_code")
        self.existing: dict[tuple, Candidate] = {}
        self.by_name: dict[tuple, list[Candidate]] = defaultdict(list)  # (cell, folded name)
        self.by_code: dict[tuple, Candidate] = {}  # (cell, person code)
        seen = set()
        queries = [("search_name__in", sorted(folded)), ("person_code__in", sorted(person_codes))]
        for lookup, values in queries:
            for chunk in iter_chunks(values):
                for c in Candidate.objects.filter(**{lookup: chunk}).order_by("id"):
                    if c.pk in seen:
                        continue
                    seen.add(c.pk)
                    self.existing[(c.cell_id, c.search_name, c.birth_date)] = c
                    self.by_name[(c.cell_id, c.search_name)].append(c)
                    if c.person_code:
                        self.by_code[(c.cell_id, c.person_code)] = c
        self.seen: dict[tuple, int] = {}
        self.cell_memo: dict[tuple, tuple] = {}
        self.person_memo: dict[tuple, list[str]] = {}
        self.milestone_memo: dict[tuple, tuple] = {}
        self.stage_memo: dict[tuple, str] = {}
        # Only the columns the file has can hold a value (the rest are None on every row).
        present = getattr(self, "present_keys", None)
        self.person_keys = [k for k in PERSON_COLUMNS if present is None or k in present]
        self.record_keys = [k for k in RECORD_FIELDS if present is None or k in present]
        self.milestones = [m for m in MILESTONES if present is None or m[0] in present]
        self.milestone_fields = [m[0] for m in self.milestones]
        self.pick_person = _picker(self.person_keys, complete=present is not None)
        self.pick_record = _picker(self.record_keys, complete=present is not None)
        self.pick_milestones = _picker(self.milestone_fields, complete=present is not None)
        self.born_after = rules.add_months(today(), -99 * 12)
        self.matched_ids: dict[int, int] = {}
        self.row_sheets = getattr(self, "row_sheets", {})
        self.off = rules.holidays()
        self.today = today()

    def _match(self, row: RowData, cell, errors) -> Candidate | None:
        """The person already in the cell: by staff/student code, then name and birth date; without
        a birth date in the file, by name alone when one person of that name is in the cell (said
        so), never a guess among several."""
        name = fold(row.full_name)
        if row.person_code and (cell.id, row.person_code) in self.by_code:
            return self.by_code[(cell.id, row.person_code)]
        if (cell.id, name) not in self.by_name:
            return None  # nobody of that name in the cell (the usual case of a new person)
        if row.national_id:
            found = [c for c in self.by_name.get((cell.pk, name), []) if c.national_id == row.national_id]
            if len(found) == 1:
                return found[0]
        if row.birth_date:
            found = self.existing.get((cell.pk, name, row.birth_date))
            if found is not None:
                return found
            undated = [c for c in self.by_name.get((cell.pk, name), []) if c.birth_date is None]
            if len(undated) == 1 and not (row.person_code and undated[0].person_code):
                row.warnings.append(
                    f"khớp theo họ tên với hồ sơ thiếu ngày sinh trong chi bộ: bổ sung ngày sinh {d(row.birth_date)}."
                )
                return undated[0]
            return None
        same = [
            c
            for c in self.by_name.get((cell.pk, name), [])
            if not (row.person_code and c.person_code and c.person_code != row.person_code)
        ]
        if len(same) == 1:
            row.warnings.append(
                "tệp không có ngày sinh: khớp theo họ tên trong chi bộ"
                + (f" (sinh ngày {d(same[0].birth_date)})" if same[0].birth_date else "")
                + ", hãy kiểm tra đúng người."
            )
            return same[0]
        if len(same) > 1:
            errors["full_name"].append(
                f"chi bộ có {len(same)} người tên “{row.full_name}”; tệp không có ngày sinh, mã GV/SV hay số CCCD "
                "để biết là ai."
            )
        return None

    def _cell_of(self, code, name) -> tuple:
        """(cell, None, "code — name") or (None, (column key, message), "") for the cell a row
        names; each distinct (code, name) of the file resolved and checked once."""
        found = self.cell_memo.get((code, name))
        if found is not None:
            return found
        wanted = code or (self.default_cell_code if not name else None)
        cell, key, message = self.cells.resolve(wanted, name)
        column = "cell_code" if code else "cell_name"
        problem = None
        if cell is None:
            if key == "cell_code" and not code:
                message = f"chi bộ mặc định: {message}"
            elif not wanted and not name:
                message += " Nếu cả tệp là của một chi bộ, hãy chọn chi bộ mặc định (khi tải tệp lên, hoặc --cell MÃ ở dòng lệnh)."
            problem = (key, message)
        elif not cell.holds_candidates:
            problem = (column, f"“{cell.name}” không phải là chi bộ.")
        elif reason := self.cells.closed_reason(cell):
            problem = (column, f"{reason} Hãy ghi đơn vị mới.")
        elif self.user is not None and not can(self.user, Action.EDIT_CANDIDATES, cell):
            problem = (column, f"bạn không có quyền cập nhật danh sách của “{cell.name}”.")
        found = (None, problem, "") if problem else (cell, None, f"{cell.code} — {cell.name}")
        self.cell_memo[(code, name)] = found
        return found

    def check_row(self, row: RowData, errors):
        full_name = row.full_name
        if not full_name and "full_name" not in errors:
            errors["full_name"].append("thiếu họ và tên.")
        cell_key = (row.cell_code, row.cell_name)
        cell, problem, matched = self.cell_memo.get(cell_key) or self._cell_of(*cell_key)
        if problem:
            errors[problem[0]].append(problem[1])
        if errors:
            row.label = full_name or ""
            return
        row.cell = cell
        birth_date = row.birth_date
        row.label = (
            f"{full_name} ({self.dates.get(birth_date) or d(birth_date)}) — {cell.name}"
            if birth_date
            else f"{full_name} — {cell.name}"
        )
        row.matched = matched
        national_id = row.national_id
        if national_id and len(national_id) == 11:
            # A 12-digit CCCD typed as a number loses its leading zero in Excel.
            row.national_id = national_id.zfill(12)
        folded = self.folded.get(full_name) or fold(full_name)
        person_code = row.person_code
        key = (cell.id, "code", person_code) if person_code else (cell.id, folded, birth_date)
        seen = self.seen
        if key in seen:
            what = "cùng mã GV/SV và chi bộ" if person_code else "cùng họ tên, ngày sinh và chi bộ"
            errors["full_name"].append(f"trùng với dòng {seen[key]} ({what}).")
            return
        seen[key] = number = row.number
        if self.row_sheets:
            sheets = self.row_sheets.get(number)
            if sheets:
                row.warnings.append(f"có trong các trang {', '.join(sheets)}: lấy thông tin của trang sau cùng.")
        if person_code or (cell.id, folded) in self.by_name:
            existing = self._match(row, cell, errors)
            if errors:
                return
        else:
            existing = None  # nobody of that name in the cell: the usual new person
        if existing is not None:
            if existing.pk in self.matched_ids:
                errors["full_name"].append(f"cùng một người với dòng {self.matched_ids[existing.pk]}.")
                return
            self.matched_ids[existing.pk] = row.number
        if not row.birth_date and (existing is None or existing.birth_date is None):
            row.warnings.append("thiếu ngày sinh: nhập thành hồ sơ chưa đủ (cần bổ sung trước khi xét kết nạp).")
        values = row.__dict__
        person = _filled(self.person_keys, self.pick_person(values))
        merged = ({k: getattr(existing, k) for k in PERSON_COLUMNS} | person) if existing else person
        birth = merged.get("birth_date")
        # What person_errors checks besides the name (present here): the birth date and the ID; a
        # birth date less than 99 years back and no ID need no call.
        national_id = merged.get("national_id")
        if not national_id and (birth is None or self.born_after <= birth <= self.today):
            messages = ()
        else:
            person_key = (birth, national_id)
            messages = self.person_memo.get(person_key)
        if messages is None:
            messages = person_errors(
                {**merged, "full_name": row.full_name, "birth_date": birth}, today=self.today, birth_required=False
            )
            self.person_memo[person_key] = messages
        if messages:
            errors["__all__"].extend(messages)
        if existing is None and not row.sex:
            errors["sex"].append("thiếu giới tính (Nam/Nữ).")
        if self.milestone_fields:
            self._check_milestones(row, errors, birth)
        if errors:
            return
        row.person = person
        if existing is None:
            row.status = "new"
            row.record = record = _filled(self.record_keys, self.pick_record(values))
            row.stage = self.stage_memo.get((*record, Stage.SOURCE)) or self._stage(record, Stage.SOURCE)
            return
        row.candidate = existing
        row.person_changes = {k: v for k, v in person.items() if getattr(existing, k) != v}
        row.record = {}
        for k in self.record_keys:
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
        """The stage the record's milestones bring a person at `current` to (remembered per set of
        milestones: a list repeats them)."""
        key = (*record, current)
        stage = self.stage_memo.get(key)
        if stage is None:
            stage = self.stage_memo[key] = self._stage_of(record, current)
        return stage

    def _stage_of(self, record: dict, current: str) -> str:
        stage = current
        for field, milestone_stage, _, _ in self.milestones:
            if field in record and stage_index(milestone_stage) > stage_index(stage):
                stage = milestone_stage
        return stage

    def _check_milestones(self, row: RowData, errors, birth: datetime.date | None):
        """Impossible dates are errors; rule violations of past records are warnings. What does not
        depend on the birth date is worked out once per distinct set of dates (a list repeats them)."""
        values = row.__dict__
        days = self.pick_milestones(values)
        if not any(days):
            return
        key = (days, bool(values.get("certificate_number")))
        findings = self.milestone_memo.get(key)
        if findings is None:
            dates = tuple((f, day) for f, day in zip(self.milestone_fields, days, strict=True) if day)
            findings = self.milestone_memo[key] = (dates, *self._milestone_findings(dict(dates), dates, key[1]))
        dates, future, order_errors, before_age, after_age, earliest = findings
        if future or (birth and earliest < birth):
            for f, day in dates:
                if f in future:
                    errors[f].append(future[f])
                elif birth and day < birth:
                    errors[f].append(f"{MILESTONE_LABELS[f]} ({d(day)}) trước ngày sinh ({d(birth)}).")
        for f, message in order_errors:
            errors[f].append(message)
        if errors:
            return
        if before_age:
            row.warnings.extend(before_age)
        resolution = values.get("cell_resolution_date")
        if resolution and birth:
            r = rules.rules_for(resolution)
            age = rules.age_in_months(birth, resolution)
            if age < r.min_age_months or age > r.max_age_months:
                row.warnings.append(
                    f"tuổi vào ngày nghị quyết chi bộ ({d(resolution)}) ngoài khoảng "
                    f"{r.min_age_months // 12}–{r.max_age_months // 12}."
                )
        if after_age:
            row.warnings.extend(after_age)

    def _milestone_findings(self, day_of: dict, dates: tuple, has_certificate_number: bool) -> tuple:
        """({field: future-date error}, [(field, order error)], warnings before the age check,
        warnings after it, the earliest date) for a row's milestone dates."""
        future = {f: f"{MILESTONE_LABELS[f]} ({d(day)}) ở tương lai." for f, day in dates if day > self.today}
        order_errors = []
        decision, ceremony = day_of.get("decision_date"), day_of.get("ceremony_date")
        resolution, certificate = day_of.get("cell_resolution_date"), day_of.get("certificate_date")
        recognition = day_of.get("recognition_decision_date")
        if decision and ceremony and ceremony < decision:
            order_errors.append(
                ("ceremony_date", f"ngày kết nạp ({d(ceremony)}) trước ngày quyết định kết nạp ({d(decision)}).")
            )
        before_age = []
        for (f1, d1), (f2, d2) in zip(dates, dates[1:], strict=False):
            if d2 < d1:
                before_age.append(f"{MILESTONE_LABELS[f2]} ({d(d2)}) trước {MILESTONE_LABELS[f1]} ({d(d1)}).")
        present = [f for f, _ in dates]
        last = MILESTONE_FIELDS.index(present[-1])
        for f in MILESTONE_FIELDS[:last]:
            if f not in present and f != "sympathizer_date":
                before_age.append(f"thiếu {MILESTONE_LABELS[f]}.")
        if certificate and not has_certificate_number:
            before_age.append("có ngày cấp giấy chứng nhận nhưng thiếu số giấy chứng nhận.")
        after_age = []
        if resolution and certificate and not rules.certificate_valid_on(certificate, resolution):
            after_age.append("giấy chứng nhận bồi dưỡng đã hết hạn vào ngày nghị quyết chi bộ.")
        if resolution and decision and decision > rules.decision_deadline(resolution, self.off):
            after_age.append("quyết định kết nạp muộn so với hạn (tính từ nghị quyết chi bộ).")
        if decision and ceremony and ceremony > rules.ceremony_deadline(decision, self.off):
            after_age.append("lễ kết nạp muộn quá 30 ngày làm việc kể từ quyết định.")
        if ceremony and recognition and recognition < rules.probation_end(ceremony):
            after_age.append("công nhận chính thức trước khi hết 12 tháng dự bị.")
        return future, order_errors, before_age, after_age, min(day_of.values())
