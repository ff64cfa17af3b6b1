"""Offices' own Word templates: an unknown placeholder is refused with the list of valid ones; a valid
template is used for the Word documents its unit issues, and only for that unit."""

import io

from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from docx import Document

from candidates.models import Stage
from candidates.tests.factories import make_candidate
from reports.documents.service import produce
from reports.documents.word import default_path
from reports.models import UnitTemplate

from .test_documents import docx_text


def _with_paragraphs(slug: str, *texts: str) -> bytes:
    doc = Document(str(default_path(slug)))
    for text in texts:
        doc.add_paragraph(text)
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()


def _upload(client, unit, slug, content, name="mau.docx"):
    data = {"unit": unit, "kind": slug, "file": SimpleUploadedFile(name, content)}
    return client.post(reverse("documents-templates"), data)


def test_unknown_placeholder_is_refused_with_the_valid_ones(cast, login):
    client = login(cast.commune_staff)
    response = _upload(client, "P-C1", "decision", _with_paragraphs("decision", "Quê quán: {{ que_quan }}"))
    assert response.status_code == 400
    text = response.content.decode()
    assert "Mẫu có trường không hợp lệ: que_quan." in text
    assert "Các trường hợp lệ:" in text and "full_name" in text and "number_line" in text
    assert UnitTemplate.objects.count() == 0


def test_unknown_field_of_a_list_is_refused(cast, login):
    content = _with_paragraphs("cell-resolution", "{%p for p in people %}", "{{ p.que_quan }}", "{%p endfor %}")
    response = _upload(login(cast.secretary_a), "P-C1-G1-A", "cell-resolution", content)
    assert response.status_code == 400
    assert "people[].que_quan" in response.content.decode()


def test_not_a_word_file_and_broken_tags_are_refused(cast, login):
    client = login(cast.commune_staff)
    assert "không phải văn bản Word" in _upload(client, "P-C1", "decision", b"hello").content.decode()
    broken = _with_paragraphs("decision", "{{ full_name ")
    assert "viết sai" in _upload(client, "P-C1", "decision", broken).content.decode()


def test_a_valid_template_is_used_for_that_unit_only(cast, login):
    client = login(cast.province_staff)
    marker = "Mẫu riêng của Đảng ủy xã Tân Hòa cho {{ full_name }}"
    response = _upload(client, "P-C1", "decision", _with_paragraphs("decision", marker))
    assert response.status_code == 302
    here = make_candidate(cast.cell_a, Stage.DECIDED, full_name="Hoàng Thị Yến")
    there = make_candidate(cast.school, Stage.DECIDED, full_name="Bùi Văn Tư")
    mine = docx_text(produce(user=cast.province_staff, slug="decision", fmt="docx", candidate_id=here.pk).content)
    other = docx_text(produce(user=cast.province_staff, slug="decision", fmt="docx", candidate_id=there.pk).content)
    assert "Mẫu riêng của Đảng ủy xã Tân Hòa cho Hoàng Thị Yến" in mine
    assert "Mẫu riêng" not in other and "Bùi Văn Tư" in other
    # The PDF keeps the shipped layout.
    pdf = produce(user=cast.province_staff, slug="decision", fmt="pdf", candidate_id=here.pk).content
    assert b"%PDF" in pdf[:8]


def test_upload_is_scoped_and_needs_the_right(cast, login):
    content = _with_paragraphs("decision", "{{ full_name }}")
    assert _upload(login(cast.secretary_b), "P-C1-G1-A", "decision", content).status_code == 404
    assert _upload(login(cast.viewer), "P-C1", "decision", content).status_code == 403
    assert UnitTemplate.objects.count() == 0


def test_a_template_cannot_reach_python_internals(cast, login):
    content = _with_paragraphs("decision", "{{ full_name.__class__.__mro__ }}")
    response = _upload(login(cast.commune_staff), "P-C1", "decision", content)
    assert response.status_code == 400
    assert "full_name.__class__" in response.content.decode()
    assert UnitTemplate.objects.count() == 0
