"""Writes the shipped Word templates (reports/documents/templates/<kind>.docx) from the layouts.

    python -m reports.documents.make_templates

The output is committed; run again after changing layouts.py (a test checks they are in step)."""

import datetime
import io
import sys
import zipfile
from pathlib import Path

from .docx_writer import build_template
from .layouts import LAYOUTS

TEMPLATE_DIR = Path(__file__).resolve().parent / "templates"
# Fixed timestamps in the zip: the same layouts give byte-identical files.
FIXED_DATE = (2026, 1, 1, 0, 0, 0)


def template_bytes(slug: str) -> bytes:
    doc = build_template(LAYOUTS[slug])
    props = doc.core_properties
    props.author = "Quản lý phát triển đảng viên"
    props.title = slug
    props.created = props.modified = datetime.datetime(2026, 1, 1)
    props.last_modified_by = ""
    props.revision = 1
    raw = io.BytesIO()
    doc.save(raw)
    # Re-zip with fixed dates so the files are reproducible.
    out = io.BytesIO()
    with zipfile.ZipFile(raw) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            fixed = zipfile.ZipInfo(info.filename, FIXED_DATE)
            fixed.compress_type = zipfile.ZIP_DEFLATED
            dst.writestr(fixed, src.read(info.filename))
    return out.getvalue()


def main() -> int:
    TEMPLATE_DIR.mkdir(exist_ok=True)
    for slug in LAYOUTS:
        (TEMPLATE_DIR / f"{slug}.docx").write_bytes(template_bytes(slug))
        print(f"{slug}.docx")
    return 0


if __name__ == "__main__":
    sys.exit(main())
