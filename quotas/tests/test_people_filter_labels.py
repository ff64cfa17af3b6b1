"""The filter of the list behind a dashboard number offers "Tất cả", not django-filter's "---------"."""

from django.urls import reverse


def test_people_list_filter_has_a_vietnamese_empty_choice(cast, login):
    body = login(cast.province_staff).get(reverse("quotas-admitted", args=[cast.province.code])).content.decode()
    assert "---------" not in body
    assert ">Tất cả</option>" in body
