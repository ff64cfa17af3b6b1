"""The facts each dossier paper needs beyond the pipeline's records, described once: the entry form,
the completeness check and the context read them from here."""

import datetime
from dataclasses import dataclass

DATE, INT, TEXT, LONG = "date", "int", "text", "long"


@dataclass(frozen=True)
class Fact:
    name: str
    label: str
    type: str = TEXT
    required: bool = True


def _introducer(n: int) -> tuple[Fact, ...]:
    # The official date and "together since" are on the introducer's record (candidates.Introducer).
    return (
        Fact(f"i{n}_admitted", f"Người giới thiệu {n}: ngày vào Đảng", DATE),
        Fact(f"i{n}_post", f"Người giới thiệu {n}: chức vụ, đơn vị công tác"),
        Fact(f"i{n}_opinion", f"Người giới thiệu {n}: nhận xét ưu điểm, khuyết điểm", LONG, required=False),
    )


FACTS: dict[str, tuple[Fact, ...]] = {
    "introduction": _introducer(1) + _introducer(2),
    "union-resolution": (
        Fact("org_superior", "Cấp trên của tổ chức giới thiệu (dòng 1 góc trái)"),
        Fact("org_name", "Tên tổ chức giới thiệu (Ban Chấp hành Đoàn…, Ban Chấp hành Công đoàn…)"),
        Fact("members_total", "Tổng số ủy viên ban chấp hành (đoàn viên)", INT),
        Fact("present", "Số có mặt", INT),
        Fact("votes_for", "Số tán thành giới thiệu", INT),
        Fact("signer_name", "Người ký (T/M ban chấp hành)", required=False),
    ),
    "comments-summary": (
        Fact("org_asked", "Đoàn thể: số người được hỏi ý kiến", INT),
        Fact("org_agree", "Đoàn thể: số tán thành", INT),
        Fact("residence_asked", "Chi bộ nơi cư trú: số đảng viên được hỏi ý kiến", INT),
        Fact("residence_agree", "Chi bộ nơi cư trú: số tán thành", INT),
        Fact("summary_date", "Ngày tổng hợp", DATE),
    ),
    "appraisal": (Fact("conclusion", "Kết luận thẩm định", LONG),),
    "ceremony": (
        Fact("place", "Địa điểm tổ chức lễ kết nạp"),
        Fact("chair", "Người chủ trì (bí thư chi bộ)"),
        Fact("superior_representative", "Đại diện cấp ủy cấp trên dự", required=False),
        Fact("members_present", "Số đảng viên dự lễ", INT),
        Fact("secretary", "Thư ký buổi lễ"),
    ),
    "probation-comments": (
        Fact("org_asked", "Đoàn thể: số người được hỏi ý kiến", INT),
        Fact("org_agree", "Đoàn thể: số tán thành", INT),
        Fact("residence_asked", "Chi bộ nơi cư trú: số đảng viên được hỏi ý kiến", INT),
        Fact("residence_agree", "Chi bộ nơi cư trú: số tán thành", INT),
        Fact("summary_date", "Ngày tổng hợp", DATE),
    ),
}


def to_json(fact: Fact, value):
    if value in (None, ""):
        return None
    if fact.type == DATE:
        return value.isoformat()
    return value


def from_json(fact: Fact, value):
    if value in (None, ""):
        return None
    if fact.type == DATE:
        return datetime.date.fromisoformat(value)
    return value


def read(kind: str, data: dict | None) -> dict:
    data = data or {}
    return {f.name: from_json(f, data.get(f.name)) for f in FACTS[kind]}


def missing_labels(kind: str, values: dict, skip: set[str] = frozenset()) -> list[str]:
    return [f.label for f in FACTS[kind] if f.required and f.name not in skip and values.get(f.name) in (None, "")]
