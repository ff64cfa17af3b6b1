"""One entry point for the web and the command: fetch the subject through the scope (404 outside it),
check the right (403), build the context (refusing when facts are missing), take or reuse the number
in the register, render Word (the unit's own template or the shipped one) or PDF (same context)."""

from dataclasses import dataclass

from django.core.exceptions import PermissionDenied
from django.http import Http404

from candidates.models import Candidate, Enrollment, TrainingClass
from candidates.selectors import class_list
from units.models import PartyUnit
from units.scope import can, get_scoped_or_404, scoped

from ..models import RegisterEntry, UnitTemplate
from .base import DocumentError, Prepared
from .kinds import CANDIDATE, CLASS, UNIT, DocumentKind, get_kind
from .layouts import LAYOUTS
from .numbering import register
from .pdf_renderer import render_pdf
from .word import default_path, render_docx

FORMATS = {
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "pdf": "application/pdf",
}
CANDIDATE_QS = Candidate.objects.select_related("cell")


@dataclass
class Output:
    content: bytes
    content_type: str
    filename: str
    entry: RegisterEntry


def _require(user, kind: DocumentKind, unit: PartyUnit) -> None:
    if not can(user, kind.right, unit):
        raise PermissionDenied("Vai trò của bạn không được lập văn bản này.")


def subject_candidate(user, pk) -> Candidate:
    return get_scoped_or_404(user, CANDIDATE_QS, pk=pk)


def subject_class(user, *, pk=None, code=None) -> TrainingClass:
    """A class the user may see (the classes page's rule: candidates.selectors.class_list)."""
    lookup = {"pk": pk} if pk is not None else {"code": code}
    try:
        return class_list(user).select_related("unit").get(**lookup)
    except (TrainingClass.DoesNotExist, TrainingClass.MultipleObjectsReturned, ValueError):
        raise Http404("Không tìm thấy lớp hoặc bạn không có quyền xem.") from None


def subject_unit(user, code: str) -> PartyUnit:
    return get_scoped_or_404(user, PartyUnit, code=code)


def prepare(
    *,
    user,
    slug: str,
    candidate_id=None,
    class_id=None,
    class_code=None,
    unit_code=None,
    year=None,
    half=None,
    scoped_candidate: Candidate | None = None,
) -> Prepared:
    """The document's context, without numbering it: raises Http404, PermissionDenied, DocumentError
    (DocumentIncomplete lists what is missing). `scoped_candidate`: the person already fetched through
    the user's scope (a person's page checks all their papers with one object)."""
    kind = get_kind(slug)
    if kind.subject == CANDIDATE:
        if scoped_candidate is not None:
            c = scoped_candidate
        elif candidate_id is None:
            raise DocumentError("Hãy chọn người (--candidate ID).")
        else:
            c = subject_candidate(user, candidate_id)
        _require(user, kind, c.cell)
        return kind.build(kind, c, scoped(user, Candidate))
    if kind.subject == CLASS:
        if class_id is None and not class_code:
            raise DocumentError("Hãy chọn lớp (--class MÃ_LỚP).")
        klass = subject_class(user, pk=class_id, code=class_code)
        enrollments = scoped(user, Enrollment)
        if slug == "certificates":
            _require(user, kind, klass.unit)
            return kind.build(
                kind, klass, Enrollment.objects.all() if can(user, kind.right, klass.unit) else enrollments
            )
        unit = subject_unit(user, unit_code) if unit_code else klass.unit
        _require(user, kind, unit)
        return kind.build(kind, klass, unit, enrollments)
    if kind.subject == UNIT:
        if not unit_code or year is None:
            raise DocumentError("Hãy chọn đơn vị và kỳ thống kê (--unit MÃ --period 2024 | 2024-H1 | 2024-H2).")
        unit = subject_unit(user, unit_code)
        _require(user, kind, unit)
        return kind.build(kind, unit, year, half, user=user)
    raise DocumentError(f"Loại văn bản “{slug}” chưa có cách lập.")  # pragma: no cover


def template_for(slug: str, unit: PartyUnit) -> bytes | None:
    """The office's own template for the issuing unit (that unit only), else None (the shipped one)."""
    row = UnitTemplate.objects.filter(unit=unit, document_kind=slug).only("content").first()
    return bytes(row.content) if row else None


def render(prepared: Prepared, entry: RegisterEntry | None, fmt: str) -> bytes:
    ctx = dict(prepared.context)
    if entry is not None and entry.number:
        ctx["number"] = entry.number
        ctx["number_line"] = f"Số {entry.number}"
    if fmt == "pdf":
        return render_pdf(LAYOUTS[prepared.kind.slug], ctx, title=prepared.kind.label)
    if fmt == "docx":
        own = template_for(prepared.kind.slug, prepared.issuer.unit)
        return render_docx(own if own is not None else default_path(prepared.kind.slug), ctx)
    raise DocumentError(f"Định dạng “{fmt}” không được hỗ trợ (docx hoặc pdf).")


def produce(*, user, slug: str, fmt: str, **subject) -> Output:
    if fmt not in FORMATS:
        raise DocumentError(f"Định dạng “{fmt}” không được hỗ trợ (docx hoặc pdf).")
    prepared = prepare(user=user, slug=slug, **subject)
    entry = register(prepared, user=user)
    content = render(prepared, entry, fmt)
    return Output(content, FORMATS[fmt], f"{prepared.filename}.{fmt}", entry)
