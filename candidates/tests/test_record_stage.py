"""Recording a stage from the candidate page: the service is called, the event shows on the timeline,
every unmet condition is shown, a form posted twice is refused."""

import datetime

from candidates.models import Candidate, Stage, StageEvent
from candidates.tests.factories import STAGE_FIELDS, make_candidate
from candidates.tests.helpers import detail_url, message_texts, post_action


def test_it_puts_a_person_on_the_sympathizer_list(cast, login):
    c = make_candidate(cast.cell_a, full_name="Nguyễn Thị Hằng")
    client = login(cast.secretary_a)
    response = post_action(client, c, "sympathizer", {"on": "05/11/2026", "mentor_name": "Trần Văn Giúp"})
    c.refresh_from_db()
    assert c.stage == Stage.SYMPATHIZER
    assert c.sympathizer_date == datetime.date(2026, 11, 5) and c.mentor_name == "Trần Văn Giúp"
    event = StageEvent.objects.get(candidate=c, to_stage=Stage.SYMPATHIZER)
    assert event.entered_by == cast.secretary_a
    body = response.content.decode()
    assert "Đã ghi: Vào danh sách cảm tình Đảng." in body
    assert "05/11/2026</strong> — Vào danh sách cảm tình Đảng" in body
    assert "Đảng viên giúp đỡ: Trần Văn Giúp" in body


def test_the_page_offers_the_next_actions_as_buttons(cast, login):
    c = make_candidate(cast.cell_a)
    body = login(cast.secretary_a).get(detail_url(c)).content.decode()
    assert "Đưa vào danh sách cảm tình Đảng</summary>" in body
    assert "Ghi quyết định kết nạp" not in body  # not the stage, not the secretary's right


def test_viewer_sees_the_page_read_only(cast, login):
    c = make_candidate(cast.cell_a, Stage.SYMPATHIZER)
    body = login(cast.viewer).get(detail_url(c)).content.decode()
    assert c.full_name in body
    assert "Việc tiếp theo" not in body and "Đính chính" not in body and "Sửa thông tin" not in body
    response = post_action(login(cast.viewer), c, "training", {"result": "good"}, follow=False)
    assert response.status_code == 403


def test_it_lists_every_unmet_condition(cast, login):
    c = make_candidate(cast.cell_a, Stage.TRAINED, birth_date=datetime.date(2008, 12, 1))
    client = login(cast.secretary_a)
    response = post_action(
        client,
        c,
        "cell_resolution",
        {"number": "1-NQ/CB", "on": "10/11/2026", "votes_for": 5, "official_members": 8},
    )
    body = response.content.decode()
    assert "Chưa ghi được “Ghi nghị quyết chi bộ”" in " ".join(message_texts(response))
    assert "Chưa đủ 18 tuổi vào ngày họp chi bộ 10/11/2026" in body
    assert "Chưa đủ 2/3 số đảng viên chính thức tán thành: 5/8." in body
    assert "Chưa có đơn xin vào Đảng." in body
    c.refresh_from_db()
    assert c.stage == Stage.TRAINED and c.cell_resolution_date is None
    assert not StageEvent.objects.filter(candidate=c).exists()


def test_it_refuses_to_propose_with_an_expired_certificate(cast, login):
    dossier = {k: v for k, v in STAGE_FIELDS[Stage.PROPOSED].items() if not k.startswith(("cell_", "committee_"))}
    c = make_candidate(cast.cell_a, Stage.TRAINED, certificate_date=datetime.date(2021, 6, 18), **dossier)
    response = post_action(
        login(cast.secretary_a),
        c,
        "cell_resolution",
        {"number": "1-NQ/CB", "on": "10/11/2026", "votes_for": 9, "official_members": 9},
    )
    assert "Giấy chứng nhận bồi dưỡng đã hết hạn ngày 18/06/2026." in response.content.decode()
    c.refresh_from_db()
    assert c.stage == Stage.TRAINED


