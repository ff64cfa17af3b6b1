"""Official documents: every document of a person with full history renders in Word and PDF with the
name, dates, numbers and issuing body; an incomplete record refuses; re-prints reuse the number."""

import io
import re
import zipfile
from html import unescape

import pytest
from django.core.management import call_command
from django.urls import reverse

from candidates.models import Stage
from candidates.tests.factories import make_candidate
from reports.documents.base import DocumentIncomplete
from reports.documents.issuers import date_line
from reports.documents.kinds import KINDS
from reports.documents.make_templates import template_bytes
from reports.documents.service import prepare, produce
from reports.documents.word import default_path
from reports.models import RegisterEntry

from .documents_data import NAME, D
from .helpers import pdf_pages, pdf_text

PERSON_KINDS = [
    "sympathizer-list",
    "cell-resolution",
    "committee-resolution",
    "decision",
    "recognition-resolution",
    "recognition-decision",
    "introduction",
    "union-resolution",
    "comments-summary",
    "ceremony",
    "self-review",
    "helper-assessment",
    "probation-comments",
]


def docx_text(content: bytes) -> str:
    with zipfile.ZipFile(io.BytesIO(content)) as z:
        xml = z.read("word/document.xml").decode("utf-8")
    paragraphs = re.findall(r"<w:p[ >].*?</w:p>", xml, flags=re.S)
    return "\n".join(unescape("".join(re.findall(r"<w:t(?: [^>]*)?>([^<]*)</w:t>", p))) for p in paragraphs)


def flat(text: str) -> str:
    return re.sub(r"\s+", " ", text)


def test_date_line_pads_day_and_first_two_months():
    assert date_line(D(2024, 3, 5)) == "ngày 05 tháng 3 năm 2024"
    assert date_line(D(2024, 2, 29)) == "ngày 29 tháng 02 năm 2024"
    assert date_line(D(2024, 12, 10)) == "ngày 10 tháng 12 năm 2024"


def test_shipped_templates_match_the_layouts():
    for slug in KINDS:
        assert default_path(slug).read_bytes() == template_bytes(slug), f"run make_templates for {slug}"


EXPECT = {
    "sympathizer-list": (
        "Số 01-NQ/CB",
        "ĐẢNG ỦY CƠ SỞ THÔN",
        "CHI BỘ THÔN ĐÔNG",
        "ngày 09 tháng 01 năm 2023",
        "Lê Văn Đức",
    ),
    "cell-resolution": (
        "Số 07-NQ/CB",
        "CHI BỘ THÔN ĐÔNG",
        "ngày 05 tháng 3 năm 2024",
        "11/12",
        "đi công tác",
        "Phạm Văn Quý",
    ),
    "committee-resolution": ("Số 18-NQ/ĐU", "ĐẢNG ỦY CƠ SỞ THÔN", "ngày 20 tháng 3 năm 2024", "8/9", "07-NQ/CB"),
    "decision": ("Số 45-QĐ/ĐU", "ĐẢNG ỦY XÃ TÂN HÒA", "ngày 15 tháng 4 năm 2024", "T/M BAN THƯỜNG VỤ", "07-NQ/CB"),
    "recognition-resolution": ("Số 21-NQ/CB", "CHI BỘ THÔN ĐÔNG", "ngày 06 tháng 5 năm 2025", "12/13", "02/05/2025"),
    "recognition-decision": ("Số 77-QĐ/ĐU", "ĐẢNG ỦY XÃ TÂN HÒA", "ngày 26 tháng 5 năm 2025", "45-QĐ/ĐU", "02/05/2025"),
    "introduction": ("Nguyễn Văn Tâm", "19/05/2010", "01/03/2020", "ngày 15 tháng 01 năm 2024", "CHI BỘ THÔN ĐÔNG"),
    "union-resolution": (
        "Số 03-NQ/ĐTN",
        "ĐOÀN TNCS HỒ CHÍ MINH",
        "BAN CHẤP HÀNH CHI ĐOÀN THÔN ĐÔNG",
        "5/5",
        "ngày 20 tháng 02 năm 2024",
        "Lò Văn Thắng",
    ),
    "comments-summary": (
        "tán thành 19 (đạt 95,00%)",
        "tán thành 10 (đạt 100,00%)",
        "T/M CHI ỦY",
        "ngày 25 tháng 02 năm 2024",
    ),
    "ceremony": (
        "CHƯƠNG TRÌNH",
        "BIÊN BẢN",
        "Nhà văn hóa thôn Đông",
        "45-QĐ/ĐU",
        "Hà Minh Khôi",
        "ngày 02 tháng 5 năm 2024",
    ),
    "self-review": ("02/05/2024", "45-QĐ/ĐU", "02/05/2025"),
    "helper-assessment": ("Lê Văn Đức", "02/05/2025"),
    "probation-comments": ("tán thành 8 (đạt 88,89%)", "đảng viên dự bị"),
}


