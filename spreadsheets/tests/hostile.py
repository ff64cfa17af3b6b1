"""Small generators of hostile spreadsheets: a few KB that describe an enormous grid."""

import io
import zipfile
from pathlib import Path

SAMPLE_XLS = (
    Path(__file__).resolve().parents[2] / "imports" / "tests" / "samples" / "hoc_vien_lop_boi_duong_khoa_I_2024.xls"
)
NS = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"


def xlsx_from_sheets(sheets: list[str], *, sheet_names: list[str] | None = None) -> bytes:
    """A minimal, valid .xlsx whose worksheets are the given <sheetData> bodies (strings or bytes)."""
    names = sheet_names or [f"Sheet{i + 1}" for i in range(len(sheets))]
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as z:
        overrides = "".join(
            f'<Override PartName="/xl/worksheets/sheet{i + 1}.xml" '
            'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>'
            for i in range(len(sheets))
        )
        z.writestr(
            "[Content_Types].xml",
            '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/'
            'content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.'
            'relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/'
            'workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
            f"{overrides}</Types>",
        )
        z.writestr(
            "_rels/.rels",
            '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/'
            f'2006/relationships"><Relationship Id="rId1" Type="{REL}/officeDocument" Target="xl/workbook.xml"/>'
            "</Relationships>",
        )
        entries = "".join(f'<sheet name="{n}" sheetId="{i + 1}" r:id="rId{i + 1}"/>' for i, n in enumerate(names))
        z.writestr(
            "xl/workbook.xml",
            f'<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="{NS}" xmlns:r="{REL}"><sheets>{entries}'
            "</sheets></workbook>",
        )
        rels = "".join(
            f'<Relationship Id="rId{i + 1}" Type="{REL}/worksheet" Target="worksheets/sheet{i + 1}.xml"/>'
            for i in range(len(sheets))
        )
        z.writestr(
            "xl/_rels/workbook.xml.rels",
            '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/'
            f'2006/relationships">{rels}</Relationships>',
        )
        for i, body in enumerate(sheets):
            body = body.encode() if isinstance(body, str) else body
            z.writestr(
                f"xl/worksheets/sheet{i + 1}.xml",
                f'<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="{NS}">'.encode() + body + b"</worksheet>",
            )
    return buffer.getvalue()


def header_row() -> str:
    return '<row r="1"><c r="A1" t="inlineStr"><is><t>Họ và tên</t></is></c></row>'


def sparse_cell_xlsx(*, with_dimension: bool = True) -> bytes:
    """One cell at XFD1048576 (the last cell Excel allows)."""
    dimension = '<dimension ref="A1:XFD1048576"/>' if with_dimension else ""
    body = f'{dimension}<sheetData>{header_row()}<row r="1048576"><c r="XFD1048576"><v>1</v></c></row></sheetData>'
    return xlsx_from_sheets([body])


def many_sheets_xlsx(count: int = 2000) -> bytes:
    return xlsx_from_sheets([f"<sheetData>{header_row()}</sheetData>"] * count)


def million_rows_xlsx(rows: int = 1_000_000) -> bytes:
    """A million one-cell rows, ~3-4 MB compressed (varied values: not a zip bomb, only long)."""
    body = "".join(f'<row r="{n}"><c r="A{n}"><v>{n % 10}</v></c></row>' for n in range(1, rows + 1))
    body = "<sheetData>" + body + "</sheetData>"
    return xlsx_from_sheets([body])


def million_rows_csv(rows: int = 1_000_000) -> bytes:
    return "Họ và tên\n".encode() + b"1\n" * rows


def sparse_cell_xls() -> bytes:
    """The .xls sample with its last cell moved to row 65536, column IV (the last cell of BIFF8)."""
    data = bytearray(SAMPLE_XLS.read_bytes())
    record = b"\xfd\x00\x0a\x00\x20\x00\x05\x00"  # LABELSST at row 33 (0-based 32), column F
    assert data.count(record) == 1
    at = data.index(record)
    data[at + 4 : at + 8] = b"\xff\xff\xff\x00"
    return bytes(data)
