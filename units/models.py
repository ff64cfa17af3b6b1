from django.conf import settings
from django.db import models
from django.db.models import Q
from simple_history.models import HistoricalRecords
from treebeard.mp_tree import MP_Node

from vietnamese.text import clean_text, fold


class UnitKind(models.TextChoices):
    PROVINCE = "province", "Đảng bộ tỉnh/thành phố"
    DISTRICT = "district", "Đảng bộ huyện (trước 07/2025)"
    COMMUNE = "commune", "Đảng bộ xã/phường/đặc khu"
    BLOC = "bloc", "Đảng bộ khối/cơ quan tỉnh"
    GRASSROOTS = "grassroots", "Đảng bộ cơ sở"
    GRASSROOTS_CELL = "grassroots_cell", "Chi bộ cơ sở"
    PARTIAL = "partial", "Đảng bộ bộ phận"
    CELL = "cell", "Chi bộ trực thuộc"


# Units that hold members and candidates directly (a cell's list of cảm tình Đảng).
CELL_KINDS = (UnitKind.CELL, UnitKind.GRASSROOTS_CELL)
# Grassroots party organizations (tổ chức cơ sở đảng), counted in the year-end summary.
GRASSROOTS_KINDS = (UnitKind.GRASSROOTS, UnitKind.GRASSROOTS_CELL)


class Sector(models.TextChoices):
    COMMUNE = "commune", "Xã, phường, đặc khu"
    AGENCY = "agency", "Cơ quan"
    SCHOOL = "school", "Trường học, đơn vị sự nghiệp"
    STATE_ENTERPRISE = "state_enterprise", "Doanh nghiệp nhà nước"
    PRIVATE_ENTERPRISE = "private_enterprise", "Doanh nghiệp tư nhân, có vốn nước ngoài"
    ARMED_FORCES = "armed_forces", "Lực lượng vũ trang"
    OTHER = "other", "Khác"