def test_more_votes_than_members_is_a_clear_message(cast, login):
    c = make_candidate(cast.cell_a, Stage.PROPOSED)
    response = post_action(
        login(cast.commune_staff),
        c,
        "committee_resolution",
        {"number": "2-NQ/ĐU", "on": "10/11/2026", "votes_for": 10, "members": 9},
    )
    assert "Số tán thành (10) lớn hơn tổng số (9)." in response.content.decode()
    assert Candidate.objects.get(pk=c.pk).version == c.version


def test_a_form_posted_twice_is_refused_the_second_time(cast, login):
    c = make_candidate(cast.cell_a)
    client = login(cast.secretary_a)
    data = {"on": "05/11/2026", "mentor_name": "Trần Văn Giúp"}
    post_action(client, c, "sympathizer", data, version=c.version)
    response = post_action(client, c, "sympathizer", data, version=c.version)  # the same form again
    assert any("vừa được người khác cập nhật" in m for m in message_texts(response))
    assert StageEvent.objects.filter(candidate=c, to_stage=Stage.SYMPATHIZER).count() == 1


def test_a_late_ceremony_is_recorded_with_a_warning(cast, login):
    c = make_candidate(cast.cell_a, Stage.DECIDED, decision_date=datetime.date(2026, 8, 3))
    response = post_action(login(cast.secretary_a), c, "ceremony", {"on": "10/11/2026"})
    c.refresh_from_db()
    assert c.stage == Stage.PROBATIONARY and c.ceremony_date == datetime.date(2026, 11, 10)
    assert any(m.startswith("Lễ kết nạp ngày 10/11/2026 quá hạn 30 ngày làm việc") for m in message_texts(response))


def test_an_impossible_date_is_refused(cast, login):
    c = make_candidate(cast.cell_a, Stage.DECIDED, decision_date=datetime.date(2026, 11, 2))
    response = post_action(login(cast.secretary_a), c, "ceremony", {"on": "01/11/2026"})
    assert "Ngày lễ kết nạp (01/11/2026) trước ngày quyết định kết nạp (02/11/2026)." in response.content.decode()
    response = post_action(login(cast.secretary_a), c, "ceremony", {"on": "31/02/2026"})
    assert "Không đọc được ngày “31/02/2026”. Hãy nhập theo dạng dd/mm/yyyy" in response.content.decode()
    c.refresh_from_db()
    assert c.ceremony_date is None


def test_the_training_centre_records_a_result(cast, login):
    from candidates.tests.factories import make_class

    klass = make_class(cast.province, code="K4-2026", start=datetime.date(2026, 11, 2), end=datetime.date(2026, 11, 8))
    c = make_candidate(cast.cell_a, Stage.SYMPATHIZER)
    post_action(
        login(cast.training),
        c,
        "training",
        {
            "training_class": klass.pk,
            "result": "good",
            "certificate_number": "15/GCN",
            "certificate_date": "10/11/2026",
        },
    )
    c.refresh_from_db()
    assert c.stage == Stage.TRAINED and c.certificate_number == "15/GCN"
    assert c.enrollments.get().result == "good"


def test_an_action_of_another_stage_is_refused(cast, login):
    c = make_candidate(cast.cell_a)
    response = post_action(login(cast.secretary_a), c, "ceremony", {"on": "10/11/2026"})
    assert "Không thể ghi lễ kết nạp: đang ở giai đoạn “Quần chúng (tạo nguồn)”" in response.content.decode()
    assert Candidate.objects.get(pk=c.pk).stage == Stage.SOURCE


def test_a_date_typed_as_digits_on_a_phone_is_read_day_first(cast, login):
    c = make_candidate(cast.cell_a, Stage.DECIDED, decision_date=datetime.date(2026, 11, 2))
    post_action(login(cast.secretary_a), c, "ceremony", {"on": "10112026"})
    c.refresh_from_db()
    assert c.ceremony_date == datetime.date(2026, 11, 10)