@pytest.mark.parametrize("slug", PERSON_KINDS)
def test_every_document_of_a_full_history_renders_in_both_formats(full_history, slug):
    c = full_history
    texts = {}
    for fmt in ("docx", "pdf"):
        out = produce(user=c.province_staff, slug=slug, fmt=fmt, candidate_id=c.person.pk)
        texts[fmt] = flat(docx_text(out.content) if fmt == "docx" else pdf_text(out.content))
    for fmt, text in texts.items():
        assert NAME in text, (fmt, text)
        if slug != "union-resolution":
            assert "ĐẢNG CỘNG SẢN VIỆT NAM" in text
        kind = KINDS[slug]
        assert f"Hướng dẫn {kind.guidance}" in text
        if kind.form_code and slug != "union-resolution":
            assert f"Mẫu {kind.form_code}" in text
        for expected in EXPECT[slug]:
            assert expected in text, (fmt, expected, text)
    assert "Tân Hòa, ngày" in texts["pdf"]


def test_certificates_one_page_per_passing_trainee(full_history):
    c = full_history
    from candidates.models import Enrollment

    for i, result in enumerate(["excellent", "failed", "average"]):
        p = make_candidate(c.cell_b, Stage.TRAINED, full_name=f"Phạm Ngọc Ánh {i}")
        number = f"3{i}/CN" if result != "failed" else ""
        Enrollment.objects.create(
            training_class=c.klass,
            candidate=p,
            result=result,
            certificate_number=number,
            certificate_date=D(2023, 6, 19) if number else None,
        )
    pdf = produce(user=c.province_staff, slug="certificates", fmt="pdf", class_code="K2-2023").content
    assert pdf_pages(pdf) == 3  # the failed trainee has no certificate
    assert "Số 215/CN" in pdf_text(pdf, 3) and NAME in pdf_text(pdf, 3)
    docx = flat(
        docx_text(produce(user=c.province_staff, slug="certificates", fmt="docx", class_code="K2-2023").content)
    )
    assert docx.count("GIẤY CHỨNG NHẬN") == 3
    assert "Phạm Ngọc Ánh 0" in docx and "Phạm Ngọc Ánh 1" not in docx
    assert "Xếp loại: Khá" in docx and "TỈNH ỦY TEST" in docx


def test_incomplete_record_refuses_and_lists_what_is_missing(cast):
    c = make_candidate(cast.cell_a, Stage.PROPOSED, cell_votes_for=None)
    with pytest.raises(DocumentIncomplete) as exc:
        prepare(user=cast.secretary_a, slug="cell-resolution", candidate_id=c.pk)
    labels = [m.label for m in exc.value.missing]
    assert "số đảng viên chính thức tán thành" in labels
    assert any(label.startswith("thành phần dự họp") for label in labels)
    assert RegisterEntry.objects.count() == 0


