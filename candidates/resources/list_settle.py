"""The list check's column-wise pass (CandidateResource.settle_rows): the rows every check of
`check_row` passes with nothing to say (a new person of a file that lists them plainly: name, birth
date within the rule's range, sex, a cell the user may fill, no code or ID to match, nobody of that
name in the cell, no repeat in the file, milestone dates with no finding), settled column by column
at C speed instead of one call each; every other row goes through `check_row` as before.

Nothing here decides a rule: a row is settled only when the same memoized checks `check_row` runs
(the cell's resolution, the milestone findings, the birth date's range) found nothing, and the
values it gets are the ones `check_row` would set (imports/tests/test_list_settle.py compares the
two ways row by row on files made to hit every branch)."""

import operator
from collections import Counter, deque
from itertools import repeat

from spreadsheets.resource import RowData
from spreadsheets.widgets import d

from ..models import Stage

# What check_row sets on a new person's row with nothing to say, in its order.
SETTLED = ("cell", "label", "matched", "person", "status", "record", "stage")


def _filled(keys: list[str], values: tuple) -> dict:
    """{key: value} of the values that are neither None nor empty text."""
    if None in values or "" in values:
        return {k: v for k, v in zip(keys, values, strict=True) if v is not None and v != ""}
    return dict(zip(keys, values, strict=True))


def _indexes(column, test) -> set[int]:
    return {i for i, value in enumerate(column) if test(value)}


def _dicts(keys: list[str], columns: list[tuple], count: int) -> tuple[list[dict], bool]:
    """(one dict per row of `columns` (values for `keys`), empty values left out as _filled does;
    whether every dict has every key): built at C speed when no column has an empty value."""
    if not keys:
        return [{} for _ in range(count)], True
    rows = zip(*columns, strict=True)
    if any(None in column or "" in column for column in columns):
        return list(map(_filled, repeat(keys), rows)), False
    return list(map(dict, map(zip, repeat(keys), rows))), True


