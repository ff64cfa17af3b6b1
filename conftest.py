"""The fixed cast shared by every test (see STYLE.md): a small province tree and one user per role.

Đảng bộ tỉnh Test (P)                      province staff, training centre, viewer
  Đảng bộ xã Tân Hòa (P-C1)                commune staff
    Đảng bộ cơ sở thôn (P-C1-G1)
      Chi bộ thôn Đông (P-C1-G1-A)         secretary A
      Chi bộ thôn Đoài (P-C1-G1-B)         secretary B
  Đảng bộ xã Phú Xuân (P-C2)
    Chi bộ cơ sở Trường THCS (P-C2-S)
Đảng bộ tỉnh Khác (Q)                      outsider's province
"""

import pytest
from django.contrib.auth import get_user_model

from units.models import Assignment, PartyUnit, Role, UnitKind
from units.services import unit_create

PASSWORD = "MatKhau@Test2026"


class Cast:
    pass


def _user(username, role=None, unit=None, **extra):
    user = get_user_model().objects.create_user(username=username, password=PASSWORD, **extra)
    if role:
        Assignment.objects.create(user=user, unit=unit, role=role)
    return user


@pytest.fixture
def cast(db):
    c = Cast()
    c.province = unit_create(parent=None, code="P", name="Đảng bộ tỉnh Test", kind=UnitKind.PROVINCE)
    c.commune = unit_create(parent=c.province, code="P-C1", name="Đảng bộ xã Tân Hòa", kind=UnitKind.COMMUNE)
    c.grassroots = unit_create(parent=c.commune, code="P-C1-G1", name="Đảng bộ cơ sở thôn", kind=UnitKind.GRASSROOTS)
    c.cell_a = unit_create(parent=c.grassroots, code="P-C1-G1-A", name="Chi bộ thôn Đông", kind=UnitKind.CELL)
    c.cell_b = unit_create(parent=c.grassroots, code="P-C1-G1-B", name="Chi bộ thôn Đoài", kind=UnitKind.CELL)
    c.commune2 = unit_create(parent=c.province, code="P-C2", name="Đảng bộ xã Phú Xuân", kind=UnitKind.COMMUNE)
    c.school = unit_create(
        parent=c.commune2, code="P-C2-S", name="Chi bộ cơ sở Trường THCS", kind=UnitKind.GRASSROOTS_CELL
    )
    c.other_province = unit_create(parent=None, code="Q", name="Đảng bộ tỉnh Khác", kind=UnitKind.PROVINCE)
    for attr in ("province", "commune", "grassroots", "cell_a", "cell_b", "commune2", "school", "other_province"):
        getattr(c, attr).refresh_from_db()
    c.province_staff = _user("province_staff", Role.ORG_BOARD, c.province, is_staff=True)
    c.commune_staff = _user("commune_staff", Role.COMMITTEE, c.commune)
    c.secretary_a = _user("secretary_a", Role.SECRETARY, c.cell_a)
    c.secretary_b = _user("secretary_b", Role.SECRETARY, c.cell_b)
    c.training = _user("training", Role.TRAINING, c.province)
    c.viewer = _user("viewer", Role.VIEWER, c.province)
    c.outsider = _user("outsider", Role.ORG_BOARD, c.other_province)
    return c


@pytest.fixture
def login(client):
    def _login(user):
        client.force_login(user)
        return client

    return _login


def refresh_units(*units: PartyUnit) -> None:
    for unit in units:
        unit.refresh_from_db()


def pytest_configure(config):
    from django.conf import settings

    # Password hashing is deliberately slow; the tests log in hundreds of times.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    # Jobs run inside the test (ImmediateBackend); "database" is the real queue, for the worker tests.
    # Progress goes through the test's own connection (another one cannot see the test transaction).
    settings.TASKS = {
        "default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"},
        "database": {"BACKEND": "django_tasks_db.DatabaseBackend"},
    }
    settings.JOBS_SIDE_CONNECTION = False
    # Django may already be set up (the jobs app loads its task at start-up): drop the cached backends.
    from django_tasks.signals import clear_tasks_handlers

    clear_tasks_handlers(setting="TASKS")
