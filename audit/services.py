"""Recording and pruning the access log. The apps above call `record_*` from their views."""

import datetime
import hashlib
import hmac

from django.conf import settings
from django.db.models.query import QuerySet

from accounts.client_ip import client_ip

from .models import AccessKind, PersonalDataAccess

# Query parameters that are never stored (tokens, page numbers carry nothing about the data shown).
SKIPPED = {"csrfmiddlewaretoken", "page"}


def term_hash(term: str) -> str:
    """HMAC-SHA256 of a national ID under ACCESS_LOG_HASH_KEY (default derived from SECRET_KEY): two
    searches for the same number can be matched in the log, the number cannot be read back."""
    key = getattr(settings, "ACCESS_LOG_HASH_KEY", "") or f"access-log:{settings.SECRET_KEY}"
    return hmac.new(key.encode(), term.encode(), hashlib.sha256).hexdigest()


def _entry(request, kind: str, **fields) -> PersonalDataAccess:
    user = request.user if getattr(request.user, "is_authenticated", False) else None
    return PersonalDataAccess.objects.create(
        user=user,
        username=user.get_username() if user else "",
        kind=kind,
        ip_address=client_ip(request)[:45],
        **fields,
    )


def record_person_view(request, *, person_id: int, unit_code: str) -> None:
    _entry(request, AccessKind.VIEW_PERSON, person_id=person_id, unit_code=unit_code)


def record_person_export(request, *, person_id: int, unit_code: str, file_format: str) -> None:
    _entry(request, AccessKind.EXPORT_PERSON, person_id=person_id, unit_code=unit_code, file_format=file_format)


def record_export(request, *, what: str, unit_code: str, file_format: str, filters) -> None:
    clean = {k: v for k, v in (filters.lists() if hasattr(filters, "lists") else filters.items()) if k not in SKIPPED}
    clean = {k: (v[0] if isinstance(v, list) and len(v) == 1 else v) for k, v in clean.items()}
    _entry(request, AccessKind.EXPORT, what=what[:120], unit_code=unit_code, file_format=file_format, filters=clean)


def record_national_id_search(request, *, term: str, results: int) -> None:
    _entry(request, AccessKind.SEARCH_ID, term_hash=term_hash(term), results=results)


def retention_days() -> int:
    return int(getattr(settings, "ACCESS_LOG_RETENTION_DAYS", 730))


def prune_access_log(now: datetime.datetime) -> int:
    """Remove entries older than ACCESS_LOG_RETENTION_DAYS (the only deletion there is; called by the
    housekeeping job). Returns the number removed."""
    cutoff = now - datetime.timedelta(days=retention_days())
    old = PersonalDataAccess.objects.filter(at__lt=cutoff)
    return QuerySet.delete(old)[0]
