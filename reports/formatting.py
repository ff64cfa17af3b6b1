"""Display text of a typed report value (PDF and HTML preview; Excel keeps the types)."""

import datetime
import unicodedata
from decimal import Decimal

from vietnamese.text import format_int, format_percent

from .structure import PERCENT


def nfc(value) -> str:
    return unicodedata.normalize("NFC", str(value))


def display(value, kind: str) -> str:
    if value is None or value == "":
        return ""
    if isinstance(value, datetime.date):
        return f"{value:%d/%m/%Y}"
    if kind == PERCENT:
        return format_percent(value)
    if isinstance(value, bool):
        return "Có" if value else "Không"
    if isinstance(value, int):
        return format_int(value)
    if isinstance(value, Decimal | float):
        text = f"{Decimal(value):.1f}"
        whole, _, frac = text.partition(".")
        return f"{format_int(int(whole))},{frac}"
    return nfc(value)
