import datetime

import pytest

from candidates import clock

TODAY = datetime.date(2026, 11, 20)


@pytest.fixture(autouse=True)
def pinned_today(monkeypatch):
    """The clock of every candidates test (services, selectors and views read candidates.clock.today)."""
    monkeypatch.setattr(clock, "today", lambda: TODAY)
    return TODAY
