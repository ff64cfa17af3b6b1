"""The public-holiday list (working-day deadlines) is editable by the demo organization-board staff,
who see a "Quản trị" link; the admin of candidates stays closed to them until an administrator
grants a right (and then holds only their subtree: test_admin_scope)."""

import datetime
import io
import random

from django.contrib.auth import get_user_model

from accounts.testing import VerifiedClient as Client
from candidates import demo
from candidates.models import Holiday
from units import demo as unit_demo


def test_org_board_staff_can_edit_holidays(db):
    province = unit_demo.seed_units(random.Random(2026))
    demo.seed(random.Random(2026), province, io.StringIO())
    unit_demo.seed_users()
    unit_demo.seed_users()  # idempotent
    client = Client()
    client.force_login(get_user_model().objects.get(username="tinh.btc"))
    holiday = Holiday.objects.create(date=datetime.date(2026, 12, 31), name="Nghỉ theo thông báo")
    response = client.get("/quan-tri/candidates/holiday/")
    assert response.status_code == 200
    assert holiday.name in response.content.decode()
    response = client.post(
        f"/quan-tri/candidates/holiday/{holiday.pk}/change/",
        {"date": holiday.date.strftime("%d/%m/%Y"), "name": "Nghỉ bù", "kind": "day_off", "document": ""},
    )
    assert response.status_code == 302
    assert Holiday.objects.get(pk=holiday.pk).name == "Nghỉ bù"
    assert client.get("/quan-tri/candidates/candidate/").status_code == 403
