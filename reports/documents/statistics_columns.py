"""The columns of the 11-HD/BTCTW table of new members (statistics.py fills them, layouts.py prints
them). No Django here: make_templates.py writes the Word templates without it."""

# (figure, heading, group heading): the columns after "STT" (A) and "Đơn vị" (B), numbered from 1.
COLUMNS: list[tuple[str, str, str]] = [
    ("total", "Tổng số", ""),
    ("women", "Nữ", "Trong đó"),
    ("minority", "Dân tộc thiểu số", "Trong đó"),
    ("religious", "Tôn giáo", "Trong đó"),
    ("youth_union", "Đoàn viên", "Trong đó"),
    ("age_18_30", "Từ 18 đến 30", "Tuổi đời"),
    ("avg_age", "Bình quân (năm)", "Tuổi đời"),
    ("upper_secondary", "Trung học phổ thông", "Trình độ"),
    ("higher", "Cao đẳng, đại học trở lên", "Trình độ"),
    ("education_unknown", "Chưa rõ học vấn", "Trình độ"),
    # candidates.models.Occupation, in its order (a test keeps them in step)
    ("occ_civil_servant", "Cán bộ, công chức", "Nghề nghiệp"),
    ("occ_public_employee", "Viên chức", "Nghề nghiệp"),
    ("occ_enterprise_staff", "Nhân viên doanh nghiệp", "Nghề nghiệp"),
    ("occ_worker", "Công nhân", "Nghề nghiệp"),
    ("occ_farmer", "Nông dân", "Nghề nghiệp"),
    ("occ_armed_forces", "Lực lượng vũ trang", "Nghề nghiệp"),
    ("occ_student", "Học sinh, sinh viên", "Nghề nghiệp"),
    ("occ_other", "Khác", "Nghề nghiệp"),
    ("private", "Trong doanh nghiệp tư nhân, có vốn ĐTNN", ""),
    ("grassroots", "Tổng số", "Tổ chức cơ sở đảng"),
    ("grassroots_admitting", "Có kết nạp đảng viên", "Tổ chức cơ sở đảng"),
]
CODES = {key: str(i) for i, (key, _label, _group) in enumerate(COLUMNS, start=1)}
