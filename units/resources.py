"""Import of the unit tree: Mã đơn vị, Tên đơn vị, Loại tổ chức, Mã đơn vị cấp trên.

A unit is matched by its code. Re-importing the same file changes nothing. A row without a
parent code keeps an existing unit where it is; a *new* unit without a parent becomes a root,
which only a superuser (or the command line without --user) may create — for a scoped user the
row is an error that names the row (put the parent's code in the file)."""

from spreadsheets.resource import RowData, RowError, SpreadsheetResource, iter_chunks
from spreadsheets.table import Column
from spreadsheets.widgets import ChoiceWidget, TextWidget
from vietnamese.text import fold, format_int

from .models import PartyUnit, UnitKind
from .scope import Action, can, in_scope, unknown_unit_message
from .services import unit_create, unit_move, unit_update

# Every way people name a kind (DOMAIN.md), compared without case, diacritics or punctuation.
KIND_WORDS = {
    **{label: value for value, label in UnitKind.choices},
    **{value: value for value in UnitKind.values},
    "Đảng bộ tỉnh": UnitKind.PROVINCE,
    "Tỉnh ủy": UnitKind.PROVINCE,
    "Thành ủy": UnitKind.PROVINCE,
    "Đảng bộ thành phố trực thuộc trung ương": UnitKind.PROVINCE,
    "Đảng bộ huyện": UnitKind.DISTRICT,
    "Huyện ủy": UnitKind.DISTRICT,
    "Thị ủy": UnitKind.DISTRICT,
    "Quận ủy": UnitKind.DISTRICT,
    "Đảng bộ quận": UnitKind.DISTRICT,
    "Đảng bộ thị xã": UnitKind.DISTRICT,
    "Đảng bộ thành phố": UnitKind.DISTRICT,
    "Đảng bộ thị xã/thành phố": UnitKind.DISTRICT,
    "Đảng bộ xã": UnitKind.COMMUNE,
    "Đảng bộ phường": UnitKind.COMMUNE,
    "Đảng bộ đặc khu": UnitKind.COMMUNE,
    "Đảng bộ thị trấn": UnitKind.COMMUNE,
    "Đảng bộ xã/phường": UnitKind.COMMUNE,
    "Đảng ủy xã": UnitKind.COMMUNE,
    "Đảng ủy phường": UnitKind.COMMUNE,
    "Đảng ủy xã/phường": UnitKind.COMMUNE,
    "Đảng ủy đặc khu": UnitKind.COMMUNE,
    "Đảng bộ khối": UnitKind.BLOC,
    "Đảng ủy khối": UnitKind.BLOC,
    "Đảng bộ cơ sở": UnitKind.GRASSROOTS,
    "Đảng ủy cơ sở": UnitKind.GRASSROOTS,
    "Tổ chức cơ sở đảng": UnitKind.GRASSROOTS,
    "Chi bộ cơ sở": UnitKind.GRASSROOTS_CELL,
    "Đảng bộ bộ phận": UnitKind.PARTIAL,
    "Chi bộ trực thuộc": UnitKind.CELL,
    "Chi bộ": UnitKind.CELL,
}


def _kind_prefix(text: str) -> str | None:
    """ "Đảng bộ khối doanh nghiệp tỉnh" -> bloc; "Đảng bộ xã Tân Hòa" -> commune."""
    key = fold(text)
    for prefix in ("dang bo khoi", "dang uy khoi"):
        if key.startswith(prefix):
            return UnitKind.BLOC
    return None


