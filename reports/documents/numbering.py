"""The register of numbers: one running number per issuing body, kind code and term. Taking a number
locks the counter row (select_for_update; SQLite serializes writers with its immediate transactions);
a unique constraint on (body, kind, term, number) is the last line; a lost race on a new counter or on
the same subject is retried."""

import datetime
import re

from django.db import IntegrityError, transaction
from django.utils import timezone

from ..models import NumberCounter, NumberingTerm, RegisterEntry
from .base import Prepared

# Party committees' terms (nhiệm kỳ) are five years; the congresses of 2020 and 2025 opened the last
# two. DOMAIN.md does not say how a term is counted: unless a body's congress dates are entered
# (NumberingTerm, in the admin), a term is a five-year calendar window from 01/01/2020.
TERM_YEARS = 5
TERM_ANCHOR_YEAR = 2020
NUMBER_RE = re.compile(r"^\s*(\d+)\s*-\s*([^/\s]+)\s*/")
RETRIES = 5


def term_of(day: datetime.date, issuer=None) -> str:
    """The issuer's term on that day: "từ 20/08/2025" after an entered congress date (the latest one
    not after the day), else the calendar window "2025–2030"."""
    if issuer is not None:
        start = (
            NumberingTerm.objects.filter(issuer=issuer, starts_on__lte=day)
            .order_by("-starts_on")
            .values_list("starts_on", flat=True)
            .first()
        )
        if start is not None:
            return f"từ {start:%d/%m/%Y}"
    start = TERM_ANCHOR_YEAR + (day.year - TERM_ANCHOR_YEAR) // TERM_YEARS * TERM_YEARS
    return f"{start}–{start + TERM_YEARS}"


def parse_number(number: str) -> tuple[int | None, str]:
    """ "45-QĐ/ĐU" -> (45, "QĐ"); (None, "") when the number does not follow the pattern."""
    match = NUMBER_RE.match(number or "")
    return (int(match.group(1)), match.group(2)) if match else (None, "")


def format_number(seq: int, kind_code: str, suffix: str) -> str:
    return f"{seq:02d}-{kind_code}/{suffix}"


def _counter(issuer, kind_code: str, term: str) -> NumberCounter:
    """The locked counter row, created on first use (a concurrent creation is retried by the caller)."""
    counter = NumberCounter.objects.select_for_update().filter(issuer=issuer, kind_code=kind_code, term=term).first()
    if counter is None:
        with transaction.atomic():
            counter = NumberCounter.objects.create(issuer=issuer, kind_code=kind_code, term=term, last=0)
        counter = NumberCounter.objects.select_for_update().get(pk=counter.pk)
    return counter


def _write(prepared: Prepared, user) -> RegisterEntry:
    kind = prepared.kind
    existing = (
        RegisterEntry.objects.select_for_update()
        .filter(document_kind=kind.slug, subject_key=prepared.subject_key)
        .first()
    )
    now = timezone.now()
    if existing is not None:
        existing.print_count += 1
        existing.last_printed_at = now
        existing.save(update_fields=["print_count", "last_printed_at"])
        return existing
    term = term_of(prepared.document_date, prepared.issuer.unit)
    fields = dict(
        issuer=prepared.issuer.unit,
        document_kind=kind.slug,
        form_code=kind.form_code,
        guidance=kind.guidance,
        kind_code=kind.kind_code,
        term=term,
        subject_key=prepared.subject_key,
        subject_label=prepared.subject_label[:255],
        training_class=prepared.training_class,
        scope_unit=prepared.scope_unit,
        document_date=prepared.document_date,
        created_by=user if getattr(user, "pk", None) else None,
        last_printed_at=now,
    )
    if not prepared.numbered:
        entry = RegisterEntry.objects.create(source=RegisterEntry.Source.NONE, **fields)
    elif prepared.recorded_number:
        seq, code = parse_number(prepared.recorded_number)
        if seq is not None and kind.kind_code and code == kind.kind_code:
            # The register continues after a number given outside it.
            counter = _counter(prepared.issuer.unit, kind.kind_code, term)
            if seq > counter.last:
                counter.last = seq
                counter.save(update_fields=["last"])
        entry = RegisterEntry.objects.create(
            source=RegisterEntry.Source.RECORDED, number=prepared.recorded_number, seq=seq, **fields
        )
    elif not kind.kind_code:
        entry = RegisterEntry.objects.create(source=RegisterEntry.Source.NONE, **fields)
    else:
        counter = _counter(prepared.issuer.unit, kind.kind_code, term)
        counter.last += 1
        counter.save(update_fields=["last"])
        number = format_number(counter.last, kind.kind_code, prepared.issuer.suffix)
        entry = RegisterEntry.objects.create(
            source=RegisterEntry.Source.REGISTER, number=number, seq=counter.last, **fields
        )
    if prepared.candidates:
        entry.candidates.set(prepared.candidates)
    return entry


def register(prepared: Prepared, *, user) -> RegisterEntry:
    """The register row of this document: the existing one on a re-print, else a new one with the
    recorded number or the next running number."""
    for attempt in range(RETRIES):
        try:
            with transaction.atomic():
                return _write(prepared, user)
        except IntegrityError:
            if attempt == RETRIES - 1:
                raise
    raise AssertionError("unreachable")
