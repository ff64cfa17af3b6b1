"""The clock of the pipeline: every rule that needs "today" reads it here (tests pin it)."""

import datetime

from django.utils import timezone


def today() -> datetime.date:
    return timezone.localdate()
