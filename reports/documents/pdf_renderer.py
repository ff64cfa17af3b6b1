"""Lays a layout (blocks.py) out as a PDF with ReportLab, from the same context the .docx template
is rendered with: the same strings, the same Jinja expressions, the same page setup (A4, 36-HD/VPTW
margins) and the Liberation Serif faces shipped in static/fonts (Times-compatible, full Vietnamese)."""

import io
import re
from functools import lru_cache

from jinja2.sandbox import SandboxedEnvironment
from reportlab import rl_config
from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER, TA_JUSTIFY, TA_LEFT, TA_RIGHT
from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import KeepTogether, PageBreak, Paragraph, SimpleDocTemplate, Spacer, TableStyle
from reportlab.platypus import Table as PdfTable

from ..render_pdf import FONT, register_fonts
from .blocks import Header, Landscape, Loop, Para, Signature, Table, Title, When, is_landscape
from .blocks import PageBreak as BreakBlock

ALIGN = {"justify": TA_JUSTIFY, "center": TA_CENTER, "left": TA_LEFT, "right": TA_RIGHT}
BODY_PT = 14
HEAD_PT = 13

# Autoescape: every value is XML-escaped for ReportLab's paragraph markup; the sandbox refuses
# attribute tricks in templates.
ENV = SandboxedEnvironment(autoescape=True, trim_blocks=True)
_BOLD = re.compile(r"\*\*(.+?)\*\*")


@lru_cache(maxsize=2048)
def _compiled(source: str):
    return ENV.from_string(_BOLD.sub(r"<b>\1</b>", source))


@lru_cache(maxsize=512)
def _expression(source: str):
    return ENV.compile_expression(source)


def _render(source: str, ctx: dict) -> str:
    return _compiled(source).render(ctx)


@lru_cache(maxsize=1)
def _styles() -> dict[str, ParagraphStyle]:
    register_fonts()
    body = ParagraphStyle("body", fontName=FONT, fontSize=BODY_PT, leading=BODY_PT * 1.3, spaceAfter=3)
    styles = {"body": body}
    for name, align in ALIGN.items():
        styles[name] = ParagraphStyle(name, parent=body, alignment=align)
        styles[f"{name}-indent"] = ParagraphStyle(
            f"{name}-indent", parent=body, alignment=align, firstLineIndent=10 * mm
        )
    styles["head"] = ParagraphStyle(
        "head", parent=body, fontSize=HEAD_PT, leading=HEAD_PT * 1.25, alignment=TA_CENTER, spaceAfter=0
    )
    styles["party"] = ParagraphStyle("party", parent=styles["head"], fontSize=15, leading=19)
    styles["form"] = ParagraphStyle("form", parent=body, fontSize=11, leading=13, alignment=TA_RIGHT)
    styles["title"] = ParagraphStyle("title", parent=body, fontSize=15, leading=19, alignment=TA_CENTER, spaceBefore=16)
    styles["subtitle"] = ParagraphStyle("subtitle", parent=body, alignment=TA_CENTER, spaceAfter=0)
    styles["small"] = ParagraphStyle("small", parent=body, fontSize=11, leading=13, spaceAfter=0)
    return styles


def _plain_table(rows, widths, style=()):
    table = PdfTable(rows, colWidths=widths)
    table.setStyle(
        TableStyle(
            [
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("LEFTPADDING", (0, 0), (-1, -1), 0),
                ("RIGHTPADDING", (0, 0), (-1, -1), 0),
                *style,
            ]
        )
    )
    return table


def _header(ctx, prefix: str, width: float) -> list:
    st = _styles()
    number = _render("{{ " + prefix + "number_line }}", ctx)
    left = [
        Paragraph(_render("{{ issuer_superior }}", ctx), st["head"]),
        Paragraph(_render("<b>{{ issuer_body }}</b>", ctx), st["head"]),
        Paragraph("*", st["head"]),
        Paragraph(number, st["head"]),
    ]
    right = [
        Paragraph(_render("<b><u>{{ party_line }}</u></b>", ctx), st["party"]),
        Spacer(1, HEAD_PT),
        Paragraph(_render("<i>{{ place_date }}</i>", ctx), st["head"]),
    ]
    return [
        Paragraph(_render("<i>{{ form_line }}</i>", ctx), st["form"]),
        _plain_table([[left, right]], [70 * mm, width - 70 * mm]),
    ]


def _signature(ctx, block: Signature, width: float) -> list:
    st = _styles()
    left = []
    if block.recipients:
        left.append(Paragraph("<b><i>Nơi nhận:</i></b>", st["small"]))
        left += [
            Paragraph(_render("- {{ recipient }}", {"recipient": r}), st["small"]) for r in ctx.get("recipients", [])
        ]
    right = [
        Paragraph(_render("<b>{{ signer_on_behalf }}</b>", ctx), st["subtitle"]),
        Paragraph(_render("<b>{{ signer_title }}</b>", ctx), st["subtitle"]),
        Paragraph(_render("<i>{{ signer_note }}</i>", ctx), st["head"]),
        Spacer(1, 22 * mm),
        Paragraph(_render("<b>{{ signer_name }}</b>", ctx), st["subtitle"]),
    ]
    return [Spacer(1, 4 * mm), KeepTogether(_plain_table([[left, right]], [75 * mm, width - 75 * mm]))]


