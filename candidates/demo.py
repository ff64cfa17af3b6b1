"""Demo candidates for seed_demo: a few hundred people over the demo province, in every stage,
with dates from 2021 to today that follow the rules (ages, certificate validity, votes, the order
of the steps), some exits, and deliberately late or expiring cases so the deadline board has rows.
Written with bulk_create for speed, with their StageEvents and a first history record. Idempotent."""

import datetime
import random

from django.db import transaction
from simple_history.utils import bulk_create_with_history

from units.demo import pre_reform_issuer_code
from units.models import CELL_KINDS, GRASSROOTS_KINDS, PartyUnit, UnitKind

from . import clock, rules
from .demo_names import ETHNIC, MENTORS, PLACES, RELIGION, ROMAN, _name, _stage_days
from .models import (
    AdmissionException,
    Candidate,
    Enrollment,
    EventKind,
    ExceptionKind,
    ExitReason,
    GeneralEducation,
    Introducer,
    IntroductionRoute,
    Occupation,
    ProfessionalEducation,
    Sex,
    SourceGroup,
    Stage,
    StageEvent,
    TrainingClass,
    TrainingResult,
)
from .services.introducers import UnitFacts, open_routes
from .services.path import issuer_label
from .vocab import is_religious

HOME_CELL = "SH-X01-01-01"  # Chi bộ thôn Đông, secretary bithu.dong
SECOND_CELL = "SH-X01-01-02"
D = datetime.date
DAY = datetime.timedelta(days=1)


def seed_classes(province: PartyUnit, today: D) -> list[TrainingClass]:
    """Quarterly classes of the province's training centre from 2021 to the next one."""
    classes = []
    for year in range(2020, today.year + 1):
        for q, month in enumerate((3, 6, 9, 12)):
            start = D(year, month, 10)
            if start > today + datetime.timedelta(days=60):
                continue
            code = f"SH-BD-{year}-{ROMAN[q]}"
            klass, _ = TrainingClass.objects.get_or_create(
                code=code,
                defaults={
                    "name": f"Lớp bồi dưỡng nhận thức về Đảng khóa {ROMAN[q]}/{year}",
                    "unit": province,
                    "start_date": start,
                    "end_date": start + datetime.timedelta(days=6),
                    "location": "Trung tâm Chính trị tỉnh Sơn Hà",
                },
            )
            classes.append(klass)
    return classes


