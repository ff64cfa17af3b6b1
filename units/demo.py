"""Demo tree: a province in today's structure (province -> communes/wards and provincial blocs ->
grassroots committees -> cells) plus the historic district of the sample files. Idempotent."""

import datetime
import random

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission
from django.db import transaction

from .models import Assignment, PartyUnit, Role, Sector, UnitKind
from .services import unit_create

PROVINCE_CODE = "SH"
DEMO_PASSWORD = "DangVien@2026"

COMMUNES = [
    ("Tân Hòa", "xã"),
    ("Phú Xuân", "xã"),
    ("Hòa Bình", "phường"),
    ("Đông Sơn", "xã"),
    ("Quang Trung", "phường"),
    ("Nghĩa Hưng", "xã"),
    ("Thạch Bàn", "phường"),
    ("Yên Lạc", "xã"),
    ("Đức Phổ", "xã"),
    ("Hồng Phong", "xã"),
    ("Ngọc Lặc", "xã"),
    ("Ân Thi", "xã"),
    ("Bến Thủy", "phường"),
    ("Cẩm Phả", "phường"),
    ("Ea Kar", "xã"),
    ("Lũng Cú", "xã"),
    ("Mỹ Đức", "xã"),
    ("Ông Ích Khiêm", "phường"),
    ("Ứng Hòa", "xã"),
    ("Côn Sơn", "đặc khu"),
]
VILLAGES = ["Đông", "Đoài", "Trung", "Bắc Sơn", "Nam Sơn", "Thượng", "Hạ", "Tiền Phong", "Ấp 1", "Ấp 2"]
SCHOOLS = ["Trường Tiểu học", "Trường THCS", "Trường Mầm non"]
BLOCS = [
    (
        "CQD",
        "Đảng bộ các cơ quan Đảng tỉnh",
        ["Ban Tổ chức Tỉnh ủy", "Ban Tuyên giáo và Dân vận Tỉnh ủy", "Báo Sơn Hà"],
    ),
    (
        "UB",
        "Đảng bộ Ủy ban nhân dân tỉnh",
        ["Sở Giáo dục và Đào tạo", "Sở Y tế", "Sở Tài chính", "Bệnh viện đa khoa tỉnh"],
    ),
    (
        "DN",
        "Đảng bộ Khối doanh nghiệp tỉnh",
        ["Công ty TNHH May Sơn Hà", "Công ty CP Xi măng Sơn Hà", "Công ty Điện lực Sơn Hà"],
    ),
]
# The historic district of ../shared/samples (abolished 01/07/2025, kept for old data).
HISTORIC = [
    ("TP", "Đảng bộ huyện Tân Phong", UnitKind.DISTRICT, None, Sector.OTHER),
    ("TP-TH", "Đảng bộ xã Tân Hòa", UnitKind.GRASSROOTS, "TP", Sector.COMMUNE),
    ("TP-TH-DONG", "Chi bộ thôn Đông", UnitKind.CELL, "TP-TH", Sector.COMMUNE),
    ("TP-TH-DOAI", "Chi bộ thôn Đoài", UnitKind.CELL, "TP-TH", Sector.COMMUNE),
    ("TP-TH-TRUONG", "Chi bộ Trường Tiểu học Tân Hòa", UnitKind.CELL, "TP-TH", Sector.SCHOOL),
    ("TP-PX", "Đảng bộ xã Phú Xuân", UnitKind.GRASSROOTS, "TP", Sector.COMMUNE),
    ("TP-PX-BS", "Chi bộ thôn Bắc Sơn", UnitKind.CELL, "TP-PX", Sector.COMMUNE),
    ("TP-PX-NS", "Chi bộ thôn Nam Sơn", UnitKind.CELL, "TP-PX", Sector.COMMUNE),
    ("TP-TT", "Đảng bộ thị trấn Tân Phong", UnitKind.GRASSROOTS, "TP", Sector.COMMUNE),
    ("TP-TT-KP1", "Chi bộ khu phố 1", UnitKind.CELL, "TP-TT", Sector.COMMUNE),
    ("TP-TT-KP2", "Chi bộ khu phố 2", UnitKind.CELL, "TP-TT", Sector.COMMUNE),
    ("TP-THPT", "Chi bộ Trường THPT Tân Phong", UnitKind.GRASSROOTS_CELL, "TP", Sector.SCHOOL),
    ("TP-CTY", "Chi bộ Công ty TNHH May Tân Phong", UnitKind.GRASSROOTS_CELL, "TP", Sector.PRIVATE_ENTERPRISE),
]