def _table_head(block: Table, th) -> tuple[list, list]:
    """The heading rows (a group row above grouped columns, a numbering row) and their spans."""
    n = len(block.columns)
    labels = [Paragraph(f"<b>{c.label}</b>", th) for c in block.columns]
    spans: list = []
    if block.grouped:
        top, below = [""] * n, [""] * n
        for group, first, last in block.header_groups():
            if group:
                top[first] = Paragraph(f"<b>{group}</b>", th)
                below[first : last + 1] = labels[first : last + 1]
                if last > first:
                    spans.append(("SPAN", (first, 0), (last, 0)))
            else:
                top[first] = labels[first]
                spans.append(("SPAN", (first, 0), (first, 1)))
        rows = [top, below]
    else:
        rows = [labels]
    if block.numbered:
        rows.append([Paragraph(f"<i>{c.code}</i>", th) for c in block.columns])
    return rows, spans


def _table(ctx, block: Table, width: float) -> list:
    st = _styles()
    size = block.font_size
    cell = ParagraphStyle("cell", parent=st["body"], fontSize=size, leading=size * 1.2, spaceAfter=0)
    cells = {a: ParagraphStyle(f"cell-{a}", parent=cell, alignment=ALIGN[a]) for a in ALIGN}
    th = ParagraphStyle("th", parent=cell, alignment=TA_CENTER)
    data, spans = _table_head(block, th)
    head = len(data)
    for name in block.totals:
        row_ctx = {**ctx, block.var: ctx.get(name) or {}}
        data.append(
            [
                Paragraph("<b>" + _render("{{ " + c.value + " }}", row_ctx) + "</b>", cells[c.align])
                for c in block.columns
            ]
        )
    for i, item in enumerate(_expression(block.rows)(**ctx) or []):
        row_ctx = {**ctx, block.var: item, "loop": {"index": i + 1}}
        data.append([Paragraph(_render("{{ " + c.value + " }}", row_ctx), cells[c.align]) for c in block.columns])
    total = sum(c.width for c in block.columns)
    widths = [width * c.width / total for c in block.columns]
    table = PdfTable(data, colWidths=widths, repeatRows=head)
    table.setStyle(
        TableStyle(
            [
                ("GRID", (0, 0), (-1, -1), 0.5, colors.black),
                ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
                ("TOPPADDING", (0, 0), (-1, -1), 2),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 3),
                *([("LEFTPADDING", (0, 0), (-1, -1), 2), ("RIGHTPADDING", (0, 0), (-1, -1), 2)] if size < 10 else []),
                *spans,
            ]
        )
    )
    return [table, Spacer(1, 3 * mm)]


def _story(blocks, ctx: dict, width: float) -> list:
    st = _styles()
    story: list = []
    for block in blocks:
        if isinstance(block, Header):
            story += _header(ctx, block.prefix, width)
        elif isinstance(block, Title):
            story.append(Paragraph(_render("<b>" + block.lines[0] + "</b>", ctx), st["title"]))
            story += [Paragraph(_render("<b>" + line + "</b>", ctx), st["subtitle"]) for line in block.lines[1:]]
            story.append(Spacer(1, 5 * mm))
        elif isinstance(block, Para):
            text = _render(block.text, ctx)
            if block.bold:
                text = f"<b>{text}</b>"
            if block.italic:
                text = f"<i>{text}</i>"
            style = st[f"{block.align}-indent" if block.indent else block.align]
            if block.space_before:
                story.append(Spacer(1, block.space_before))
            story.append(Paragraph(text, style))
        elif isinstance(block, Table):
            story += _table(ctx, block, width)
        elif isinstance(block, Signature):
            story += _signature(ctx, block, width)
        elif isinstance(block, BreakBlock):
            story.append(PageBreak())
        elif isinstance(block, Landscape):
            pass  # the page size (render_pdf)
        elif isinstance(block, When):
            if _expression(block.condition)(**ctx):
                story += _story(block.blocks, ctx, width)
        elif isinstance(block, Loop):
            items = list(_expression(block.items)(**ctx) or [])
            for i, item in enumerate(items):
                loop = {"index": i + 1, "first": i == 0, "last": i == len(items) - 1}
                story += _story(block.blocks, {**ctx, block.var: item, "loop": loop}, width)
                if block.page_break and i < len(items) - 1:
                    story.append(PageBreak())
        else:  # pragma: no cover
            raise TypeError(block)
    return story


def render_pdf(blocks, ctx: dict, *, title: str = "", author: str = "") -> bytes:
    register_fonts()
    rl_config.useA85 = 0
    buffer = io.BytesIO()
    doc = SimpleDocTemplate(
        buffer,
        pagesize=landscape(A4) if is_landscape(blocks) else A4,
        topMargin=20 * mm,
        bottomMargin=20 * mm,
        leftMargin=30 * mm,
        rightMargin=15 * mm,
        title=title,
        author=author,
        creator="Quản lý phát triển đảng viên",
    )
    doc.build(_story(blocks, ctx, doc.width))
    return buffer.getvalue()
