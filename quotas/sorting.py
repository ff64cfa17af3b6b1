"""Sorting the children of the dashboard by any column, on the server (a query string, no JS).

The default answers "who is behind, and by how much": units behind the even pace first, the largest
shortfall ("còn thiếu") first, then the lowest percent; units without a quota last."""

from dataclasses import dataclass
from decimal import Decimal

from vietnamese.text import collation_key

from .selectors import Row

SORT_PARAM = "sap"
DEFAULT_SORT = "-con-thieu"


@dataclass(frozen=True)
class SortColumn:
    key: str
    label: str
    numeric: bool = True


COLUMNS = [
    SortColumn("don-vi", "Đơn vị", numeric=False),
    SortColumn("chi-tieu", "Chỉ tiêu"),
    SortColumn("da-ket-nap", "Đã kết nạp"),
    SortColumn("con-thieu", "Còn thiếu"),
    SortColumn("ti-le", "Tỉ lệ"),
    SortColumn("de-nghi", "Đề nghị"),
    SortColumn("boi-duong", "Đã bồi dưỡng"),
    SortColumn("du-bao", "Dự báo"),
]
KEYS = {c.key for c in COLUMNS}
LOW = Decimal("-1")


def _name_key(row: Row) -> str:
    return " ".join(collation_key(w) for w in row.unit.label.split())


def _value(row: Row, key: str):
    return {
        "chi-tieu": row.target,
        "da-ket-nap": row.admitted,
        "con-thieu": row.shortfall,
        "ti-le": row.percent,
        "de-nghi": row.proposed,
        "boi-duong": row.trained,
        "du-bao": row.forecast,
    }[key]


def parse(value: str | None) -> tuple[str, bool]:
    """(column key, descending) from the query string; the default when absent or unknown."""
    value = (value or "").strip()
    key = value.lstrip("-")
    if key not in KEYS:
        value = DEFAULT_SORT
        key = value.lstrip("-")
    return key, value.startswith("-")


def sort_rows(rows: list[Row], value: str | None) -> list[Row]:
    key, descending = parse(value)
    if key == "don-vi":
        return sorted(rows, key=_name_key, reverse=descending)
    if key == "con-thieu" and descending:
        # Behind first: behind the pace, then the largest shortfall, then the lowest percent; no quota last.
        return sorted(
            rows,
            key=lambda r: (
                r.target is None,
                not r.behind,
                -(r.shortfall or 0),
                r.percent if r.percent is not None else LOW,
                _name_key(r),
            ),
        )
    # Rows without a value (no quota) stay last whichever the direction.
    present = [r for r in rows if _value(r, key) is not None]
    missing = [r for r in rows if _value(r, key) is None]
    present.sort(key=lambda r: (_value(r, key), _name_key(r)), reverse=descending)
    return present + sorted(missing, key=_name_key)


def header_links(value: str | None, base_query: str) -> list[dict]:
    """One header per column: its link (the other direction when it is the current sort) and aria-sort."""
    key, descending = parse(value)
    headers = []
    for column in COLUMNS:
        current = column.key == key
        if current:
            next_value = column.key if descending else f"-{column.key}"
        else:
            # Numbers are first read largest first; names A to Z.
            next_value = f"-{column.key}" if column.numeric else column.key
        headers.append(
            {
                "key": column.key,
                "label": column.label,
                "numeric": column.numeric,
                "url": f"?{base_query}&{SORT_PARAM}={next_value}#children",
                "aria_sort": ("descending" if descending else "ascending") if current else "none",
                "arrow": ("▼" if descending else "▲") if current else "",
            }
        )
    return headers
