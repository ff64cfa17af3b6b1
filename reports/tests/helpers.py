import io
import subprocess

import openpyxl


def pdf_text(content: bytes, *pages: int) -> str:
    """pdftotext of the whole PDF, or of the given 1-based pages."""
    args = ["pdftotext", "-layout"]
    if pages:
        args += ["-f", str(min(pages)), "-l", str(max(pages))]
    result = subprocess.run([*args, "-", "-"], input=content, capture_output=True, check=True)
    return result.stdout.decode("utf-8")


def pdf_pages(content: bytes) -> int:
    info = subprocess.run(["pdfinfo", "-"], input=content, capture_output=True, check=True).stdout.decode()
    return int(next(line.split()[-1] for line in info.splitlines() if line.startswith("Pages:")))


def pdf_fonts(content: bytes) -> str:
    return subprocess.run(["pdffonts", "-"], input=content, capture_output=True, check=True).stdout.decode()


def workbook(content: bytes):
    return openpyxl.load_workbook(io.BytesIO(content))


def sheet_rows(ws) -> list[list]:
    return [list(row) for row in ws.iter_rows(values_only=True)]


def find_row(ws, first_text: str):
    """The cells of the first row whose text cells include `first_text`."""
    for row in ws.iter_rows():
        if any(isinstance(c.value, str) and c.value == first_text for c in row):
            return row
    raise AssertionError(f"{first_text!r} not in sheet {ws.title}")
