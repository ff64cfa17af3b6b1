"""The registry of document kinds: name (for URLs and the command), label, form code and guidance,
what it is about (a person, a class, a unit's period), the number's kind code, the right needed to
produce it, and its context builder."""

from collections.abc import Callable
from dataclasses import dataclass

from candidates.models import Stage
from units.scope import Action

from . import decisions, groups, papers, people, statistics
from .base import FORMS_GUIDANCE, STATISTICS_GUIDANCE

CANDIDATE, CLASS, UNIT = "candidate", "class", "unit"


@dataclass(frozen=True)
class DocumentKind:
    slug: str
    label: str
    form_code: str
    guidance: str
    subject: str
    kind_code: str  # "NQ", "QĐ", "DS", "BC"; "" when the pages carry their own numbers
    right: str
    build: Callable
    # For a person's documents: the stage from which the document exists (its facts are recorded then).
    stage: str = ""
    description: str = ""


KINDS: dict[str, DocumentKind] = {
    k.slug: k
    for k in (
        DocumentKind(
            "sympathizer-list",
            "Nghị quyết công nhận cảm tình Đảng, phân công đảng viên giúp đỡ",
            "",
            FORMS_GUIDANCE,
            CANDIDATE,
            "NQ",
            Action.EDIT_CANDIDATES,
            people.build_sympathizer_list,
            Stage.SYMPATHIZER,
            "Một nghị quyết cho mọi người được chi bộ công nhận trong cùng cuộc họp.",
        ),
        DocumentKind(
            "class-list",
            "Danh sách cử đi học lớp bồi dưỡng nhận thức về Đảng",
            "",
            FORMS_GUIDANCE,
            CLASS,
            "DS",
            Action.EDIT_CANDIDATES,
            groups.build_class_list,
            description="Người của đơn vị được cử đi học một lớp.",
        ),
        DocumentKind(
            "certificates",
            "Giấy chứng nhận học lớp bồi dưỡng nhận thức về Đảng",
            "CN-NTVĐ",
            FORMS_GUIDANCE,
            CLASS,
            "",
            Action.RECORD_TRAINING,
            groups.build_certificates,
            description="Mỗi học viên đạt yêu cầu một trang, cả lớp trong một tệp.",
        ),
        DocumentKind(
            "cell-resolution",
            "Nghị quyết chi bộ đề nghị kết nạp đảng viên",
            "6-KNĐ",
            FORMS_GUIDANCE,
            CANDIDATE,
            "NQ",
            Action.EDIT_CANDIDATES,
            people.build_cell_resolution,
            Stage.PROPOSED,
            "Một nghị quyết cho mọi người được chi bộ xét trong cùng cuộc họp.",
        ),
        DocumentKind(
            "committee-resolution",
            "Nghị quyết đảng ủy cơ sở đề nghị kết nạp đảng viên",
            "8-KNĐ",
            FORMS_GUIDANCE,
            CANDIDATE,
            "NQ",
            Action.COMMITTEE_DECISIONS,
            people.build_committee_resolution,
            Stage.PROPOSED,
        ),
        DocumentKind(
            "decision",
            "Quyết định kết nạp đảng viên",
            "9-KNĐ",
            FORMS_GUIDANCE,
            CANDIDATE,
            "QĐ",
            Action.COMMITTEE_DECISIONS,
            decisions.build_decision,
            Stage.DECIDED,
        ),
        DocumentKind(
            "recognition-resolution",
            "Nghị quyết chi bộ đề nghị công nhận đảng viên chính thức",
            "13-KNĐ",
            FORMS_GUIDANCE,
            CANDIDATE,
            "NQ",
            Action.EDIT_CANDIDATES,
            people.build_recognition_resolution,
            Stage.OFFICIAL,
        ),
        DocumentKind(
            "recognition-decision",
            "Quyết định công nhận đảng viên chính thức",
            "",
            FORMS_GUIDANCE,
            CANDIDATE,
            "QĐ",
            Action.COMMITTEE_DECISIONS,
            decisions.build_recognition_decision,
            Stage.OFFICIAL,
        ),
        DocumentKind(
            "strike-off",
            "Quyết định xóa tên đảng viên dự bị",
            "",
            FORMS_GUIDANCE,
            CANDIDATE,
            "QĐ",
            Action.COMMITTEE_DECISIONS,
            decisions.build_strike_off,
        ),
        DocumentKind(
            "statistics",
            "Báo cáo thống kê đảng viên mới kết nạp",
            "",
            STATISTICS_GUIDANCE,
            UNIT,
            "BC",
            Action.VIEW,
            statistics.build_statistics,
            description="Cả năm hoặc 6 tháng, cho mọi đơn vị, theo ngày quyết định kết nạp.",
        ),
        DocumentKind(
            "introduction",
            "Giấy giới thiệu người vào Đảng",
            "3-KNĐ",
            FORMS_GUIDANCE,
            CANDIDATE,
            "",
            Action.EDIT_CANDIDATES,
            papers.build_introduction,
            Stage.PROPOSED,
            "Mỗi người giới thiệu một trang.",
        ),
        DocumentKind(
            "union-resolution",
            "Nghị quyết giới thiệu đoàn viên (công đoàn viên) vào Đảng",
            "4-KNĐ",
            FORMS_GUIDANCE,
            CANDIDATE,
            "",
            Action.EDIT_CANDIDATES,
            papers.build_union_resolution,
            Stage.PROPOSED,
            "4-KNĐ của Đoàn, 4a-KNĐ của Công đoàn.",
        ),
        DocumentKind(
            "comments-summary",
            "Tổng hợp ý kiến nhận xét của đoàn thể và chi ủy nơi cư trú",
            "5-KNĐ",
            FORMS_GUIDANCE,
            CANDIDATE,
            "",
            Action.EDIT_CANDIDATES,
            papers.build_comments_summary,
            Stage.PROPOSED,
        ),
        DocumentKind(
            "appraisal",
            "Báo cáo thẩm định của đảng ủy bộ phận",
            "7-KNĐ",
            FORMS_GUIDANCE,
            CANDIDATE,
            "BC",
            Action.COMMITTEE_DECISIONS,
            papers.build_appraisal,
            Stage.PROPOSED,
        ),
        DocumentKind(
            "ceremony",
            "Chương trình và biên bản lễ kết nạp",
            "",
            FORMS_GUIDANCE,
            CANDIDATE,
            "",
            Action.EDIT_CANDIDATES,
            papers.build_ceremony,
            Stage.PROBATIONARY,
        ),
        DocumentKind(
            "self-review",
            "Bản tự kiểm điểm của đảng viên dự bị",
            "10-KNĐ",
            FORMS_GUIDANCE,
            CANDIDATE,
            "",
            Action.EDIT_CANDIDATES,
            papers.build_self_review,
            Stage.PROBATIONARY,
        ),
        DocumentKind(
            "helper-assessment",
            "Bản nhận xét của đảng viên giúp đỡ",
            "11-KNĐ",
            FORMS_GUIDANCE,
            CANDIDATE,
            "",
            Action.EDIT_CANDIDATES,
            papers.build_helper_assessment,
            Stage.PROBATIONARY,
        ),
        DocumentKind(
            "probation-comments",
            "Tổng hợp ý kiến nhận xét đối với đảng viên dự bị",
            "12-KNĐ",
            FORMS_GUIDANCE,
            CANDIDATE,
            "",
            Action.EDIT_CANDIDATES,
            papers.build_probation_comments,
            Stage.PROBATIONARY,
        ),
    )
}

# A person's papers in the order of the pipeline.
PIPELINE_ORDER = [
    "sympathizer-list",
    "introduction",
    "union-resolution",
    "comments-summary",
    "cell-resolution",
    "appraisal",
    "committee-resolution",
    "decision",
    "ceremony",
    "self-review",
    "helper-assessment",
    "probation-comments",
    "recognition-resolution",
    "recognition-decision",
    "strike-off",
]
PERSON_KINDS = [KINDS[slug] for slug in PIPELINE_ORDER]
assert {k.slug for k in PERSON_KINDS} == {k.slug for k in KINDS.values() if k.subject == CANDIDATE}


def get_kind(slug: str) -> DocumentKind:
    from .base import DocumentError

    try:
        return KINDS[slug]
    except KeyError:
        raise DocumentError(f"Không có loại văn bản “{slug}”. Các loại: {', '.join(KINDS)}.") from None
