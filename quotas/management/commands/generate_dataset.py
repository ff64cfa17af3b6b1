"""A synthetic but realistic dataset for measuring: a tree of units, candidates over five years, and
quotas, written with bulk inserts (paths computed here, see quotas.dataset).

    SQLITE_PATH=var/bench.sqlite3 python manage.py migrate
    SQLITE_PATH=var/bench.sqlite3 python manage.py generate_dataset --scale province

Scales (per province: communes/blocs, grassroots units, cells incl. chi bộ cơ sở, candidates):
    district  1 province,    4 communes,     40 grassroots,     120 cells,     3,000 candidates
    province  1 province,   64 communes,  1,000 grassroots,   3,000 cells,   100,000 candidates
    nation   34 provinces, 100 communes each: 50,000 grassroots, 270,000 cells, 1,000,000 candidates
"""

import datetime
import random
import time

from django.core.management.base import BaseCommand, CommandError
from django.db import connection, transaction

from candidates.models import Candidate, ExitReason, GeneralEducation, Occupation, Sex, Stage
from candidates.rules import add_months
from quotas.dataset import new_unit, prepare_candidate, set_numchild
from quotas.models import Quota
from units.models import PartyUnit, Sector, UnitKind
from vietnamese.text import format_int

SCALES = {
    "district": {"provinces": 1, "communes": 4, "grassroots": 40, "cells": 120, "candidates": 3_000},
    "province": {"provinces": 1, "communes": 64, "grassroots": 1_000, "cells": 3_000, "candidates": 100_000},
    "nation": {"provinces": 34, "communes": 100, "grassroots": 1_471, "cells": 7_941, "candidates": 29_412},
}
YEARS = range(2022, 2027)
FAMILY = ["Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Huỳnh", "Phan", "Vũ", "Võ", "Đặng", "Bùi", "Đỗ", "Hồ", "Ngô"]
MIDDLE_M = ["Văn", "Hữu", "Đức", "Minh", "Quang", "Công", "Thành", "Ngọc"]
MIDDLE_F = ["Thị", "Ngọc", "Thu", "Thanh", "Minh", "Phương", "Hồng", "Kim"]
GIVEN_M = ["An", "Bình", "Cường", "Dũng", "Đạt", "Hải", "Hùng", "Khánh", "Long", "Nam", "Phúc", "Quân", "Sơn", "Tùng"]
GIVEN_F = ["Anh", "Chi", "Dung", "Hà", "Hằng", "Hoa", "Hương", "Lan", "Linh", "Mai", "Ngân", "Nhung", "Thảo", "Yến"]
PLACES = ["Tân Hòa", "Phú Xuân", "Hòa Bình", "Đông Sơn", "Yên Lạc", "Nghĩa Hưng", "Thạch Bàn", "Ứng Hòa", "Mỹ Đức"]


def _split(total: int, parts: int, rng: random.Random, minimum: int = 1) -> list[int]:
    """`total` split into `parts` positive integers of similar size (±30%)."""
    weights = [rng.uniform(0.7, 1.3) for _ in range(parts)]
    scale = (total - minimum * parts) / sum(weights)
    sizes = [minimum + int(w * scale) for w in weights]
    for i in range(total - sum(sizes)):
        sizes[i % parts] += 1
    return sizes


