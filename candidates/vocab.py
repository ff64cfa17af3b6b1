"""The statistics vocabularies (11-HD/BTCTW): the 54 ethnic groups of Vietnam (Danh mục các dân tộc
Việt Nam, Quyết định 121-TCTK/PPCĐ 1979) and the religions recognized by the State (Ban Tôn giáo Chính
phủ) plus "Không". Imports and forms map the usual spellings onto them."""

from vietnamese.text import clean_text, fold

KINH = "Kinh"
NO_RELIGION = "Không"

ETHNICITIES = [
    "Kinh", "Tày", "Thái", "Mường", "Khmer", "Hoa", "Nùng", "Mông", "Dao", "Gia Rai", "Ê Đê", "Ba Na",
    "Sán Chay", "Chăm", "Cơ Ho", "Xơ Đăng", "Sán Dìu", "Hrê", "Ra Glai", "Mnông", "Thổ", "Xtiêng", "Khơ Mú",
    "Bru - Vân Kiều", "Cơ Tu", "Giáy", "Tà Ôi", "Mạ", "Giẻ Triêng", "Co", "Chơ Ro", "Xinh Mun", "Hà Nhì",
    "Chu Ru", "Lào", "Kháng", "La Chí", "Phù Lá", "La Hủ", "La Ha", "Pà Thẻn", "Chứt", "Lự", "Lô Lô",
    "Mảng", "Cờ Lao", "Bố Y", "Cống", "Ngái", "Si La", "Pu Péo", "Rơ Măm", "Brâu", "Ơ Đu",
]  # fmt: skip

RELIGIONS = [
    NO_RELIGION, "Phật giáo", "Công giáo", "Tin Lành", "Cao Đài", "Phật giáo Hòa Hảo", "Hồi giáo",
    "Tôn giáo Baha'i", "Tịnh độ Cư sĩ Phật hội Việt Nam", "Cơ đốc Phục lâm", "Phật giáo Tứ Ân Hiếu Nghĩa",
    "Minh Sư đạo", "Minh Lý đạo - Tam Tông Miếu", "Bửu Sơn Kỳ Hương", "Bà-la-môn giáo",
    "Các Thánh hữu Ngày sau của Chúa Giê-su Ki-tô", "Phật đường Nam tông Minh Sư đạo",
]  # fmt: skip

ETHNICITY_CHOICES = [(e, e) for e in ETHNICITIES]
RELIGION_CHOICES = [(r, r) for r in RELIGIONS]


def _key(text: str) -> str:
    return " ".join(fold(text).replace("-", " ").replace("'", "").replace("’", "").split())


_ETHNICITY_ALIASES = {
    "kinh viet": KINH, "viet": KINH, "viet kinh": KINH, "kinh (viet)": KINH, "nguoi kinh": KINH,
    "dan toc kinh": KINH, "h mong": "Mông", "hmong": "Mông", "meo": "Mông", "khome": "Khmer",
    "kho me": "Khmer", "khmer": "Khmer", "jrai": "Gia Rai", "giarai": "Gia Rai", "ede": "Ê Đê", "rhade": "Ê Đê",
    "bana": "Ba Na", "k ho": "Cơ Ho", "koho": "Cơ Ho", "sedang": "Xơ Đăng", "m nong": "Mnông", "stieng": "Xtiêng",
    "x tieng": "Xtiêng", "kho mu": "Khơ Mú", "khmu": "Khơ Mú", "van kieu": "Bru - Vân Kiều", "bru": "Bru - Vân Kiều",
    "ka tu": "Cơ Tu", "ta oi": "Tà Ôi", "gie trieng": "Giẻ Triêng", "ro mam": "Rơ Măm", "o du": "Ơ Đu",
    "ngai": "Ngái", "raglai": "Ra Glai", "cham": "Chăm", "tay": "Tày", "thai": "Thái", "muong": "Mường",
}  # fmt: skip
_RELIGION_ALIASES = {
    "": NO_RELIGION, "khong": NO_RELIGION, "khong co": NO_RELIGION, "khong theo ton giao": NO_RELIGION,
    "khong ton giao": NO_RELIGION, "khong theo dao": NO_RELIGION, "luong": NO_RELIGION, "khong co dao": NO_RELIGION,
    "khong dao": NO_RELIGION, "0": NO_RELIGION, "x": NO_RELIGION, "phat": "Phật giáo", "dao phat": "Phật giáo",
    "phat giao": "Phật giáo", "thien chua": "Công giáo", "thien chua giao": "Công giáo", "dao thien chua": "Công giáo",
    "cong giao": "Công giáo", "ky to giao": "Công giáo", "tin lanh": "Tin Lành", "dao tin lanh": "Tin Lành",
    "cao dai": "Cao Đài", "dao cao dai": "Cao Đài", "hoa hao": "Phật giáo Hòa Hảo", "dao hoa hao": "Phật giáo Hòa Hảo",
    "hoi giao": "Hồi giáo", "islam": "Hồi giáo", "baha i": "Tôn giáo Baha'i", "bahai": "Tôn giáo Baha'i",
}  # fmt: skip
_ETHNICITY_BY_KEY = {_key(e): e for e in ETHNICITIES} | {_key(k): v for k, v in _ETHNICITY_ALIASES.items()}
_RELIGION_BY_KEY = {_key(r): r for r in RELIGIONS} | {_key(k): v for k, v in _RELIGION_ALIASES.items()}
_ETHNICITY_COMPACT = {k.replace(" ", ""): v for k, v in _ETHNICITY_BY_KEY.items()}


def normalize_ethnicity(text: str | None) -> str | None:
    """The official name of an ethnic group from a usual spelling ("kinh", "Kinh/ Việt", "H'Mông"),
    None when it is not one of the 54 (blank is Kinh: the lists leave the majority blank)."""
    raw = clean_text(text or "")
    if not raw:
        return KINH
    key = _key(raw)
    for candidate in (key, key.replace("/", " "), key.split("/")[0].strip(), key.replace("dan toc ", "")):
        candidate = " ".join(candidate.split())
        if candidate in _ETHNICITY_BY_KEY:
            return _ETHNICITY_BY_KEY[candidate]
        if candidate.replace(" ", "") in _ETHNICITY_COMPACT:
            return _ETHNICITY_COMPACT[candidate.replace(" ", "")]
    return None


def normalize_religion(text: str | None) -> str | None:
    """A recognized religion or "Không" from a usual spelling ("Không theo tôn giáo", "không có",
    "Thiên chúa giáo"); None when it is not recognized."""
    key = _key(clean_text(text or ""))
    key = " ".join(key.replace("/", " ").split())
    if key in _RELIGION_BY_KEY:
        return _RELIGION_BY_KEY[key]
    if key.startswith("khong"):
        return NO_RELIGION
    return None


def is_minority(ethnicity: str) -> bool:
    return normalize_ethnicity(ethnicity) not in (KINH, None)


def is_religious(religion: str) -> bool:
    return normalize_religion(religion) not in (NO_RELIGION, None)
