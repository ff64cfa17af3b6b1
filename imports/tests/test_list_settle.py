"""The list check's column-wise pass (CandidateResource.settle_rows) settles exactly the rows
check_row would pass with nothing to say, and leaves them as check_row would: a file made to hit
every branch of check_row, checked both ways, gives the same rows, errors, warnings, labels,
matches, people, records and stages."""

import datetime

import pytest

from candidates.clock import today
from candidates.resources.lists import CandidateResource
from candidates.tests.factories import make_candidate
from imports.services import check_import
from spreadsheets.resource import SpreadsheetResource

from .helpers import xlsx

pytestmark = pytest.mark.django_db
CHECK_ROWS = SpreadsheetResource.check_rows

HEADER = [
    "Họ và tên",
    "Ngày sinh",
    "Giới tính",
    "Mã chi bộ",
    "Chi bộ",
    "Mã GV/SV",
    "Số CCCD",
    "Dân tộc",
    "Ngày vào danh sách cảm tình Đảng",
    "Ngày cấp giấy chứng nhận",
    "Số giấy chứng nhận",
    "Ngày nghị quyết chi bộ",
    "Ngày quyết định kết nạp",
]


def _row(name, birth, sex="Nam", code="", cell_name="", person_code="", national_id="", ethnicity="Kinh", *dates):
    return [name, birth, sex, code, cell_name, person_code, national_id, ethnicity, *dates]


def _file(cast) -> bytes:
    a, b = cast.cell_a.code, cast.cell_b.code
    day = datetime.date
    soon = today() + datetime.timedelta(days=1)
    too_old = today().replace(year=today().year - 100)
    rows = [HEADER]
    for i in range(30):  # plain new people: settled
        rows.append(_row(f"Phạm Văn Thường {i}", day(1990, 1, 1 + i % 28), "Nam" if i % 2 else "Nữ", a if i % 3 else b))
    rows += [
        _row("Đặng Thị Gấp Đôi", day(1991, 2, 3), "Nữ", a),  # twice in the file
        _row("Đặng Thị Gấp Đôi", day(1991, 2, 3), "Nữ", a),
        _row("Đặng  THỊ gấp đôi", day(1991, 2, 3), "Nữ", b),  # same name in another cell: both fine
        _row("Lê Văn Đã Có", day(1990, 2, 3), "Nam", a),  # already in the cell
        _row("Lê Văn Chưa Ngày", day(1992, 3, 4), "Nam", a),  # matches the undated person there
        _row("Trần Mã Số", day(1993, 4, 5), "Nam", a, "", "SV001"),
        _row("Trần Có Căn Cước", day(1993, 4, 6), "Nam", a, "", "", "1234567890"),  # 11 digits: padded
        _row("Võ Không Ngày Sinh", None, "Nam", a),
        _row("Võ Quá Già", too_old, "Nam", a),
        _row("Võ Sinh Mai", soon, "Nam", a),
        _row("Võ Không Giới", day(1990, 5, 5), "", a),
        _row("", day(1990, 5, 6), "Nam", a),
        _row("Võ Sai Chi Bộ", day(1990, 5, 7), "Nam", "KHONG-CO"),
        _row("Võ Theo Tên Chi Bộ", day(1990, 5, 8), "Nam", "", cast.cell_b.name),
        _row("Võ Không Dân Tộc", day(1990, 5, 9), "Nam", a, "", "", "", ""),
        _row("Võ Ngày Hỏng", "31/02/1990", "Nam", a),  # a refused value...
        _row("Võ Ngày Hỏng", "31/02/1990", "Nam", a),  # ... twice
        _row("Hồ Cảm Tình", day(1990, 6, 1), "Nam", a, "", "", "", "Kinh", day(2024, 3, 5)),
        _row("Hồ Cảm Tình Hai", day(1990, 6, 2), "Nữ", b, "", "", "", "Kinh", day(2024, 3, 5)),
        _row("Hồ Thiếu Số", day(1990, 6, 3), "Nam", a, "", "", "", "Kinh", day(2023, 3, 5), day(2023, 9, 1)),
        _row(
            "Hồ Đủ Giấy",
            day(1990, 6, 4),
            "Nam",
            a,
            "",
            "",
            "",
            "Kinh",
            day(2023, 3, 5),
            day(2023, 9, 1),
            "12/GCN",
        ),
        _row("Hồ Tương Lai", day(1990, 6, 5), "Nam", a, "", "", "", "Kinh", soon),
        _row("Hồ Trước Sinh", day(1990, 6, 6), "Nam", a, "", "", "", "Kinh", day(1989, 1, 1)),
        _row("Hồ Sai Thứ Tự", day(1990, 6, 7), "Nam", a, "", "", "", "Kinh", day(2024, 3, 5), day(2023, 1, 1), "1"),
        _row(
            "Hồ Nghị Quyết",
            day(1990, 6, 8),
            "Nam",
            a,
            "",
            "",
            "",
            "Kinh",
            day(2023, 3, 5),
            day(2023, 9, 1),
            "2/GCN",
            day(2024, 1, 10),
        ),
        _row(
            "Hồ Quyết Định",
            day(1990, 6, 9),
            "Nam",
            a,
            "",
            "",
            "",
            "Kinh",
            day(2022, 3, 5),
            day(2022, 9, 1),
            "3/GCN",
            day(2023, 1, 10),
            day(2023, 3, 1),
        ),
        # The first plain person again, without sex: both rows are check_row's (a repeat, said here).
        _row("Phạm Văn Thường 0", day(1990, 1, 1), "", b),
    ]
    return xlsx(rows)


