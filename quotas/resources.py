"""Import of yearly admission quotas: Mã đơn vị, Năm, Chỉ tiêu (+ Phấn đấu, Văn bản)."""

from django.utils import timezone
from simple_history.utils import bulk_create_with_history, bulk_update_with_history

from spreadsheets.resource import RowData, SpreadsheetResource, iter_chunks
from spreadsheets.table import Column
from spreadsheets.widgets import IntegerWidget, TextWidget
from units.models import PartyUnit
from units.scope import Action, in_scope, unknown_unit_message
from vietnamese.text import format_int

from .models import MAX_YEAR, MIN_YEAR, Quota
from .services import can_set_own_target


class QuotaResource(SpreadsheetResource):
    kind = "quotas"
    title = "Chỉ tiêu kết nạp"
    description = "Chỉ tiêu kết nạp đảng viên của từng đơn vị theo năm (có thể kèm mức phấn đấu và văn bản giao)."
    right = Action.SET_QUOTAS
    key_columns = ("unit_code", "year")
    depends_on = ("units.PartyUnit", "units.Assignment", "quotas.Quota", "quotas.TermTarget")
    columns = [
        Column("unit_code", "Mã đơn vị", TextWidget(40), ("Mã", "Mã tổ chức đảng", "Mã chi, đảng bộ"), True, "TP-TH"),
        Column("year", "Năm", IntegerWidget(), ("Năm giao", "Năm kế hoạch"), True, 2026),
        Column(
            "target",
            "Chỉ tiêu",
            IntegerWidget(),
            ("Chỉ tiêu kết nạp", "Số chỉ tiêu", "Chỉ tiêu tối thiểu", "Chỉ tiêu giao"),
            True,
            5,
        ),
        Column("target_max", "Phấn đấu", IntegerWidget(), ("Chỉ tiêu phấn đấu", "Mức phấn đấu"), False, 7),
        Column(
            "document",
            "Văn bản",
            TextWidget(120),
            ("Văn bản giao", "Văn bản giao chỉ tiêu", "Số văn bản", "Căn cứ"),
            False,
            "51-KH/TU",
        ),
    ]

    def prefetch(self, rows):
        codes = {c for r in rows if (c := self.clean_key("unit_code", r.get("unit_code")))}
        self.units: dict[str, PartyUnit] = {}
        for chunk in iter_chunks(sorted(codes)):
            self.units.update({u.code: u for u in PartyUnit.objects.filter(code__in=chunk)})
        parent_paths = {u.parent_path for u in self.units.values() if u.depth > 1}
        self.parents: dict[str, PartyUnit] = {}
        for chunk in iter_chunks(sorted(parent_paths)):
            self.parents.update({u.path: u for u in PartyUnit.objects.filter(path__in=chunk)})
        self.existing: dict[tuple, Quota] = {}
        ids = [u.pk for u in self.units.values()]
        for chunk in iter_chunks(ids):
            self.existing.update({(q.unit_id, q.year): q for q in Quota.objects.filter(unit_id__in=chunk)})
        self.seen: dict[tuple, int] = {}

    def check_row(self, row: RowData, errors):
        row.label = f"{row.unit_code or ''} — {row.year or ''}"
        if not row.unit_code:
            errors["unit_code"].append("thiếu mã đơn vị.")
        if row.year is None and "year" not in errors:
            errors["year"].append("thiếu năm.")
        elif row.year is not None and not (MIN_YEAR <= row.year <= MAX_YEAR):
            errors["year"].append(f"năm {row.year} ngoài khoảng {MIN_YEAR}–{MAX_YEAR}.")
        if row.target is None and "target" not in errors:
            errors["target"].append("thiếu chỉ tiêu.")
        elif row.target is not None and row.target < 0:
            errors["target"].append("chỉ tiêu không được âm.")
        if row.target_max is not None and row.target is not None and row.target_max < row.target:
            errors["target_max"].append(f"mức phấn đấu ({row.target_max}) nhỏ hơn chỉ tiêu ({row.target}).")
        unit = self.units.get(row.unit_code) if row.unit_code else None
        if unit is not None and self.user is not None and not in_scope(self.user, unit):
            unit = None  # outside the scope reads exactly like a code that does not exist
        if row.unit_code and unit is None:
            errors["unit_code"].append(unknown_unit_message(row.unit_code))
        elif (
            unit is not None
            and self.user is not None
            and not can_set_own_target(self.user, unit, self.parents.get(unit.parent_path) if unit.depth > 1 else None)
        ):
            # The same rule as the allocation form: a unit's own target is set by the level above.
            errors["unit_code"].append(
                f"bạn không được giao chỉ tiêu cho “{row.unit_code}”: chỉ tiêu của một đơn vị do cấp trên giao."
            )
        if errors:
            return
        row.label = f"{unit.name} — {row.year}"
        row.matched = f"{unit.code} — {unit.name}"
        key = (unit.pk, row.year)
        if key in self.seen:
            errors["unit_code"].append(f"đơn vị “{row.unit_code}” năm {row.year} trùng với dòng {self.seen[key]}.")
            return
        self.seen[key] = row.number
        row.unit = unit
        quota = self.existing.get(key)
        row.quota = quota
        values = {"target": row.target, "target_max": row.target_max, "document": row.document or ""}
        if quota is None:
            row.status = "new"
        else:
            row.changes = {k: v for k, v in values.items() if getattr(quota, k) != v}
            row.status = "update" if row.changes else "unchanged"

    def commit(self, rows):
        actor = self.user if getattr(self.user, "pk", None) else None
        created = [
            Quota(
                unit=r.unit,
                year=r.year,
                target=r.target,
                target_max=r.target_max,
                document=r.document or "",
            )
            for r in rows
            if r.status == "new"
        ]
        bulk_create_with_history(created, Quota, batch_size=500, default_user=actor)
        updated = []
        for r in rows:
            if r.status == "update":
                for k, v in r.changes.items():
                    setattr(r.quota, k, v)
                updated.append(r.quota)
        if updated:
            now = timezone.now()
            for quota in updated:
                quota.updated_at = now
                quota.version += 1
            bulk_update_with_history(
                updated,
                Quota,
                ["target", "target_max", "document", "updated_at", "version"],
                batch_size=500,
                default_user=actor,
            )
        self.summary.append(
            f"Đã thêm {format_int(len(created))} chỉ tiêu, cập nhật {format_int(len(updated))} chỉ tiêu."
        )
