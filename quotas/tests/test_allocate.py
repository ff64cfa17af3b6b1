"""Setting the targets of the units directly below: one form, all or nothing, clear messages."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from quotas.models import Quota
from quotas.services import quota_allocate, quota_copy_previous_year


def post(client, unit, year, **data):
    return client.post(f"{reverse('quotas-allocate', args=[unit.code])}?nam={year}", data)


def test_commune_staff_sets_the_targets_below(cast, login):
    response = post(
        login(cast.commune_staff), cast.commune, 2025, **{f"t_{cast.grassroots.pk}": "7", "document": "12-QĐ/ĐU"}
    )
    assert response.status_code == 302
    quota = Quota.objects.get(unit=cast.grassroots, year=2025)
    assert (quota.target, quota.document) == (7, "12-QĐ/ĐU")
    # The commune's own target is set by the level above, not by its staff.
    assert not Quota.objects.filter(unit=cast.commune).exists()


def test_province_staff_sets_parent_and_children(cast, login):
    client = login(cast.province_staff)
    response = post(client, cast.commune, 2025, parent_target="10", **{f"t_{cast.grassroots.pk}": "1.200"})
    assert response.status_code == 302
    assert Quota.objects.get(unit=cast.commune, year=2025).target == 10
    assert Quota.objects.get(unit=cast.grassroots, year=2025).target == 1200
    # Emptying a field removes that quota.
    post(client, cast.commune, 2025, parent_target="10", **{f"t_{cast.grassroots.pk}": ""})
    assert not Quota.objects.filter(unit=cast.grassroots).exists()


@pytest.mark.parametrize(
    "value,message",
    [
        ("-3", "chỉ tiêu không được âm (-3)"),
        ("năm", "“năm” không phải là số nguyên"),
        ("2,5", "không phải là số nguyên"),
    ],
)
def test_bad_target_writes_nothing(cast, login, value, message):
    client = login(cast.province_staff)
    response = post(client, cast.province, 2025, **{f"t_{cast.commune.pk}": "5", f"t_{cast.commune2.pk}": value})
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not Quota.objects.exists()
    # The values typed are shown again.
    assert 'value="5"' in response.content.decode()


def test_year_out_of_range_writes_nothing(cast):
    with pytest.raises(ValidationError) as error:
        quota_allocate(unit=cast.province, year=1999, targets={cast.commune.pk: 3}, actor=cast.province_staff)
    assert "Năm phải trong khoảng 2000–2100" in error.value.messages[0]
    assert not Quota.objects.exists()


def test_unit_outside_scope_or_not_a_child_writes_nothing(cast):
    with pytest.raises(ValidationError) as error:
        quota_allocate(
            unit=cast.commune,
            year=2025,
            targets={cast.grassroots.pk: 3, cast.other_province.pk: 4},
            actor=cast.commune_staff,
        )
    # The same words as for an id that does not exist: nothing about units outside the scope.
    assert f"“{cast.other_province.pk}” không phải đơn vị trực thuộc của “Đảng bộ xã Tân Hòa”." in error.value.messages
    with pytest.raises(ValidationError) as error:
        quota_allocate(unit=cast.commune, year=2025, targets={cast.school.pk: 3}, actor=cast.province_staff)
    assert "không phải đơn vị trực thuộc" in error.value.messages[0]
    assert not Quota.objects.exists()


def test_duplicate_unit_writes_nothing(cast):
    with pytest.raises(ValidationError) as error:
        quota_allocate(
            unit=cast.province,
            year=2025,
            targets=[(cast.commune.pk, 3), (str(cast.commune.pk), 4)],
            actor=cast.province_staff,
        )
    assert "được nhập hai lần" in error.value.messages[0]
    assert not Quota.objects.exists()


def test_copy_last_years_targets(cast, login):
    Quota.objects.create(unit=cast.commune, year=2024, target=6)
    Quota.objects.create(unit=cast.commune2, year=2024, target=4)
    Quota.objects.create(unit=cast.commune2, year=2025, target=9)
    client = login(cast.province_staff)
    # The form is pre-filled with last year's figures; nothing is written until it is saved.
    page = client.get(reverse("quotas-allocate", args=["P"]), {"nam": 2025, "sao_chep": 1}).content.decode()
    assert f'name="t_{cast.commune.pk}" value="6"' in page
    assert Quota.objects.filter(year=2025).count() == 1
    result = quota_copy_previous_year(unit=cast.province, year=2025, actor=cast.province_staff)
    assert result["created"] == 1
    assert dict(Quota.objects.filter(year=2025).values_list("unit__code", "target")) == {"P-C1": 6, "P-C2": 9}


def test_secretary_cannot_allocate(cast, login):
    assert post(login(cast.secretary_a), cast.cell_a, 2025).status_code == 403
    assert post(login(cast.secretary_a), cast.grassroots, 2025, **{f"t_{cast.cell_a.pk}": "3"}).status_code == 404
    assert not Quota.objects.exists()


def test_page_shows_live_sum_fields(cast, login):
    Quota.objects.create(unit=cast.province, year=2025, target=20)
    page = login(cast.province_staff).get(reverse("quotas-allocate", args=["P"]), {"nam": 2025}).content.decode()
    assert 'id="alloc-sum"' in page and 'id="alloc-diff"' in page and "quotas_allocate.js" in page
    assert 'data-role="child"' in page


def test_fields_not_sent_are_left_alone(cast, login):
    Quota.objects.create(unit=cast.commune2, year=2025, target=4)
    post(login(cast.province_staff), cast.province, 2025, **{f"t_{cast.commune.pk}": "6"})
    assert dict(Quota.objects.filter(year=2025).values_list("unit__code", "target")) == {"P-C1": 6, "P-C2": 4}


@pytest.mark.parametrize("year", ["1800", "3000", "abc"])
def test_year_out_of_range_in_the_page_address_writes_nothing(cast, login, year):
    """The year comes from the address (?nam=); a wrong one must not fall back to this year and save."""
    client = login(cast.province_staff)
    response = post(client, cast.province, year, **{f"t_{cast.commune.pk}": "5"})
    assert response.status_code == 200
    assert "Năm phải trong khoảng 2000–2100" in response.content.decode()
    assert not Quota.objects.exists()


def test_a_stale_allocation_form_does_not_delete_a_newer_quota(cast, login):
    """Lost update found in the audit: a stale quota form deleted another user's quota."""
    client = login(cast.province_staff)
    url = f"{reverse('quotas-allocate', args=[cast.province.code])}?nam=2026"
    state = client.get(url).context["form"]["state"].value()
    # Meanwhile a colleague gives the commune a target of 8.
    Quota.objects.create(unit=cast.commune, year=2026, target=8)
    # The older form, where the commune's field was still empty, is sent.
    response = client.post(url, {"state": state, f"t_{cast.commune.pk}": "", f"t_{cast.commune2.pk}": "3"})
    html = response.content.decode()
    assert response.status_code == 200 and "vừa được người khác cập nhật" in html
    assert Quota.objects.get(unit=cast.commune, year=2026).target == 8
    assert not Quota.objects.filter(unit=cast.commune2).exists()
    assert response.context["form"][f"t_{cast.commune.pk}"].value() == 8  # drawn again from the database
    # Sent again from the fresh form, it is saved.
    fresh = response.context["form"]["state"].value()
    ok = client.post(url, {"state": fresh, f"t_{cast.commune.pk}": "8", f"t_{cast.commune2.pk}": "3"})
    assert ok.status_code == 302 and Quota.objects.get(unit=cast.commune2, year=2026).target == 3
