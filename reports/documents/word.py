"""Word output with docxtpl: the shipped templates (reports/documents/templates/<kind>.docx, written
by make_templates.py) or an office's own upload for its unit. Uploaded templates run in Jinja's
sandbox with every value XML-escaped, and are checked on upload: a placeholder the shipped template
does not use is refused, with the list of valid ones."""

import io
import zipfile
from functools import lru_cache
from pathlib import Path

from docx import Document
from docx.opc.oxml import parse_xml
from docxtpl import DocxTemplate
from jinja2 import TemplateError, TemplateSyntaxError, meta, nodes
from jinja2.sandbox import SandboxedEnvironment

from .base import DocumentError
from .make_templates import TEMPLATE_DIR

MAX_TEMPLATE_BYTES = 2 * 1024 * 1024
JINJA_BUILTINS = {"loop"}
LOOP_FIELDS = {"index", "index0", "first", "last", "length", "revindex"}

# What each common placeholder means (shown beside the list of valid placeholders on the upload page).
DESCRIPTIONS = {
    "form_line": "mẫu và hướng dẫn áp dụng",
    "issuer_superior": "tên cấp trên (dòng 1 góc trái)",
    "issuer_body": "tên cơ quan ban hành (dòng 2, in đậm)",
    "number_line": "“Số 12-NQ/CB”",
    "place_date": "địa danh, ngày tháng năm",
    "signer_on_behalf": "“T/M CHI BỘ”, “T/M BAN THƯỜNG VỤ”…",
    "signer_title": "chức vụ người ký",
    "signer_note": "(Ký, ghi rõ họ tên, đóng dấu)",
    "signer_name": "họ tên người ký",
    "recipients": "danh sách nơi nhận",
    "full_name": "họ và tên",
    "birth_date": "ngày sinh",
}


def _env() -> SandboxedEnvironment:
    return SandboxedEnvironment(autoescape=True)


def default_path(slug: str) -> Path:
    return TEMPLATE_DIR / f"{slug}.docx"


def _source(content: bytes) -> str:
    """The Jinja source docxtpl would render: body, headers and footers, with its tag patches."""
    tpl = DocxTemplate(io.BytesIO(content))
    doc = Document(io.BytesIO(content))
    xml = tpl.patch_xml(tpl.xml_to_string(doc._element.body))
    for uri in (tpl.HEADER_URI, tpl.FOOTER_URI):
        for rel in doc.part.rels.values():
            if rel.reltype == uri and rel.target_part.blob:
                xml += tpl.patch_xml(tpl.xml_to_string(parse_xml(rel.target_part.blob)))
    return xml


def placeholders(content: bytes) -> tuple[set[str], dict[str, set[str]]]:
    """(top-level names, {list name: attributes read on its loop variable}) of a template."""
    try:
        ast = _env().parse(_source(content))
    except TemplateSyntaxError as exc:
        raise DocumentError(f"Mẫu có thẻ {{{{ … }}}} hoặc {{% … %}} viết sai: {exc.message}.") from None
    top = set(meta.find_undeclared_variables(ast))
    loop_lists: dict[str, str] = {}
    for loop in ast.find_all(nodes.For):
        if isinstance(loop.target, nodes.Name) and isinstance(loop.iter, nodes.Name):
            loop_lists[loop.target.name] = loop.iter.name
    attrs: dict[str, set[str]] = {}
    for node in ast.find_all(nodes.Getattr):
        if isinstance(node.node, nodes.Name):
            # A loop variable's fields are those of its list; any other name's are its own.
            base = loop_lists.get(node.node.name, node.node.name)
            attrs.setdefault(base, set()).add(node.attr)
        else:
            attrs.setdefault("", set()).add(node.attr)  # chains (a.b.c) are never valid placeholders
    if next(ast.find_all(nodes.Getitem), None) is not None:
        attrs.setdefault("", set()).add("[]")
    return top, attrs


@lru_cache(maxsize=64)
def allowed(slug: str) -> tuple[frozenset[str], dict[str, frozenset[str]]]:
    top, attrs = placeholders(default_path(slug).read_bytes())
    attrs.pop("", None)
    attrs["loop"] = attrs.get("loop", set()) | LOOP_FIELDS
    return frozenset(top), {k: frozenset(v) for k, v in attrs.items()}


def valid_placeholders(slug: str) -> list[str]:
    top, attrs = allowed(slug)
    names = sorted(top)
    for base, fields in sorted(attrs.items()):
        names += [f"{base}.{f}" if base == "loop" else f"{base}[].{f}" for f in sorted(fields)]
    return names


def check_upload(slug: str, content: bytes) -> None:
    """Refuses a file that is not a .docx, or that uses a placeholder the kind does not provide."""
    if len(content) > MAX_TEMPLATE_BYTES:
        raise DocumentError("Tệp mẫu quá lớn (tối đa 2 MB).")
    if not zipfile.is_zipfile(io.BytesIO(content)):
        raise DocumentError("Tệp không phải văn bản Word .docx.")
    try:
        top, attrs = placeholders(content)
    except DocumentError:
        raise
    except Exception:
        raise DocumentError("Không đọc được tệp Word .docx này.") from None
    ok_top, ok_attrs = allowed(slug)
    unknown = sorted(top - ok_top - JINJA_BUILTINS)
    for base, fields in sorted(attrs.items()):
        if base and base not in ok_top and base not in ok_attrs and base not in JINJA_BUILTINS:
            continue  # the name itself is already reported as unknown above
        bad = sorted(fields - ok_attrs.get(base, frozenset()))
        unknown += [f"{base}[].{f}" if base in ok_attrs and base != "loop" else f"{base}.{f}" for f in bad]
    if unknown:
        raise DocumentError(
            "Mẫu có trường không hợp lệ: "
            + ", ".join(unknown)
            + ". Các trường hợp lệ: "
            + ", ".join(valid_placeholders(slug))
            + "."
        )


def render_docx(template: bytes | Path, context: dict) -> bytes:
    source = io.BytesIO(template) if isinstance(template, bytes) else str(template)
    tpl = DocxTemplate(source)
    try:
        tpl.render(context, jinja_env=_env(), autoescape=True)
    except TemplateError as exc:
        raise DocumentError(f"Mẫu Word của đơn vị không dùng được ({exc}); hãy tải lên lại hoặc xóa mẫu.") from None
    out = io.BytesIO()
    tpl.save(out)
    return out.getvalue()