def test_incomplete_record_page_links_to_where_to_enter(cast, login):
    c = make_candidate(cast.cell_a, Stage.PROPOSED)
    client = login(cast.secretary_a)
    response = client.post(reverse("documents-person-produce", args=[c.pk, "cell-resolution", "pdf"]))
    assert response.status_code == 400
    text = response.content.decode()
    assert "Chưa đủ thông tin để lập “Nghị quyết chi bộ đề nghị kết nạp đảng viên”" in text
    meeting = reverse("documents-meeting", args=[cast.cell_a.pk, "admission", "2024-09-10"])
    assert meeting in text
    # Entering the attendance makes the document printable.
    data = {
        "members_total": 12,
        "members_official": 10,
        "members_probationary": 2,
        "present_official": 10,
        "present_probationary": 1,
        "absent_reason": "ốm",
        "chair": "Hà Văn Sơn",
        "chair_post": "Bí thư chi bộ",
    }
    assert client.post(meeting, data).status_code == 302
    response = client.post(reverse("documents-person-produce", args=[c.pk, "cell-resolution", "pdf"]))
    assert response.status_code == 200
    text = flat(pdf_text(response.content))
    assert "vắng mặt: 1 đồng chí (lý do: ốm)" in text and "05-NQ/CB" in text


def test_meeting_facts_refuse_inconsistent_counts(cast, login):
    client = login(cast.secretary_a)
    url = reverse("documents-meeting", args=[cast.cell_a.pk, "admission", "2024-09-10"])
    data = {
        "members_total": 12,
        "members_official": 10,
        "members_probationary": 1,
        "present_official": 11,
        "present_probationary": 1,
        "absent_reason": "",
        "chair": "Hà Văn Sơn",
        "chair_post": "Bí thư chi bộ",
    }
    response = client.post(url, data)
    assert response.status_code == 400
    text = response.content.decode()
    assert "Tổng số đảng viên phải bằng số chính thức cộng số dự bị." in text
    assert "không được lớn hơn số đảng viên chính thức" in text


def test_person_page_shows_documents_of_passed_stages_and_next(cast, login):
    c = make_candidate(cast.cell_a, Stage.TRAINED, full_name="Vũ Thị Ngọc Diệp")
    response = login(cast.secretary_a).get(reverse("documents-person", args=[c.pk]))
    text = response.content.decode()
    assert "Nghị quyết công nhận cảm tình Đảng" in text
    assert "Nghị quyết chi bộ đề nghị kết nạp đảng viên" in text and "cần chuẩn bị" in text
    assert "Quyết định kết nạp đảng viên" not in text


def test_person_page_is_scoped(cast, login):
    c = make_candidate(cast.cell_a, Stage.SYMPATHIZER)
    assert login(cast.secretary_b).get(reverse("documents-person", args=[c.pk])).status_code == 404


def test_command_writes_the_document_and_refuses_an_incomplete_one(full_history, tmp_path):
    from django.core.management.base import CommandError

    target = tmp_path / "qd.docx"
    call_command(
        "document",
        "decision",
        "--candidate",
        str(full_history.person.pk),
        "--format",
        "docx",
        "--output",
        str(target),
        "--user",
        "province_staff",
    )
    assert "Số 45-QĐ/ĐU" in docx_text(target.read_bytes())
    bare = make_candidate(full_history.cell_a, Stage.DECIDED, decision_date=None)
    with pytest.raises(CommandError, match="ngày quyết định kết nạp"):
        call_command(
            "document", "decision", "--candidate", str(bare.pk), "--format", "pdf", "--output", str(tmp_path / "x.pdf")
        )
    with pytest.raises(CommandError, match="Không tìm thấy"):
        call_command(
            "document",
            "decision",
            "--candidate",
            str(full_history.person.pk),
            "--format",
            "pdf",
            "--output",
            str(tmp_path / "y.pdf"),
            "--user",
            "secretary_b",
        )
    assert not (tmp_path / "x.pdf").exists()


