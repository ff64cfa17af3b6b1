"""The plain structure every report builder returns and every renderer reads (pretix's shape: rows are
produced once, the PDF, the Excel file and the HTML preview only lay them out).

Values in rows are typed: int for counts, Decimal for percentages (105.57 means 105,57 %), a date for
dates, str for text, None for an empty cell. Renderers format them; builders never do.
"""

import datetime
from dataclasses import dataclass, field
from decimal import Decimal

TEXT = "text"
INT = "int"
PERCENT = "percent"
DATE = "date"
DECIMAL = "decimal"  # one decimal place (average age)


@dataclass
class Column:
    label: str
    kind: str = TEXT
    # Width in Excel characters; the PDF uses it as a relative weight.
    width: int = 12
    # Long text that must wrap in the PDF (names, units): rendered as a Paragraph.
    wrap: bool = False

    @property
    def numeric(self) -> bool:
        return self.kind in (INT, PERCENT, DECIMAL)


@dataclass
class Table:
    title: str
    columns: list[Column]
    rows: list[list]
    totals: list | None = None
    empty: str = "Không có dữ liệu."
    # Excel sheet name (≤ 31 characters, no []:*?/\).
    sheet: str = "Báo cáo"


@dataclass
class BarChart:
    """Progress per unit on the progress report: (label, percent) pairs and the 100 % line."""

    title: str
    bars: list[tuple[str, Decimal]]
    target_line: Decimal | None = Decimal(100)


@dataclass
class Report:
    slug: str
    title: str
    period_label: str
    unit_name: str
    # The two lines above the "*" of the party document (superior body, issuing body).
    issuer_lines: list[str]
    number: str
    place: str
    date: datetime.date
    tables: list[Table]
    parameters: list[tuple[str, str]] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    chart: BarChart | None = None
    landscape: bool = False
    signer_title: str = "T/M BAN THƯỜNG VỤ"
    # The whole signature block (units.naming.signature_block): "T/M BAN THƯỜNG VỤ", "BÍ THƯ".
    signer_lines: list[str] = field(default_factory=list)
    generated_by: str = ""
    generated_at: datetime.datetime | None = None
    filename: str = "bao-cao"
