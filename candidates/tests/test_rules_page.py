"""The page "Quy định áp dụng": every rule set with its parameters and sources, and the holidays and
make-up working days of a chosen year, for every role."""

import datetime

from django.urls import reverse

from candidates.models import Holiday, HolidayKind

URL = reverse("candidates-rules")


def test_it_lists_the_rule_sets_and_every_parameter_with_its_source(cast, login):
    body = login(cast.secretary_a).get(URL).content.decode()
    assert "từ 01/07/2025" in body and "đến 30/06/2025" in body and "đang áp dụng" in body
    assert "Quy định 294-QĐ/TW ngày 26/5/2025, thi hành Điều 4 Điều lệ Đảng" in body
    assert "Hạn chi bộ xét công nhận đảng viên chính thức, kể từ ngày hết thời kỳ dự bị" in body
    assert "<strong>216 (18 năm)</strong> tháng" in body
    assert "<strong>2/3</strong>" in body


def test_it_lists_the_holidays_and_working_saturdays_of_the_chosen_year(cast, login):
    Holiday.objects.create(date=datetime.date(2025, 12, 27), kind=HolidayKind.WORKING_DAY, name="Làm bù theo thông báo")
    body = login(cast.viewer).get(URL, {"nam": "2025"}).content.decode()
    assert "Ngày nghỉ lễ và ngày làm việc bù năm 2025" in body
    assert "26/04/2025" in body and "Ngày làm việc bù (theo thông báo hoán đổi ngày nghỉ)" in body
    assert "Ngày nghỉ (thay cho ngày 26/04/2025)" in body  # 02/05/2025
    assert "Làm bù theo thông báo" in body and "Quản trị viên nhập" in body
    assert "Tết Nguyên Đán" in body


def test_it_defaults_to_this_year_and_ignores_a_bad_year(cast, login):
    body = login(cast.training).get(URL, {"nam": "abc"}).content.decode()
    assert "Ngày nghỉ lễ và ngày làm việc bù năm 2026" in body
    assert "Ngày Văn hóa Việt Nam" in body


def test_an_uncovered_year_is_flagged(cast, login, settings):
    settings.WORKING_CALENDAR_FIRST_YEAR = 2000
    body = login(cast.province_staff).get(URL, {"nam": "1998"}).content.decode()
    assert "Năm 1998 nằm ngoài các năm lịch bảo đảm (2000–2100)" in body


def test_it_runs_few_queries(cast, login, django_assert_max_num_queries):
    client = login(cast.commune_staff)
    with django_assert_max_num_queries(10):
        client.get(URL)
