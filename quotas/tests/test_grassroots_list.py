"""The grassroots counts of the dashboard link to the list of those units."""

import datetime
import re

from django.urls import reverse

from candidates.models import Stage
from candidates.tests.factories import make_candidate
from quotas.models import Quota


def _setup(cast):
    Quota.objects.create(unit=cast.grassroots, year=2026, target=1)
    Quota.objects.create(unit=cast.school, year=2026, target=2)
    make_candidate(cast.cell_a, Stage.DECIDED, decision_date=datetime.date(2026, 3, 2))


def test_dashboard_counts_link_to_the_grassroots_list(cast, login):
    _setup(cast)
    client = login(cast.province_staff)
    html = client.get(
        reverse("quotas-unit", args=[cast.province.code]), {"nam": 2026, "ngay": "30/06/2026"}
    ).content.decode()
    url = reverse("quotas-grassroots", args=[cast.province.code])
    assert re.search(re.escape(url) + r"\?nam=2026&amp;ngay=30/06/2026&amp;loai=met\">1</a>/2", html)
    met = client.get(url, {"nam": 2026, "ngay": "30/06/2026", "loai": "met"}).content.decode()
    assert "Đảng bộ cơ sở thôn" in met and "Chi bộ cơ sở Trường THCS" not in met
    none = client.get(url, {"nam": 2026, "ngay": "30/06/2026", "loai": "none"}).content.decode()
    assert "Chi bộ cơ sở Trường THCS" in none and "Đảng bộ cơ sở thôn" not in none
    everything = client.get(url, {"nam": 2026, "ngay": "30/06/2026"}).content.decode()
    assert "100,00%" in everything and "0,00%" in everything


def test_grassroots_list_is_scoped(cast, login):
    _setup(cast)
    html = (
        login(cast.commune_staff)
        .get(reverse("quotas-grassroots", args=[cast.commune.code]), {"nam": 2026})
        .content.decode()
    )
    assert "Đảng bộ cơ sở thôn" in html
    assert "Trường THCS" not in html
