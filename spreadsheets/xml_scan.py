"""The grid limits' fast reading of an xlsx worksheet (spreadsheets.limits.check_xlsx): the cell
addresses found by regular expressions over the raw XML, at C speed, chunk by chunk. `sheet` is the
limits' SheetTally (extent, count_elements, refuse_dtd): this module imports nothing of the limits."""

import re
from dataclasses import dataclass

from openpyxl.utils import get_column_letter

_REF = re.compile(r"\$?([A-Za-z]{1,3})\$?(\d{1,7})$")


def column_number(letters: str) -> int:
    n = 0
    for ch in letters.upper():
        n = n * 26 + (ord(ch) - 64)
    return n


def parse_ref(ref: str) -> tuple[int, int] | None:
    """'XFD1048576' -> (1048576, 16384); anything else -> None."""
    match = _REF.match(ref.strip())
    if not match:
        return None
    return int(match.group(2)), column_number(match.group(1))


# The same addresses read by regular expressions over the raw XML, at C speed. Every office program
# writes each <row> and <c> with its address first (<c r="B7" …>): the expressions that start with
# that literal text are searched fastest; a sheet written otherwise (namespace prefixes, another
# attribute first) goes through the general expressions; one where an element has no address (its
# position must be counted) or any construct the expressions do not expect (a DTD, a comment or
# CDATA, a tag longer than a chunk) is scanned by expat instead (_scan_sheet_xml). `<` is always
# escaped in XML text, so every "<c " or "<row " found is an element.
_ROW_FIRST = re.compile(rb'<row r="(\d{1,9})"')
_CELL_FIRST = re.compile(rb'<c r="\$?([A-Za-z]{1,3})\$?(\d{1,9})"')
_ROW_ANY_NS = re.compile(rb"<(?:[A-Za-z_][\w.-]*:)?row[\s>/]")
_CELL_ANY_NS = re.compile(rb"<(?:[A-Za-z_][\w.-]*:)?c[\s>/]")
_ROW_REF = re.compile(rb'<(?:[A-Za-z_][\w.-]*:)?row\s[^>]*?\br="(\d{1,9})"')
_CELL_REF = re.compile(rb'<(?:[A-Za-z_][\w.-]*:)?c\s[^>]*?\br="\$?([A-Za-z]{1,3})\$?(\d{1,9})"')
_DIMENSION = re.compile(rb'<(?:[A-Za-z_][\w.-]*:)?dimension\s[^>]*?\bref="([^"]*)"')
_DTD = re.compile(rb"<!(?:DOCTYPE|ENTITY)", re.IGNORECASE)
FORMULA = re.compile(rb"<(?:[A-Za-z_][\w.-]*:)?f[\s>/]")
# What the plain searches miss: a cell, row or formula written with a namespace prefix (<x:c …>).
# Excel writes ":" in every row (x14ac:dyDescent): one search, not one per element name.
_PREFIXED = re.compile(rb":(?:c|row|f)[\s>/]")
FAST_CHUNK = 1 << 20


def _tag_counts(body: bytes) -> tuple[int, int, int]:
    """(<row> elements, <c> elements, <c> elements whose address comes first) of a run of XML without
    a namespace prefix, at C speed. "<c" also begins <col> and <cols> (before the cells, so in the
    first chunk only): counted only when some "<c" is not an addressed cell."""
    cells = body.count(b"<c")
    addressed = body.count(b'<c r="')
    if cells != addressed:
        cells -= body.count(b"<col")
    return body.count(b"<row") - body.count(b"<rowBreaks"), cells, addressed


def _addresses(body: bytes, row_tags: int, cell_tags: int) -> tuple[list, list] | None:
    """(row numbers, (column letters, row number) of cells) of a run of whole elements; None when
    some element carries no address. The literal-first expressions are checked against a count of
    every "<row" and "<c" (minus the only other sheet elements so named, <rowBreaks>, <col>, <cols>);
    a difference sends the run through the general expressions."""
    rows, cells = _ROW_FIRST.findall(body), _CELL_FIRST.findall(body)
    if len(rows) == row_tags and len(cells) == cell_tags and b":row" not in body and b":c" not in body:
        return rows, cells
    rows, cells = _ROW_REF.findall(body), _CELL_REF.findall(body)
    if len(rows) == len(_ROW_ANY_NS.findall(body)) and len(cells) == len(_CELL_ANY_NS.findall(body)):
        return rows, cells
    return None


@dataclass
class SheetScan:
    """What the fast scan of one worksheet found: whether it holds formulas; `complete` is False
    when the expressions could not vouch for every address (expat must scan it)."""

    complete: bool = True
    formulas: bool = False


