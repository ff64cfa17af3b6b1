from django.db import models
from django.db.models import F, Q
from simple_history.models import HistoricalRecords

from units.models import PartyUnit

MIN_YEAR = 2000
MAX_YEAR = 2100


class Quota(models.Model):
    """The admission target (chỉ tiêu kết nạp) of a unit for a year. `target` is the minimum that
    counts as met; `target_max` is the optional "strive for" figure of a range (3–5)."""

    unit = models.ForeignKey(PartyUnit, verbose_name="đơn vị", on_delete=models.PROTECT, related_name="quotas")
    year = models.PositiveSmallIntegerField("năm")
    target = models.PositiveIntegerField("chỉ tiêu")
    target_max = models.PositiveIntegerField("phấn đấu", null=True, blank=True)
    document = models.CharField("văn bản giao chỉ tiêu", max_length=120, blank=True)
    note = models.CharField("ghi chú", max_length=255, blank=True)
    updated_at = models.DateTimeField(auto_now=True)
    # Optimistic locking (as Candidate.version): every edit increments it; an older form is refused.
    version = models.PositiveIntegerField(default=1, editable=False)
    history = HistoricalRecords()

    scope_path = "unit__path"

    class Meta:
        verbose_name = "chỉ tiêu kết nạp"
        verbose_name_plural = "chỉ tiêu kết nạp"
        ordering = ["-year", "unit__path"]
        constraints = [
            models.UniqueConstraint(fields=["unit", "year"], name="quotas_quota_unique_unit_year"),
            models.CheckConstraint(condition=Q(year__gte=MIN_YEAR, year__lte=MAX_YEAR), name="quotas_quota_year_range"),
            models.CheckConstraint(
                condition=Q(target_max__isnull=True) | Q(target_max__gte=F("target")), name="quotas_quota_max_ge_target"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.unit} — {self.year}: {self.target}"


class TermTarget(models.Model):
    """A target over a committee term (nhiệm kỳ), e.g. 2020–2025: at least 500."""

    unit = models.ForeignKey(PartyUnit, verbose_name="đơn vị", on_delete=models.PROTECT, related_name="term_targets")
    first_year = models.PositiveSmallIntegerField("từ năm")
    last_year = models.PositiveSmallIntegerField("đến năm")
    target = models.PositiveIntegerField("chỉ tiêu nhiệm kỳ")
    document = models.CharField("văn bản", max_length=120, blank=True)
    history = HistoricalRecords()

    scope_path = "unit__path"

    class Meta:
        verbose_name = "chỉ tiêu nhiệm kỳ"
        verbose_name_plural = "chỉ tiêu nhiệm kỳ"
        ordering = ["-first_year", "unit__path"]
        constraints = [
            models.CheckConstraint(condition=Q(last_year__gte=F("first_year")), name="quotas_termtarget_last_ge_first"),
            models.UniqueConstraint(fields=["unit", "first_year"], name="quotas_termtarget_unique_unit_first_year"),
        ]

    def __str__(self) -> str:
        return f"{self.unit} — {self.first_year}–{self.last_year}: {self.target}"
