"""The number of queries of an import does not grow with the number of rows."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from candidates.models import Candidate, Stage
from candidates.tests.factories import make_candidate
from imports.services import run_import

from .helpers import ROSTER_OPTIONS, xlsx

pytestmark = pytest.mark.django_db


def _people(n, offset=0):
    return [
        [f"Nguyễn Văn Người{i + offset}", datetime.date(1990, 1, 1) + datetime.timedelta(days=i), "Nam", "P-C1-G1-A"]
        for i in range(n)
    ]


def assert_flat(small: int, large: int, extra_rows: int) -> None:
    """PostgreSQL: the same number of queries. SQLite caps a statement at 999 parameters, so Django
    splits a bulk insert of a wide table (Candidate has ~50 columns) into batches of ~19 rows: the
    count grows by batch, never by row."""
    if connection.vendor == "postgresql":
        assert large <= small
    else:
        assert large - small <= extra_rows // 5


def _count(kind, data, user, **options):
    with CaptureQueriesContext(connection) as ctx:
        outcome = run_import(kind=kind, data=data, file_name="f.xlsx", user=user, dry_run=False, options=options)
    assert outcome.committed, outcome.error_lines()[:3]
    return len(ctx)


def test_candidate_import_queries_do_not_grow(cast):
    header = [["Họ và tên", "Ngày sinh", "Giới tính", "Mã chi bộ", "Ngày vào danh sách cảm tình Đảng"]]
    small = _count("candidates", xlsx(header + [r + ["01/03/2024"] for r in _people(10)]), cast.province_staff)
    large = _count("candidates", xlsx(header + [r + ["01/03/2024"] for r in _people(200, 10)]), cast.province_staff)
    assert_flat(small, large, 190)
    # Updates too.
    again = _count("candidates", xlsx([header[0] + ["Điện thoại"]] + [r + ["", "09"] for r in _people(200, 10)]), None)
    assert_flat(small, again, 190)


def test_roster_import_queries_do_not_grow(cast):
    def roster(n, offset):
        people = []
        for i in range(n):
            c = make_candidate(cast.cell_a, Stage.SYMPATHIZER, full_name=f"Trần Thị Học{i + offset}")
            people.append([c.full_name, c.birth_date, "Khá", f"{i}/GCN", datetime.date(2024, 6, 28)])
        return xlsx([["Họ và tên", "Ngày sinh", "Kết quả", "Số GCN", "Ngày cấp"]] + people)

    small = _count("roster", roster(10, 0), cast.training, **ROSTER_OPTIONS)
    large = _count("roster", roster(200, 10), cast.training, **ROSTER_OPTIONS)
    assert_flat(small, large, 190)
    assert Candidate.objects.filter(stage=Stage.TRAINED).count() == 210


def test_quota_import_queries_do_not_grow(cast):
    # Same shape (a unit with a parent: its parent is loaded once, to check who sets its own target).
    small = _count(
        "quotas", xlsx([["Mã đơn vị", "Năm", "Chỉ tiêu"]] + [["P-C1", 2000 + i, 3] for i in range(10)]), None
    )
    large = _count(
        "quotas", xlsx([["Mã đơn vị", "Năm", "Chỉ tiêu"]] + [["P-C1", 2000 + i, 3] for i in range(100)]), None
    )
    assert_flat(small, large, 90)
