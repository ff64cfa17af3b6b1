"""Trackers as offices keep them (issue 16): the extra columns of a committee's yearly tracker, and
one person out of the rows of several yearly sheets."""

import datetime
import re

from spreadsheets.table import Column
from spreadsheets.widgets import DateRangeWidget, DateWidget, NameWidget, TextWidget
from vietnamese.text import fold

PERSON_CODE = Column(
    "person_code",
    "Mã GV/SV",
    TextWidget(40),
    ("Mã sinh viên", "Mã SV", "Mã số sinh viên", "MSSV", "Mã GV", "Mã giảng viên", "Mã cán bộ", "Mã CB", "Mã CBGV"),
    False,
    "",
)
TRACKER_COLUMNS = [
    Column(
        "sympathizer_report_number",
        "Số báo cáo chi bộ công nhận cảm tình Đảng",
        TextWidget(60),
        ("Số Báo cáo CB công nhận đối tượng cảm tình Đảng", "Số báo cáo chi bộ công nhận đối tượng cảm tình Đảng"),
        False,
        "",
    ),
    Column(
        "mentor_assigned_date",
        "Ngày phân công giúp đỡ",
        DateWidget(),
        ("Ngày được phân công giúp đỡ", "Ngày phân công đảng viên giúp đỡ"),
        False,
        "",
    ),
    Column(
        "training_decision_number",
        "Số quyết định mở lớp bồi dưỡng",
        TextWidget(60),
        ("Số QĐ mở lớp Bồi dưỡng nhận thức về Đảng", "Số QĐ mở lớp bồi dưỡng", "Số QĐ mở lớp"),
        False,
        "",
    ),
    Column(
        "training_decision_date",
        "Ngày quyết định mở lớp bồi dưỡng",
        DateWidget(),
        ("Ngày QĐ mở lớp Bồi dưỡng", "Ngày QĐ mở lớp", "Ngày quyết định mở lớp"),
        False,
        "",
    ),
    Column(
        "training_period",
        "Thời gian lớp bồi dưỡng",
        DateRangeWidget(60),
        ("Thời gian lớp bồi dưỡng CC ĐT Đảng", "Thời gian học lớp bồi dưỡng", "Thời gian học"),
        False,
        "",
    ),
    Column(
        "certificate_issuer",
        "Đơn vị cấp giấy chứng nhận",
        TextWidget(255),
        ("Đơn vị cấp CC", "Đơn vị cấp chứng chỉ", "Nơi cấp giấy chứng nhận"),
        False,
        "",
    ),
    Column("guide_name", "Đảng viên hướng dẫn", NameWidget(120), ("Người hướng dẫn",), False, ""),
    Column(
        "transfer_out_date",
        "Ngày chuyển sinh hoạt",
        DateWidget(),
        ("Ngày chuyển sinh hoạt Đảng", "Ngày chuyển đi"),
        False,
        "",
    ),
    Column(
        "transfer_destination",
        "Nơi chuyển tới",
        TextWidget(255),
        ("Nơi chuyển đến", "Nơi chuyển sinh hoạt đến", "Chuyển đến"),
        False,
        "",
    ),
]
# Header words of the tracker for columns already known under another name.
SYMPATHIZER_SYNONYMS = ("Ngày họp CB công nhận đối tượng cảm tình Đảng", "Ngày họp chi bộ công nhận cảm tình Đảng")
MENTOR_SYNONYMS = ("Đảng viên được giúp đỡ",)
CERT_NUMBER_SYNONYMS = ("Số QĐ của CC BD", "Số QĐ cấp CC", "Số chứng chỉ")
CERT_DATE_SYNONYMS = ("Ngày cấp CC BĐ", "Ngày cấp chứng chỉ")
TRACKER_FIELDS = [c.key for c in TRACKER_COLUMNS]

_YEAR = re.compile(r"(?<!\d)(19|20)\d\d(?!\d)")


def sheet_order(names: list[str]) -> list[str]:
    """Oldest to latest: by the year in the sheet names when every one has one ("2022", "Năm 2023"),
    otherwise as the workbook orders them."""
    years = [_YEAR.search(n) for n in names]
    if all(years):
        return [n for _, n in sorted(zip((int(y.group()) for y in years), names, strict=True), key=lambda x: x[0])]
    return list(names)


def combine_sheets(rows: list[tuple[int, dict]], clean_key) -> tuple[list[tuple[int, dict]], dict]:
    """The rows of one person on several sheets made one, the latest sheet's filled cells winning.
    A person is the same by staff/student code, else national ID, else the same name (and cell as
    written) when their birth dates do not differ. Returns the rows (each at its latest place) and,
    for a combined row, the sheets it came from."""
    names = list(dict.fromkeys(getattr(n, "sheet", "") for n, _ in rows))
    rank = {name: i for i, name in enumerate(sheet_order(names))}
    ordered = sorted(rows, key=lambda item: (rank[getattr(item[0], "sheet", "")], item[0]))
    groups: list[dict] = []
    by_key: dict[tuple, int] = {}
    for number, raw in ordered:
        sheet = getattr(number, "sheet", "")
        code = clean_key("person_code", raw.get("person_code")) or ""
        nid = clean_key("national_id", raw.get("national_id")) or ""
        name = fold(clean_key("full_name", raw.get("full_name")) or "")
        birth = clean_key("birth_date", raw.get("birth_date"))
        birth = birth if isinstance(birth, datetime.date) else None
        place = fold(str(raw.get("cell_code") or raw.get("cell_name") or ""))
        group = None
        for key in ((("code", code) if code else None), (("nid", nid) if nid else None)):
            if key and key in by_key:
                group = by_key[key]
                break
        if group is None and name:
            found = by_key.get(("name", name, place))
            if found is not None:
                g = groups[found]
                if (not birth or not g["birth"] or g["birth"] == birth) and not (
                    code and g["code"] and g["code"] != code
                ):
                    group = found
        if group is not None and sheet in groups[group]["sheets"]:
            group = None  # the same sheet twice: two rows, reported as duplicates by the checks
        if group is None:
            groups.append({"number": number, "raw": dict(raw), "sheets": [sheet], "birth": birth, "code": code})
            group = len(groups) - 1
        else:
            g = groups[group]
            g["raw"].update({k: v for k, v in raw.items() if v not in (None, "")})
            g["number"] = number
            g["sheets"].append(sheet)
            g["birth"] = g["birth"] or birth
            g["code"] = g["code"] or code
        for key in ((("code", code) if code else None), (("nid", nid) if nid else None), ("name", name, place)):
            if key:
                by_key.setdefault(key, group)
    out = sorted(((g["number"], g["raw"]) for g in groups), key=lambda item: item[0])
    sheets = {g["number"]: g["sheets"] for g in groups if len(g["sheets"]) > 1}
    return out, sheets
