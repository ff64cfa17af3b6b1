"""The data subject's rights: export everything held (JSON, PDF), correction requests, retention."""

import datetime
import json

from django.core.management import call_command
from django.urls import reverse

from audit.models import AccessKind, PersonalDataAccess
from candidates.models import Candidate, CorrectionRequest, ExitReason, Stage
from candidates.privacy import anonymize_exited
from candidates.tests.factories import make_candidate


def test_everything_held_about_a_person_as_json_and_pdf(cast, login):
    person = make_candidate(cast.cell_a, Stage.SYMPATHIZER, full_name="Lê Thị Quyền", phone="0912345678")
    client = login(cast.secretary_a)
    client.get(reverse("candidates-detail", args=[person.pk]))
    data = json.loads(client.get(reverse("candidates-person-data", args=[person.pk])).content)
    assert data["thông tin"]["họ và tên"] == "Lê Thị Quyền" and data["thông tin"]["điện thoại"] == "0912345678"
    assert data["nhật ký truy cập"][0]["loại"] == "Xem trang của một người"
    assert "Luật Bảo vệ dữ liệu cá nhân 91/2025/QH15" in data["căn cứ và mục đích"]
    pdf = client.get(reverse("reports-person", args=[person.pk]))
    assert pdf.status_code == 200 and pdf.content.startswith(b"%PDF")
    kinds = set(PersonalDataAccess.objects.filter(person_id=person.pk).values_list("kind", "file_format"))
    assert {(AccessKind.EXPORT_PERSON, "json"), (AccessKind.EXPORT_PERSON, "pdf")} <= kinds


def test_a_correction_request_and_its_outcome(cast, login):
    person = make_candidate(cast.cell_a)
    client = login(cast.secretary_a)
    url = reverse("candidates-correction-request", args=[person.pk])
    client.post(url, {"received_on": "02/12/2026", "request": "Sửa ngày sinh", "status": "open"})
    item = CorrectionRequest.objects.get()
    refused = client.post(url, {"request_id": item.pk, "received_on": "02/12/2026", "request": "Sửa ngày sinh",
                                "status": "accepted"}, follow=True)  # fmt: skip
    assert "hãy ghi câu trả lời" in refused.content.decode()
    client.post(url, {"request_id": item.pk, "received_on": "02/12/2026", "request": "Sửa ngày sinh",
                      "status": "accepted", "outcome": "Đã sửa theo giấy khai sinh", "decided_on": "05/12/2026"})  # fmt: skip
    item.refresh_from_db()
    assert (item.status, item.outcome, item.decided_on) == (
        "accepted",
        "Đã sửa theo giấy khai sinh",
        datetime.date(2026, 12, 5),
    )
    page = client.get(reverse("candidates-detail", args=[person.pk])).content.decode()
    assert "Đã sửa theo giấy khai sinh" in page


def test_exited_non_members_are_anonymized_after_the_retention_counts_kept(cast, settings):
    settings.PERSONAL_DATA_RETENTION_YEARS = 5
    old = make_candidate(cast.cell_a, Stage.SYMPATHIZER, full_name="Người Đã Rút", phone="0900000000",
                         national_id="001203004567", is_open=False, exit_reason=ExitReason.WITHDRAWN,
                         exit_date=datetime.date(2020, 12, 1))  # fmt: skip
    recent = make_candidate(cast.cell_a, Stage.SYMPATHIZER, is_open=False, exit_reason=ExitReason.WITHDRAWN,
                            exit_date=datetime.date(2021, 12, 3))  # fmt: skip
    member = make_candidate(cast.cell_a, Stage.PROBATIONARY, is_open=False, exit_reason=ExitReason.WITHDRAWN,
                            exit_date=datetime.date(2019, 1, 1))  # fmt: skip
    before = Candidate.objects.filter(cell=cast.cell_a, stage=Stage.SYMPATHIZER).count()
    assert anonymize_exited(datetime.date(2026, 12, 2)) == 1
    old.refresh_from_db()
    assert old.full_name.startswith("Đã ẩn danh") and old.phone == "" and old.national_id == ""
    assert not old.history.exists()
    assert Candidate.objects.filter(cell=cast.cell_a, stage=Stage.SYMPATHIZER).count() == before
    recent.refresh_from_db()
    member.refresh_from_db()
    assert not recent.full_name.startswith("Đã ẩn danh") and not member.full_name.startswith("Đã ẩn danh")
    call_command("anonymize_exited", "--dry-run")


def test_the_legal_basis_is_shown_where_data_is_collected(cast, login):
    page = login(cast.secretary_a).get(reverse("candidates-create")).content.decode()
    assert 'id="legal-basis"' in page and "Mục đích: theo dõi, bồi dưỡng và xét kết nạp đảng viên" in page


def test_the_retention_cutoff_on_29_february(settings):
    from candidates.privacy import retention_cutoff

    settings.PERSONAL_DATA_RETENTION_YEARS = 5
    assert retention_cutoff(datetime.date(2028, 2, 29)) == datetime.date(2023, 2, 28)
    assert retention_cutoff(datetime.date(2028, 3, 1)) == datetime.date(2023, 3, 1)
    settings.PERSONAL_DATA_RETENTION_YEARS = 4
    assert retention_cutoff(datetime.date(2028, 2, 29)) == datetime.date(2024, 2, 29)


def test_the_legal_basis_is_shown_on_the_import_pages_of_personal_data(cast, login):
    client = login(cast.province_staff)
    for kind in ("candidates", "roster"):
        page = client.get(reverse("imports-upload", args=[kind])).content.decode()
        assert 'id="legal-basis"' in page and "Luật Bảo vệ dữ liệu cá nhân 91/2025/QH15" in page, kind
    units = client.get(reverse("imports-upload", args=["units"])).content.decode()
    assert "Nhập: " in units and 'id="legal-basis"' not in units  # a unit list holds no personal data


def test_anonymization_of_a_record_without_birth_date_clears_what_events_hold(cast, settings):
    from candidates.models import EventKind, StageEvent

    settings.PERSONAL_DATA_RETENTION_YEARS = 5
    gone = make_candidate(cast.cell_a, Stage.SYMPATHIZER, full_name="Phạm Văn Cường", birth_date=None,
                          person_code="SV2019001", mentor_name="Đỗ Thị Hoa", is_open=False,
                          exit_reason=ExitReason.WITHDRAWN, exit_date=datetime.date(2020, 1, 1))  # fmt: skip
    StageEvent.objects.create(
        candidate=gone, kind=EventKind.TRANSITION, action="Vào danh sách cảm tình Đảng", from_stage=Stage.SOURCE,
        to_stage=Stage.SYMPATHIZER, legal_date=datetime.date(2019, 3, 1), note="gặp tại nhà",
        data={"mentor_name": "Đỗ Thị Hoa", "votes_for": 5}, unit=cast.cell_a,
    )  # fmt: skip
    assert anonymize_exited(datetime.date(2026, 12, 2)) == 1
    gone.refresh_from_db()
    assert gone.full_name == f"Đã ẩn danh {gone.pk}" and gone.birth_date is None
    assert gone.person_code == "" and gone.mentor_name == "" and gone.stage == Stage.SYMPATHIZER
    event = gone.events.get()
    assert event.note == "" and event.data == {"votes_for": 5}
