"""One ReportLab renderer for every report, in the party document layout of 36-HD/VPTW: issuing body,
"*" and number top left; "ĐẢNG CỘNG SẢN VIỆT NAM" underlined and the place-and-date line in italics top
right; bold capital title; tables whose header repeats on every page; "Trang 2/5" footers; a signature
block. Fonts are the Liberation Serif family shipped in static/fonts (Times-compatible, full Vietnamese)."""

import io
from functools import lru_cache
from xml.sax.saxutils import escape

from django.conf import settings
from reportlab import rl_config
from reportlab.graphics.charts.barcharts import HorizontalBarChart
from reportlab.graphics.shapes import Drawing, Line, String
from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER, TA_LEFT, TA_RIGHT
from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.lib.utils import simpleSplit
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen import canvas as pdf_canvas
from reportlab.platypus import CondPageBreak, KeepTogether, LongTable, Paragraph, SimpleDocTemplate, Spacer, TableStyle
from reportlab.platypus import Table as PdfTable

from .formatting import display, nfc
from .structure import DATE, Report, Table

FONT = "LiberationSerif"
FONT_FILES = {
    FONT: "LiberationSerif-Regular.ttf",
    f"{FONT}-Bold": "LiberationSerif-Bold.ttf",
    f"{FONT}-Italic": "LiberationSerif-Italic.ttf",
    f"{FONT}-BoldItalic": "LiberationSerif-BoldItalic.ttf",
}
MARGIN = 15 * mm
HEADER_FILL = colors.HexColor("#e8e8e8")
MAX_CHART_BARS = 30


@lru_cache(maxsize=1)
def register_fonts() -> str:
    """Register the four faces as one family, so <b> and <i> in a Paragraph pick the real faces."""
    font_dir = settings.BASE_DIR / "static" / "fonts"
    for name, filename in FONT_FILES.items():
        pdfmetrics.registerFont(TTFont(name, str(font_dir / filename)))
    pdfmetrics.registerFontFamily(
        FONT, normal=FONT, bold=f"{FONT}-Bold", italic=f"{FONT}-Italic", boldItalic=f"{FONT}-BoldItalic"
    )
    return FONT


def text(value) -> str:
    """User-supplied text for a Paragraph: NFC, then XML-escaped (a name may contain < or &)."""
    return escape(nfc(value))


def _styles(base_size: float) -> dict[str, ParagraphStyle]:
    body = ParagraphStyle("body", fontName=FONT, fontSize=base_size, leading=base_size * 1.25)
    return {
        "body": body,
        "center": ParagraphStyle("center", parent=body, alignment=TA_CENTER),
        "head": ParagraphStyle("head", parent=body, fontSize=12, leading=15, alignment=TA_CENTER),
        "title": ParagraphStyle(
            "title", parent=body, fontName=f"{FONT}-Bold", fontSize=14, leading=18, alignment=TA_CENTER
        ),
        "subtitle": ParagraphStyle("subtitle", parent=body, fontSize=12, leading=15, alignment=TA_CENTER),
        "section": ParagraphStyle(
            "section", parent=body, fontName=f"{FONT}-Bold", fontSize=12, leading=15, spaceBefore=6, spaceAfter=4
        ),
        "cell": ParagraphStyle("cell", parent=body, fontSize=base_size, leading=base_size * 1.18),
        "th": ParagraphStyle(
            "th",
            parent=body,
            fontName=f"{FONT}-Bold",
            fontSize=base_size,
            leading=base_size * 1.18,
            alignment=TA_CENTER,
        ),
        "note": ParagraphStyle("note", parent=body, fontName=f"{FONT}-Italic", fontSize=11, leading=14),
        "num": ParagraphStyle("num", parent=body, alignment=TA_RIGHT),
        "left": ParagraphStyle("left", parent=body, alignment=TA_LEFT),
    }


class NumberedCanvas(pdf_canvas.Canvas):
    """Two passes over the pages: the total page count is known when the footers are drawn."""

    footer_left = ""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._saved_pages: list[dict] = []

    def showPage(self):
        self._saved_pages.append(dict(self.__dict__))
        self._startPage()

    def save(self):
        total = len(self._saved_pages)
        for state in self._saved_pages:
            self.__dict__.update(state)
            self._draw_footer(total)
            super().showPage()
        super().save()

    def _draw_footer(self, total: int) -> None:
        width, _height = self._pagesize
        self.setFont(FONT, 9)
        self.setFillColor(colors.HexColor("#444444"))
        self.drawCentredString(width / 2, 9 * mm, f"Trang {self._pageNumber}/{total}")
        if self.footer_left:
            self.drawString(MARGIN, 9 * mm, self.footer_left)


