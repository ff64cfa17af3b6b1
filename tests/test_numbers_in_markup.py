"""Numbers the code reads back (ids in links and anchors, a target in an input) are written plainly;
1.214 is for people to read. With USE_THOUSAND_SEPARATOR an id of 3179 once became "?ma_nguoi=3.179"
(seen only on PostgreSQL, whose ids had passed 1.000)."""

import datetime
import re

from django.urls import reverse

from candidates.models import EventKind, Stage, StageEvent
from candidates.tests.factories import make_candidate
from quotas.models import Quota


def test_ids_in_links_and_anchors_are_plain(cast, login):
    person = make_candidate(cast.cell_a, Stage.SYMPATHIZER, pk=12345)
    StageEvent.objects.bulk_create([StageEvent(
        pk=23456, candidate=person, kind=EventKind.TRANSITION, action="Vào danh sách cảm tình Đảng",
        from_stage=Stage.SOURCE, to_stage=Stage.SYMPATHIZER, legal_date=datetime.date(2026, 3, 1), unit=cast.cell_a,
    )])  # fmt: skip
    page = login(cast.province_staff).get(reverse("candidates-detail", args=[person.pk])).content.decode()
    assert f"?ma_nguoi={person.pk}" in page
    anchors = re.findall(r'id="event-([^"]*)"', page)
    assert anchors == ["23456"], anchors


def test_a_target_over_a_thousand_is_plain_in_the_allocation_form(cast, login):
    Quota.objects.create(unit=cast.commune, year=2026, target=1214)
    page = login(cast.commune_staff).get(reverse("quotas-allocate", args=[cast.commune.code]) + "?nam=2026")
    html = page.content.decode()
    assert 'data-parent-value="1214"' in html and "1.214" in html
