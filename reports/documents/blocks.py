"""The one source of a document's text: a list of blocks whose strings are Jinja expressions over the
document's context. `make_templates.py` writes them into the shipped .docx templates (docxtpl tags);
the PDF renderer lays the same blocks out with ReportLab. "**…**" marks bold text inside a string."""

import re
from dataclasses import dataclass, field


@dataclass(frozen=True)
class Header:
    """36-HD/VPTW header: issuing body, "*", number (left); party name and place-date line (right);
    the form code and guidance version in small italics above. `prefix` names a loop variable
    ("c.") for documents repeated per page (certificates)."""

    prefix: str = ""


@dataclass(frozen=True)
class Title:
    lines: tuple[str, ...]  # first line bold capitals, the others bold


@dataclass(frozen=True)
class Para:
    text: str
    align: str = "justify"  # justify | center | left | right
    indent: bool = True  # first-line indent of body paragraphs
    italic: bool = False
    bold: bool = False
    space_before: int = 0  # points


@dataclass(frozen=True)
class Column:
    label: str
    value: str  # expression on the row variable, e.g. "r.full_name"
    width: float = 1.0  # relative
    align: str = "left"
    group: str = ""  # a heading over the adjacent columns of the same group ("Nghề nghiệp")
    code: str = ""  # the column's mark in a numbering row under the headings ("A", "1"…)


@dataclass(frozen=True)
class Table:
    rows: str  # the context list
    var: str  # the loop variable
    columns: tuple[Column, ...]
    font_size: float = 12
    # Context dicts printed in bold before the rows, with the columns' expressions ("Tổng số", "Tỷ lệ").
    totals: tuple[str, ...] = ()

    def header_groups(self) -> list[tuple[str, int, int]]:
        """(group, first column, last column) of each run of adjacent columns; "" for a lone column."""
        runs: list[tuple[str, int, int]] = []
        for i, column in enumerate(self.columns):
            if column.group and runs and runs[-1][0] == column.group and runs[-1][2] == i - 1:
                runs[-1] = (column.group, runs[-1][1], i)
            else:
                runs.append((column.group, i, i))
        return runs

    @property
    def grouped(self) -> bool:
        return any(c.group for c in self.columns)

    @property
    def numbered(self) -> bool:
        return any(c.code for c in self.columns)

    def bound(self, value: str, name: str) -> str:
        """A column's expression read on another dict: "r.total" -> "totals_row.total"."""
        return re.sub(rf"\b{re.escape(self.var)}\.", f"{name}.", value)


@dataclass(frozen=True)
class Signature:
    """The recipients (left, "Nơi nhận:") and the signer's block (right), from the common context."""

    prefix: str = ""
    recipients: bool = True


@dataclass(frozen=True)
class Loop:
    """Blocks repeated for each item of a context list; `page_break` puts each on a new page."""

    items: str
    var: str
    blocks: tuple = field(default_factory=tuple)
    page_break: bool = False


@dataclass(frozen=True)
class When:
    """Blocks printed only when the condition (a Jinja expression) is true."""

    condition: str
    blocks: tuple = field(default_factory=tuple)


@dataclass(frozen=True)
class PageBreak:
    pass


@dataclass(frozen=True)
class Landscape:
    """The document is laid out on A4 landscape (a wide statistics table); first block of a layout."""


Block = Header | Title | Para | Table | Signature | Loop | When | PageBreak | Landscape


def is_landscape(blocks) -> bool:
    return any(isinstance(b, Landscape) for b in blocks)


def segments(text: str) -> list[tuple[str, bool]]:
    """ "a **b** c" -> [("a ", False), ("b", True), (" c", False)]."""
    parts = text.split("**")
    return [(part, i % 2 == 1) for i, part in enumerate(parts) if part]