def _within_number(n: int) -> str:
    """A regular expression for a row number from 1 to n, written without leading zeros."""
    text = str(n)
    alternatives = [text]
    for i, digit in enumerate(text):
        low = 1 if i == 0 else 0
        if int(digit) > low:
            rest = len(text) - i - 1
            alternatives.append(text[:i] + f"[{low}-{int(digit) - 1}]" + (rf"\d{{{rest}}}" if rest else ""))
    if len(text) > 1:
        alternatives.append(rf"[1-9]\d{{0,{len(text) - 2}}}")
    return "(?:" + "|".join(alternatives) + ")"


def _within_letters(letters: str) -> str:
    """A regular expression for upper-case column letters from A to `letters`."""
    alternatives = [letters]
    for i, letter in enumerate(letters):
        if letter > "A":
            rest = len(letters) - i - 1
            alternatives.append(letters[:i] + f"[A-{chr(ord(letter) - 1)}]" + (f"[A-Z]{{{rest}}}" if rest else ""))
    if len(letters) > 1:
        alternatives.append(f"[A-Z]{{1,{len(letters) - 1}}}")
    return "(?:" + "|".join(alternatives) + ")"


def beyond_pattern(last_row: int, last_col: int) -> re.Pattern:
    """A cell whose address is not within (last_row, last_col) written plainly: beyond the bound, or
    written otherwise (lower case, `$`, leading zeros, four letters: read the long way). One
    negative look-ahead per cell, which the expression engine runs at several hundred MB/s."""
    letters = get_column_letter(last_col)
    return re.compile(('<c r="(?!' + _within_letters(letters) + _within_number(last_row) + '")').encode("ascii"))


def scan_sheet_fast(stream, sheet) -> SheetScan:
    """The sheet's extent from its row and cell addresses, the counts of rows and cells against the
    limits (a million rows refused within the first chunks), a DTD refused, formulas noticed.

    The shortest way, for the usual file: every cell carries its address first (<c r="B7" …>) and one
    search finds no cell beyond the bound (the extent the sheet states, <dimension ref="A1:H20003">,
    or the columns earlier chunks reached and the chunk's last row); otherwise every address of the
    chunk is read."""
    scan = SheetScan()
    tail = b""
    column_of: dict[bytes, int] = {}
    dimension_seen = False
    row_count = cell_count = 0
    while chunk := stream.read(FAST_CHUNK):
        buffer = tail + chunk
        cut = buffer.rfind(b">") + 1
        body, tail = buffer[:cut], buffer[cut:]
        # Single characters first (memchr): "!" and ":" are rare in a sheet, "<!" and ":c" are not cheap.
        if len(tail) > FAST_CHUNK or (b"!" in body and b"<!" in body):
            if _DTD.search(buffer):
                sheet.refuse_dtd()
            scan.complete = False
            return scan
        prefixed = b":" in body and _PREFIXED.search(body) is not None
        if not scan.formulas and (b"<f" in body or prefixed) and FORMULA.search(body):
            scan.formulas = True
        # Counted first, at C speed: a million rows is refused before any address is read.
        row_tags, cell_tags, addressed = _tag_counts(body)
        row_count += row_tags
        cell_count += cell_tags
        sheet.count_elements(row_count, cell_count)
        if not dimension_seen:  # <dimension> comes before the cells: in the first chunk or nowhere
            dimension_seen = True
            dimension = _DIMENSION.search(body) if b"dimension" in body else None
            if dimension:
                end = parse_ref(dimension.group(1).decode("ascii", "replace").split(":")[-1])
                if end:
                    sheet.extent(*end)
        # The bound a cell may not pass: the stated extent, or what earlier chunks reached and the
        # last row of this one (rows follow each other in every office program's files).
        last_row = _ROW_FIRST.match(body, max(body.rfind(b'<row r="'), 0))
        bound = (max(sheet.max_row, int(last_row.group(1)) if last_row else 0), sheet.max_col)
        if all(bound) and addressed == cell_tags and not prefixed and not beyond_pattern(*bound).search(body):
            sheet.extent(*bound)
            continue  # every cell within the bound
        found = _addresses(body, row_tags, cell_tags)
        if found is None:
            scan.complete = False
            return scan
        rows, cells = found
        if rows:
            sheet.extent(max(map(int, rows)), 1)
        if cells:
            letters, numbers = zip(*cells, strict=True)
            letters = set(letters)
            for column in letters - column_of.keys():
                column_of[column] = column_number(column.decode("ascii"))
            last_row = max(map(int, set(numbers)))
            sheet.extent(last_row, 1)
            sheet.extent(last_row, max(column_of[column] for column in letters))
    scan.complete = not tail.strip()
    return scan