class Command(BaseCommand):
    help = "Sinh bộ dữ liệu lớn giả lập (cây đơn vị, quần chúng 5 năm, chỉ tiêu) bằng ghi hàng loạt, để đo hiệu năng."

    def add_arguments(self, parser):
        parser.add_argument("--scale", choices=list(SCALES), default="district")
        parser.add_argument("--seed", type=int, default=2026)
        parser.add_argument(
            "--today", default=None, help="dd/mm/yyyy: the date the pipeline is seen at (default today)"
        )

    def handle(self, *args, scale, seed, today, **options):
        rng = random.Random(seed)
        spec = SCALES[scale]
        self.today = datetime.datetime.strptime(today, "%d/%m/%Y").date() if today else datetime.date.today()
        prefix = {"district": "GD", "province": "GP", "nation": "GN"}[scale]
        if PartyUnit.objects.filter(code__startswith=f"{prefix}").exists():
            raise CommandError(f"Bộ dữ liệu “{scale}” đã có trong cơ sở dữ liệu này (mã bắt đầu bằng {prefix}).")
        roots = PartyUnit.objects.get_root_nodes().count()
        started = time.monotonic()
        totals = {"units": 0, "candidates": 0, "quotas": 0}
        for p in range(1, spec["provinces"] + 1):
            with transaction.atomic():
                if connection.vendor == "postgresql":
                    # A synchronous commit even where the server runs with synchronous_commit=off (the
                    # throwaway test clusters): until an asynchronous commit reaches the disk, VACUUM
                    # may not mark the rows' pages all-visible, and counts then read the table.
                    with connection.cursor() as cursor:
                        cursor.execute("SET LOCAL synchronous_commit TO on")
                counts = self._province(rng, spec, roots + p, f"{prefix}{p:02d}")
            for key in totals:
                totals[key] += counts[key]
            self.stdout.write(f"  tỉnh {p}/{spec['provinces']}: {counts} ({time.monotonic() - started:.1f} s)")
        # Fresh statistics, as a database in use has them (the planner needs them for path prefixes).
        # On PostgreSQL also VACUUM, as autovacuum does soon after a bulk load: it sets the visibility
        # map, without which no index-only scan is possible and every count reads the table. VACUUM
        # cannot run in a transaction (in a test: ANALYZE alone).
        vacuum = connection.vendor == "postgresql" and connection.get_autocommit()
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
            if vacuum:
                # After ANALYZE, not as VACUUM ANALYZE: run together right after the load, the vacuum
                # left the pages unmarked (measured; a second VACUUM marked them all).
                cursor.execute("VACUUM")
        elapsed = time.monotonic() - started
        self.stdout.write(
            self.style.SUCCESS(
                f"Xong “{scale}”: {format_int(totals['units'])} đơn vị, {format_int(totals['candidates'])} quần chúng/đảng viên mới, "
                f"{format_int(totals['quotas'])} chỉ tiêu trong {elapsed:.1f} giây."
            )
        )

    # ---- tree -------------------------------------------------------------------------------------

    def _province(self, rng, spec, position, code) -> dict:
        province = new_unit(None, position, code=code, name=f"Đảng bộ tỉnh Giả lập {code}", kind=UnitKind.PROVINCE)
        units = [province]
        n_communes = spec["communes"]
        n_blocs = max(1, n_communes // 16)
        uppers = []
        for i in range(1, n_communes + n_blocs + 1):
            is_bloc = i > n_communes
            kind = UnitKind.BLOC if is_bloc else UnitKind.COMMUNE
            name = f"Đảng bộ khối {i - n_communes}" if is_bloc else f"Đảng bộ xã {rng.choice(PLACES)} {i}"
            unit = new_unit(
                province,
                i,
                code=f"{code}-{i:03d}",
                name=name,
                kind=kind,
                sector=Sector.AGENCY if is_bloc else Sector.COMMUNE,
            )
            uppers.append(unit)
        units += uppers
        grassroots_sizes = _split(spec["grassroots"], len(uppers), rng)
        grassroots = []
        for upper, size in zip(uppers, grassroots_sizes, strict=True):
            for j in range(1, size + 1):
                is_cell = rng.random() < 0.25
                kind = UnitKind.GRASSROOTS_CELL if is_cell else UnitKind.GRASSROOTS
                sector = rng.choice([Sector.COMMUNE, Sector.SCHOOL, Sector.AGENCY, Sector.PRIVATE_ENTERPRISE])
                name = (f"Chi bộ cơ sở {j}" if is_cell else f"Đảng bộ cơ sở {j}") + f" ({upper.name[9:]})"
                grassroots.append(new_unit(upper, j, code=f"{upper.code}-{j:03d}", name=name, kind=kind, sector=sector))
        units += grassroots
        parents = [g for g in grassroots if g.kind == UnitKind.GRASSROOTS]
        holders = [g for g in grassroots if g.kind == UnitKind.GRASSROOTS_CELL]
        cell_sizes = _split(max(spec["cells"] - len(holders), len(parents)), len(parents), rng)
        cells = []
        for parent, size in zip(parents, cell_sizes, strict=True):
            for k in range(1, size + 1):
                cells.append(
                    new_unit(
                        parent,
                        k,
                        code=f"{parent.code}-{k:02d}",
                        name=f"Chi bộ {k} {parent.name[14:]}",
                        kind=UnitKind.CELL,
                        sector=parent.sector,
                    )
                )
        units += cells
        set_numchild(units)
        PartyUnit.objects.bulk_create(units, batch_size=5000)
        by_path = dict(PartyUnit.objects.filter(path__startswith=province.path).values_list("path", "pk"))
        for u in units:
            u.pk = u.id = by_path[u.path]
        holders = holders + cells
        admitted = self._candidates(rng, spec["candidates"], holders)
        quotas = self._quotas(rng, province, units, admitted)
        return {"units": len(units), "candidates": spec["candidates"], "quotas": quotas}

    # ---- candidates -------------------------------------------------------------------------------

    def _candidates(self, rng, count, cells) -> dict[tuple[str, int], int]:
        """Bulk-create candidates; returns {(cell path, year): admissions} for setting realistic quotas."""
        today = self.today
        first = datetime.date(YEARS[0], 1, 1)
        span = (today - first).days
        admitted: dict[tuple[str, int], int] = {}
        batch: list[Candidate] = []
        for _ in range(count):
            cell = rng.choice(cells)
            female = rng.random() < 0.45
            name = " ".join(
                [
                    rng.choice(FAMILY),
                    rng.choice(MIDDLE_F if female else MIDDLE_M),
                    rng.choice(GIVEN_F if female else GIVEN_M),
                ]
            )
            c = Candidate(
                full_name=name,
                birth_date=datetime.date(rng.randint(1970, 2006), rng.randint(1, 12), rng.randint(1, 28)),
                sex=Sex.FEMALE if female else Sex.MALE,
                general_education=rng.choice(
                    [GeneralEducation.UPPER_SECONDARY] * 4 + [GeneralEducation.LOWER_SECONDARY]
                ),
                occupation=rng.choice(Occupation.values),
                youth_union_member=rng.random() < 0.5,
                cell=cell,
            )
            roll = rng.random()
            start = first + datetime.timedelta(days=rng.randint(0, span))
            c.sympathizer_date = start
            if roll < 0.40:  # admitted at some point in the five years
                decided = start
                cert = decided - datetime.timedelta(days=rng.randint(90, 700))
                c.certificate_date, c.certificate_number = cert, f"{rng.randint(1, 999)}/GCN"
                c.cell_resolution_date = decided - datetime.timedelta(days=rng.randint(20, 80))
                c.committee_resolution_date = decided - datetime.timedelta(days=rng.randint(5, 19))
                c.decision_date, c.decision_number = decided, f"{rng.randint(1, 999)}-QĐ/TU"
                c.admitting_unit = cell
                ceremony = decided + datetime.timedelta(days=rng.randint(5, 30))
                if ceremony <= today:
                    c.ceremony_date = ceremony
                    official = add_months(ceremony, 12)
                    c.stage = Stage.OFFICIAL if official + datetime.timedelta(days=30) <= today else Stage.PROBATIONARY
                else:
                    c.stage = Stage.DECIDED
                if rng.random() < 0.02:  # moved to another cell later: the admission stays where it was decided
                    c.cell = rng.choice(cells)
                if rng.random() < 0.005:
                    c.is_open, c.exit_reason, c.exit_date = False, ExitReason.STRUCK_OFF, min(today, ceremony)
                key = (cell.path, decided.year)
                admitted[key] = admitted.get(key, 0) + 1
            elif roll < 0.50:
                c.stage = Stage.PROPOSED
                c.certificate_date = start - datetime.timedelta(days=rng.randint(30, 900))
                c.cell_resolution_date = min(today, start + datetime.timedelta(days=rng.randint(0, 30)))
            elif roll < 0.68:
                c.stage = Stage.TRAINED
                c.certificate_date = start
                c.certificate_number = f"{rng.randint(1, 999)}/GCN"
            elif roll < 0.85:
                c.stage = Stage.SYMPATHIZER
            else:
                c.stage = Stage.SOURCE
                c.sympathizer_date = None
                if rng.random() < 0.2:
                    c.is_open, c.exit_reason, c.exit_date = False, ExitReason.WITHDRAWN, start
            batch.append(prepare_candidate(c))
            if len(batch) >= 5000:
                Candidate.objects.bulk_create(batch, batch_size=5000)
                batch = []
        if batch:
            Candidate.objects.bulk_create(batch, batch_size=5000)
        return admitted

    # ---- quotas -----------------------------------------------------------------------------------

    def _quotas(self, rng, province, units, admitted) -> int:
        """Targets near what each grassroots unit really admits (±25%), upper levels ~95% of the sum below."""
        grassroots = [u for u in units if u.kind in (UnitKind.GRASSROOTS, UnitKind.GRASSROOTS_CELL)]
        uppers = [u for u in units if u.kind in (UnitKind.PROVINCE, UnitKind.COMMUNE, UnitKind.BLOC)]
        per_grassroots: dict[tuple[str, int], int] = {}
        g_len = {len(g.path) for g in grassroots}
        for (path, year), n in admitted.items():
            for length in g_len:
                key = (path[:length], year)
                per_grassroots[key] = per_grassroots.get(key, 0) + n
        quotas = []
        for year in YEARS:
            sums: dict[str, int] = {}
            for g in grassroots:
                real = per_grassroots.get((g.path, year), 0)
                if year == self.today.year:
                    real = round(real * 365 / max(1, self.today.timetuple().tm_yday))
                target = max(1, round(real * rng.uniform(0.8, 1.25)))
                sums[g.path] = target
                quotas.append(Quota(unit_id=g.pk, year=year, target=target, document="Giả lập"))
            for u in sorted(uppers, key=lambda u: -u.depth):
                below = sum(n for path, n in sums.items() if path.startswith(u.path) and len(path) == len(u.path) + 4)
                target = max(1, round(below * 0.95))
                sums[u.path] = target
                quotas.append(Quota(unit_id=u.pk, year=year, target=target, document="Giả lập"))
        Quota.objects.bulk_create(quotas, batch_size=5000)
        return len(quotas)
