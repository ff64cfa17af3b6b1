"""Demo quotas: yearly targets 2021–2026 for the province, its communes/blocs (and the historic
district while it existed), every grassroots unit and every cell, plus term targets 2020–2025 and
2025–2030 (targets near the demo candidates' real admissions when those exist).
Idempotent: only the missing (unit, year) rows are added; existing targets are left alone."""

import datetime

from django.db import transaction

from candidates.models import Candidate
from units.models import GRASSROOTS_KINDS, PartyUnit, UnitKind

from .models import Quota, TermTarget

YEARS = range(2021, 2027)
TERMS = [(2020, 2025), (2025, 2030)]
UPPER_KINDS = (UnitKind.PROVINCE, UnitKind.DISTRICT, UnitKind.COMMUNE, UnitKind.BLOC)


def _active_in(unit: PartyUnit, year: int) -> bool:
    start, end = datetime.date(year, 1, 1), datetime.date(year, 12, 31)
    return (unit.valid_from is None or unit.valid_from <= end) and (unit.valid_to is None or unit.valid_to >= start)


@transaction.atomic
def seed(rng, province: PartyUnit, stdout) -> None:
    units = list(
        PartyUnit.objects.filter(
            path__startswith=province.path, kind__in=[*GRASSROOTS_KINDS, *UPPER_KINDS, UnitKind.CELL]
        ).order_by("-depth", "path")
    )
    existing = set(Quota.objects.filter(unit__in=units).values_list("unit_id", "year"))
    # When the candidates' demo has run, aim the grassroots and cell targets near what they really
    # admit, so the dashboard shows a mix of units that met their target and units behind.
    admitted: dict[tuple[str, int], int] = {}
    decisions = Candidate.objects.filter(
        admitting_unit__path__startswith=province.path, decision_date__isnull=False
    ).values_list("admitting_unit__path", "decision_date")
    for path, day in decisions:
        for length in range(len(province.path), len(path) + 1, PartyUnit.steplen):
            key = (path[:length], day.year)
            admitted[key] = admitted.get(key, 0) + 1
    today = datetime.date.today()
    new: list[Quota] = []
    for year in YEARS:
        # Grassroots units plan 2–5 a year ("mỗi năm kết nạp 3–5"); upper levels get a little less
        # than the sum of what lies below them (children's targets need not add up exactly).
        sums: dict[str, int] = {}

        def below(unit: PartyUnit, sums: dict[str, int] = sums) -> int:
            return sum(n for path, n in sums.items() if path.startswith(unit.path) and len(path) == len(unit.path) + 4)

        for unit in units:  # deepest first, so a unit's subtree is summed before it
            if not _active_in(unit, year):
                # A unit of today's tree that did not exist yet (a commune before 07/2025): the targets of
                # the units under it were set by the level above at the time, so they pass through to it.
                passed = below(unit)
                if passed:
                    sums[unit.path] = passed
                continue
            real = admitted.get((unit.path, year), 0)
            if year == today.year:  # the whole year's likely figure
                real = real * 365 // max(today.timetuple().tm_yday, 1)
            if admitted and not real and year < today.year and unit.kind not in UPPER_KINDS:
                # A past year in which the unit admitted nobody: it had no target of its own (the upper
                # level's target then covers what was really planned, and past years read 80–120 %).
                continue
            if unit.kind == UnitKind.CELL:
                target = max(1, round(real * rng.uniform(0.8, 1.3)))
                target_max = None
            elif unit.kind in GRASSROOTS_KINDS:
                target = max(1, round(real * rng.uniform(0.8, 1.3))) if admitted else rng.randint(2, 5)
                target_max = target + rng.choice([0, 1, 2])
            else:
                total = below(unit)
                if not total:
                    continue
                target = max(1, round(total * rng.uniform(0.9, 1.0)))
                target_max = None
            sums[unit.path] = target
            if (unit.pk, year) not in existing:
                new.append(
                    Quota(
                        unit=unit,
                        year=year,
                        target=target,
                        target_max=target_max if target_max and target_max > target else None,
                        document=f"{rng.randint(10, 99)}-KH/{'TU' if unit.depth == 1 else 'ĐU'}",
                        note="Dữ liệu mẫu",
                    )
                )
    Quota.objects.bulk_create(new)
    terms = 0
    for unit in units:
        if unit.kind not in UPPER_KINDS:
            continue
        for first, last in TERMS:
            yearly = list(
                Quota.objects.filter(unit=unit, year__gte=first, year__lte=last).values_list("target", flat=True)
            )
            if not yearly:
                continue
            _, created = TermTarget.objects.get_or_create(
                unit=unit,
                first_year=first,
                defaults={
                    "last_year": last,
                    "target": round(sum(yearly) / len(yearly) * (last - first + 1)),
                    "document": "Nghị quyết Đại hội",
                },
            )
            terms += created
    stdout.write(f"Chỉ tiêu mẫu: thêm {len(new)} chỉ tiêu năm, {terms} chỉ tiêu nhiệm kỳ.")