def test_statistics_for_a_unit_and_half_year(full_history, tmp_path):
    target = tmp_path / "tk.pdf"
    call_command(
        "document", "statistics", "--unit", "P-C1", "--period", "2024-H1", "--format", "pdf", "--output", str(target)
    )
    text = flat(pdf_text(target.read_bytes()))
    assert "6 tháng đầu năm 2024" in text and "Tổng số 1 " in text and "Đảng bộ cơ sở thôn 1 " in text
    assert "Số 01-BC/ĐU" in text


def test_appraisal_only_under_a_partial_committee(cast):
    from reports.documents.base import DocumentError
    from reports.models import PaperFacts
    from units.models import UnitKind
    from units.services import unit_create

    c = make_candidate(cast.cell_a, Stage.PROPOSED)
    with pytest.raises(DocumentError, match="không trực thuộc đảng bộ bộ phận"):
        prepare(user=cast.commune_staff, slug="appraisal", candidate_id=c.pk)
    cast.grassroots.refresh_from_db()
    partial = unit_create(
        parent=cast.grassroots, code="P-C1-G1-X", name="Đảng bộ bộ phận Xóm Mới", kind=UnitKind.PARTIAL
    )
    cell = unit_create(parent=partial, code="P-C1-G1-X-1", name="Chi bộ xóm 1", kind=UnitKind.CELL)
    p = make_candidate(cell, Stage.PROPOSED, full_name="Quách Thị Ượt", appraisal_date=None, appraisal_number="")
    with pytest.raises(DocumentIncomplete) as exc:
        prepare(user=cast.commune_staff, slug="appraisal", candidate_id=p.pk)
    assert [m.label for m in exc.value.missing] == ["ngày thẩm định (đảng ủy bộ phận)", "Kết luận thẩm định"]
    PaperFacts.objects.create(candidate=p, kind="appraisal", data={"conclusion": "Đủ điều kiện."})
    p.appraisal_date = D(2024, 9, 15)
    p.save()
    text = flat(pdf_text(produce(user=cast.commune_staff, slug="appraisal", fmt="pdf", candidate_id=p.pk).content))
    assert "ĐẢNG ỦY BỘ PHẬN XÓM MỚI" in text and "Số 01-BC/ĐU" in text and "Quách Thị Ượt" in text


def test_paper_facts_form_saves_and_the_paper_prints(cast, login):
    c = make_candidate(cast.cell_a, Stage.PROBATIONARY, full_name="Tạ Văn Ấn")
    client = login(cast.secretary_a)
    url = reverse("documents-facts", args=[c.pk, "ceremony"])
    assert client.post(url, {"place": ""}).status_code == 400
    data = {"place": "Hội trường thôn", "chair": "Phạm Văn Quý", "members_present": "12", "secretary": "Đinh Thị Nga"}
    assert client.post(url, data).status_code == 302
    response = client.post(reverse("documents-person-produce", args=[c.pk, "ceremony", "docx"]))
    assert response.status_code == 200
    assert "Hội trường thôn" in docx_text(response.content)


def test_a_big_class_is_made_by_the_worker(full_history, login, settings, tmp_path):
    from jobs.models import Job

    settings.DOCUMENTS_BACKGROUND_PAGES = 0
    settings.MEDIA_ROOT = tmp_path
    client = login(full_history.training)
    response = client.post(reverse("documents-class-produce", args=[full_history.klass.pk, "certificates", "pdf"]))
    job = Job.objects.get()
    assert response.status_code == 302 and response.url == reverse("jobs-detail", args=[job.pk])
    job.refresh_from_db()
    assert job.status == "done", job.message
    download = client.get(reverse("jobs-download", args=[job.pk]))
    content = b"".join(download.streaming_content)
    assert NAME in pdf_text(content)
    assert RegisterEntry.objects.filter(document_kind="certificates").count() == 1
