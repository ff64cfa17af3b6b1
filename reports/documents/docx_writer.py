"""Writes a layout (blocks.py) as a .docx template with docxtpl tags, in the 36-HD/VPTW page setup:
A4, margins top/bottom 20 mm, left 30 mm, right 15 mm, Times New Roman 14 pt (Liberation Serif where
Times is missing: the same metrics). Used once by make_templates.py; the output is committed."""

from docx import Document
from docx.enum.section import WD_ORIENT
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt

from .blocks import Header, Landscape, Loop, PageBreak, Para, Signature, Table, Title, When, is_landscape, segments

FONT = "Times New Roman"
BODY_PT = 14
HEAD_PT = 13
ALIGN = {
    "justify": WD_ALIGN_PARAGRAPH.JUSTIFY,
    "center": WD_ALIGN_PARAGRAPH.CENTER,
    "left": WD_ALIGN_PARAGRAPH.LEFT,
    "right": WD_ALIGN_PARAGRAPH.RIGHT,
}
# Widths of the two header columns and of the signature columns (text width 165 mm; 252 mm landscape).
TEXT_WIDTH_MM = 165
LANDSCAPE_WIDTH_MM = 252


def _setup(doc, landscape: bool = False) -> None:
    section = doc.sections[0]
    section.page_width, section.page_height = Mm(210), Mm(297)
    if landscape:
        section.orientation = WD_ORIENT.LANDSCAPE
        section.page_width, section.page_height = Mm(297), Mm(210)
    section.top_margin = section.bottom_margin = Mm(20)
    section.left_margin, section.right_margin = Mm(30), Mm(15)
    style = doc.styles["Normal"]
    style.font.name = FONT
    style.font.size = Pt(BODY_PT)
    # East-Asian and complex-script font slots too, or Word falls back to another face for "ữ".
    rpr = style.element.get_or_add_rPr()
    fonts = rpr.find(qn("w:rFonts"))
    if fonts is None:
        fonts = OxmlElement("w:rFonts")
        rpr.append(fonts)
    for attr in ("w:ascii", "w:hAnsi", "w:cs", "w:eastAsia"):
        fonts.set(qn(attr), FONT)
    pf = style.paragraph_format
    pf.space_before = Pt(0)
    pf.space_after = Pt(3)
    pf.line_spacing = 1.1


def _para(container, text="", *, align="left", bold=False, italic=False, underline=False, size=None, indent=False):
    p = container.add_paragraph()
    p.alignment = ALIGN[align]
    p.paragraph_format.space_after = Pt(3 if size is None else 0)
    if indent:
        p.paragraph_format.first_line_indent = Mm(10)
    for part, strong in segments(text):
        run = p.add_run(part)
        run.bold = bold or strong
        run.italic = italic
        run.underline = underline
        if size:
            run.font.size = Pt(size)
    return p


def _tag(container, tag: str):
    """A paragraph holding only a docxtpl paragraph tag ({%p …%}): docxtpl removes the paragraph."""
    return container.add_paragraph(tag)


def _no_borders(table) -> None:
    tbl_pr = table._tbl.tblPr
    borders = OxmlElement("w:tblBorders")
    for edge in ("top", "left", "bottom", "right", "insideH", "insideV"):
        el = OxmlElement(f"w:{edge}")
        el.set(qn("w:val"), "nil")
        borders.append(el)
    tbl_pr.append(borders)


def _cell(table, row, col, width_mm):
    cell = table.cell(row, col)
    cell.width = Mm(width_mm)
    # The first paragraph of a new cell is empty: remove it so the cell holds only what we add.
    first = cell.paragraphs[0]
    first._element.getparent().remove(first._element)
    return cell


def _header(doc, prefix: str, text_width: float = TEXT_WIDTH_MM) -> None:
    _para(doc, "{{ form_line }}", align="right", italic=True, size=11)
    table = doc.add_table(rows=1, cols=2)
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    table.autofit = False
    _no_borders(table)
    left = _cell(table, 0, 0, 70)
    right = _cell(table, 0, 1, text_width - 70)
    _para(left, "{{ issuer_superior }}", align="center", size=HEAD_PT)
    _para(left, "{{ issuer_body }}", align="center", bold=True, size=HEAD_PT)
    _para(left, "*", align="center", size=HEAD_PT)
    _para(left, "{{ " + prefix + "number_line }}", align="center", size=HEAD_PT)
    _para(right, "{{ party_line }}", align="center", bold=True, underline=True, size=15)
    _para(right, "", size=HEAD_PT)
    _para(right, "{{ place_date }}", align="center", italic=True, size=HEAD_PT)


def _title(doc, block: Title) -> None:
    first = _para(doc, block.lines[0], align="center", bold=True, size=15)
    first.paragraph_format.space_before = Pt(18)
    for line in block.lines[1:]:
        _para(doc, line, align="center", bold=True, size=BODY_PT)
    _para(doc, "", size=8)


def _merged(table, top: int, left: int, bottom: int, right: int, width_mm: float):
    cell = table.cell(top, left)
    if (bottom, right) != (top, left):
        cell = cell.merge(table.cell(bottom, right))
    cell.width = Mm(width_mm)
    for p in list(cell.paragraphs):
        p._element.getparent().remove(p._element)
    return cell


