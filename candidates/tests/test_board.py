"""The deadline board ("Việc cần làm"): each section at its edge (today is pinned to Fri 20/11/2026)."""

import datetime

from django.urls import reverse

from candidates import selectors
from candidates.models import Holiday, HolidayKind, Stage
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
    assert "Hạn tổ chức lễ kết nạp (30 ngày làm việc từ ngày quyết định): 19/11/2026" in body


def test_decision_late_on_the_61st_working_day_across_national_day(cast):
    # python-holidays: 31/08/2026 (off for Saturday 22/08), 01/09 and 02/09 are days off.
    # 24/08 + 60 working days = 19/11: late today; 25/08 -> 20/11: today is the 60th working day.
    make_candidate(cast.cell_a, Stage.PROPOSED, full_name="Quá Hạn", cell_resolution_date=D(2026, 8, 24))
    make_candidate(cast.cell_a, Stage.PROPOSED, full_name="Ngày Thứ 60", cell_resolution_date=D(2026, 8, 25))
    assert section(cast.secretary_a, "quyet-dinh") == ["Quá Hạn"]


def test_a_day_off_entered_by_the_administrator_moves_the_deadline(cast):
    Holiday.objects.create(date=D(2026, 10, 15), name="Nghỉ theo thông báo", kind=HolidayKind.DAY_OFF)
    make_candidate(cast.cell_a, Stage.PROPOSED, full_name="Ngày Thứ 60", cell_resolution_date=D(2026, 8, 24))
    assert section(cast.secretary_a, "quyet-dinh") == []


def test_a_recorded_extension_keeps_the_decision_off_the_board_until_it_ends(cast):
    # 24/08 + 60 = 19/11 (late); with 1 working day more the deadline is today.
    make_candidate(
        cast.cell_a, Stage.PROPOSED, full_name="Gia Hạn", cell_resolution_date=D(2026, 8, 24), decision_extension_days=1
    )
    make_candidate(
        cast.cell_a,
        Stage.PROPOSED,
        full_name="Hết Gia Hạn",
        cell_resolution_date=D(2026, 8, 21),
        decision_extension_days=1,
    )
    assert section(cast.secretary_a, "quyet-dinh") == ["Hết Gia Hạn"]


def test_the_ceremony_counts_from_the_day_the_cell_received_the_decision(cast):
    make_candidate(
        cast.cell_a,
        Stage.DECIDED,
        full_name="Nhận Muộn",
        decision_date=D(2026, 10, 1),
        decision_received_date=D(2026, 10, 9),
    )
    make_candidate(
        cast.cell_a,
        Stage.DECIDED,
        full_name="Nhận Hôm Đó",
        decision_date=D(2026, 10, 1),
        decision_received_date=D(2026, 10, 8),
    )
    make_candidate(
        cast.cell_a,
        Stage.DECIDED,
        full_name="Được Phép Muộn",
        decision_date=D(2026, 9, 1),
        ceremony_late_approval_number="12-CV/ĐU",
        ceremony_late_approval_date=D(2026, 10, 20),
    )
    assert section(cast.secretary_a, "le-ket-nap") == ["Nhận Hôm Đó"]


def test_probation_ending_within_30_days(cast):
    make_candidate(cast.cell_a, Stage.PROBATIONARY, full_name="Hết 20/12", ceremony_date=D(2025, 12, 20))
    make_candidate(cast.cell_a, Stage.PROBATIONARY, full_name="Hết 21/12", ceremony_date=D(2025, 12, 21))
    make_candidate(cast.cell_a, Stage.PROBATIONARY, full_name="Vừa Hết", ceremony_date=D(2025, 11, 1))
    assert sorted(section(cast.secretary_a, "du-bi")) == ["Hết 20/12", "Vừa Hết"]
    assert section(cast.secretary_a, "cong-nhan-chi-bo") == []


def test_the_cell_is_late_on_the_31st_working_day_after_probation(cast):
    # Probation ends 08/10/2026 (ceremony 08/10/2025): + 30 working days = 19/11 -> late today;
    # ends 09/10 -> 20/11 is the 30th working day: not late.
    make_candidate(cast.cell_a, Stage.PROBATIONARY, full_name="Chi Bộ Muộn", ceremony_date=D(2025, 10, 8))
    make_candidate(cast.cell_a, Stage.PROBATIONARY, full_name="Chi Bộ Đúng Hạn", ceremony_date=D(2025, 10, 9))
    make_candidate(cast.cell_a, Stage.OFFICIAL, full_name="Đã Công Nhận", ceremony_date=D(2024, 11, 1))
    assert section(cast.secretary_a, "cong-nhan-chi-bo") == ["Chi Bộ Muộn"]
    assert section(cast.secretary_a, "cong-nhan-quyet-dinh") == []
    assert section(cast.secretary_a, "du-bi") == ["Chi Bộ Đúng Hạn"]


def test_the_committee_is_late_on_the_31st_working_day_after_the_cells_resolution(cast):
    # The cell resolved on time; the committee's 30 working days: 08/10 -> 19/11 (late), 09/10 -> 20/11.
    for name, day in (("Cấp Ủy Muộn", D(2026, 10, 8)), ("Cấp Ủy Đúng Hạn", D(2026, 10, 9))):
        make_candidate(
            cast.cell_a,
            Stage.PROBATIONARY,
            full_name=name,
            ceremony_date=D(2025, 10, 1),
            recognition_resolution_number="5-NQ/CB",
            recognition_resolution_date=day,
        )
    assert section(cast.secretary_a, "cong-nhan-quyet-dinh") == ["Cấp Ủy Muộn"]
    assert section(cast.secretary_a, "cong-nhan-chi-bo") == []


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
    with django_assert_max_num_queries(24):  # + 1 second-factor device, + 1 incomplete records, + 2 cells told apart
        response = client.get(URL)
    first = response.context["sections"][0]
    assert first["count"] == 60 and len(first["rows"]) == 20
    assert "Xem tất cả 60 người" in response.content.decode()
    page = client.get(URL, {"muc": "le-ket-nap"})
    assert len(page.context["rows"]) == 50
