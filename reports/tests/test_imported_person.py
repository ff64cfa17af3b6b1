"""Acceptance: a person imported from a spreadsheet with the whole history the import carries. Every
document whose facts the import brought renders in Word and PDF with the name (every diacritic), the
dates written out, the numbers and the issuing body; the others refuse and say what is missing."""

import subprocess

import pytest

from candidates.models import Candidate, Stage
from imports.services import run_import
from imports.tests.helpers import xlsx
from reports.documents.base import DocumentIncomplete
from reports.documents.service import prepare, produce

from .test_documents import docx_text, flat

NAME = "Nguyễn Thị Ngọc Ẩn Hường"
HEADER = [
    "Họ và tên",
    "Ngày sinh",
    "Giới tính",
    "Mã chi bộ",
    "Nơi làm việc",
    "Đảng viên giúp đỡ",
    "Ngày vào danh sách cảm tình Đảng",
    "Số GCN",
    "Ngày cấp GCN",
    "Ngày nghị quyết chi bộ",
    "Số quyết định kết nạp",
    "Ngày quyết định kết nạp",
    "Ngày kết nạp",
    "Ngày công nhận đảng viên chính thức",
]
ROW = [
    NAME,
    "07/02/1998",
    "Nữ",
    "P-C1-G1-A",
    "Trường Mầm non Tân Hòa",
    "Lê Văn Đức",
    "05/03/2022",
    "215/CN",
    "19/06/2022",
    "05/03/2024",
    "45-QĐ/ĐU",
    "15/04/2024",
    "02/05/2024",
    "26/05/2025",
]
RENDERS = {
    "sympathizer-list": ("ngày 05 tháng 3 năm 2022", "CHI BỘ THÔN ĐÔNG", "Số 01-NQ/CB", "Lê Văn Đức"),
    "decision": ("ngày 15 tháng 4 năm 2024", "Số 45-QĐ/ĐU", "ĐẢNG ỦY XÃ TÂN HÒA", "Nghị quyết ngày 05/03/2024"),
    "recognition-decision": ("ngày 26 tháng 5 năm 2025", "Số 01-QĐ/ĐU", "ĐẢNG ỦY XÃ TÂN HÒA", "02/05/2025"),
    "self-review": ("45-QĐ/ĐU", "02/05/2024", "02/05/2025"),
    "helper-assessment": ("Lê Văn Đức", "02/05/2025"),
}
REFUSES = {
    "cell-resolution": ["số đảng viên chính thức tán thành", "tổng số đảng viên chính thức của chi bộ"],
    "recognition-resolution": ["ngày nghị quyết chi bộ đề nghị công nhận chính thức"],
    "ceremony": ["Địa điểm tổ chức lễ kết nạp"],
}


def pdf_text(content: bytes) -> str:
    """pdftotext in content order (-raw): a name wrapped inside a table cell reads as one line."""
    return subprocess.run(
        ["pdftotext", "-raw", "-", "-"], input=content, capture_output=True, check=True
    ).stdout.decode()


@pytest.fixture
def imported(cast):
    outcome = run_import(
        kind="candidates", data=xlsx([HEADER, ROW]), file_name="ds.xlsx", user=cast.province_staff, dry_run=False
    )
    assert outcome.committed, outcome.error_lines()
    person = Candidate.objects.get(full_name=NAME)
    assert person.stage == Stage.OFFICIAL
    return cast, person


@pytest.mark.parametrize("slug", sorted(RENDERS))
def test_every_document_the_import_carries_renders(imported, slug):
    cast, person = imported
    for fmt in ("docx", "pdf"):
        content = produce(user=cast.province_staff, slug=slug, fmt=fmt, candidate_id=person.pk).content
        text = flat(docx_text(content) if fmt == "docx" else pdf_text(content))
        assert NAME in text, (fmt, text)
        for expected in RENDERS[slug]:
            assert expected in text, (fmt, expected, text)


@pytest.mark.parametrize("slug", sorted(REFUSES))
def test_what_the_import_does_not_carry_is_asked_for(imported, slug):
    cast, person = imported
    with pytest.raises(DocumentIncomplete) as exc:
        prepare(user=cast.province_staff, slug=slug, candidate_id=person.pk)
    labels = [m.label for m in exc.value.missing]
    for expected in REFUSES[slug]:
        assert expected in labels
    assert all(m.url for m in exc.value.missing)
