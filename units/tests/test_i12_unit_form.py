"""Issue 12: a unit records its Đoàn and union and an authorization to admit (the unit form)."""

from units.models import PartyUnit


def test_the_unit_form_records_doan_union_and_authorization(cast, login):
    client = login(cast.province_staff)
    page = client.get(f"/don-vi/{cast.grassroots.code}/sua/").content.decode()
    assert "Có tổ chức Đoàn" in page and "Ủy quyền kết nạp" in page
    data = {
        "code": cast.grassroots.code,
        "name": cast.grassroots.name,
        "kind": "grassroots",
        "sector": "agency",
        "has_youth_union": "false",
        "has_trade_union": "true",
        "admission_authorization_number": "15-QĐ/ĐU",
        "admission_authorization_date": "01/08/2025",
        "admission_authorized_by": cast.commune.pk,
        "parent": cast.commune.pk,
    }
    response = client.post(f"/don-vi/{cast.grassroots.code}/sua/", data)
    assert response.status_code == 302, response.content.decode()[:3000]
    unit = PartyUnit.objects.get(pk=cast.grassroots.pk)
    assert (unit.has_youth_union, unit.has_trade_union, unit.admission_authorized_by) == (False, True, cast.commune)
    page = client.get(f"/don-vi/{cast.grassroots.code}/sua/").content.decode()
    assert '<option value="false" selected>Không</option>' in page
    # An authorization on a cell is refused, with the reason on the form.
    response = client.post(
        f"/don-vi/{cast.cell_a.code}/sua/",
        data | {"code": cast.cell_a.code, "name": cast.cell_a.name, "kind": "cell", "parent": cast.grassroots.pk},
    )
    assert response.status_code == 200 and "Chỉ tổ chức cơ sở đảng được ủy quyền" in response.content.decode()
