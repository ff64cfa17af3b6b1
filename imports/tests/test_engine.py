"""The engine on its own: header synonyms, what counts as a data row, the cell widgets."""

import datetime

import pytest

from imports.registry import kinds, resource_class
from spreadsheets.reader import Sheet
from spreadsheets.table import extract_table
from spreadsheets.widgets import DateWidget, IntegerWidget, header_key


def _sheet(rows):
    return [Sheet("S", [(i, row) for i, row in enumerate(rows, start=1)], "xlsx")]


@pytest.mark.parametrize("kind", kinds())
def test_every_synonym_of_every_column_is_recognized(kind):
    resource = resource_class(kind)
    for column in resource.columns:
        for spelling in (column.label, *column.synonyms):
            written = spelling.upper() if len(spelling) % 2 else f"  {spelling.lower()}  "
            others = [c.label for c in resource.columns if c.required and c.key != column.key]
            # A header needs two recognized columns (a list with one required column: add another)
            others = others or [next(c.label for c in resource.columns if c.key != column.key)]
            table = extract_table(_sheet([[written, *others], ["x"] * (1 + len(others))]), resource.columns, ())
            assert table.columns[column.key][2].casefold() == " ".join(written.split()).casefold(), spelling


def test_header_keys_ignore_case_diacritics_spacing_and_punctuation():
    assert header_key("Ngày, tháng, năm sinh") == header_key("NGAY THANG NAM SINH") == "ngaythangnamsinh"
    assert header_key("Họ, tên") == header_key("Họ tên") == "hoten"
    assert header_key("Đơn vị (chi bộ, đảng bộ)") == "donvichibodangbo"


def test_data_rows_group_headings_repeated_header_numbering_and_footer():
    columns = resource_class("candidates").columns
    rows = [
        ["ĐẢNG BỘ XÃ"],
        [None, "DANH SÁCH"],
        ["STT", "Họ và tên", "Ngày sinh"],
        ["1", "2", "3"],
        ["I. Thôn Đông"],
        [1, "Nguyễn Văn A", "01/01/1990"],
        [],
        ["STT", "Họ và tên", "Ngày sinh"],
        [2, None, None, "Nam"],  # a data row missing its keys, before the last data row: kept (error)
        [3, "Nguyễn Văn B", "01/01/1991"],
        [4, "Nguyễn Văn C", None, "Nam"],  # partial row after the last complete one, not a signature: kept
        [],
        [None, None, "Tân Hòa, ngày 5 tháng 7 năm 2024"],
        [None, None, "NGƯỜI LẬP"],
        [None, "Trần Thị Hằng"],  # the signer's name alone, even in the name column
    ]
    table = extract_table(_sheet(rows), columns, ("full_name", "birth_date"))
    assert table.header_row == 3
    assert [n for n, _ in table.rows] == [6, 9, 10, 11]
    assert table.notes == [
        "dòng 8: bỏ qua dòng tiêu đề lặp lại.",
        "dòng 5: bỏ qua dòng tiêu đề nhóm “I. Thôn Đông”.",
        "dòng 13–15: bỏ qua phần ký tên dưới bảng.",
    ]


@pytest.mark.parametrize(
    "value,expected",
    [
        (datetime.datetime(1990, 6, 5, 0, 0), datetime.date(1990, 6, 5)),
        (33029, datetime.date(1990, 6, 5)),
        ("33029", datetime.date(1990, 6, 5)),
        ("05/06/1990", datetime.date(1990, 6, 5)),
        ("5-6-1990", datetime.date(1990, 6, 5)),
        ("05.06.1990", datetime.date(1990, 6, 5)),
        ("1990-06-05", datetime.date(1990, 6, 5)),
        ("29/02/2024", datetime.date(2024, 2, 29)),
        ("", None),
    ],
)
def test_dates_day_first(value, expected):
    assert DateWidget().clean(value) == expected


@pytest.mark.parametrize("value", ["31/02/1990", "29/02/2023", "05/06/90", "tháng 6", 1e7, 12.5, "13/13/2000"])
def test_impossible_dates(value):
    with pytest.raises(ValueError):
        DateWidget().clean(value)


def test_integers():
    widget = IntegerWidget()
    assert widget.clean("1.214") == 1214 and widget.clean(12.0) == 12 and widget.clean(" 7 ") == 7
    for bad in ("1,5", 1.5, "bảy", True):
        with pytest.raises(ValueError):
            widget.clean(bad)
