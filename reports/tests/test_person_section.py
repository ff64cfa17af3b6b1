"""The "Văn bản" section of a person's page (registered by reports in candidates.panels): the papers
of the stages passed and of the next one, each ready (Word and PDF), numbered, or listing what is
missing with where to enter it; shown only to those who make papers; a fixed number of queries."""

import datetime
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from candidates.models import EventKind, Stage, StageEvent
from candidates.tests.factories import make_candidate
from reports.documents.service import produce
from reports.models import RegisterEntry

from .documents_data import NAME

D = datetime.date


def page(client, c) -> str:
    response = client.get(reverse("candidates-detail", args=[c.pk]))
    assert response.status_code == 200
    return response.content.decode()


def section(html: str) -> str:
    """The section's HTML (empty when the page has none)."""
    match = re.search(r'<section class="card" id="documents">(.*?)</section>', html, re.S)
    return match.group(1) if match else ""


def item(html: str, title: str) -> str:
    """The <li> of the document with this title."""
    for li in re.findall(r'<li class="doc-row[^"]*">(.*?)\n</li>', html, re.S):
        if f"<strong>{title}</strong>" in li:
            return li
    raise AssertionError(f"{title!r} not in the section")


def produce_url(c, kind, fmt) -> str:
    return reverse("documents-person-produce", args=[c.pk, kind, fmt])


def test_full_history_lists_every_paper_with_word_and_pdf_and_issued_numbers(full_history, login):
    c = full_history
    produce(user=c.province_staff, slug="decision", fmt="pdf", candidate_id=c.person.pk)
    produce(user=c.province_staff, slug="ceremony", fmt="pdf", candidate_id=c.person.pk)
    html = section(page(login(c.province_staff), c.person))
    assert "<h2>Văn bản</h2>" in html and "Các giai đoạn đã qua" in html
    assert "Cần chuẩn bị" not in html  # a full member: no next stage
    decision = item(html, "Quyết định kết nạp đảng viên")
    assert "đã cấp số" in decision and "45-QĐ/ĐU" in decision  # the number recorded on the decision
    assert f'action="{produce_url(c.person, "decision", "pdf")}"' in decision
    assert f'action="{produce_url(c.person, "decision", "docx")}"' in decision
    assert "Tải PDF" in decision and "Tải Word" in decision
    assert "đã lập" in item(html, "Chương trình và biên bản lễ kết nạp")  # no number: the pages carry none
    recognition = item(html, "Quyết định công nhận đảng viên chính thức")
    assert "đủ thông tin để lập" in recognition and "đã cấp số" not in recognition
    intro = item(html, "Giấy giới thiệu người vào Đảng")
    assert reverse("documents-facts", args=[c.person.pk, "introduction"]) in intro
    for title in (
        "Nghị quyết công nhận cảm tình Đảng, phân công đảng viên giúp đỡ",
        "Nghị quyết chi bộ đề nghị kết nạp đảng viên",
        "Nghị quyết đảng ủy cơ sở đề nghị kết nạp đảng viên",
        "Nghị quyết chi bộ đề nghị công nhận đảng viên chính thức",
    ):
        assert "đủ thông tin để lập" in item(html, title)
    assert "Quyết định xóa tên đảng viên dự bị" not in html
    assert f'href="{reverse("documents-person", args=[c.person.pk])}"' in html  # the separate page stays


def test_a_missing_fact_is_named_with_a_link_to_enter_it(cast, login):
    c = make_candidate(cast.cell_a, Stage.PROPOSED, full_name="Vũ Thị Ngọc Diệp", cell_votes_for=None)
    html = section(page(login(cast.secretary_a), c))
    cell = item(html, "Nghị quyết chi bộ đề nghị kết nạp đảng viên")
    assert "còn thiếu thông tin" in cell and "Còn thiếu 2 thông tin — xem và nhập" in cell and "Tải PDF" not in cell
    assert (
        f'<a href="{reverse("candidates-detail", args=[c.pk])}#actions">số đảng viên chính thức tán thành</a>' in cell
    )
    meeting = reverse("documents-meeting", args=[cast.cell_a.pk, "admission", "2024-09-10"])
    assert f'<a href="{meeting}">thành phần dự họp' in cell
    # The next stage: the admission decision, made above the cell.
    assert "Cần chuẩn bị cho giai đoạn tiếp theo" in html
    nxt = html.split("Cần chuẩn bị cho giai đoạn tiếp theo", 1)[1]
    decision = item(nxt, "Quyết định kết nạp đảng viên")
    assert "cấp khác lập" in decision
    assert "Quyết định kết nạp đảng viên" not in html.split("Cần chuẩn bị cho giai đoạn tiếp theo", 1)[0]
    assert "Tải PDF" not in decision and "documents-person-produce" not in decision
    assert "Nghị quyết chi bộ đề nghị công nhận" not in html  # two stages ahead