def _seen(row) -> dict:
    """A checked row's attributes, objects by their keys."""
    out = {}
    for key, value in row.__dict__.items():
        out[key] = getattr(value, "pk", value)
    out["errors"] = dict(row.errors)
    out["status"] = row.status
    return out


def _check(cast, data, monkeypatch):
    """(outcome, every row check_rows gave back)."""
    made = []

    def keeping(self, rows):
        made.extend(CHECK_ROWS(self, rows))
        return made

    monkeypatch.setattr(SpreadsheetResource, "check_rows", keeping)
    checked = check_import(
        kind="candidates", data=data, file_name="ds.xlsx", user=cast.commune_staff, options={"file_name": "ds.xlsx"}
    )
    return checked.outcome, made


def test_settled_rows_are_the_rows_check_row_passes_as_it_would_leave_them(cast, monkeypatch):
    make_candidate(cast.cell_a, full_name="Lê Văn Đã Có", birth_date=datetime.date(1990, 2, 3))
    make_candidate(cast.cell_a, full_name="Lê Văn Chưa Ngày", birth_date=None)
    data = _file(cast)
    calls = []
    settle = CandidateResource.settle_rows

    def counting(self, numbers, refused):
        settled = settle(self, numbers, refused)
        calls.append(sorted(settled))
        return settled

    monkeypatch.setattr(CandidateResource, "settle_rows", counting)
    fast_outcome, fast_rows = _check(cast, data, monkeypatch)
    monkeypatch.setattr(CandidateResource, "settle_rows", SpreadsheetResource.settle_rows)
    slow_outcome, slow_rows = _check(cast, data, monkeypatch)

    # Settled: the plain people (rows 3-31 of the sheet; row 2's person is repeated in row 57), the
    # same name in another cell (34), the cell by its name (45), no ethnicity (46), quiet milestone
    # dates (49, 50, 52); every row with something to say is not.
    settled = {fast_rows[i].number for i in calls[0]}
    assert settled == set(range(3, 32)) | {34, 45, 46, 49, 50, 52}
    assert len(fast_rows) == len(slow_rows) == 57
    assert "trùng với dòng 2" in " ".join(fast_outcome.error_lines())
    assert [_seen(r) for r in fast_rows] == [_seen(r) for r in slow_rows]
    assert [(r.number, r.status, r.label, r.target, r.errors, r.warnings) for r in fast_outcome.rows] == [
        (r.number, r.status, r.label, r.target, r.errors, r.warnings) for r in slow_outcome.rows
    ]
    assert fast_outcome.counts == slow_outcome.counts
    # The file does hit the branches: errors and warnings of each kind are there.
    errors = "\n".join(slow_outcome.error_lines())
    warnings = "\n".join(slow_outcome.warning_lines())
    for said in ("trùng với dòng", "thiếu họ và tên", "thiếu giới tính", "ở tương lai", "trước ngày sinh"):
        assert said in errors, said
    for said in ("thiếu ngày sinh", "thiếu số giấy chứng nhận", "khớp theo họ tên"):
        assert said in warnings, said
