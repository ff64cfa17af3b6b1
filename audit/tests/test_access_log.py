"""The access log: reads and exports of personal data recorded, append-only, readable by the board."""

import datetime
import io

import openpyxl
import pytest
from django.urls import reverse
from django.utils import timezone

from audit.models import AccessKind, AppendOnlyError, PersonalDataAccess
from audit.services import prune_access_log, term_hash
from candidates.tests.factories import make_candidate


def test_a_viewers_export_is_logged_with_its_filters_and_the_board_reads_it(cast, login):
    viewer = login(cast.viewer)
    url = reverse("reports-download", args=["candidates", cast.province.code, "xlsx"])
    assert viewer.get(url, {"stage": "sympathizer", "q": "nguyen"}).status_code == 200
    entry = PersonalDataAccess.objects.get(kind=AccessKind.EXPORT)
    assert (entry.username, entry.unit_code, entry.file_format) == ("viewer", "P", "xlsx")
    assert entry.filters == {"stage": "sympathizer", "q": "nguyen"}
    board = login(cast.province_staff)
    page = board.get(reverse("audit-log"), {"nguoi_dung": "viewer"}).content.decode()
    assert "stage=sympathizer" in page and "Xuất, in danh sách hoặc báo cáo" in page
    book = openpyxl.load_workbook(io.BytesIO(board.get(reverse("audit-export", args=["xlsx"])).content))
    rows = list(book.active.values)
    assert rows[0][1] == "Tên đăng nhập" and any(r[1] == "viewer" for r in rows[1:])
    assert login(cast.viewer).get(reverse("audit-log")).status_code == 403


def test_a_person_page_view_and_a_cccd_search_are_logged_without_the_number(cast, login):
    person = make_candidate(cast.cell_a, national_id="001203004567")
    client = login(cast.secretary_a)
    client.get(reverse("candidates-detail", args=[person.pk]))
    client.post(reverse("candidates-search-id"), {"national_id": "001203004567"})
    view = PersonalDataAccess.objects.get(kind=AccessKind.VIEW_PERSON)
    assert (view.person_id, view.unit_code, view.username) == (person.pk, "P-C1-G1-A", "secretary_a")
    search = PersonalDataAccess.objects.get(kind=AccessKind.SEARCH_ID)
    assert search.term_hash == term_hash("001203004567") and search.results == 1
    assert "001203004567" not in str(list(PersonalDataAccess.objects.values_list()))
    # The board reaches the person's log from the person's page.
    page = login(cast.province_staff).get(reverse("candidates-detail", args=[person.pk])).content.decode()
    assert f"{reverse('audit-log')}?ma_nguoi={person.pk}" in page


def test_the_log_is_append_only_and_pruned_after_the_retention(cast, settings):
    entry = PersonalDataAccess.objects.create(username="x", kind=AccessKind.EXPORT)
    with pytest.raises(AppendOnlyError):
        entry.save()
    with pytest.raises(AppendOnlyError):
        entry.delete()
    with pytest.raises(AppendOnlyError):
        PersonalDataAccess.objects.all().update(username="y")
    with pytest.raises(AppendOnlyError):
        PersonalDataAccess.objects.all().delete()
    settings.ACCESS_LOG_RETENTION_DAYS = 30
    now = timezone.now()
    assert prune_access_log(now + datetime.timedelta(days=29)) == 0
    assert prune_access_log(now + datetime.timedelta(days=31)) == 1
    assert not PersonalDataAccess.objects.exists()


def test_bad_filters_are_a_message(cast, login):
    response = login(cast.province_staff).get(reverse("audit-log"), {"tu_ngay": "31/02/2026", "ma_nguoi": "10" * 40})
    assert response.status_code == 400 and "errorlist" in response.content.decode()