class PartyUnit(MP_Node):
    """A party organization. The tree is a materialized path (treebeard): a subtree is one
    indexed `path LIKE 'prefix%'` query, whatever the depth."""

    code = models.CharField("mã đơn vị", max_length=40, unique=True)
    name = models.CharField("tên đơn vị", max_length=255)
    kind = models.CharField("loại tổ chức", max_length=20, choices=UnitKind.choices)
    sector = models.CharField("khối, lĩnh vực", max_length=20, choices=Sector.choices, default=Sector.OTHER)
    valid_from = models.DateField("hiệu lực từ", null=True, blank=True)
    valid_to = models.DateField("hết hiệu lực", null=True, blank=True)
    successor = models.ForeignKey(
        "self", verbose_name="đơn vị kế thừa", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    member_count = models.PositiveIntegerField("số đảng viên đầu năm", null=True, blank=True)
    # Who introduces a candidate depends on the mass organizations of the unit (Điều lệ Đảng, Điều 4.1);
    # None = not recorded.
    has_youth_union = models.BooleanField("có tổ chức Đoàn", null=True, blank=True)
    has_trade_union = models.BooleanField("có tổ chức Công đoàn", null=True, blank=True)
    # A grassroots committee authorized to admit members decides itself (a recorded authorization).
    admission_authorization_number = models.CharField("số văn bản ủy quyền kết nạp", max_length=60, blank=True)
    admission_authorization_date = models.DateField("ngày ủy quyền kết nạp", null=True, blank=True)
    admission_authorized_by = models.ForeignKey(
        "self", verbose_name="cấp ủy ủy quyền", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    search_name = models.CharField(max_length=255, editable=False, db_index=True, default="")
    # Optimistic locking (as Candidate.version): every edit increments it; an older form is refused.
    version = models.PositiveIntegerField(default=1, editable=False)
    history = HistoricalRecords(excluded_fields=["path", "depth", "numchild", "search_name"])

    # The lookup from this model to a unit path, used by units.scope.
    scope_path = "path"

    class Meta:
        verbose_name = "tổ chức đảng"
        verbose_name_plural = "tổ chức đảng"
        constraints = [
            models.CheckConstraint(
                condition=Q(valid_to__isnull=True)
                | Q(valid_from__isnull=True)
                | Q(valid_to__gte=models.F("valid_from")),
                name="units_partyunit_valid_to_after_from",
            ),
            models.CheckConstraint(condition=~Q(name=""), name="units_partyunit_name_not_empty"),
            models.CheckConstraint(condition=~Q(code=""), name="units_partyunit_code_not_empty"),
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def label(self) -> str:
        """The name to show where names repeat ("Chi bộ thôn Đoài — xã Tân Hòa"), once
        units.labels.label_units has been called on this unit; otherwise the name."""
        return getattr(self, "_label", None) or self.name

    def save(self, *args, **kwargs):
        # Normalization of this row's own text (NFC, search key), not business logic.
        self.name = clean_text(self.name)
        self.code = clean_text(self.code)
        self.search_name = fold(self.name)
        super().save(*args, **kwargs)

    @property
    def is_active(self) -> bool:
        return self.valid_to is None

    @property
    def holds_candidates(self) -> bool:
        return self.kind in CELL_KINDS

    def valid_on(self, day) -> bool:
        """Whether the unit existed on a date (valid_to is its last day)."""
        return (self.valid_from is None or self.valid_from <= day) and (self.valid_to is None or day <= self.valid_to)

    def authorized_on(self, day) -> bool:
        """A grassroots committee authorized to admit members on a date."""
        return bool(
            self.kind in GRASSROOTS_KINDS
            and self.admission_authorization_number
            and self.admission_authorization_date
            and self.admission_authorization_date <= day
        )

    @property
    def parent_path(self) -> str:
        return self.path[: -self.steplen] if self.depth > 1 else ""

    def ancestor_paths(self) -> list[str]:
        return [self.path[: self.steplen * i] for i in range(1, self.depth)]


class UnitMerge(models.Model):
    """The record of a merge: what was merged into what, when, by whom, and what moved."""

    source = models.ForeignKey(PartyUnit, verbose_name="đơn vị sáp nhập", on_delete=models.PROTECT, related_name="+")
    target = models.ForeignKey(PartyUnit, verbose_name="đơn vị tiếp nhận", on_delete=models.PROTECT, related_name="+")
    merged_on = models.DateField("ngày sáp nhập")
    decision = models.CharField("quyết định", max_length=120, blank=True)
    moved = models.JSONField("đã chuyển", default=dict, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL)

    class Meta:
        verbose_name = "sáp nhập đơn vị"
        verbose_name_plural = "sáp nhập đơn vị"
        ordering = ["-merged_on", "-id"]

    def __str__(self) -> str:
        return f"{self.source} → {self.target} ({self.merged_on:%d/%m/%Y})"


class Role(models.TextChoices):
    ORG_BOARD = "org_board", "Ban Tổ chức (quản lý toàn bộ)"
    COMMITTEE = "committee", "Cán bộ đảng ủy"
    SECRETARY = "secretary", "Bí thư chi bộ"
    TRAINING = "training", "Trung tâm Chính trị"
    VIEWER = "viewer", "Chỉ xem"


class Assignment(models.Model):
    """(user, unit, role): the user sees the unit's subtree with the role's rights."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="assignments")
    unit = models.ForeignKey(PartyUnit, verbose_name="đơn vị", on_delete=models.CASCADE, related_name="assignments")
    role = models.CharField("vai trò", max_length=20, choices=Role.choices)
    history = HistoricalRecords()

    class Meta:
        verbose_name = "phân công"
        verbose_name_plural = "phân công"
        constraints = [
            models.UniqueConstraint(fields=["user", "unit", "role"], name="units_assignment_unique_user_unit_role")
        ]

    def __str__(self) -> str:
        return f"{self.user} — {self.get_role_display()} — {self.unit}"
