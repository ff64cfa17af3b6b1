"""Each report runs the same small number of queries for a handful of rows or for thousands."""

import datetime
import random

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from candidates.models import Candidate, Enrollment, Sex, Stage
from quotas.dataset import add_cells, prepare_candidate
from quotas.models import Quota
from reports.registry import produce, render

D = datetime.date
CASES = [
    ("progress", {"year": 2026}),
    ("progress", {"year": 2026, "quarter": 3}),
    ("pipeline", {"year": 2026, "as_of": D(2026, 11, 22)}),
    ("summary", {"year": 2026}),
    ("candidates", {"filter_data": None}),
    ("class", {"class_code": "K1-2026"}),
]


def grow(cast, klass):
    """Many more units, grassroots units with quotas, candidates at every stage, and trainees."""
    rng = random.Random(7)
    from units.models import UnitKind

    grassroots = add_cells(cast.commune2, 15, kind=UnitKind.GRASSROOTS_CELL, prefix="P-C2-G")
    cells = add_cells(cast.grassroots, 25) + grassroots
    Quota.objects.bulk_create([Quota(unit=g, year=2026, target=rng.randint(1, 4)) for g in grassroots])
    people = []
    stages = [Stage.SOURCE, Stage.SYMPATHIZER, Stage.TRAINED, Stage.PROPOSED, Stage.PROBATIONARY]
    for i in range(600):
        stage = stages[i % len(stages)]
        cell = cells[i % len(cells)]
        admitted = stage == Stage.PROBATIONARY
        people.append(
            prepare_candidate(
                Candidate(
                    full_name=f"Trần Thị Mẫu {i}",
                    birth_date=D(1980 + i % 25, 1 + i % 12, 1 + i % 28),
                    sex=Sex.FEMALE if i % 2 else Sex.MALE,
                    cell=cell,
                    stage=stage,
                    certificate_date=D(2022, 1 + i % 12, 1) if stage != Stage.SOURCE else None,
                    cell_resolution_date=D(2026, 1 + i % 10, 1) if stage == Stage.PROPOSED else None,
                    decision_date=D(2026, 1 + i % 11, 1 + i % 27) if admitted else None,
                    ceremony_date=D(2026, 1 + i % 11, 1 + i % 27) if admitted else None,
                    admitting_unit=cell if admitted else None,
                )
            )
        )
    Candidate.objects.bulk_create(people, batch_size=500)
    trainees = Candidate.objects.filter(stage=Stage.TRAINED).exclude(enrollments__training_class=klass)[:100]
    Enrollment.objects.bulk_create(
        [
            Enrollment(training_class=klass, candidate=c, result="good", certificate_number=f"{c.pk}/GCN")
            for c in trainees
        ]
    )


def count_queries(user, slug, params) -> int:
    with CaptureQueriesContext(connection) as ctx:
        report = produce(user=user, slug=slug, unit_code="P", **params)
        render(report, "xlsx")
    return len(ctx.captured_queries)


@pytest.mark.parametrize("slug,params", CASES)
def test_query_count_does_not_grow_with_the_data(report_data, django_assert_max_num_queries, slug, params):
    user = report_data.province_staff
    small = count_queries(user, slug, params)
    assert small <= 25
    grow(report_data, report_data.klass)
    with django_assert_max_num_queries(small):
        report = produce(user=user, slug=slug, unit_code="P", **params)
        render(report, "pdf")
        render(report, "xlsx")
    assert sum(len(t.rows) for t in report.tables) > 10
