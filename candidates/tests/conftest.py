import datetime

import pytest

from candidates import clock, rules

TODAY = datetime.date(2026, 11, 20)


@pytest.fixture(autouse=True)
def pinned_today(monkeypatch):
    """The clock of every candidates test (services, selectors and views read candidates.clock.today)."""
    monkeypatch.setattr(clock, "today", lambda: TODAY)
    return TODAY


@pytest.fixture(autouse=True)
def fresh_holidays():
    # The holiday cache is keyed by (count, last id); ids repeat after a rollback on SQLite.
    rules._holiday_cache.cache_clear()
    yield
    rules._holiday_cache.cache_clear()
