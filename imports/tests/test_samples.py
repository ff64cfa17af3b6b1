"""Every sample of ../shared/samples imports with the expected counts, on an empty database and
on the test cast; re-importing changes nothing."""

import datetime

import pytest

from candidates.models import Candidate, Enrollment, Stage, StageEvent, TrainingClass
from imports.models import ImportRecord
from imports.services import run_import
from units.models import PartyUnit, UnitKind

from .helpers import ROSTER_OPTIONS, sample, snapshot

pytestmark = pytest.mark.django_db

UNITS = "don_vi_huyen_tan_phong.xlsx"
CANDIDATES = "danh_sach_cam_tinh_dang_2024.xlsx"


def _import(kind, name, user=None, dry_run=False, **options):
    return run_import(kind=kind, data=sample(name), file_name=name, user=user, dry_run=dry_run, options=options)


def test_unit_sample_on_empty_database_builds_the_tree():
    outcome = _import("units", UNITS)
    assert outcome.committed, outcome.error_lines()
    assert outcome.counts == {"new": 13, "update": 0, "unchanged": 0, "unmatched": 0, "error": 0}
    tp = PartyUnit.objects.get(code="TP")
    assert tp.depth == 1 and tp.kind == UnitKind.DISTRICT
    assert PartyUnit.objects.get(code="TP-TH-DONG").parent_path == PartyUnit.objects.get(code="TP-TH").path
    assert PartyUnit.objects.get(code="TP-THPT").kind == UnitKind.GRASSROOTS_CELL
    assert PartyUnit.objects.get(code="TP-TH").kind == UnitKind.GRASSROOTS
    record = ImportRecord.objects.get()
    assert (record.kind, record.created, record.total_rows, record.sha256) == ("units", 13, 13, outcome.sha256)


def test_reimporting_the_unit_sample_changes_nothing():
    _import("units", UNITS)
    before = snapshot()
    again = _import("units", UNITS)
    assert again.counts["unchanged"] == 13 and again.counts["new"] == 0
    assert snapshot() == before


@pytest.mark.parametrize(
    "roster", ["hoc_vien_lop_boi_duong_khoa_I_2024.xls", "hoc_vien_lop_boi_duong_khoa_I_2024.xlsx"]
)
def test_the_three_samples_in_a_row_on_an_empty_database(roster):
    _import("units", UNITS)
    candidates = _import("candidates", CANDIDATES)
    assert candidates.committed and candidates.counts["new"] == 40
    assert Candidate.objects.filter(stage=Stage.SYMPATHIZER).count() == 40
    nhung = Candidate.objects.get(full_name="Đặng Thị Thu Nhung")
    assert nhung.cell.code == "TP-PX-NS" and nhung.sympathizer_date == datetime.date(2024, 3, 5)
    assert nhung.birth_date == datetime.date(2003, 12, 20) and nhung.general_education == "upper_secondary"
    assert set(StageEvent.objects.filter(candidate=nhung).values_list("action", "imported")) == {
        ("Đưa vào danh sách tạo nguồn", True),
        ("Vào danh sách cảm tình Đảng", True),
    }
    trainees = _import("roster", roster, **ROSTER_OPTIONS)
    assert trainees.committed, trainees.error_lines()
    assert trainees.counts == {"new": 20, "update": 0, "unchanged": 0, "unmatched": 5, "error": 0}
    strangers = {r.label.split(" (")[0] for r in trainees.rows if r.status == "unmatched"}
    assert strangers == {"Nguyễn Quốc Quân", "Hồ Thị Thu Dung", "Đỗ Văn Sơn", "Vũ Ngọc Trang", "Trần Minh Dũng"}
    klass = TrainingClass.objects.get(code="K1-2024")
    assert Enrollment.objects.filter(training_class=klass).count() == 20
    assert Candidate.objects.filter(stage=Stage.TRAINED).count() == 20
    trang = Candidate.objects.get(full_name="Phan Thị Ngọc Trang")
    assert (trang.certificate_number, trang.certificate_date, trang.training_class) == (
        "572/GCN-TTCT",
        datetime.date(2024, 6, 28),
        klass,
    )
    event = StageEvent.objects.filter(candidate=trang).latest("id")
    assert (event.from_stage, event.to_stage, event.legal_date) == (
        Stage.SYMPATHIZER,
        Stage.TRAINED,
        datetime.date(2024, 6, 28),
    )
    record = ImportRecord.objects.get(kind="roster")
    assert record.unmatched == 5 and len(record.details["rows"]) == 5
    # The same roster again: every matched trainee is unchanged.
    before = snapshot()
    again = _import("roster", roster, **ROSTER_OPTIONS)
    assert again.counts["unchanged"] == 20 and snapshot() == before


def test_samples_on_the_cast_as_province_staff(cast):
    """In a scoped database the district sits under the province: its row names its parent."""
    outcome = run_import(kind="units", data=sample(UNITS), file_name=UNITS, user=cast.province_staff, dry_run=True)
    # TP has no parent in the file: a scoped user may not create a root.
    assert [r.number for r in outcome.rows if r.status == "error"] == [2]
    assert "dòng 2, cột D (Mã đơn vị cấp trên)" in outcome.error_lines()[0]
    assert not outcome.committed
    # The system (command line without --user) may: then the province staff imports the rest.
    _import("units", UNITS)
    tp = PartyUnit.objects.get(code="TP")
    PartyUnit.objects.move(tp, PartyUnit.objects.get(code="P"), "last-child")
    candidates = _import("candidates", CANDIDATES, cast.province_staff)
    assert candidates.committed and candidates.counts["new"] == 40
    trainees = _import("roster", "hoc_vien_lop_boi_duong_khoa_I_2024.xls", cast.province_staff, **ROSTER_OPTIONS)
    assert trainees.committed and trainees.counts["new"] == 20 and trainees.counts["unmatched"] == 5
    assert TrainingClass.objects.get(code="K1-2024").unit == cast.province
    assert set(ImportRecord.objects.filter(user=cast.province_staff).values_list("unit__code", flat=True)) == {"P"}


def test_the_outsider_sees_no_cell_of_the_sample(cast):
    _import("units", UNITS)
    tp = PartyUnit.objects.get(code="TP")
    PartyUnit.objects.move(tp, PartyUnit.objects.get(code="P"), "last-child")
    before = snapshot()
    outcome = _import("candidates", CANDIDATES, cast.outsider)
    assert not outcome.committed and outcome.counts["error"] == 40
    assert "không tìm thấy chi bộ tên “Chi bộ thôn Nam Sơn” trong phạm vi của bạn" in outcome.error_lines()[0]
    assert snapshot() == before