def test_a_trained_person_sees_the_proposal_papers_to_prepare(cast, login):
    c = make_candidate(cast.cell_a, Stage.TRAINED)
    html = section(page(login(cast.commune_staff), c))
    passed, nxt = html.split("Cần chuẩn bị cho giai đoạn tiếp theo", 1)
    assert "Nghị quyết công nhận cảm tình Đảng" in passed
    assert "Nghị quyết chi bộ đề nghị kết nạp đảng viên" in nxt
    assert "Giấy giới thiệu người vào Đảng" in nxt
    assert "Quyết định kết nạp đảng viên" not in html


def test_the_training_centre_and_the_viewer_do_not_see_it(full_history, login):
    c = full_history
    for user in (c.training, c.viewer):
        html = page(login(user), c.person)
        assert section(html) == "" and 'id="documents"' not in html
        assert "documents-person-produce" not in html and "/van-ban/nguoi/" + str(c.person.pk) + "/decision" not in html
        # Nor the separate documents page: a person's papers are their dossier.
        assert "Văn bản của hồ sơ" not in html
        assert login(user).get(reverse("documents-person", args=[c.person.pk])).status_code == 403
    assert "Văn bản của hồ sơ" in page(login(c.secretary_a), c.person)
    assert section(page(login(c.secretary_a), c.person))
    # Outside the scope the page itself is 404, section and all.
    assert login(c.secretary_b).get(reverse("candidates-detail", args=[c.person.pk])).status_code == 404


def test_a_failing_paper_does_not_take_the_person_page_down(cast, login, monkeypatch):
    from reports.documents import panel

    def broken(user, c):
        raise RuntimeError("a builder failed")

    monkeypatch.setattr(panel, "person_documents", broken)
    c = make_candidate(cast.cell_a, Stage.PROPOSED, full_name="Vũ Thị Ngọc Diệp")
    html = page(login(cast.secretary_a), c)
    assert "Vũ Thị Ngọc Diệp" in html and "Các mốc đã ghi" in html
    assert "Không lập được danh sách văn bản của hồ sơ này" in section(html)


def count(client, url) -> int:
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(url).status_code == 200
    return len(ctx.captured_queries)


def grow(c):
    """A longer history: events, more people at the same cell meetings, register entries of other
    people and of this person (every paper produced)."""
    person = c.person
    StageEvent.objects.bulk_create(
        [
            StageEvent(
                candidate=person,
                kind=EventKind.RECORD,
                action=f"Ghi chú {i}",
                legal_date=D(2024, 1, 1) + datetime.timedelta(days=i),
                unit=c.cell_a,
                document_number=f"{i}-CV/CB",
            )
            for i in range(30)
        ]
    )
    for i in range(12):
        make_candidate(
            c.cell_a,
            Stage.PROPOSED,
            sympathizer_date=person.sympathizer_date,
            cell_resolution_date=person.cell_resolution_date,
            cell_resolution_number=person.cell_resolution_number,
            full_name=f"Hoàng Văn Cùng Họp {i}",
        )
    for i in range(20):
        other = make_candidate(c.cell_b, Stage.SYMPATHIZER, sympathizer_date=D(2024, 2, 1) + datetime.timedelta(days=i))
        produce(user=c.province_staff, slug="sympathizer-list", fmt="pdf", candidate_id=other.pk)
    for slug in ("sympathizer-list", "introduction", "cell-resolution", "decision", "ceremony", "recognition-decision"):
        produce(user=c.province_staff, slug=slug, fmt="pdf", candidate_id=person.pk)


@pytest.mark.parametrize("user", ["province_staff", "secretary_a"])
def test_the_person_page_runs_a_fixed_number_of_queries(full_history, login, django_assert_max_num_queries, user):
    c = full_history
    client = login(getattr(c, user))
    url = reverse("candidates-detail", args=[c.person.pk])
    client.get(url)  # the session's first read
    small = count(client, url)
    assert small <= 26, small  # 14 without the section
    grow(c)
    assert RegisterEntry.objects.filter(candidates=c.person).count() >= 6
    with django_assert_max_num_queries(small):
        html = client.get(url).content.decode()
    assert NAME in html and "Ghi chú 29" in html and section(html)
    assert "đã cấp số" in section(html)
    # The separate documents page is bounded the same way.
    documents = reverse("documents-person", args=[c.person.pk])
    assert count(client, documents) <= 20