def _document_head(report: Report, st, width: float) -> list:
    left = "<br/>".join(text(line) for line in report.issuer_lines[:-1])
    if left:
        left += "<br/>"
    left += f"<b>{text(report.issuer_lines[-1])}</b><br/>*<br/>{text(report.number)}"
    right = (
        "<b><u>ĐẢNG CỘNG SẢN VIỆT NAM</u></b><br/><br/>"
        f"<i>{text(report.place)}, ngày {report.date.day:02d} tháng {report.date.month:02d} năm {report.date.year}</i>"
    )
    head = PdfTable(
        [[Paragraph(left, st["head"]), Paragraph(right, st["head"])]],
        colWidths=[width * 0.45, width * 0.55],
    )
    head.setStyle(
        TableStyle(
            [
                ("FONT", (0, 0), (-1, -1), FONT),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("LEFTPADDING", (0, 0), (-1, -1), 0),
            ]
        )
    )
    story = [head, Spacer(1, 8 * mm), Paragraph(text(report.title), st["title"])]
    if report.period_label:
        story.append(Paragraph(f"<b>{text(report.period_label)}</b>", st["subtitle"]))
    story.append(Paragraph(f"<i>Đơn vị: {text(report.unit_name)}</i>", st["subtitle"]))
    story.append(Spacer(1, 5 * mm))
    return story


def _column_widths(table: Table, width: float, size: float) -> list[float]:
    """Dates and the row number get the width they need; the rest share what is left by weight."""
    fixed = {}
    for i, column in enumerate(table.columns):
        if column.kind == DATE:
            fixed[i] = size * 6.2
        elif column.label == "STT":
            fixed[i] = size * 3.2
    rest = width - sum(fixed.values())
    weights = sum(c.width for i, c in enumerate(table.columns) if i not in fixed) or 1
    return [fixed.get(i, rest * c.width / weights) for i, c in enumerate(table.columns)]


def _table(table: Table, st, width: float) -> list:
    # A section title never sits alone at the foot of a page.
    story = [CondPageBreak(35 * mm), Paragraph(text(table.title), st["section"])]
    if not table.rows:
        story.append(Paragraph(f"<i>{text(table.empty)}</i>", st["body"]))
        return story
    col_widths = _column_widths(table, width, st["cell"].fontSize)
    header = [Paragraph(text(c.label), st["th"]) for c in table.columns]
    data = [header]
    wrap = [c.wrap for c in table.columns]
    kinds = [c.kind for c in table.columns]
    cell_style = st["cell"]
    size = cell_style.fontSize
    # Wrapped cells are plain strings broken to the column width (simpleSplit): the same look as a
    # Paragraph for one font, several times faster on thousands of rows. No markup is parsed.
    widths = [w - 6 for w in col_widths]
    # Every row's height is known here (lines × leading + padding, what reportlab would compute for
    # plain strings): given to the table, reportlab does not measure thousands of rows again on each of
    # the pages it splits the table across (that made a 6.000-row list take seconds). The header row,
    # of Paragraphs, is left for reportlab to measure (None).
    leading = size * 1.18
    padding = 2 + 3  # TOPPADDING + BOTTOMPADDING below
    heights: list[float | None] = [None]
    for row in table.rows:
        cells = []
        for v, k, w, cw in zip(row, kinds, wrap, widths, strict=True):
            shown = display(v, k)
            cells.append("\n".join(simpleSplit(shown, FONT, size, cw)) if w and shown else shown)
        data.append(cells)
        heights.append(max(cell.count("\n") + 1 for cell in cells) * leading + padding)
    if table.totals:
        data.append([f"{display(v, k)}" for v, k in zip(table.totals, kinds, strict=True)])
        heights.append(leading + padding)
    style = [
        ("FONT", (0, 0), (-1, -1), FONT, size),
        ("GRID", (0, 0), (-1, -1), 0.5, colors.black),
        ("BACKGROUND", (0, 0), (-1, 0), HEADER_FILL),
        ("VALIGN", (0, 0), (-1, 0), "MIDDLE"),
        ("VALIGN", (0, 1), (-1, -1), "TOP"),
        ("LEADING", (0, 1), (-1, -1), leading),
        ("TOPPADDING", (0, 0), (-1, -1), 2),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 3),
        ("LEFTPADDING", (0, 0), (-1, -1), 3),
        ("RIGHTPADDING", (0, 0), (-1, -1), 3),
    ]
    for i, column in enumerate(table.columns):
        if column.numeric:
            style.append(("ALIGN", (i, 1), (i, -1), "RIGHT"))
        elif column.kind == DATE:
            style.append(("ALIGN", (i, 1), (i, -1), "CENTER"))
    if table.totals:
        style.append(("FONT", (0, -1), (-1, -1), f"{FONT}-Bold", size, leading))  # leading: see heights
    pdf_table = LongTable(data, colWidths=col_widths, rowHeights=heights, repeatRows=1)
    pdf_table.setStyle(TableStyle(style))
    story.append(pdf_table)
    story.append(Spacer(1, 4 * mm))
    return story