class ListSettle:
    """CandidateResource's column-wise pass; uses what prefetch set (cells, folded, dates,
    by_name, memos, the present keys' pickers) and `_cell_of`, `_milestone_findings`, `_stage`."""

    def settle_rows(self, numbers: list, refused: dict) -> dict[int, dict]:
        count = len(numbers)
        if not count:
            return {}
        blank = (None,) * count
        cleaned = self.cleaned

        def column(key):
            found = cleaned.get(key)
            return blank if found is None else found

        names, births, sexes = column("full_name"), column("birth_date"), column("sex")
        pairs = list(zip(column("cell_code"), column("cell_name"), strict=True))
        distinct_pairs = set(pairs)
        for pair in distinct_pairs:  # each distinct cell resolved and checked once, as check_row does
            if pair not in self.cell_memo:
                self._cell_of(*pair)
        memo = self.cell_memo
        slow = set(refused)
        if self.row_sheets:
            slow |= _indexes(numbers, self.row_sheets.__contains__)
        if None in names or "" in names:
            slow |= _indexes(names, operator.not_)
        problems = {pair for pair in distinct_pairs if memo[pair][1] is not None}
        if problems:
            slow |= _indexes(pairs, problems.__contains__)
        if None in births:  # "thiếu ngày sinh": said on the row
            slow |= _indexes(births, operator.not_)
        outside = {b for b in set(births) if b is not None and not (self.born_after <= b <= self.today)}
        if outside:  # person_errors has something to say
            slow |= _indexes(births, outside.__contains__)
        if None in sexes or "" in sexes:
            slow |= _indexes(sexes, operator.not_)
        for key in ("person_code", "national_id"):  # matched by code, ID checked and padded
            if key in cleaned:
                slow |= _indexes(cleaned[key], bool)
        # Somebody of that name already in the cell, or the same person twice in the file.
        cell_id = {pair: (found[0].id if found[0] is not None else None) for pair, found in memo.items()}
        cell_ids = list(map(cell_id.__getitem__, pairs))
        folded = list(map(self.folded.get, names))
        if self.by_name:
            known = set(zip(cell_ids, folded, strict=True)) & self.by_name.keys()
            if known:
                slow |= _indexes(zip(cell_ids, folded, strict=True), known.__contains__)
        keys = list(zip(cell_ids, folded, births, strict=True))
        if len(set(keys)) < count:
            repeated = {key for key, n in Counter(keys).items() if n > 1}
            slow |= _indexes(keys, repeated.__contains__)
        if self.milestone_fields:
            slow |= self._milestones_to_check(column, births)
        fast = [i for i in range(count) if i not in slow]
        if not fast:
            return {}
        take = operator.itemgetter(*fast) if len(fast) > 1 else (lambda values: (values[fast[0]],))
        n = len(fast)
        fast_pairs = take(pairs)
        fast_births = take(births)
        missing = set(fast_births) - self.dates.keys()
        self.dates.update((day, d(day)) for day in missing)
        cell_of = {pair: found[0] for pair, found in memo.items() if found[0] is not None}
        matched_of = {pair: found[2] for pair, found in memo.items()}
        cell_name = {pair: cell.name for pair, cell in cell_of.items()}
        labels = map(
            "{} ({}) — {}".format,
            take(names),
            map(self.dates.__getitem__, fast_births),
            map(cell_name.__getitem__, fast_pairs),
        )
        persons, _ = _dicts(self.person_keys, [take(column(k)) for k in self.person_keys], n)
        records, same_keys = _dicts(self.record_keys, [take(column(k)) for k in self.record_keys], n)
        if same_keys:  # every record holds the same milestones: one stage
            stages = repeat(self._stage(records[0], Stage.SOURCE), n)
        else:
            stages = map(self._stage, records, repeat(Stage.SOURCE))
        # Each row's attributes as check_row leaves them: the file's columns (cleaned), its number,
        # its warnings (a list of its own), then what the checks set. Made at C speed.
        names_ = (*cleaned, "number", "warnings", *SETTLED)
        values = zip(
            *(take(column) for column in cleaned.values()),
            take(numbers),
            map(list, repeat((), n)),
            map(cell_of.__getitem__, fast_pairs),
            labels,
            map(matched_of.__getitem__, fast_pairs),
            persons,
            repeat("new", n),
            records,
            stages,
            strict=True,
        )
        rows = list(map(object.__new__, repeat(RowData, n)))
        deque(map(setattr, rows, repeat("__dict__", n), map(dict, map(zip, repeat(names_), values))), maxlen=0)
        return dict(zip(fast, rows, strict=True))

    def _milestones_to_check(self, column, births) -> set[int]:
        """The rows whose milestone dates have something to say (errors, warnings, the age on the
        cell's resolution, a date before the birth): check_row's _check_milestones is theirs."""
        days = list(zip(*(column(f) for f in self.milestone_fields), strict=True))
        keys = list(zip(days, map(bool, column("certificate_number")), strict=True))
        earliest: dict[tuple, object] = {}
        loud = set()
        for key in set(keys):
            if not any(key[0]):
                continue
            findings = self.milestone_memo.get(key)
            if findings is None:
                dates = tuple((f, day) for f, day in zip(self.milestone_fields, key[0], strict=True) if day)
                findings = self.milestone_memo[key] = (dates, *self._milestone_findings(dict(dates), dates, key[1]))
            dates, future, order_errors, before_age, after_age, first = findings
            if future or order_errors or before_age or after_age or any(f == "cell_resolution_date" for f, _ in dates):
                loud.add(key)
            else:
                earliest[key] = first
        slow = _indexes(keys, loud.__contains__) if loud else set()
        if earliest:
            slow |= {
                i
                for i, (key, birth) in enumerate(zip(keys, births, strict=True))
                if birth is not None and key in earliest and earliest[key] < birth
            }
        return slow
