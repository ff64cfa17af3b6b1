"""Report data on the shared cast: quotas for 2026, admissions with every breakdown, a pipeline with
deadlines, a class with results, and a name that Excel would run as a formula."""

import datetime

import pytest

from candidates.models import Candidate, Enrollment, ProfessionalEducation, Sex, Stage
from candidates.tests.factories import make_candidate, make_class
from quotas.models import Quota
from units.models import Sector, UnitKind
from units.services import unit_create

D = datetime.date
FORMULA_NAME = '=HYPERLINK("http://evil.example","Bấm vào đây")'


def admit(cell, day, **extra):
    return make_candidate(cell, Stage.PROBATIONARY, decision_date=day, ceremony_date=day, **extra)


@pytest.fixture
def report_data(cast):
    Quota.objects.create(unit=cast.province, year=2026, target=5)
    Quota.objects.create(unit=cast.commune, year=2026, target=2)
    Quota.objects.create(unit=cast.commune2, year=2026, target=4)
    Quota.objects.create(unit=cast.grassroots, year=2026, target=2)
    cast.school.sector = Sector.PRIVATE_ENTERPRISE
    cast.school.save()
    hang = admit(
        cast.cell_a,
        D(2026, 3, 10),
        full_name="Nguyễn Thị Hằng",
        sex=Sex.FEMALE,
        birth_date=D(2000, 3, 11),  # 25 at the decision
        ethnicity="Tày",
        religion="Phật giáo",
        youth_union_member=True,
        occupation="farmer",
        professional_education=ProfessionalEducation.UNIVERSITY,
    )
    admit(cast.cell_b, D(2026, 5, 20), birth_date=D(1990, 1, 1), occupation="worker")  # 36
    admit(cast.cell_a, D(2026, 8, 1), birth_date=D(1996, 8, 2), in_private_enterprise=True)  # 29 (a day short of 30)
    admit(cast.school, D(2026, 2, 2), birth_date=D(2008, 2, 2), occupation="student")  # exactly 18
    admit(cast.cell_a, D(2025, 12, 31))  # last year: not counted
    cast.other_cell = unit_create(parent=cast.other_province, code="Q-A", name="Chi bộ tỉnh khác", kind=UnitKind.CELL)
    cast.other_province.refresh_from_db()
    admit(cast.other_cell, D(2026, 4, 4), full_name="Người Tỉnh Khác")
    # Pipeline with deadlines at 22/11/2026.
    make_candidate(cast.cell_a, Stage.PROPOSED, cell_resolution_date=D(2026, 6, 1))  # decision overdue
    make_candidate(cast.cell_b, Stage.PROPOSED, cell_resolution_date=D(2026, 11, 2))  # decision due later
    make_candidate(cast.cell_b, Stage.SYMPATHIZER)
    make_candidate(cast.school, Stage.SOURCE)
    make_candidate(cast.school, Stage.TRAINED, certificate_date=D(2021, 12, 1))  # expires 01/12/2026
    make_candidate(cast.cell_b, Stage.SOURCE, full_name=FORMULA_NAME)
    klass = make_class(cast.province, code="K1-2026", start=D(2026, 6, 1), end=D(2026, 6, 8))
    klass.name = "Lớp bồi dưỡng quần chúng ưu tú khóa I năm 2026"
    klass.save()
    results = ["good", "excellent", "failed", "absent"]
    for c, result in zip(Candidate.objects.order_by("id")[:4], results, strict=True):
        passed = result in ("good", "excellent")
        Enrollment.objects.create(
            training_class=klass,
            candidate=c,
            result=result,
            certificate_number=f"{c.pk}/GCN" if passed else "",
            certificate_date=D(2026, 6, 8) if passed else None,
        )
    cast.hang = hang
    cast.klass = klass
    return cast


from .documents_data import full_history, struck_off  # noqa: E402, F401  (fixtures of the documents tests)
