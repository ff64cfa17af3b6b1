"""Training-class rosters: the trainees of one class and their results (RosterResource)."""

from collections import defaultdict

from django.utils import timezone

from spreadsheets.bulk import insert_history, insert_objects, update_objects
from spreadsheets.resource import RowData, SpreadsheetResource, iter_chunks
from spreadsheets.table import Column
from spreadsheets.widgets import ChoiceWidget, d
from units.models import PartyUnit
from units.scope import Action, can, scoped, units_for_action
from vietnamese.text import clean_text, fold, format_int

from ..clock import today
from ..models import (
    PASSING_RESULTS,
    Candidate,
    Enrollment,
    EventKind,
    Stage,
    StageEvent,
    TrainingClass,
)
from ..privacy import LEGAL_BASIS
from ..services import STAGE_LABELS, training_class_create
from .common import (
    BIRTH,
    CANDIDATE_DATA,
    CELL_CODE,
    CELL_NAME,
    CERT_DATE,
    CERT_NUMBER,
    NAME,
    NOTE,
    RESULT_WORDS,
    SEX,
    CellResolver,
    _actor,
    _common_prefix,
    closed_message,
)

# ---- Training-class rosters ------------------------------------------------------------------


class RosterResource(SpreadsheetResource):
    kind = "roster"
    title = "Danh sách học viên lớp bồi dưỡng"
    description = (
        "Danh sách học viên và kết quả lớp bồi dưỡng nhận thức về Đảng do Trung tâm Chính trị gửi. Người đạt "
        "được ghi giấy chứng nhận và chuyển sang giai đoạn “Đã bồi dưỡng”; học viên không khớp được liệt kê."
    )
    # The training centre records results; commune (and province) staff record them for their own
    # units' people, as candidate_record_training allows on the candidate's page.
    right = (Action.RECORD_TRAINING, Action.EDIT_CANDIDATES)
    legal_basis = LEGAL_BASIS
    key_columns = ("full_name", "birth_date")
    depends_on = CANDIDATE_DATA
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
            self.file_errors.append(f"Mã lớp “{code}” không dùng được (đã có lớp mang mã này); hãy chọn mã khác.")
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
            units = list(units_for_action(self.user, Action.RECORD_TRAINING)) or [
                u for u in units_for_action(self.user, Action.EDIT_CANDIDATES) if not u.holds_candidates
            ]
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
        codes = self.key_values(rows, "cell_code")
        names = self.key_values(rows, "cell_name")
        self.units = CellResolver(self.user, cells_only=False)
        self.units.prefetch(codes, names)
        folded = {fold(n) for n in self.key_values(rows, "full_name")}
        self.people: dict[tuple, list[Candidate]] = defaultdict(list)
        qs = Candidate.objects.filter(is_open=True).select_related("cell", "cell__successor")
        if self.user is not None:
            qs = scoped(self.user, qs)
        # Matched by name and birth date: only people born on a date the file names are loaded (a
        # common name alone would bring thousands).
        births = sorted(self.key_values(rows, "birth_date"))
        for chunk in iter_chunks(sorted(folded)):
            for c in qs.filter(search_name__in=chunk, birth_date__in=births).order_by("id"):
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
        # Closed units above the matched people's cells (a dissolved district), in one query.
        paths = {c.cell.path for people in self.people.values() for c in people}
        prefixes = {p[:i] for p in paths for i in range(PartyUnit.steplen, len(p) + 1, PartyUnit.steplen)}
        self.closed: dict[str, PartyUnit] = {}
        for chunk in iter_chunks(sorted(prefixes)):
            for unit in PartyUnit.objects.filter(path__in=chunk, valid_to__isnull=False).select_related("successor"):
                self.closed[unit.path] = unit
        self.seen: dict[tuple, int] = {}
        self.matched: dict[int, int] = {}
        self.today = today()

    def closed_reason(self, unit: PartyUnit) -> str:
        for i in range(PartyUnit.steplen, len(unit.path) + 1, PartyUnit.steplen):
            if (closed := self.closed.get(unit.path[:i])) is not None:
                return closed_message(unit, closed)
        return ""

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
        reason = self.closed_reason(candidate.cell)
        if reason:
            errors["__all__"].append(
                f"{candidate.full_name} đang ở {reason[0].lower()}{reason[1:]} Hãy chuyển người này sang đơn vị "
                "kế tục trước khi ghi kết quả."
            )
            return
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
            f"Đã ghi kết quả cho {format_int(len(matched))} học viên ({format_int(passed)} đạt, chuyển sang “{STAGE_LABELS[Stage.TRAINED]}”)."
        )
