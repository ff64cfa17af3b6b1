"""The write of the cells' lists (CandidateResource.commit): the new people, their history and
events, the changed people, in a handful of bulk statements."""

import contextlib
import datetime
from collections import defaultdict
from concurrent.futures import ThreadPoolExecutor

from django.db import DEFAULT_DB_ALIAS, connections
from django.utils import timezone

from spreadsheets.bulk import (
    collecting_later,
    copy_history,
    insert_rows,
    prepare_rows,
    update_objects,
)
from spreadsheets.references import checked_per_key
from spreadsheets.resource import RowData
from vietnamese.text import clean_text, format_int

from ..models import CLEANED_FIELDS, Candidate, EventKind, Stage, StageEvent, name_fields, stage_index
from ..services import STAGE_LABELS
from .common import _actor, normalize_candidate


class ListWrite:
    """CandidateResource's write, given the checked rows (prefetch set `milestones`, the file's
    milestone columns in MILESTONES order, and `today`)."""

    def _events(self, candidate_id: int, cell_id: int, row: RowData, from_stage: str, note: str) -> list[dict]:
        """The StageEvents of the milestones a row brings, as rows for bulk.insert_rows."""
        events = []
        stage = from_stage
        actor_id = getattr(_actor(self.user), "pk", None)
        data = self._event_data
        for field, milestone_stage, action, doc_field in self.milestones:
            day = row.record.get(field)
            if not day:
                continue
            to_stage = milestone_stage if stage_index(milestone_stage) > stage_index(stage) else stage
            events.append(
                {
                    "candidate_id": candidate_id,
                    "kind": EventKind.TRANSITION if to_stage != stage else EventKind.RECORD,
                    "action": action,
                    "from_stage": stage,
                    "to_stage": to_stage,
                    "legal_date": day,
                    "entered_by_id": actor_id,
                    "document_number": clean_text(row.record.get(doc_field, "")) if doc_field else "",
                    "note": note,
                    "data": data,
                    "unit_id": cell_id,
                    "imported": True,
                }
            )
            stage = to_stage
        return events

    def _new_candidates(self, rows: list[RowData]) -> list[dict]:
        """The new people as rows for bulk.insert_rows, normalized as Candidate.normalize() does
        (the name keys computed once per distinct name)."""
        names: dict = {}
        out = []
        for r in rows:
            values = {"cell_id": r.cell.pk, **r.person, **r.record, "stage": r.stage}
            if r.record.get("decision_date"):
                values["admitting_unit_id"] = r.cell.pk
            full_name = values.get("full_name", "")
            keys = names.get(full_name)
            if keys is None:
                keys = names[full_name] = name_fields(full_name)
            values.update(keys)
            for field in CLEANED_FIELDS:
                if field in values:
                    values[field] = clean_text(values[field])
            out.append(values)
        return out

    def _created_events(self, keys: list, created: list[dict], new_rows: list[RowData], note: str, conn, now) -> tuple:
        """(the number of new people's events, the function that writes them): each person's
        creation, then the milestones the row brings. Touches no database (it may run in another
        thread)."""
        events = []
        actor_id = getattr(_actor(self.user), "pk", None)
        for key, values, r in zip(keys, created, new_rows, strict=True):
            first = min((v for v in r.record.values() if isinstance(v, datetime.date)), default=self.today)
            events.append(
                {
                    "candidate_id": key,
                    "kind": EventKind.CREATE,
                    "action": "Đưa vào danh sách tạo nguồn",
                    "from_stage": "",
                    "to_stage": Stage.SOURCE,
                    "legal_date": first,
                    "entered_by_id": actor_id,
                    "note": note,
                    "unit_id": values["cell_id"],
                    "imported": True,
                }
            )
            if r.record:
                events += self._events(key, values["cell_id"], r, Stage.SOURCE, note)
        return len(events), prepare_rows(StageEvent, events, conn=conn, now=now)

    def _people(self, new_rows: list[RowData], conn, now) -> tuple:
        """(the new people as rows, the function that writes them and gives their keys)."""
        created = self._new_candidates(new_rows)
        return created, prepare_rows(Candidate, created, conn=conn, now=now)

    def _write_new(self, pool, new_rows: list[RowData], note: str, conn, now) -> list:
        """Writes the new people, slice by slice; returns the jobs giving their events (count, write
        function). The pool's thread builds the next slices, then each written slice's events, while
        this one waits for the database (the drivers wait without holding the interpreter)."""
        # SQLite runs in this process and its executemany takes the interpreter back after every
        # row: a thread building at the same time slows both down. One slice there.
        size = self.write_slice if conn.vendor == "postgresql" else max(len(new_rows), 1)
        parts = [slice(start, start + size) for start in range(0, len(new_rows), size)]
        people = [pool.submit(self._people, new_rows[p], conn, now) for p in parts]
        jobs, keys = [], []
        for job, p in zip(people, parts, strict=True):
            created, write = job.result()
            written = write(returning=True)
            keys += written
            jobs.append(pool.submit(self._created_events, written, created, new_rows[p], note, conn, now))
        copy_history(Candidate, keys, history_type="+", user=self.user)
        return jobs

    # Rows per INSERT of new people on PostgreSQL: the first slice is built before the database has
    # anything to do, the others while it writes.
    write_slice = 5000

    def commit(self, rows):
        with collecting_later(), ThreadPoolExecutor(max_workers=1) as pool:
            try:
                self._write(rows, pool)
            except BaseException:
                pool.shutdown(cancel_futures=True)
                raise

    def _write(self, rows, pool):
        note = f"Nhập từ tệp {self.options.get('file_name', '')}".strip()
        # One dict for every event's data (written as it is, never changed).
        self._event_data = {"imported_from": self.options.get("file_name", "")}
        new_rows = [r for r in rows if r.status == "new"]
        update_rows = [r for r in rows if r.status == "update"]
        conn = connections[DEFAULT_DB_ALIAS]
        now = timezone.now()  # one instant for the whole write, as one transaction
        event_count = 0
        # The new people, their history and events: inserts only, their keys checked once per key.
        with checked_per_key(Candidate, Candidate.history.model, StageEvent) if new_rows else contextlib.nullcontext():
            for job in self._write_new(pool, new_rows, note, conn, now):
                count, write = job.result()
                write()
                event_count += count
        changed_fields: set[str] = set()
        updated, changes = [], []
        for r in update_rows:
            c = r.candidate
            from_stage = c.stage
            for k, v in {**r.person_changes, **r.record}.items():
                setattr(c, k, v)
                changed_fields.add(k)
            if r.record.get("decision_date") and c.admitting_unit_id is None:
                c.admitting_unit = c.cell
                changed_fields.add("admitting_unit")
            c.stage = r.stage
            c.version += 1
            normalize_candidate(c)
            updated.append(c)
            changes.append((r, c, from_stage))
        if updated:
            fields = sorted(changed_fields | {"stage", "version", "full_name", "search_name", "sort_key"})
            fields += ["family_name", "middle_name", "given_name", "updated_at"]
            for c in updated:
                c.updated_at = now
            update_objects(Candidate, updated, fields)
            copy_history(Candidate, [c.pk for c in updated], history_type="~", user=self.user)
        # The changed people's events after the new ones', as one list would have them.
        changed_events = []
        for r, c, from_stage in changes:
            changed_events += self._events(c.pk, c.cell_id, r, from_stage, note)
        insert_rows(StageEvent, changed_events, now=now)
        event_count += len(changed_events)
        stages = defaultdict(int)
        for stage in [r.stage for r in new_rows] + [c.stage for c in updated]:
            stages[stage] += 1
        if new_rows or updated:
            self.summary.append(
                f"Đã thêm {format_int(len(new_rows))} người, cập nhật {format_int(len(updated))} người; ghi "
                f"{format_int(event_count)} sự kiện (đánh dấu “nhập từ tệp”)."
            )
            self.summary.append(
                "Giai đoạn sau khi nhập: "
                + ", ".join(
                    f"{STAGE_LABELS[s]}: {format_int(n)}"
                    for s, n in sorted(stages.items(), key=lambda x: stage_index(x[0]))
                )
                + "."
            )