class Builder:
    """Builds one candidate backwards from the date they reached their stage, keeping every
    record consistent with the rules, plus the events of the timeline."""

    def __init__(self, rng: random.Random, today: D, classes: list[TrainingClass]):
        self.rng = rng
        self.today = today
        self.classes = sorted(classes, key=lambda k: k.end_date)
        self.candidates: list[Candidate] = []
        self.events: list[list[dict]] = []
        self.enrollments: list[list[dict]] = []
        self.introducers: list[list[dict]] = []
        self.exceptions: list[list[dict]] = []
        self.units: dict[str, PartyUnit] = {}
        self.by_code: dict[str, PartyUnit] = {}

    def issuer_unit(self, cell: PartyUnit, on: D | None = None) -> PartyUnit | None:
        """The competent standing committee on the decision date: the commune-level or bloc committee above
        the cell from 01/07/2025, the district (or old bloc committee) it lay in before."""
        upper = None
        for depth in range(cell.depth - 1, 0, -1):
            unit = self.units.get(cell.path[: depth * PartyUnit.steplen])
            if unit and unit.kind in (UnitKind.COMMUNE, UnitKind.BLOC, UnitKind.PROVINCE):
                upper = unit
                break
        if upper is not None and on is not None and upper.valid_from and on < upper.valid_from:
            return self.by_code.get(pre_reform_issuer_code(upper.code), upper)
        return upper

    def issuer(self, cell: PartyUnit, on: D | None = None) -> str:
        """The standing committee's name as the decision gives it."""
        unit = self.issuer_unit(cell, on)
        return issuer_label(unit) if unit else "Ban Thường vụ Đảng ủy"

    def facts(self, cell: PartyUnit) -> UnitFacts:
        """What the cell and its grassroots committee recorded about their Đoàn and union."""
        chain = [self.units.get(cell.path[: d * PartyUnit.steplen]) for d in range(cell.depth, 0, -1)]
        chain = [u for u in chain if u is not None]
        grassroots = next((i for i, u in enumerate(chain) if u.kind in GRASSROOTS_KINDS), len(chain) - 1)
        chain = chain[: grassroots + 1]

        def first(attr, unset):
            return next((getattr(u, attr) for u in chain if getattr(u, attr) != unset), unset)

        return UnitFacts(first("has_youth_union", None), first("has_trade_union", None), first("sector", "other"))

    def _class_before(self, day: D) -> TrainingClass:
        done = [k for k in self.classes if k.end_date < day]
        return done[-1] if done else self.classes[0]

    def build(self, cell: PartyUnit, stage: str, stage_date: D, *, name=None, sex=None, exit_reason=None, **extra):
        rng, today = self.rng, self.today
        sex = sex or rng.choice([Sex.MALE, Sex.FEMALE])
        c = Candidate(cell=cell, stage=stage, full_name=name or _name(rng, sex), sex=sex)
        c.ethnicity = rng.choice(ETHNIC)
        c.religion = rng.choice(RELIGION)
        c.residence = f"{rng.choice(PLACES)}, {cell.name.replace('Chi bộ ', '')}"
        c.occupation = rng.choice(Occupation.values)
        c.source_group = rng.choice(SourceGroup.values)
        c.general_education = rng.choices(
            [GeneralEducation.UPPER_SECONDARY, GeneralEducation.LOWER_SECONDARY], [85, 15]
        )[0]
        c.professional_education = rng.choice(ProfessionalEducation.values)
        c.youth_union_member = rng.random() < 0.6
        c.trade_union_member = c.occupation in (Occupation.WORKER, Occupation.CIVIL_SERVANT, Occupation.PUBLIC_EMPLOYEE)
        c.in_private_enterprise = c.occupation == Occupation.ENTERPRISE_STAFF and rng.random() < 0.6
        c.phone = f"09{rng.randint(10_000_000, 99_999_999)}"
        c.national_id = f"0{rng.randint(10, 96):02d}{rng.randint(0, 1)}{rng.randint(0, 99_999_999):08d}"[:12]
        events: list[dict] = []
        enrollments: list[dict] = []
        intros: list[dict] = []
        exceptions: list[dict] = []
        idx = Stage.values.index(stage)
        at = lambda s: idx >= Stage.values.index(s)  # noqa: E731

        def ev(kind, action, day, from_stage="", to_stage="", number="", data=None):
            events.append(
                {
                    "kind": kind,
                    "action": action,
                    "legal_date": day,
                    "from_stage": from_stage,
                    "to_stage": to_stage,
                    "document_number": number,
                    "data": data or {},
                }
            )

        # Work backwards from the stage date to the earliest record.
        anchor = stage_date
        if at(Stage.OFFICIAL):
            c.recognition_decision_date = stage_date
            c.recognition_resolution_date = stage_date - DAY * rng.randint(7, 20)
            c.ceremony_date = rules.add_months(c.recognition_resolution_date, -12) - DAY * rng.randint(0, 20)
        if at(Stage.PROBATIONARY) and not at(Stage.OFFICIAL):
            c.ceremony_date = stage_date
        if at(Stage.DECIDED):
            c.decision_date = stage_date if stage == Stage.DECIDED else c.ceremony_date - DAY * rng.randint(7, 30)
        if at(Stage.PROPOSED):
            if stage == Stage.PROPOSED:
                c.cell_resolution_date = stage_date
                committee = stage_date + DAY * rng.randint(7, 20)
                c.committee_resolution_date = committee if committee < today else None
            else:
                c.committee_resolution_date = c.decision_date - DAY * rng.randint(10, 35)
                c.cell_resolution_date = c.committee_resolution_date - DAY * rng.randint(5, 20)
            if cell.kind == UnitKind.GRASSROOTS_CELL:
                # A chi bộ cơ sở has no đảng ủy cơ sở step: its resolution goes to the competent committee.
                c.committee_resolution_date = None
            anchor = c.cell_resolution_date
        if at(Stage.TRAINED):
            cert_target = anchor - DAY * rng.randint(100, 250) if at(Stage.PROPOSED) else stage_date
            klass = self._class_before(cert_target + DAY) if stage == Stage.TRAINED else self._class_before(cert_target)
            c.training_class = klass
            c.training_result = rng.choice([TrainingResult.EXCELLENT, TrainingResult.GOOD, TrainingResult.GOOD])
            c.certificate_date = klass.end_date + DAY * rng.randint(1, 3)
            c.certificate_number = f"{rng.randint(100, 999)}/GCN-TTCT"
            anchor = klass.start_date
        if at(Stage.SYMPATHIZER):
            c.sympathizer_date = stage_date if stage == Stage.SYMPATHIZER else anchor - DAY * rng.randint(60, 300)
            c.mentor_name = rng.choice(MENTORS)
            anchor = c.sympathizer_date
        created = stage_date if stage == Stage.SOURCE else anchor - DAY * rng.randint(30, 360)
        # Age: 18 years and some months at the cell's meeting (or at today's stage), up to ~45.
        reference = c.cell_resolution_date or stage_date
        years = rng.choices([19, 22, 26, 31, 38, 44], [20, 25, 20, 15, 12, 8])[0]
        c.birth_date = D(reference.year - years, rng.randint(1, 12), rng.randint(1, 28))
        if c.birth_date > rules.add_months(reference, -(18 * 12 + 3)):
            c.birth_date = rules.add_months(reference, -(18 * 12 + 3))
        if extra.pop("undated", False):
            c.birth_date = None  # imported from a tracker without it (issue 16): "thiếu ngày sinh"
        if at(Stage.PROPOSED) or extra.pop("dossier", False):
            meeting = c.cell_resolution_date or min(today - DAY, c.certificate_date + DAY * 60)
            c.residence_comment_date = meeting - DAY * rng.randint(5, 15)
            c.mass_org_comment_date = c.residence_comment_date - DAY * rng.randint(1, 5)
            c.background_check_date = c.mass_org_comment_date - DAY * rng.randint(5, 20)
            c.history_certified_date = c.background_check_date - DAY * rng.randint(10, 30)
            c.application_date = max(c.history_certified_date - DAY * rng.randint(5, 20), c.certificate_date + DAY)
            # Who introduces (Điều lệ Điều 4.1): where the unit has a Đoàn, a youth-age candidate is a Đoàn
            # member introduced by the Đoàn committee + 1 member; otherwise two official members.
            facts = self.facts(cell)
            if rules.youth_age(c.birth_date, meeting) and facts.has_youth_union:
                c.youth_union_member = True
            elif facts.has_youth_union is False and facts.has_trade_union:
                c.trade_union_member = True
            routes = sorted(open_routes(c, meeting, facts)[0])
            c.introduction_route = routes[0] if len(routes) == 1 else rng.choice(routes)
            names = rng.sample(MENTORS, 2)
            if c.introduction_route != IntroductionRoute.TWO_MEMBERS:
                youth_route = c.introduction_route == IntroductionRoute.YOUTH_UNION
                c.union_resolution_number = f"{rng.randint(1, 40)}-NQ/{'ĐTN' if youth_route else 'CĐCS'}"
                c.union_resolution_date = c.mass_org_comment_date
                names = names[:1]
            if is_religious(c.religion):
                # Regulation 06-QĐ/TW (2018): the conditions checked for a religious candidate, recorded.
                exceptions.append(
                    {
                        "kind": ExceptionKind.RELIGIOUS,
                        "document_number": f"{rng.randint(1, 90)}-BC/ĐU",
                        "document_date": c.background_check_date,
                        "issuer": "Đảng ủy cơ sở (thẩm tra)",
                        "note": "Đã xem xét điều kiện theo Quy định 06-QĐ/TW",
                    }
                )
            intros = [
                {
                    "full_name": name,
                    "official_date": meeting - DAY * rng.randint(3 * 365, 20 * 365),
                    "together_since": meeting - DAY * rng.randint(400, 3000),
                    "introduced_on": c.mass_org_comment_date - DAY * rng.randint(0, 10),
                }
                for name in names
            ]
        if at(Stage.PROPOSED):
            members = rng.randint(9, 45)
            c.cell_official_members = members
            c.cell_votes_for = rng.randint(-(-members * 2 // 3), members)
            c.cell_resolution_number = f"{rng.randint(1, 30)}-NQ/CB"
            if c.committee_resolution_date:
                c.committee_members = rng.randint(7, 15)
                c.committee_votes_for = rng.randint(-(-c.committee_members * 2 // 3), c.committee_members)
                c.committee_resolution_number = f"{rng.randint(10, 300)}-NQ/ĐU"
        if at(Stage.DECIDED):
            c.decision_number = f"{rng.randint(100, 2500)}-QĐ/ĐU"
            c.decision_issuer = self.issuer(cell, c.decision_date)
            c.decision_issuer_unit = self.issuer_unit(cell, c.decision_date)
            c.admitting_unit = cell
        if at(Stage.OFFICIAL):
            m = rng.randint(9, 45)
            c.recognition_official_members = m
            c.recognition_votes_for = rng.randint(-(-m * 2 // 3), m)
            c.recognition_resolution_number = f"{rng.randint(1, 30)}-NQ/CB"
            c.recognition_decision_number = f"{rng.randint(100, 2500)}-QĐ/ĐU"
            if cell.kind == UnitKind.CELL:
                c.recognition_committee_resolution_number = f"{rng.randint(10, 300)}-NQ/ĐU"
                c.recognition_committee_resolution_date = c.recognition_resolution_date + DAY * rng.randint(1, 5)
        if extra.pop("cell_recognized", False) and stage == Stage.PROBATIONARY:
            # The cell proposed recognition soon after probation; the committee has not decided yet.
            c.recognition_resolution_date = rules.probation_end(c.ceremony_date) + DAY * rng.randint(5, 15)
            c.recognition_resolution_number = f"{rng.randint(1, 30)}-NQ/CB"
            c.recognition_official_members = rng.randint(9, 45)
            c.recognition_votes_for = c.recognition_official_members
        if at(Stage.OFFICIAL) or c.recognition_resolution_date:
            c.new_member_certificate_number = f"{rng.randint(100, 999)}/GCN-ĐVM"
            c.new_member_certificate_date = rules.add_months(c.ceremony_date, 6)
            c.probation_comments_date = c.recognition_resolution_date - DAY * rng.randint(3, 6)
            c.helper_assessment_date = c.probation_comments_date - DAY * rng.randint(1, 3)
            c.self_review_date = c.helper_assessment_date - DAY * rng.randint(1, 3)
        for key, value in extra.items():
            setattr(c, key, value)

        # Events, oldest first.
        ev(EventKind.CREATE, "Đưa vào danh sách tạo nguồn", created, to_stage=Stage.SOURCE)
        if c.sympathizer_date:
            ev(
                EventKind.TRANSITION,
                "Vào danh sách cảm tình Đảng",
                c.sympathizer_date,
                Stage.SOURCE,
                Stage.SYMPATHIZER,
                data={"mentor_name": c.mentor_name},
            )
        if c.certificate_date:
            enrollments.append(
                {
                    "training_class": c.training_class,
                    "result": c.training_result,
                    "certificate_number": c.certificate_number,
                    "certificate_date": c.certificate_date,
                }
            )
            ev(
                EventKind.TRANSITION,
                "Kết quả lớp bồi dưỡng nhận thức về Đảng",
                c.certificate_date,
                Stage.SYMPATHIZER,
                Stage.TRAINED,
                c.certificate_number,
                {"class": c.training_class.code, "result": c.training_result},
            )
        if c.application_date:
            s = Stage.TRAINED
            ev(EventKind.RECORD, "Cập nhật hồ sơ kết nạp", c.residence_comment_date, s, s)
        if c.cell_resolution_date:
            ev(
                EventKind.TRANSITION,
                "Nghị quyết chi bộ đề nghị kết nạp",
                c.cell_resolution_date,
                Stage.TRAINED,
                Stage.PROPOSED,
                c.cell_resolution_number,
                {"votes_for": c.cell_votes_for, "official_members": c.cell_official_members},
            )
        if c.committee_resolution_date:
            ev(
                EventKind.RECORD,
                "Nghị quyết đảng ủy đề nghị kết nạp",
                c.committee_resolution_date,
                Stage.PROPOSED,
                Stage.PROPOSED,
                c.committee_resolution_number,
                {"votes_for": c.committee_votes_for, "members": c.committee_members},
            )
        if c.decision_date:
            late = c.decision_date > rules.decision_deadline(c.cell_resolution_date)
            ev(
                EventKind.TRANSITION,
                "Quyết định kết nạp",
                c.decision_date,
                Stage.PROPOSED,
                Stage.DECIDED,
                c.decision_number,
                {"issuer": c.decision_issuer, "late": late},
            )
        if c.ceremony_date:
            late = c.ceremony_date > rules.ceremony_deadline(c.decision_date)
            ev(EventKind.TRANSITION, "Lễ kết nạp đảng viên", c.ceremony_date, Stage.DECIDED, Stage.PROBATIONARY,
               data={"late": late})  # fmt: skip
        if c.recognition_resolution_date:
            ev(
                EventKind.RECORD,
                "Nghị quyết chi bộ đề nghị công nhận đảng viên chính thức",
                c.recognition_resolution_date,
                Stage.PROBATIONARY,
                Stage.PROBATIONARY,
                c.recognition_resolution_number,
                {"votes_for": c.recognition_votes_for, "official_members": c.recognition_official_members},
            )
        if c.recognition_decision_date:
            ev(
                EventKind.TRANSITION,
                "Công nhận đảng viên chính thức",
                c.recognition_decision_date,
                Stage.PROBATIONARY,
                Stage.OFFICIAL,
                c.recognition_decision_number,
            )
        if exit_reason:
            last = max(e["legal_date"] for e in events)
            c.is_open = False
            c.exit_reason = exit_reason
            c.exit_date = min(today - DAY, last + DAY * rng.randint(10, 200))
            ev(
                EventKind.EXIT,
                f"Ra khỏi danh sách: {ExitReason(exit_reason).label}",
                c.exit_date,
                stage,
                stage,
                data={"reason": exit_reason},
            )
        assert all(e["legal_date"] <= today for e in events), (c.full_name, stage, events)
        c.version = len(events)
        self.candidates.append(c)
        self.events.append(events)
        self.enrollments.append(enrollments)
        self.introducers.append(intros)
        self.exceptions.append(exceptions)
        return c

    def save(self) -> int:
        for c in self.candidates:
            c.normalize()
        saved = bulk_create_with_history(self.candidates, Candidate, batch_size=200)
        by_key = {(c.cell_id, c.search_name, c.birth_date): c for c in saved}
        events, enrollments, introducers, exceptions = [], [], [], []
        rows = zip(self.candidates, self.events, self.enrollments, self.introducers, self.exceptions, strict=True)
        for c, evs, ens, intros, excs in rows:
            pk = c.pk or by_key[(c.cell_id, c.search_name, c.birth_date)].pk
            introducers += [Introducer(candidate_id=pk, **x) for x in intros]
            exceptions += [AdmissionException(candidate_id=pk, **x) for x in excs]
            for e in evs:
                data = {k: (v.isoformat() if isinstance(v, D) else v) for k, v in e["data"].items()}
                events.append(StageEvent(candidate_id=pk, unit_id=c.cell_id, **(e | {"data": data})))
            for en in ens:
                enrollments.append(Enrollment(candidate_id=pk, **en))
        StageEvent.objects.bulk_create(events, batch_size=500)
        Enrollment.objects.bulk_create(enrollments, batch_size=500)
        Introducer.objects.bulk_create(introducers, batch_size=500)
        AdmissionException.objects.bulk_create(exceptions, batch_size=500)
        return len(self.candidates)


def _cells(province: PartyUnit) -> list[PartyUnit]:
    historic = PartyUnit.objects.filter(code="TP").values_list("path", flat=True).first() or "~"
    return list(
        PartyUnit.objects.filter(path__startswith=province.path, kind__in=CELL_KINDS, valid_to__isnull=True)
        .exclude(path__startswith=historic)
        .order_by("path")
    )


@transaction.atomic
def seed(rng: random.Random, province: PartyUnit, stdout) -> None:
    today = clock.today()
    classes = seed_classes(province, today)
    if Candidate.objects.filter(cell__path__startswith=province.path).exists():
        stdout.write("Quần chúng mẫu đã có sẵn.")
        return
    cells = _cells(province)
    home = next(c for c in cells if c.code == HOME_CELL)
    second = next((c for c in cells if c.code == SECOND_CELL), home)
    b = Builder(rng, today, [k for k in classes if k.end_date < today])
    b.units = {u.path: u for u in PartyUnit.objects.filter(path__startswith=province.path)}
    b.by_code = {u.code: u for u in b.units.values()}
    ago = lambda days: today - DAY * days  # noqa: E731
    five_years_ago = rules.add_months(today, -60)

    # The home cell: one or more of every situation, so bithu.dong has a full list and board.
    b.build(home, Stage.SYMPATHIZER, ago(40), name="Nguyễn Thị Hằng", sex=Sex.FEMALE)
    b.build(home, Stage.SOURCE, ago(15), name="Trần Văn Ánh", sex=Sex.MALE)
    b.build(home, Stage.SOURCE, ago(100), name="Lê Thị Ân", sex=Sex.FEMALE)
    b.build(home, Stage.SOURCE, ago(220), name="Phạm Đức Đạt", sex=Sex.MALE)
    for days in (30, 90, 180, 250):
        b.build(home, Stage.SYMPATHIZER, ago(days))
    b.build(home, Stage.SYMPATHIZER, ago(420), name="Đỗ Văn Chờ", sex=Sex.MALE)  # > 12 months untrained
    b.build(home, Stage.SYMPATHIZER, ago(500))
    for days in (25, 120, 300):
        b.build(home, Stage.TRAINED, ago(days))
    b.build(home, Stage.TRAINED, ago(200), dossier=True)  # dossier complete: ready for the cell's vote
    # Trained in 12/2021: the certificate expires within 90 days (not yet proposed).
    b.build(home, Stage.TRAINED, five_years_ago + DAY * 30, name="Vũ Thị Hạnh", sex=Sex.FEMALE)
    # Trained in 09/2021 with a complete dossier: the certificate has expired, proposing is refused.
    b.build(home, Stage.TRAINED, five_years_ago - DAY * 80, name="Hoàng Văn Hết", sex=Sex.MALE, dossier=True)
    b.build(home, Stage.PROPOSED, ago(20))
    b.build(home, Stage.PROPOSED, ago(130), name="Bùi Thị Lan", sex=Sex.FEMALE)  # decision overdue
    b.build(home, Stage.DECIDED, ago(10))
    b.build(home, Stage.DECIDED, ago(75), name="Ngô Quang Trễ", sex=Sex.MALE)  # ceremony overdue
    b.build(home, Stage.DECIDED, ago(120), name="Đặng Thu Thủy", sex=Sex.FEMALE)  # ceremony overdue
    b.build(home, Stage.PROBATIONARY, ago(100))
    b.build(home, Stage.PROBATIONARY, ago(350), name="Dương Minh Khôi", sex=Sex.MALE)  # probation ends soon
    b.build(home, Stage.PROBATIONARY, ago(365 + 110), name="Lý Thị Muộn", sex=Sex.FEMALE)  # recognition overdue
    # The cell proposed recognition; the committee's 30 working days are over.
    b.build(home, Stage.PROBATIONARY, ago(365 + 120), name="Phan Văn Đợi", sex=Sex.MALE, cell_recognized=True)
    for days in (60, 300, 700, 1100, 1500):
        b.build(home, Stage.OFFICIAL, ago(days))
    b.build(home, Stage.SYMPATHIZER, ago(300), exit_reason=ExitReason.WITHDRAWN)
    b.build(home, Stage.TRAINED, ago(900), exit_reason=ExitReason.MOVED)
    b.build(home, Stage.PROBATIONARY, ago(300), exit_reason=ExitReason.STRUCK_OFF)
    b.build(home, Stage.TRAINED, ago(160), name="Mai Văn Thiếu", sex=Sex.MALE, undated=True)
    for _ in range(12):
        stage = rng.choice([Stage.SOURCE, Stage.SYMPATHIZER, Stage.TRAINED, Stage.OFFICIAL])
        b.build(home, stage, ago(_stage_days(rng, stage)))

    # Everyone else, spread over the province.
    for i in range(360):
        cell = second if i < 15 else rng.choice(cells)
        stage = rng.choices(Stage.values, [14, 18, 14, 8, 4, 16, 26])[0]
        exit_reason = None
        if rng.random() < 0.08 and stage != Stage.OFFICIAL:
            exit_reason = {
                Stage.TRAINED: ExitReason.CERTIFICATE_EXPIRED,
                Stage.PROPOSED: ExitReason.REJECTED,
                Stage.PROBATIONARY: ExitReason.STRUCK_OFF,
            }.get(stage, rng.choice([ExitReason.WITHDRAWN, ExitReason.NOT_ELIGIBLE, ExitReason.MOVED]))
        late = rng.random() < 0.1
        b.build(cell, stage, ago(_stage_days(rng, stage, late=late)), exit_reason=exit_reason)
    count = b.save()
    # People already sent to the coming class (results to be recorded later).
    coming = [k for k in classes if k.end_date >= today]
    if coming:
        waiting = Candidate.objects.filter(cell__path__startswith=province.path, stage=Stage.SYMPATHIZER, is_open=True)
        Enrollment.objects.bulk_create(
            [Enrollment(training_class=coming[0], candidate=c) for c in waiting.exclude(cell=home)[:25]]
        )
    stdout.write(f"Đã tạo {count} quần chúng mẫu, {len(classes)} lớp bồi dưỡng.")