def _table(doc, block: Table, text_width: float = TEXT_WIDTH_MM) -> None:
    n = len(block.columns)
    head = (2 if block.grouped else 1) + (1 if block.numbered else 0)
    table = doc.add_table(rows=head + len(block.totals) + 3, cols=n)
    table.style = doc.styles["Table Grid"]
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    total = sum(c.width for c in block.columns)
    widths = [text_width * c.width / total for c in block.columns]
    for column, width in zip(table.columns, widths, strict=True):
        column.width = Mm(width)  # the grid too: LibreOffice lays a table out by its grid
    size = block.font_size
    if block.grouped:
        for group, first, last in block.header_groups():
            if group:
                span = sum(widths[first : last + 1])
                _para(_merged(table, 0, first, 0, last, span), group, align="center", bold=True, size=size)
                for i in range(first, last + 1):
                    _para(_cell(table, 1, i, widths[i]), block.columns[i].label, align="center", bold=True, size=size)
            else:
                cell = _merged(table, 0, first, 1, first, widths[first])
                _para(cell, block.columns[first].label, align="center", bold=True, size=size)
    else:
        for i, column in enumerate(block.columns):
            _para(_cell(table, 0, i, widths[i]), column.label, align="center", bold=True, size=size)
    if block.numbered:
        for i, column in enumerate(block.columns):
            _para(_cell(table, head - 1, i, widths[i]), column.code, align="center", italic=True, size=size)
    for t, name in enumerate(block.totals):
        for i, column in enumerate(block.columns):
            value = "{{ " + block.bound(column.value, name) + " }}"
            _para(_cell(table, head + t, i, widths[i]), value, align=column.align, bold=True, size=size)
    first_row = head + len(block.totals)
    for i, column in enumerate(block.columns):
        _para(_cell(table, first_row, i, widths[i]), f"{{%tr for {block.var} in {block.rows} %}}" if i == 0 else "")
        _para(_cell(table, first_row + 1, i, widths[i]), "{{ " + column.value + " }}", align=column.align, size=size)
        _para(_cell(table, first_row + 2, i, widths[i]), "{%tr endfor %}" if i == 0 else "")
    _para(doc, "", size=6)


def _signature(doc, block: Signature, text_width: float = TEXT_WIDTH_MM) -> None:
    table = doc.add_table(rows=1, cols=2)
    table.autofit = False
    _no_borders(table)
    left = _cell(table, 0, 0, 75)
    right = _cell(table, 0, 1, text_width - 75)
    if block.recipients:
        _para(left, "**Nơi nhận:**", italic=True, size=12)
        _tag(left, "{%p for recipient in recipients %}")
        _para(left, "- {{ recipient }}", size=11)
        _tag(left, "{%p endfor %}")
    else:
        _para(left, "")
    _para(right, "{{ signer_on_behalf }}", align="center", bold=True, size=BODY_PT)
    _para(right, "{{ signer_title }}", align="center", bold=True, size=BODY_PT)
    _para(right, "{{ signer_note }}", align="center", italic=True, size=12)
    for _ in range(3):
        _para(right, "", size=BODY_PT)
    _para(right, "{{ signer_name }}", align="center", bold=True, size=BODY_PT)


def write_blocks(doc, blocks, width: float = TEXT_WIDTH_MM) -> None:
    for block in blocks:
        if isinstance(block, Header):
            _header(doc, block.prefix, width)
        elif isinstance(block, Title):
            _title(doc, block)
        elif isinstance(block, Para):
            p = _para(doc, block.text, align=block.align, bold=block.bold, italic=block.italic, indent=block.indent)
            if block.space_before:
                p.paragraph_format.space_before = Pt(block.space_before)
        elif isinstance(block, Table):
            _table(doc, block, width)
        elif isinstance(block, Signature):
            _signature(doc, block, width)
        elif isinstance(block, PageBreak):
            doc.add_paragraph().add_run().add_break(WD_BREAK.PAGE)
        elif isinstance(block, Landscape):
            pass  # the page setup (build_template)
        elif isinstance(block, When):
            _tag(doc, f"{{%p if {block.condition} %}}")
            write_blocks(doc, block.blocks, width)
            _tag(doc, "{%p endif %}")
        elif isinstance(block, Loop):
            _tag(doc, f"{{%p for {block.var} in {block.items} %}}")
            write_blocks(doc, block.blocks, width)
            if block.page_break:
                _tag(doc, "{%p if not loop.last %}")
                doc.add_paragraph().add_run().add_break(WD_BREAK.PAGE)
                _tag(doc, "{%p endif %}")
            _tag(doc, "{%p endfor %}")
        else:  # pragma: no cover - a new block type must be written here
            raise TypeError(block)


def build_template(blocks) -> Document:
    doc = Document()
    landscape = is_landscape(blocks)
    _setup(doc, landscape)
    # python-docx starts with no paragraph; nothing to remove.
    write_blocks(doc, blocks, LANDSCAPE_WIDTH_MM if landscape else TEXT_WIDTH_MM)
    return doc