def _chart(report: Report, st, width: float) -> list:
    chart = report.chart
    if not chart or not chart.bars:
        return []
    bars = chart.bars[:MAX_CHART_BARS]
    bar_height = 11
    label_width = min(width * 0.42, 75 * mm)
    plot_width = width - label_width - 20
    height = len(bars) * bar_height + 30
    drawing = Drawing(width, height)
    bc = HorizontalBarChart()
    bc.x, bc.y = label_width, 20
    bc.width, bc.height = plot_width, len(bars) * bar_height
    # The chart draws bottom-up; reverse so the first unit is on top, as in the table.
    values = [float(v or 0) for _label, v in reversed(bars)]
    bc.data = [values]
    bc.categoryAxis.categoryNames = [nfc(label)[:48] for label, _v in reversed(bars)]
    bc.categoryAxis.labels.fontName = FONT
    bc.categoryAxis.labels.fontSize = 7.5
    bc.categoryAxis.labels.boxAnchor = "e"
    bc.categoryAxis.labels.dx = -4
    top = max([*values, float(chart.target_line or 0), 10.0])
    bc.valueAxis.valueMin = 0
    bc.valueAxis.valueMax = (int(top // 20) + 1) * 20
    bc.valueAxis.valueStep = 20 if bc.valueAxis.valueMax <= 200 else 50
    bc.valueAxis.labels.fontName = FONT
    bc.valueAxis.labels.fontSize = 7.5
    bc.valueAxis.labelTextFormat = "%d%%"
    bc.bars[0].fillColor = colors.HexColor("#b71c1c")
    bc.bars[0].strokeColor = None
    bc.barWidth = bar_height * 0.7
    drawing.add(bc)
    if chart.target_line is not None:
        x = bc.x + plot_width * float(chart.target_line) / bc.valueAxis.valueMax
        drawing.add(Line(x, bc.y, x, bc.y + bc.height + 4, strokeColor=colors.black, strokeDashArray=[3, 2]))
        drawing.add(String(x + 2, bc.y + bc.height + 4, "100%", fontName=FONT, fontSize=7.5))
    title = chart.title
    if len(chart.bars) > MAX_CHART_BARS:
        title += f" ({MAX_CHART_BARS} đơn vị đầu)"
    return [KeepTogether([Paragraph(text(title), st["section"]), drawing]), Spacer(1, 4 * mm)]


def _signature(report: Report, st, width: float) -> list:
    left = f"<b>NGƯỜI LẬP BIỂU</b><br/><br/><br/><br/>{text(report.generated_by)}"
    signer = "<br/>".join(text(line) for line in (report.signer_lines or [report.signer_title]))
    right = f"<b>{signer}</b><br/><i>(Ký, ghi rõ họ tên, đóng dấu)</i><br/><br/><br/><br/>"
    block = PdfTable([[Paragraph(left, st["head"]), Paragraph(right, st["head"])]], colWidths=[width / 2, width / 2])
    block.setStyle(TableStyle([("FONT", (0, 0), (-1, -1), FONT), ("VALIGN", (0, 0), (-1, -1), "TOP")]))
    return [Spacer(1, 6 * mm), KeepTogether([block])]


def render_pdf(report: Report) -> bytes:
    register_fonts()
    # Compressed page streams stay binary: ASCII85 on top costs a third of the time of a long list
    # (ReportLab's C accelerator is not installed) and only makes the file bigger.
    rl_config.useA85 = 0
    pagesize = landscape(A4) if report.landscape else A4
    buffer = io.BytesIO()
    doc = SimpleDocTemplate(
        buffer,
        pagesize=pagesize,
        leftMargin=MARGIN + 5 * mm,  # 36-HD/VPTW: a wider left margin for binding
        rightMargin=MARGIN,
        topMargin=MARGIN,
        bottomMargin=MARGIN + 5 * mm,
        title=nfc(report.title),
        author=nfc(report.generated_by),
        subject=nfc(report.period_label),
        creator="Quản lý phát triển đảng viên",
        initialFontName=FONT,
        initialFontSize=10,
    )
    width = doc.width
    st = _styles(9.5 if report.landscape else 10.5)
    story = _document_head(report, st, width)
    story += _chart(report, st, width)
    for table in report.tables:
        story += _table(table, st, width)
    for note in report.notes:
        story.append(Paragraph(text(note), st["note"]))
    story += _signature(report, st, width)

    generated = f"Lập lúc {report.generated_at:%d/%m/%Y %H:%M}" if report.generated_at else ""

    class _Canvas(NumberedCanvas):
        footer_left = generated

    doc.build(story, canvasmaker=_Canvas)
    return buffer.getvalue()
