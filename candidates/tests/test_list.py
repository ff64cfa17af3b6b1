"""The candidate list: scope, filters, search without diacritics, Vietnamese order, constant queries."""

import datetime
import unicodedata

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from candidates import services
from candidates.filters import CandidateFilter
from candidates.models import Candidate, Stage
from candidates.tests.factories import make_candidate

URL = reverse("candidates-list")


def names(response) -> list[str]:
    return [c.full_name for c in response.context["rows"]]


def test_secretary_sees_only_their_cell(cast, login):
    make_candidate(cast.cell_a, full_name="Người Ở Thôn Đông")
    make_candidate(cast.cell_b, full_name="Người Ở Thôn Đoài")
    response = login(cast.secretary_a).get(URL)
    assert names(response) == ["Người Ở Thôn Đông"]
    assert "Người Ở Thôn Đoài" not in response.content.decode()


def test_national_id_is_masked(cast, login):
    make_candidate(cast.cell_a, national_id="001203004567")
    body = login(cast.secretary_a).get(URL).content.decode()
    assert "001203004567" not in body
    assert "•••••••••567" in body


def test_search_ignores_diacritics_and_case(cast, login):
    make_candidate(cast.cell_a, full_name="Nguyễn Thị Hằng")
    make_candidate(cast.cell_a, full_name="Nguyễn Thị Hương")
    make_candidate(cast.cell_a, full_name="Ngô Thị Hằng")
    response = login(cast.secretary_a).get(URL, {"q": "nguyen thi hang"})
    assert names(response) == ["Nguyễn Thị Hằng"]
    assert names(login(cast.secretary_a).get(URL, {"q": "NGUYỄN hằng"})) == ["Nguyễn Thị Hằng"]


def test_search_finds_a_name_entered_decomposed(cast, login):
    decomposed = unicodedata.normalize("NFD", "Nguyễn Thị Hằng")
    assert decomposed != "Nguyễn Thị Hằng"
    result = services.candidate_create(
        actor=cast.secretary_a,
        cell=cast.cell_a,
        data={"full_name": decomposed, "birth_date": datetime.date(2000, 1, 2), "sex": "F"},
    )
    stored = Candidate.objects.get(pk=result.candidate.pk)
    assert stored.full_name == "Nguyễn Thị Hằng"  # NFC
    assert names(login(cast.secretary_a).get(URL, {"q": "nguyen thi hang"})) == ["Nguyễn Thị Hằng"]
    # and a decomposed search term finds it too
    assert names(login(cast.secretary_a).get(URL, {"q": decomposed})) == ["Nguyễn Thị Hằng"]


def test_search_by_national_id_is_an_exact_post(cast, login):
    make_candidate(cast.cell_a, full_name="Có Số", national_id="001203004567")
    make_candidate(cast.cell_a, full_name="Không Số")
    client = login(cast.secretary_a)
    search = reverse("candidates-search-id")
    found = client.post(search, {"national_id": "001203004567"}).content.decode()
    assert "Có Số" in found and "Không Số" not in found
    part = client.post(search, {"national_id": "4567"}).content.decode()
    assert "không tìm theo một phần số" in part and "Có Số" not in part
    # The GET list search never looks at the national ID.
    assert names(client.get(URL, {"q": "4567"})) == []


@pytest.mark.parametrize("role", ["viewer", "secretary_a", "province_staff"])
def test_the_cccd_oracle_is_closed(cast, login, role):
    """Audit: the read-only viewer recovered a masked CCCD in 62 prefix searches."""
    make_candidate(cast.cell_a, full_name="Có Số", national_id="001203004567")
    client = login(getattr(cast, role))
    for prefix in ("0", "001", "00120300456"):
        assert names(client.get(URL, {"q": prefix})) == []
        assert "Có Số" not in client.post(reverse("candidates-search-id"), {"national_id": prefix}).content.decode()


def test_viewer_and_training_centre_see_no_national_id(cast, login):
    make_candidate(cast.cell_a, full_name="Có Số", national_id="001203004567")
    for user in (cast.viewer, cast.training):
        client = login(user)
        body = client.get(URL).content.decode()
        assert "Có Số" in body and "Số CCCD" not in body and "•567" not in body and "04567" not in body
        assert client.post(reverse("candidates-search-id"), {"national_id": "001203004567"}).status_code == 403


