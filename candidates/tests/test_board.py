"""The deadline board ("Việc cần làm"): each section at its edge (today is pinned to Fri 20/11/2026)."""

import datetime

from django.urls import reverse

from candidates import selectors
from candidates.models import Holiday, Stage
from candidates.tests.factories import make_candidate

D = datetime.date
URL = reverse("candidates-board")


def section(user, key) -> list[str]:
    return [c.full_name for c in selectors.board_section(user=user, key=key)]


def test_it_lists_late_ceremonies_with_a_link(cast, login):
    # Ceremony within 30 working days of the decision: 08/10 -> 19/11 (late), 09/10 -> 20/11 (today, not late).
    late = make_candidate(cast.cell_a, Stage.DECIDED, full_name="Lễ Muộn", decision_date=D(2026, 10, 8))
    make_candidate(cast.cell_a, Stage.DECIDED, full_name="Còn Hạn", decision_date=D(2026, 10, 9))
    make_candidate(
        cast.cell_a, Stage.PROBATIONARY, full_name="Đã Làm Lễ", decision_date=D(2026, 6, 1), ceremony_date=D(2026, 6, 9)
    )
    body = login(cast.secretary_a).get(URL).content.decode()
    assert section(cast.secretary_a, "le-ket-nap") == ["Lễ Muộn"]
    assert f'<a href="{reverse("candidates-detail", args=[late.pk])}">Lễ Muộn</a>' in body
    assert "Hạn tổ chức lễ kết nạp (30 ngày làm việc): 19/11/2026" in body


def test_decision_late_on_the_61st_working_day_across_a_holiday(cast):
    Holiday.objects.create(date=D(2026, 9, 1), name="Quốc khánh")
    Holiday.objects.create(date=D(2026, 9, 2), name="Quốc khánh")
    # 25/08 + 60 working days (minus 01-02/09) = 19/11: late today; 26/08 -> 20/11: today is the 60th day.
    make_candidate(cast.cell_a, Stage.PROPOSED, full_name="Quá Hạn", cell_resolution_date=D(2026, 8, 25))
    make_candidate(cast.cell_a, Stage.PROPOSED, full_name="Ngày Thứ 60", cell_resolution_date=D(2026, 8, 26))
    assert section(cast.secretary_a, "quyet-dinh") == ["Quá Hạn"]


def test_without_the_holidays_the_60th_day_falls_earlier(cast):
    make_candidate(cast.cell_a, Stage.PROPOSED, full_name="Ngày Thứ 60", cell_resolution_date=D(2026, 8, 26))
    assert section(cast.secretary_a, "quyet-dinh") == ["Ngày Thứ 60"]


def test_probation_ending_within_30_days(cast):
    make_candidate(cast.cell_a, Stage.PROBATIONARY, full_name="Hết 20/12", ceremony_date=D(2025, 12, 20))
    make_candidate(cast.cell_a, Stage.PROBATIONARY, full_name="Hết 21/12", ceremony_date=D(2025, 12, 21))
    make_candidate(cast.cell_a, Stage.PROBATIONARY, full_name="Vừa Hết", ceremony_date=D(2025, 11, 1))
    assert sorted(section(cast.secretary_a, "du-bi")) == ["Hết 20/12", "Vừa Hết"]
    assert section(cast.secretary_a, "cong-nhan") == []


def test_recognition_overdue(cast):
    make_candidate(cast.cell_a, Stage.PROBATIONARY, full_name="Quá Hạn Công Nhận", ceremony_date=D(2025, 6, 1))
    make_candidate(cast.cell_a, Stage.OFFICIAL, full_name="Đã Công Nhận", ceremony_date=D(2024, 11, 1))
    assert section(cast.secretary_a, "cong-nhan") == ["Quá Hạn Công Nhận"]
    assert section(cast.secretary_a, "du-bi") == []


def test_certificates_expiring_within_90_days_for_people_not_yet_proposed(cast):
    # Valid 60 months: issued 18/02/2022 expires 18/02/2027 = today + 90 days.
    make_candidate(cast.cell_a, Stage.TRAINED, full_name="Hết 18/02", certificate_date=D(2022, 2, 18))
    make_candidate(cast.cell_a, Stage.TRAINED, full_name="Hết 19/02", certificate_date=D(2022, 2, 19))
    make_candidate(cast.cell_a, Stage.TRAINED, full_name="Đã Hết", certificate_date=D(2021, 5, 1))
    make_candidate(cast.cell_a, Stage.PROPOSED, full_name="Đã Đề Nghị", certificate_date=D(2022, 1, 1))
    assert section(cast.secretary_a, "giay-chung-nhan") == ["Đã Hết", "Hết 18/02"]


def test_sympathizers_untrained_for_more_than_12_months(cast):
    make_candidate(cast.cell_a, Stage.SYMPATHIZER, full_name="Hơn 12 Tháng", sympathizer_date=D(2025, 11, 19))
    make_candidate(cast.cell_a, Stage.SYMPATHIZER, full_name="Đúng 12 Tháng", sympathizer_date=D(2025, 11, 20))
    assert section(cast.secretary_a, "cam-tinh") == ["Hơn 12 Tháng"]


def test_exited_people_are_not_on_the_board(cast):
    make_candidate(cast.cell_a, Stage.DECIDED, decision_date=D(2026, 6, 1), is_open=False, exit_reason="withdrawn")
    assert section(cast.secretary_a, "le-ket-nap") == []


def test_the_board_runs_a_fixed_number_of_queries(cast, login, django_assert_max_num_queries):
    client = login(cast.province_staff)
    client.get(URL)
    for i in range(60):
        make_candidate(cast.cell_a if i % 2 else cast.cell_b, Stage.DECIDED, decision_date=D(2026, 6, 1))
    with django_assert_max_num_queries(22):  # + 2: cells told apart (units.naming)
        response = client.get(URL)
    first = response.context["sections"][0]
    assert first["count"] == 60 and len(first["rows"]) == 20
    assert "Xem tất cả 60 người" in response.content.decode()
    page = client.get(URL, {"muc": "le-ket-nap"})
    assert len(page.context["rows"]) == 50
