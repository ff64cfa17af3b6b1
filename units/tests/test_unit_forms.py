from django.urls import reverse

from units.models import PartyUnit


def test_add_a_cell_from_the_unit_page(cast, login):
    client = login(cast.province_staff)
    response = client.post(
        reverse("units-create", args=[cast.grassroots.code]),
        {"code": "P-C1-G1-C", "name": "Chi bộ thôn  Trung", "kind": "cell", "sector": "commune"},
    )
    assert response.status_code == 302
    unit = PartyUnit.objects.get(code="P-C1-G1-C")
    assert unit.name == "Chi bộ thôn Trung"
    assert unit.parent_path == cast.grassroots.path


def test_duplicate_code_shows_a_message_and_writes_nothing(cast, login):
    before = PartyUnit.objects.count()
    response = login(cast.province_staff).post(
        reverse("units-create", args=[cast.grassroots.code]),
        {"code": "P-C1-G1-A", "name": "Chi bộ trùng mã", "kind": "cell", "sector": "commune"},
    )
    assert "Mã đơn vị “P-C1-G1-A” đã tồn tại." in response.content.decode()
    assert PartyUnit.objects.count() == before


def test_empty_name_shows_a_message(cast, login):
    response = login(cast.province_staff).post(
        reverse("units-create", args=[cast.grassroots.code]),
        {"code": "NEW", "name": "", "kind": "cell", "sector": "other"},
    )
    assert "errorlist" in response.content.decode()
    assert not PartyUnit.objects.filter(code="NEW").exists()


def test_moving_a_unit_under_its_own_descendant_is_refused(cast, login):
    response = login(cast.province_staff).post(
        reverse("units-edit", args=[cast.commune.code]),
        {
            "code": "P-C1",
            "name": "Đảng bộ xã Tân Hòa",
            "kind": "commune",
            "sector": "commune",
            "parent": cast.grassroots.pk,
        },
    )
    html = response.content.decode()
    assert "Không thể đặt “Đảng bộ xã Tân Hòa” dưới chính nó hoặc một đơn vị trực thuộc nó." in html
    cast.commune.refresh_from_db()
    assert cast.commune.parent_path == cast.province.path


def test_rename_and_move_a_unit(cast, login):
    response = login(cast.province_staff).post(
        reverse("units-edit", args=[cast.grassroots.code]),
        {
            "code": "P-C1-G1",
            "name": "Đảng bộ cơ sở thôn (mới)",
            "kind": "grassroots",
            "sector": "commune",
            "parent": cast.commune2.pk,
        },
    )
    assert response.status_code == 302
    unit = PartyUnit.objects.get(code="P-C1-G1")
    assert unit.name == "Đảng bộ cơ sở thôn (mới)"
    cast.commune2.refresh_from_db()
    assert unit.parent_path == cast.commune2.path
    assert PartyUnit.objects.get(code="P-C1-G1-A").path.startswith(cast.commune2.path)


def test_a_stale_unit_form_does_not_revert_a_rename(cast, login):
    """Lost update found in the audit: a stale unit form reverted another user's rename."""
    client = login(cast.province_staff)
    url = reverse("units-edit", args=[cast.commune2.code])
    drawn = client.get(url).context["form"]["version"].value()
    other = login(cast.province_staff)
    fields = {"code": "P-C2", "kind": "commune", "sector": "commune", "parent": cast.province.pk}
    assert other.post(url, fields | {"name": "Đảng bộ xã Phú Xuân Mới", "version": drawn}).status_code == 302
    response = client.post(url, fields | {"name": "Đảng bộ xã Phú Xuân (sửa cũ)", "version": drawn})
    html = response.content.decode()
    assert response.status_code == 200 and "vừa được người khác cập nhật" in html
    assert 'value="Đảng bộ xã Phú Xuân Mới"' in html  # the form now shows the newer data
    assert PartyUnit.objects.get(code="P-C2").name == "Đảng bộ xã Phú Xuân Mới"