def test_vietnamese_sort_order(cast, login):
    # Given name first (a ă â … d đ …), then middle name, then family name.
    for name in [
        "Trần Văn Đức",
        "Lê Văn Dũng",
        "Nguyễn Thị Ánh",
        "Phạm Thị Ân",
        "Bùi Văn An",
        "Đỗ Minh Ấn",
        "Lê Thị An",
    ]:
        make_candidate(cast.cell_a, full_name=name)
    response = login(cast.secretary_a).get(URL)
    assert names(response) == [
        "Lê Thị An",  # An: middle name Thị < Văn
        "Bùi Văn An",
        "Nguyễn Thị Ánh",  # a with a tone sorts after plain a
        "Phạm Thị Ân",  # ă, â come after a
        "Đỗ Minh Ấn",
        "Lê Văn Dũng",  # d before đ
        "Trần Văn Đức",
    ]
    reverse_names = names(login(cast.secretary_a).get(URL, {"sort": "-name"}))
    assert reverse_names[0] == "Trần Văn Đức" and reverse_names[-1] == "Lê Thị An"


def test_sort_by_birth_date_and_stage(cast, login):
    make_candidate(cast.cell_a, Stage.PROPOSED, full_name="Già", birth_date=datetime.date(1980, 1, 1))
    make_candidate(cast.cell_a, Stage.SOURCE, full_name="Trẻ", birth_date=datetime.date(2004, 1, 1))
    make_candidate(cast.cell_a, Stage.SYMPATHIZER, full_name="Giữa", birth_date=datetime.date(1995, 1, 1))
    client = login(cast.secretary_a)
    assert names(client.get(URL, {"sort": "birth"})) == ["Già", "Giữa", "Trẻ"]
    assert names(client.get(URL, {"sort": "-birth"})) == ["Trẻ", "Giữa", "Già"]
    assert names(client.get(URL, {"sort": "stage"})) == ["Trẻ", "Giữa", "Già"]
    assert names(client.get(URL, {"sort": "-stage"})) == ["Già", "Giữa", "Trẻ"]


def test_filter_by_stage_and_status(cast, login):
    make_candidate(cast.cell_a, Stage.SOURCE, full_name="Nguồn")
    make_candidate(cast.cell_a, Stage.TRAINED, full_name="Đã Học")
    make_candidate(cast.cell_a, Stage.TRAINED, full_name="Đã Ra", is_open=False, exit_reason="withdrawn")
    client = login(cast.secretary_a)
    assert names(client.get(URL, {"stage": "trained"})) == ["Đã Học"]
    assert names(client.get(URL, {"status": "exited"})) == ["Đã Ra"]
    assert sorted(names(client.get(URL, {"status": "all"}))) == sorted(["Nguồn", "Đã Học", "Đã Ra"])
    assert "Đã Ra" not in names(client.get(URL))  # open only by default


def test_filter_by_unit_takes_the_whole_subtree(cast, login):
    make_candidate(cast.cell_a, full_name="Ở A")
    make_candidate(cast.cell_b, full_name="Ở B")
    make_candidate(cast.school, full_name="Ở Trường")
    client = login(cast.province_staff)
    assert sorted(names(client.get(URL, {"unit": cast.grassroots.code}))) == ["Ở A", "Ở B"]
    assert names(client.get(URL, {"unit": cast.commune2.code})) == ["Ở Trường"]
    # A unit outside the scope is not a choice: the filter is ignored, the scope still applies.
    assert names(login(cast.secretary_a).get(URL, {"unit": cast.cell_b.code})) == ["Ở A"]


def test_filter_by_admission_year(cast, login):
    make_candidate(cast.cell_a, Stage.DECIDED, full_name="Năm 2024")
    make_candidate(cast.cell_a, Stage.DECIDED, full_name="Năm 2026", decision_date=datetime.date(2026, 3, 2))
    assert names(login(cast.secretary_a).get(URL, {"year": 2026})) == ["Năm 2026"]