REFORM_DATE = datetime.date(2025, 7, 1)

# Before 01/07/2025 the level directly above the grassroots units was the district (or a provincial bloc
# committee of the time): the admission decisions of those years were theirs. Each of today's communes
# lay in one of these districts; the blocs' units lay in the old bloc committee. Kept closed, for history.
PRE_REFORM = [
    ("DS", "Đảng bộ huyện Đông Sơn"),
    ("HB", "Đảng bộ thị xã Hòa Bình"),
    ("CS", "Đảng bộ huyện Côn Sơn"),
    ("KCQ", "Đảng bộ Khối các cơ quan và doanh nghiệp tỉnh"),
]
PRE_REFORM_DISTRICTS = ["TP", "DS", "HB", "CS"]  # communes 1–5, 6–10, 11–15, 16–20


def pre_reform_issuer_code(unit_code: str) -> str:
    """The code of the committee that admitted for a commune (SH-X07) or a bloc (SH-UB) before 01/07/2025."""
    if unit_code.startswith(f"{PROVINCE_CODE}-X") and unit_code[len(PROVINCE_CODE) + 2 :].isdigit():
        index = int(unit_code[len(PROVINCE_CODE) + 2 :]) - 1
        return PRE_REFORM_DISTRICTS[min(index // 5, len(PRE_REFORM_DISTRICTS) - 1)]
    return "KCQ"


# (username, full name, role, unit code) — printed by seed_demo.
DEMO_USERS = [
    ("tinh.btc", "Nguyễn Văn Bình", Role.ORG_BOARD, PROVINCE_CODE, "Ban Tổ chức Tỉnh ủy"),
    ("xa.tanhoa", "Trần Thị Lan", Role.COMMITTEE, "SH-X01", "Đảng ủy xã Tân Hòa"),
    ("bithu.dong", "Lê Văn Đông", Role.SECRETARY, "SH-X01-01-01", "Bí thư Chi bộ thôn Đông (xã Tân Hòa)"),
    ("bithu.doai", "Phạm Thị Đoài", Role.SECRETARY, "SH-X01-01-02", "Bí thư Chi bộ thôn Đoài (xã Tân Hòa)"),
    ("ttct", "Hoàng Minh Tâm", Role.TRAINING, PROVINCE_CODE, "Trung tâm Chính trị"),
    ("xem.tinh", "Đỗ Thu Hà", Role.VIEWER, PROVINCE_CODE, "Chỉ xem toàn tỉnh"),
]


def _ensure(parent, code, name, kind, sector=Sector.OTHER, valid_from=None, valid_to=None, member_count=None, **extra):
    unit = PartyUnit.objects.filter(code=code).first()
    if unit:
        return unit
    return unit_create(
        parent=parent,
        code=code,
        name=name,
        kind=kind,
        sector=sector,
        valid_from=valid_from,
        valid_to=valid_to,
        member_count=member_count,
        **extra,
    )


@transaction.atomic
def seed_units(rng: random.Random) -> PartyUnit:
    province = _ensure(None, PROVINCE_CODE, "Đảng bộ tỉnh Sơn Hà", UnitKind.PROVINCE, member_count=98_500)
    for i, (place, level) in enumerate(COMMUNES, start=1):
        code = f"SH-X{i:02d}"
        commune = _ensure(
            province,
            code,
            f"Đảng bộ {level} {place}",
            UnitKind.COMMUNE,
            Sector.COMMUNE,
            valid_from=REFORM_DATE,
            member_count=rng.randint(350, 900),
        )
        # A grassroots committee for the villages and one for the schools, and a chi bộ cơ sở.
        villages = _ensure(
            commune,
            f"{code}-01",
            f"Đảng bộ cơ sở khu dân cư {place}",
            UnitKind.GRASSROOTS,
            Sector.COMMUNE,
            valid_from=REFORM_DATE,
            member_count=rng.randint(150, 400),
            # The village Đoàn: youth-age candidates are introduced by it (Điều lệ Điều 4.1).
            has_youth_union=True,
        )
        for j, village in enumerate(VILLAGES[: rng.randint(5, 8)] if i > 1 else VILLAGES[:6], start=1):
            label = "thôn" if not village.startswith("Ấp") else ""
            _ensure(
                villages,
                f"{code}-01-{j:02d}",
                f"Chi bộ {label} {village}".replace("  ", " "),
                UnitKind.CELL,
                Sector.COMMUNE,
                member_count=rng.randint(12, 60),
            )
        schools = _ensure(
            commune,
            f"{code}-02",
            f"Đảng bộ cơ sở giáo dục {place}",
            UnitKind.GRASSROOTS,
            Sector.SCHOOL,
            member_count=rng.randint(40, 90),
            has_youth_union=True,
        )
        for j, school in enumerate(SCHOOLS, start=1):
            _ensure(
                schools,
                f"{code}-02-{j:02d}",
                f"Chi bộ {school} {place}",
                UnitKind.CELL,
                Sector.SCHOOL,
                member_count=rng.randint(8, 30),
            )
        _ensure(
            commune,
            f"{code}-03",
            f"Chi bộ cơ sở Công an {level} {place}",
            UnitKind.GRASSROOTS_CELL,
            Sector.ARMED_FORCES,
            member_count=rng.randint(8, 25),
            has_youth_union=True,
        )
        if i % 4 == 0:
            _ensure(
                commune,
                f"{code}-04",
                f"Chi bộ cơ sở Công ty TNHH {place}",
                UnitKind.GRASSROOTS_CELL,
                Sector.PRIVATE_ENTERPRISE,
                member_count=rng.randint(5, 20),
                # No Đoàn, a union: its members are introduced by the union committee (Điều lệ Điều 4.1).
                has_youth_union=False,
                has_trade_union=True,
            )
    for code, name, agencies in BLOCS:
        bloc = _ensure(province, f"SH-{code}", name, UnitKind.BLOC, Sector.AGENCY, valid_from=REFORM_DATE)
        for j, agency in enumerate(agencies, start=1):
            sector = (
                Sector.PRIVATE_ENTERPRISE
                if "TNHH" in agency
                else (Sector.STATE_ENTERPRISE if "Công ty" in agency else Sector.AGENCY)
            )
            grassroots = _ensure(
                bloc,
                f"SH-{code}-{j:02d}",
                f"Đảng bộ {agency}",
                UnitKind.GRASSROOTS,
                sector,
                member_count=rng.randint(40, 200),
                has_youth_union=True,
                has_trade_union=True,
            )
            for k in range(1, rng.randint(3, 5)):
                _ensure(
                    grassroots,
                    f"SH-{code}-{j:02d}-{k:02d}",
                    f"Chi bộ phòng {k} – {agency}",
                    UnitKind.CELL,
                    sector,
                    member_count=rng.randint(6, 25),
                )
    by_code = {}
    for code, name, kind, parent_code, sector in HISTORIC:
        parent = by_code[parent_code] if parent_code else province
        by_code[code] = _ensure(
            parent,
            code,
            name,
            kind,
            sector,
            # The whole historic subtree closed with the district (nothing new lands in it).
            valid_to=datetime.date(2025, 6, 30),
        )
    for code, name in PRE_REFORM:
        _ensure(province, code, name, UnitKind.DISTRICT, valid_to=datetime.date(2025, 6, 30))
    return province


@transaction.atomic
def seed_users() -> list[tuple[str, str, str]]:
    User = get_user_model()
    printed = []
    admin, created = User.objects.get_or_create(username="admin", defaults={"is_staff": True, "is_superuser": True})
    if created or not admin.has_usable_password():
        admin.set_password(DEMO_PASSWORD)
        admin.save()
    printed.append(("admin", DEMO_PASSWORD, "Quản trị hệ thống (toàn quyền, trang /quan-tri/)"))
    # Organization-board staff edit the public-holiday list (national, so not scoped) in the admin.
    holidays, _ = Group.objects.get_or_create(name="Quản lý ngày nghỉ lễ")
    holidays.permissions.set(
        Permission.objects.filter(content_type__app_label="candidates", codename__endswith="_holiday")
    )
    for username, full_name, role, unit_code, label in DEMO_USERS:
        family, _, given = full_name.rpartition(" ")
        # get_full_name() is "first last": first = "Nguyễn Văn", last = "Bình" reads in Vietnamese order.
        user, created = User.objects.get_or_create(
            username=username, defaults={"first_name": family, "last_name": given, "email": f"{username}@example.org"}
        )
        if created:
            user.set_password(DEMO_PASSWORD)
            user.is_staff = role == Role.ORG_BOARD
            user.save()
        Assignment.objects.get_or_create(user=user, unit=PartyUnit.objects.get(code=unit_code), role=role)
        if role == Role.ORG_BOARD:
            user.groups.add(holidays)
        printed.append((username, DEMO_PASSWORD, label))
    return printed
