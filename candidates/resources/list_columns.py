"""The columns of the cells' lists (CandidateResource): the header words offices write for each field,
the tracker's among them."""

import datetime
from dataclasses import replace

from spreadsheets.table import Column
from spreadsheets.widgets import BooleanWidget, ChoiceWidget, DateWidget, NameWidget, TextWidget

from ..vocab import normalize_ethnicity, normalize_religion
from .common import (
    BIRTH,
    CELL_CODE,
    CELL_NAME,
    CERT_DATE,
    CERT_NUMBER,
    NAME,
    NOTE,
    SEX,
    _general_education,
    _occupation,
    _professional_education,
)
from .trackers import (
    CERT_DATE_SYNONYMS,
    CERT_NUMBER_SYNONYMS,
    MENTOR_SYNONYMS,
    PERSON_CODE,
    SYMPATHIZER_SYNONYMS,
    TRACKER_COLUMNS,
)

LIST_COLUMNS = [
    NAME,
    replace(BIRTH, required=False),
    PERSON_CODE,
    SEX,
    # The statistics vocabularies (54 ethnic groups; recognized religions and "Không"), usual spellings
    # accepted: "Kinh/ Việt", "kinh", "Không theo tôn giáo", "không có", "Thiên Chúa giáo".
    Column(
        "ethnicity",
        "Dân tộc",
        ChoiceWidget({}, fallback=normalize_ethnicity, hint="tên một trong 54 dân tộc, ví dụ “Kinh”, “Tày”"),
        (),
        False,
        "Kinh",
    ),
    Column(
        "religion",
        "Tôn giáo",
        ChoiceWidget({}, fallback=normalize_religion, hint="“Không” hoặc tên tôn giáo được công nhận"),
        (),
        False,
        "Không",
    ),
    Column(
        "general_education",
        "Trình độ học vấn",
        ChoiceWidget({}, fallback=_general_education, hint="ví dụ “12/12”, “9/12”, “THPT”"),
        ("Học vấn", "Văn hóa", "Trình độ văn hóa", "Giáo dục phổ thông", "Trình độ giáo dục phổ thông"),
        False,
        "12/12",
    ),
    Column(
        "professional_education",
        "Trình độ chuyên môn",
        ChoiceWidget({}, fallback=_professional_education, hint="ví dụ “Đại học”, “Trung cấp”"),
        ("Chuyên môn", "Chuyên môn nghiệp vụ", "Trình độ chuyên môn nghiệp vụ"),
        False,
        "Đại học",
    ),
    Column("occupation", "Nghề nghiệp", ChoiceWidget({}, fallback=_occupation), ("Nghề",), False, "Giáo viên"),
    Column(
        "workplace",
        "Nơi làm việc",
        TextWidget(255),
        ("Nơi làm việc, học tập", "Nơi công tác", "Đơn vị công tác", "Nơi học tập"),
        False,
        "Trường Tiểu học Tân Hòa",
    ),
    Column(
        "residence",
        "Nơi cư trú",
        TextWidget(255),
        ("Nơi ở hiện nay", "Nơi ở", "Địa chỉ", "Chỗ ở hiện nay"),
        False,
        "Thôn Đông, xã Tân Hòa",
    ),
    Column("phone", "Điện thoại", TextWidget(20), ("Số điện thoại", "SĐT", "ĐT"), False, "0912345678"),
    Column(
        "national_id",
        "Số CCCD",
        TextWidget(12),
        ("CCCD", "Căn cước công dân", "Số căn cước", "Số định danh", "Số định danh cá nhân", "CMND", "Số CMND"),
        False,
        "",
    ),
    Column(
        "youth_union_member",
        "Đoàn viên",
        BooleanWidget(),
        ("Là đoàn viên", "Đoàn viên TNCS"),
        False,
        "x",
    ),
    CELL_CODE,
    CELL_NAME,
    Column(
        "mentor_name",
        "Đảng viên giúp đỡ",
        NameWidget(120),
        ("Người giúp đỡ", "Đảng viên được phân công giúp đỡ", "Đảng viên theo dõi giúp đỡ", *MENTOR_SYNONYMS),
        False,
        "Trần Văn Bình",
    ),
    Column(
        "sympathizer_date",
        "Ngày vào danh sách cảm tình Đảng",
        DateWidget(),
        (
            "Ngày vào DS cảm tình Đảng",
            "Ngày vào danh sách",
            "Ngày công nhận cảm tình Đảng",
            "Ngày cảm tình Đảng",
            *SYMPATHIZER_SYNONYMS,
        ),
        False,
        datetime.date(2024, 3, 5),
    ),
    replace(CERT_NUMBER, synonyms=(*CERT_NUMBER.synonyms, *CERT_NUMBER_SYNONYMS)),
    replace(CERT_DATE, synonyms=(*CERT_DATE.synonyms, *CERT_DATE_SYNONYMS)),
    *TRACKER_COLUMNS,
    Column(
        "cell_resolution_date",
        "Ngày nghị quyết chi bộ",
        DateWidget(),
        ("Ngày NQ chi bộ", "Ngày nghị quyết chi bộ đề nghị kết nạp"),
        False,
        "",
    ),
    Column(
        "decision_number",
        "Số quyết định kết nạp",
        TextWidget(60),
        ("Số QĐ kết nạp", "Số quyết định"),
        False,
        "",
    ),
    Column(
        "decision_date",
        "Ngày quyết định kết nạp",
        DateWidget(),
        ("Ngày QĐ kết nạp", "Ngày quyết định"),
        False,
        "",
    ),
    Column(
        "ceremony_date",
        "Ngày kết nạp",
        DateWidget(),
        ("Ngày vào Đảng", "Ngày lễ kết nạp", "Ngày kết nạp Đảng"),
        False,
        "",
    ),
    Column(
        "recognition_decision_date",
        "Ngày công nhận đảng viên chính thức",
        DateWidget(),
        ("Ngày chính thức", "Ngày công nhận chính thức", "Ngày đảng viên chính thức"),
        False,
        "",
    ),
    NOTE,
]