def test_filter_overdue_and_certificate_expiring(cast, login):
    # today is 20/11/2026 (pinned)
    make_candidate(cast.cell_a, Stage.DECIDED, full_name="Lễ Muộn", decision_date=datetime.date(2026, 8, 3))
    make_candidate(cast.cell_a, Stage.DECIDED, full_name="Mới Quyết Định", decision_date=datetime.date(2026, 11, 2))
    make_candidate(cast.cell_a, Stage.TRAINED, full_name="Sắp Hết Hạn", certificate_date=datetime.date(2022, 1, 10))
    make_candidate(cast.cell_a, Stage.TRAINED, full_name="Còn Hạn", certificate_date=datetime.date(2025, 1, 10))
    client = login(cast.secretary_a)
    assert names(client.get(URL, {"overdue": "on"})) == ["Lễ Muộn"]
    assert names(client.get(URL, {"cert_expiring": "on"})) == ["Sắp Hết Hạn"]


def test_empty_states(cast, login):
    client = login(cast.secretary_a)
    assert "Chưa có quần chúng nào trong phạm vi của bạn." in client.get(URL).content.decode()
    make_candidate(cast.cell_a)
    assert "Không có ai phù hợp với điều kiện lọc." in client.get(URL, {"q": "zzz"}).content.decode()


def _count_queries(client) -> int:
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(URL, {"overdue": "", "sort": "stage"})
    assert response.status_code == 200
    return len(ctx.captured_queries)


@pytest.mark.parametrize("user", ["secretary_a", "province_staff"])
def test_list_runs_the_same_queries_for_5_and_200(cast, login, django_assert_max_num_queries, user):
    client = login(getattr(cast, user))
    for _ in range(5):
        make_candidate(cast.cell_a, Stage.PROBATIONARY)
    client.get(URL)  # warm the session
    small = _count_queries(client)
    for i in range(195):
        make_candidate(cast.cell_a, Stage.values[i % 7])
    large = _count_queries(client)
    assert small == large
    with django_assert_max_num_queries(12):
        response = client.get(URL)
    assert len(response.context["rows"]) == 50


def test_filterset_is_reusable_with_a_user(cast):
    make_candidate(cast.cell_a, full_name="Nguyễn Thị Hằng")
    make_candidate(cast.cell_b, full_name="Nguyễn Thị Hằng")
    f = CandidateFilter({"q": "hang"}, user=cast.secretary_a)
    assert [c.cell_id for c in f.qs] == [cast.cell_a.pk]
    # a given queryset is still restricted to the user's scope
    f = CandidateFilter({}, queryset=Candidate.objects.all(), user=cast.secretary_b)
    assert [c.cell_id for c in f.qs] == [cast.cell_b.pk]


def test_training_centre_and_viewer_see_a_reduced_person_page(cast, login):
    person = make_candidate(
        cast.cell_a, Stage.TRAINED, full_name="Lê Văn Học", national_id="001203004567", phone="0912345678"
    )
    detail = reverse("candidates-detail", args=[person.pk])
    full = login(cast.secretary_a).get(detail).content.decode()
    assert "0912345678" in full and "Lịch sử chỉnh sửa" in full
    for user in (cast.training, cast.viewer):
        body = login(user).get(detail).content.decode()
        assert "Lê Văn Học" in body and "17/05/1995" in body and cast.cell_a.name in body
        assert "0912345678" not in body and "•567" not in body and "04567" not in body
        assert "Lịch sử chỉnh sửa" not in body and "Hồ sơ kết nạp" not in body and 'id="limited"' in body


@pytest.mark.parametrize("year", ["0", "99999999999999999999", "abc", "2026.5"])
def test_a_malformed_year_filter_is_a_message_not_a_500(cast, login, year):
    response = login(cast.secretary_a).get(URL, {"year": year})
    assert response.status_code == 400
    assert "Năm kết nạp" in response.content.decode() and 'id="filter-errors"' in response.content.decode()
    classes = login(cast.secretary_a).get(reverse("candidates-classes"), {"year": year})
    assert classes.status_code == 400 and "Năm phải là một số trong khoảng 2000–2100." in classes.content.decode()
