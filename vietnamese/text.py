"""Vietnamese text helpers: NFC storage, diacritic-insensitive search keys, collation keys."""

import re
import unicodedata
from decimal import ROUND_HALF_UP, Decimal
from functools import lru_cache

_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u200b-\u200f\u2028\u2029\ufeff]")
_SPACES = re.compile(r"\s+")


def clean_text(value) -> str:
    """NFC-normalize, drop control characters, collapse runs of white space."""
    if value is None:
        return ""
    if type(value) is str and len(value) <= 64:
        return _clean_short(value)  # imports clean the same short words over and over
    return _clean(value)


@lru_cache(maxsize=65536)
def _clean_short(value: str) -> str:
    return _clean(value)


def _clean(value) -> str:
    text = str(value)
    # Fast path (imports call this hundreds of thousands of times): already clean text is returned
    # as is. isprintable() is False for control, format (zero-width) and non-ASCII space characters.
    if text.isprintable() and "  " not in text and text == text.strip() and unicodedata.is_normalized("NFC", text):
        return text
    text = unicodedata.normalize("NFC", text)
    text = _CONTROL.sub(" ", text)
    return _SPACES.sub(" ", text).strip()


def fold(value) -> str:
    """Search key: no diacritics, đ -> d, lower case, single spaces ("Tân Hòa" -> "tan hoa")."""
    if type(value) is str:
        return _fold_text(value)
    return _fold(value)


@lru_cache(maxsize=65536)
def _fold_text(value: str) -> str:
    # Imports fold the same names, cells and words over and over: remembered.
    return _fold(value)


def _fold(value) -> str:
    text = unicodedata.normalize("NFD", clean_text(value).lower())
    text = "".join(ch for ch in text if unicodedata.category(ch) != "Mn")
    text = text.replace("đ", "d")
    return _SPACES.sub(" ", text).strip()


def capitalize_name(value) -> str:
    """ "NGUYỄN THỊ HẰNG" or "nguyễn thị hằng" -> "Nguyễn Thị Hằng"; mixed case is kept."""
    text = clean_text(value)
    if text and (text.isupper() or text.islower()):
        return " ".join(word[:1].upper() + word[1:].lower() for word in text.split(" "))
    return text


def split_name(full_name: str) -> tuple[str, str, str]:
    """(family, middle, given) of a Vietnamese full name."""
    parts = clean_text(full_name).split(" ")
    if not parts or parts == [""]:
        return "", "", ""
    if len(parts) == 1:
        return "", "", parts[0]
    return parts[0], " ".join(parts[1:-1]), parts[-1]


# Vietnamese alphabet order: a ă â b c d đ e ê g h i k l m n o ô ơ p q r s t u ư v x y
# (f j w z sorted where Latin puts them, for foreign names).
_ALPHABET = "aăâbcdđeêfghijklmnoôơpqrstuưvwxyz"
_TONES = {"\u0300": 2, "\u0309": 3, "\u0303": 4, "\u0301": 5, "\u0323": 6}  # huyền hỏi ngã sắc nặng
_BASE36 = "0123456789abcdefghijklmnopqrstuvwxyz"


def _letters(word: str):
    for ch in unicodedata.normalize("NFC", word.lower()):
        decomposed = unicodedata.normalize("NFD", ch)
        tone = 0
        base = ""
        for part in decomposed:
            if part in _TONES:
                tone = _TONES[part]
            else:
                base += part
        yield unicodedata.normalize("NFC", base), tone


@lru_cache(maxsize=65536)
def collation_key(word: str) -> str:
    """A key of [0-9a-z] only (so any database collation orders it bytewise-equal) that sorts
    words in Vietnamese dictionary order: letters first, tones as a tie-break."""
    primary = []
    tones = []
    for base, tone in _letters(word):
        index = _ALPHABET.find(base)
        if index >= 0:
            code = "2" + _BASE36[index]
        elif base == " ":
            code = "00"
        elif base.isdigit():
            code = "1" + base
        else:
            code = "zz"
        primary.append(code)
        tones.append(str(tone))
    return "".join(primary) + "0" + "".join(tones)


def name_sort_key(family: str, middle: str, given: str) -> str:
    """Given name, then middle name, then family name: the order of Vietnamese lists."""
    return "00".join(collation_key(part) for part in (given, middle, family))[:250]


def quantize_percent(numerator, denominator) -> Decimal | None:
    if not denominator:
        return None
    return (Decimal(numerator) * 100 / Decimal(denominator)).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)


def lower_first(text: str) -> str:
    """The text with its first letter in lower case, the rest as written ("Danh sách cảm tình
    Đảng" -> "danh sách cảm tình Đảng": a title inside a sentence)."""
    return text[:1].lower() + text[1:]


def format_int(value) -> str:
    """1214 -> "1.214"."""
    if value is None or value == "":
        return ""
    return f"{int(value):,}".replace(",", ".")


def format_percent(value, digits: int = 2) -> str:
    """105.565 -> "105,57%"; None -> "—"."""
    if value is None:
        return "—"
    quant = Decimal(1).scaleb(-digits)
    number = Decimal(value).quantize(quant, rounding=ROUND_HALF_UP)
    whole, _, frac = f"{number:.{digits}f}".partition(".")
    sign = "-" if whole.startswith("-") else ""
    whole = format_int(abs(int(whole)))
    return f"{sign}{whole},{frac}%" if digits else f"{sign}{whole}%"
