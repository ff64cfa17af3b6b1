"""Grid limits checked before any parser reads values: tiny hostile files refused fast, in Vietnamese."""

import io
import re
import time
import tracemalloc

import openpyxl
import pytest

from spreadsheets import limits
from spreadsheets.reader import ImportFileError, read_sheets

from . import hostile

HOSTILE = {
    "sparse cell at XFD1048576": (hostile.sparse_cell_xlsx, "có quá nhiều dòng (đến dòng 1.048.576)"),
    "sparse cell without a dimension": (
        lambda: hostile.sparse_cell_xlsx(with_dimension=False),
        "có quá nhiều dòng (đến dòng 1.048.576)",
    ),
    "2.000 sheets": (hostile.many_sheets_xlsx, "Tệp có hơn 50 trang tính; giới hạn là 50."),
    "a million rows (xlsx)": (
        hostile.million_rows_xlsx,
        "Trang tính “Sheet1” có hơn 100.000 dòng; giới hạn là 100.000 dòng",
    ),
    "a million rows (csv)": (hostile.million_rows_csv, "Tệp có hơn 100.000 dòng; giới hạn là 100.000 dòng"),
    "sparse cell in an .xls": (hostile.sparse_cell_xls, "Trang tính “DS hoc vien” có quá nhiều cột (đến cột 256)"),
}


@pytest.mark.parametrize("name", list(HOSTILE))
def test_hostile_files_are_refused_fast_with_bounded_memory(name):
    build, message = HOSTILE[name]
    data = build()
    start = time.perf_counter()
    with pytest.raises(ImportFileError) as refused:
        read_sheets(data)
    elapsed = time.perf_counter() - start
    assert message in str(refused.value)
    assert elapsed < 1.0, f"{name}: {elapsed:.2f} s"
    # Memory measured on a second run (tracing slows Python down several times).
    tracemalloc.start()
    try:
        with pytest.raises(ImportFileError):
            read_sheets(data)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert peak < 64 * 1024 * 1024, f"{name}: {peak / 1e6:.0f} MB"


def _book(rows: int, cols: int = 1) -> bytes:
    book = openpyxl.Workbook()
    sheet = book.active
    for r in range(rows):
        sheet.append([f"x{r}"] * cols)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def test_limits_at_their_edges(settings):
    settings.IMPORT_MAX_ROWS = 30
    settings.IMPORT_MAX_COLUMNS = 4
    assert len(read_sheets(_book(30, 4))[0].rows) == 30
    with pytest.raises(ImportFileError, match="có hơn 30 dòng"):
        read_sheets(_book(31))
    with pytest.raises(ImportFileError, match="đến cột 5"):
        read_sheets(_book(2, 5))
    settings.IMPORT_MAX_CELLS = 50
    with pytest.raises(ImportFileError, match="có hơn 50 ô; giới hạn là 50 ô"):
        read_sheets(_book(13, 4))
    assert read_sheets(_book(12, 4))


def test_the_file_total_counts_every_sheet(settings):
    settings.IMPORT_MAX_FILE_CELLS = 100
    sheet = (
        "<sheetData>" + "".join(f'<row r="{n}"><c r="A{n}"><v>1</v></c></row>' for n in range(1, 41)) + "</sheetData>"
    )
    assert read_sheets(hostile.xlsx_from_sheets([sheet, sheet]))
    with pytest.raises(ImportFileError, match="Tệp có quá nhiều ô"):
        read_sheets(hostile.xlsx_from_sheets([sheet, sheet, sheet]))


def test_a_dimension_that_understates_is_caught_while_streaming(settings):
    settings.IMPORT_MAX_ROWS = 10
    rows = "".join(f'<row r="{n}"><c r="A{n}"><v>1</v></c></row>' for n in range(1, 20))
    with pytest.raises(ImportFileError, match="có hơn 10 dòng"):
        read_sheets(hostile.xlsx_from_sheets([f'<dimension ref="A1"/><sheetData>{rows}</sheetData>']))


def test_a_csv_cell_over_the_field_limit_is_a_message():
    data = b"H\xe1\xbb\x8d v\xc3\xa0 t\xc3\xaan\n" + b'"' + b"x" * (128 * 1024 + 10) + b'"\n'
    with pytest.raises(ImportFileError, match="có một ô dài hơn 32.767 ký tự"):
        read_sheets(data)


def test_xml_with_a_dtd_is_refused():
    body = '<sheetData><row r="1"><c r="A1"><v>1</v></c></row></sheetData>'
    data = hostile.xlsx_from_sheets([body])
    import zipfile

    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as src, zipfile.ZipFile(out, "w") as dst:
        for item in src.infolist():
            content = src.read(item.filename)
            if item.filename == "xl/worksheets/sheet1.xml":
                content = content.replace(b"<worksheet", b'<!DOCTYPE x [<!ENTITY a "b">]><worksheet', 1)
                content = content.replace(b'<?xml version="1.0" encoding="UTF-8"?>', b"")
                content = b'<?xml version="1.0" encoding="UTF-8"?>' + content
            dst.writestr(item, content)
    with pytest.raises(ImportFileError, match="DTD"):
        read_sheets(out.getvalue())


def test_column_letters():
    assert limits.parse_ref("XFD1048576") == (1048576, 16384)
    assert limits.parse_ref("$B$7") == (7, 2)
    assert limits.parse_ref("bad") is None


