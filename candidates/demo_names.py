"""Names, places and mixes the demo candidates are drawn from, and how long ago each reached its stage."""

import datetime
import random

from .models import Sex, Stage

D = datetime.date
DAY = datetime.timedelta(days=1)

FAMILY = (
    ["Nguyễn"] * 8
    + ["Trần"] * 4
    + ["Lê"] * 3
    + ["Phạm"] * 2
    + [
        "Hoàng",
        "Huỳnh",
        "Phan",
        "Vũ",
        "Võ",
        "Đặng",
        "Bùi",
        "Đỗ",
        "Hồ",
        "Ngô",
        "Dương",
        "Lý",
        "Đinh",
        "Đào",
        "Ông",
        "Âu",
    ]
)
MIDDLE_M = ["Văn", "Văn", "Hữu", "Đức", "Minh", "Quốc", "Công", "Thành", "Xuân", "Đình", "Ngọc", "Anh"]
MIDDLE_F = ["Thị", "Thị", "Thị", "Ngọc", "Thu", "Thanh", "Kim", "Bích", "Mai", "Thùy", "Phương", "Hồng"]
GIVEN_M = ["An", "Bình", "Cường", "Dũng", "Đạt", "Đông", "Giang", "Hải", "Hiếu", "Hùng", "Huy", "Khánh", "Lâm",
           "Long", "Mạnh", "Nam", "Nghĩa", "Phong", "Phúc", "Quân", "Quang", "Sơn", "Tài", "Thắng", "Thành", "Tiến",
           "Toàn", "Trung", "Tuấn", "Vinh", "Việt", "Ấn", "Ân", "Ước"]  # fmt: skip
GIVEN_F = ["Anh", "Ánh", "Chi", "Dung", "Duyên", "Giang", "Hà", "Hạnh", "Hằng", "Hoa", "Hương", "Huyền", "Lan",
           "Linh", "Loan", "Mai", "My", "Nga", "Ngọc", "Nhung", "Oanh", "Phương", "Quyên", "Thảo", "Trang", "Uyên",
           "Vân", "Yến", "Ăn", "Ơn"]  # fmt: skip
ETHNIC = ["Kinh"] * 17 + ["Tày", "Thái", "Mường", "Nùng", "Dao", "Mông", "Khmer"]
RELIGION = ["Không"] * 14 + ["Phật giáo", "Công giáo", "Cao Đài"]
PLACES = ["thôn Đông", "thôn Đoài", "thôn Trung", "xóm Bắc", "xóm Nam", "khu phố 1", "khu phố 2", "ấp Tân Lập"]
MENTORS = ["Lê Văn Đông", "Nguyễn Văn Thước", "Trần Thị Lụa", "Phạm Văn Hòa", "Đỗ Thị Ngân", "Vũ Đức Thịnh"]
ROMAN = ["I", "II", "III", "IV"]


def _name(rng: random.Random, sex: str) -> str:
    middle = rng.choice(MIDDLE_F if sex == Sex.FEMALE else MIDDLE_M)
    given = rng.choice(GIVEN_F if sex == Sex.FEMALE else GIVEN_M)
    return f"{rng.choice(FAMILY)} {middle} {given}"


def _between(rng: random.Random, start: D, end: D) -> D:
    if end <= start:
        return start
    return start + DAY * rng.randint(0, (end - start).days)


def _stage_days(rng: random.Random, stage: str, late: bool = False) -> int:
    """How long ago the person reached the stage (late: past the stage's deadline)."""
    ranges = {
        Stage.SOURCE: (5, 700),
        Stage.SYMPATHIZER: (10, 330) if not late else (380, 600),
        Stage.TRAINED: (20, 900),
        Stage.PROPOSED: (5, 60) if not late else (100, 160),
        Stage.DECIDED: (3, 30) if not late else (50, 120),
        Stage.PROBATIONARY: (40, 330) if not late else (420, 520),
        Stage.OFFICIAL: (5, 1550),
    }
    lo, hi = ranges[stage]
    return rng.randint(lo, hi)