class UnitResource(SpreadsheetResource):
    kind = "units"
    title = "Cây tổ chức đảng"
    description = "Mã, tên, loại tổ chức và mã đơn vị cấp trên. Nhập lại cùng tệp không thay đổi gì."
    right = Action.MANAGE_UNITS
    key_columns = ("code",)
    columns = [
        Column(
            "code",
            "Mã đơn vị",
            TextWidget(40),
            ("Mã", "Mã tổ chức đảng", "Mã TCĐ", "Mã tổ chức", "Mã chi, đảng bộ"),
            True,
            "TP-TH-DONG",
        ),
        Column(
            "name",
            "Tên đơn vị",
            TextWidget(255),
            ("Tên", "Tên tổ chức đảng", "Tên tổ chức", "Tên chi, đảng bộ", "Đơn vị"),
            True,
            "Chi bộ thôn Đông",
        ),
        Column(
            "unit_kind",
            "Loại tổ chức",
            ChoiceWidget(KIND_WORDS, fallback=_kind_prefix, hint="ví dụ “Đảng bộ cơ sở”, “Chi bộ trực thuộc”"),
            ("Loại", "Loại hình tổ chức", "Loại tổ chức đảng", "Loại đơn vị", "Cấp"),
            True,
            "Chi bộ trực thuộc",
        ),
        Column(
            "parent_code",
            "Mã đơn vị cấp trên",
            TextWidget(40),
            ("Mã cấp trên", "Cấp trên", "Trực thuộc", "Mã đơn vị trực thuộc", "Thuộc đơn vị", "Mã cấp ủy cấp trên"),
            False,
            "TP-TH",
        ),
    ]

    def prefetch(self, rows):
        codes = set()
        self.file_rows: dict[str, dict] = {}
        for row in rows:
            code = self.clean_key("code", row.get("code"))
            parent = self.clean_key("parent_code", row.get("parent_code"))
            if code:
                codes.add(code)
                self.file_rows.setdefault(code, row)
            if parent:
                codes.add(parent)
        self.existing: dict[str, PartyUnit] = {}
        for chunk in iter_chunks(sorted(codes)):
            self.existing.update({u.code: u for u in PartyUnit.objects.filter(code__in=chunk)})
        parent_paths = {u.parent_path for u in self.existing.values() if u.depth > 1}
        self.code_by_path: dict[str, str] = {}
        for chunk in iter_chunks(sorted(parent_paths)):
            self.code_by_path.update(dict(PartyUnit.objects.filter(path__in=chunk).values_list("path", "code")))
        self.seen: dict[str, int] = {}

    def _is_scoped(self) -> bool:
        return self.user is not None and not getattr(self.user, "is_superuser", False)

    def check_row(self, row: RowData, errors):
        code, name, parent_code = row.code or "", row.name or "", row.parent_code or ""
        row.label = f"{code} — {name}" if code and name else code or name
        if not code:
            errors["code"].append("thiếu mã đơn vị.")
        if not name and "name" not in errors:
            errors["name"].append("thiếu tên đơn vị.")
        if not row.unit_kind and "unit_kind" not in errors:
            errors["unit_kind"].append("thiếu loại tổ chức.")
        if not code:
            return
        if code in self.seen:
            errors["code"].append(f"mã “{code}” trùng với dòng {self.seen[code]}.")
            return
        self.seen[code] = row.number
        if parent_code == code:
            errors["parent_code"].append("đơn vị không thể là cấp trên của chính nó.")
            return
        parent = self.existing.get(parent_code) if parent_code else None
        if parent is not None and self._is_scoped() and not in_scope(self.user, parent):
            parent = None  # outside the scope reads exactly like a code that does not exist
            if parent_code not in self.file_rows:
                errors["parent_code"].append(f"cấp trên: {unknown_unit_message(parent_code)}")
                return
        if parent_code and parent is None and parent_code not in self.file_rows:
            errors["parent_code"].append(f"cấp trên: {unknown_unit_message(parent_code)}")
        unit = self.existing.get(code)
        if unit is not None:
            row.unit = unit
            if self._is_scoped() and not in_scope(self.user, unit):
                errors["code"].append(f"mã “{code}” đã được dùng hoặc nằm ngoài phạm vi quản lý của bạn.")
                return
            if self._is_scoped() and not can(self.user, Action.MANAGE_UNITS, unit):
                errors["code"].append(f"bạn không có quyền sửa đơn vị “{code}”.")
                return
            current_parent = self.code_by_path.get(unit.parent_path) if unit.depth > 1 else None
            row.matched = f"{unit.code} — {unit.name}" + (f" (trực thuộc {current_parent})" if current_parent else "")
            row.move = bool(parent_code) and parent_code != current_parent
            if row.move and parent is not None and parent.path.startswith(unit.path):
                errors["parent_code"].append(f"không thể đặt “{code}” dưới đơn vị trực thuộc của chính nó.")
            row.changes = {k: v for k, v in (("name", name), ("kind", row.unit_kind)) if v and getattr(unit, k) != v}
            row.status = "update" if row.changes or row.move else "unchanged"
        else:
            row.status = "new"
            if parent is not None:
                if self._is_scoped() and not can(self.user, Action.MANAGE_UNITS, parent):
                    errors["parent_code"].append(f"bạn không có quyền thêm đơn vị vào “{parent_code}”.")
            elif not parent_code and self._is_scoped():
                errors["parent_code"].append(
                    "đơn vị mới cần mã đơn vị cấp trên (chỉ quản trị hệ thống được tạo đơn vị cấp cao nhất)."
                )

    def commit(self, rows):
        created: dict[str, PartyUnit] = {}
        todo = [r for r in rows if r.status == "new"]
        while todo:
            progress = []
            for r in todo:
                parent = None
                if r.parent_code:
                    parent = created.get(r.parent_code) or self.existing.get(r.parent_code)
                    if parent is None:
                        continue  # its parent is a new unit not created yet
                try:
                    created[r.code] = unit_create(
                        parent=parent, code=r.code, name=r.name, kind=r.unit_kind, actor=self.user
                    )
                except Exception as exc:
                    raise RowError(r.number, _message(exc)) from exc
                progress.append(r)
            if not progress:
                raise RowError(todo[0].number, "các đơn vị mới tham chiếu vòng tròn đến nhau qua mã cấp trên.")
            todo = [r for r in todo if r not in progress]
        for r in rows:
            if r.status != "update":
                continue
            try:
                if r.changes:
                    unit_update(unit=r.unit, actor=self.user, **r.changes)
                if r.move:
                    new_parent = created.get(r.parent_code) or PartyUnit.objects.get(code=r.parent_code)
                    unit_move(unit=r.unit, new_parent=new_parent, actor=self.user)
            except Exception as exc:
                raise RowError(r.number, _message(exc)) from exc
        if created:
            self.summary.append(f"Đã tạo {format_int(len(created))} đơn vị.")


def _message(exc: Exception) -> str:
    messages = getattr(exc, "messages", None)
    return " ".join(messages) if messages else str(exc)
