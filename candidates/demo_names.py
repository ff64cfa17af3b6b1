"""Names, places and mixes the demo candidates are drawn from."""

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