def test_quoted_csv_rows_are_counted_by_the_csv_reader(settings):
    settings.IMPORT_MAX_ROWS = 3
    # Four lines but three rows: a quoted cell spans two lines.
    assert len(read_sheets('Họ và tên,Ghi chú\n"A","dòng 1\ndòng 2"\nB,x\n'.encode())[0].rows) == 3
    with pytest.raises(ImportFileError, match="đến dòng 4"):
        read_sheets('Họ và tên,Ghi chú\n"A",x\nB,x\nC,x\n'.encode())


@pytest.mark.parametrize(
    "cell, message",
    [
        ('<c r="XFD25000"><v>1</v></c>', "có quá nhiều cột (đến cột 16.384)"),
        ('<c r="xfd25000"><v>1</v></c>', "có quá nhiều cột (đến cột 16.384)"),
        ('<c r="B1048576"><v>1</v></c>', "có quá nhiều dòng (đến dòng 1.048.576)"),
        ('<c r="$IV$25000"><v>1</v></c>', "có quá nhiều cột (đến cột 256)"),
    ],
)
def test_a_far_cell_deep_in_a_long_sheet_is_found(cell, message):
    """The fast scan takes a chunk's cells on trust when none lies beyond the bound it has reached:
    a cell far out, deep in the sheet (past the first chunk), in its row or not, in any case."""
    rows = []
    for n in range(1, 60_001):
        extra = cell if n == 50_000 else ""
        rows.append(f'<row r="{n}"><c r="A{n}"><v>1</v></c>{extra}</row>')
    sheet = f"<sheetData>{''.join(rows)}</sheetData>"
    assert len(sheet) > 2 * limits.FAST_CHUNK
    with pytest.raises(ImportFileError, match=re.escape(message)):
        read_sheets(hostile.xlsx_from_sheets([sheet]))


def test_a_long_sheet_within_its_bounds_is_read():
    rows = "".join(f'<row r="{n}"><c r="A{n}"><v>{n}</v></c><c r="C{n}"><v>2</v></c></row>' for n in range(1, 40_001))
    sheet = read_sheets(hostile.xlsx_from_sheets([f"<sheetData>{rows}</sheetData>"]))[0]
    assert len(sheet.rows) == 40_000 and sheet.rows[-1] == (40_000, [40_000, None, 2])


@pytest.mark.parametrize(
    ("last_row", "last_col", "inside", "beyond"),
    [
        (20003, 8, ["A1", "H20003", "H9999", "A20000", "G19999"], ["I1", "H20004", "A100000", "AA1", "A30000"]),
        (9, 26, ["Z9", "A1"], ["Z10", "AA1"]),
        (100, 27, ["AA100", "Z1", "A99"], ["AB1", "AA101", "BA1"]),
        (1048576, 16384, ["XFD1048576", "A1", "XFC1048575", "AZZ1"], ["XFE1", "XFD1048577", "A10000000"]),
        (1, 1, ["A1"], ["A2", "B1"]),
    ],
)
def test_the_bound_search_finds_exactly_the_cells_beyond(last_row, last_col, inside, beyond):
    """One cell past the bound (a row, a column, a longer number or a further letter) is found; the
    last cell within it and every other one inside are not; anything written otherwise (lower case,
    `$`, leading zeros, four letters) is sent the long way."""
    pattern = limits.beyond_pattern(last_row, last_col)
    for ref in inside:
        assert not pattern.search(f'<c r="{ref}" t="n"><v>1</v></c>'.encode()), ref
    for ref in beyond + ["a1", "$A$1", "A01", "ABCD1", "A"]:
        assert pattern.search(f'<c r="{ref}" t="n"><v>1</v></c>'.encode()), ref


@pytest.mark.parametrize(
    ("body", "rows", "cells", "addressed"),
    [
        (b'<row r="1"><c r="A1"><v>1</v></c><c r="B1"/></row>', 1, 2, 2),
        # <cols>/<col> begin with "<c" and <rowBreaks> with "<row": not elements counted.
        (b'<cols><col min="1" max="2"/></cols><sheetData><row r="1"><c r="A1"/></row></sheetData>', 1, 1, 1),
        (b'<row r="1"><c r="A1"/></row><rowBreaks count="1"><brk id="1"/></rowBreaks>', 1, 1, 1),
        # A cell without its address first is counted, not as addressed.
        (b'<cols><col min="1"/></cols><row><c t="n"><v>1</v></c><c r="B1"/></row>', 1, 2, 1),
    ],
)
def test_element_counts_leave_out_cols_and_row_breaks(body, rows, cells, addressed):
    from spreadsheets.xml_scan import _tag_counts

    assert _tag_counts(body) == (rows, cells, addressed)


def test_a_namespace_prefixed_far_cell_is_found():
    """<x:c r="…"> is no plain "<c r=": the chunk's addresses are read by the general expressions,
    and a prefixed cell far out, deep in a long sheet, is still refused. Excel's own attribute
    prefixes (x14ac:dyDescent on every row) do not count as prefixed elements."""
    from spreadsheets.xml_scan import _PREFIXED

    assert not _PREFIXED.search(b'<row r="1" x14ac:dyDescent="0.25"><c r="A1"/></row>')
    rows = []
    for n in range(1, 60_001):
        extra = '<x:c r="XFD25000"><x:v>1</x:v></x:c>' if n == 50_000 else ""
        rows.append(f'<x:row r="{n}"><x:c r="A{n}"><x:v>1</x:v></x:c>{extra}</x:row>')
    sheet = f'<x:sheetData xmlns:x="{hostile.NS}">{"".join(rows)}</x:sheetData>'
    assert len(sheet) > 2 * limits.FAST_CHUNK
    with pytest.raises(ImportFileError, match=re.escape("có quá nhiều cột (đến cột 16.384)")):
        read_sheets(hostile.xlsx_from_sheets([sheet]))
