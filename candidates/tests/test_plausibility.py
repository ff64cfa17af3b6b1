"""Implausible input asks for confirmation: under 16 on the lists, dates far in the past or future."""

import datetime

import pytest
from django.urls import reverse

from candidates import clock
from candidates.models import Candidate

TODAY = datetime.date(2026, 11, 20)


@pytest.fixture(autouse=True)
def today(monkeypatch):
    monkeypatch.setattr(clock, "today", lambda: TODAY)


def person(birth: str, **extra) -> dict:
    return {
        "cell": "",
        "full_name": "Trần Văn Nhỏ",
        "birth_date": birth,
        "sex": "M",
        "ethnicity": "Kinh",
        "religion": "Không",
        "general_education": "lower_secondary",
        "professional_education": "none",
        "occupation": "other",
        **extra,
    }


@pytest.mark.parametrize(
    "birth, asks",
    [("21/11/2010", True), ("20/11/2010", False), ("19/11/2010", False), ("20/11/1945", True), ("21/11/1946", False)],
)
def test_age_edges(cast, birth, asks):
    from candidates.forms import CandidateForm
    from units.models import PartyUnit

    cells = PartyUnit.objects.filter(pk=cast.cell_a.pk)
    form = CandidateForm(data={**person(birth), "cell": cast.cell_a.pk}, cells=cells)
    valid = form.is_valid()
    errors = " ".join(form.non_field_errors())
    if asks:
        assert not valid and "Tôi đã kiểm tra, vẫn lưu" in errors, form.errors
    else:
        assert "Tôi đã kiểm tra" not in errors, form.errors


def test_a_14_year_old_is_added_only_after_confirming(cast, login):
    client = login(cast.secretary_a)
    data = {**person("01/01/2012"), "cell": cast.cell_a.pk}
    response = client.post(reverse("candidates-create"), data)
    page = response.content.decode()
    assert "người này mới 14 tuổi (dưới 16 tuổi)" in page
    assert 'type="checkbox" name="xac_nhan"' in page
    assert not Candidate.objects.filter(full_name="Trần Văn Nhỏ").exists()
    second = client.post(reverse("candidates-create"), {**data, "xac_nhan": "on"})
    assert second.status_code == 302, [e for e in second.context["form"].errors.items()]
    assert Candidate.objects.filter(full_name="Trần Văn Nhỏ", birth_date=datetime.date(2012, 1, 1)).exists()


def test_an_action_dated_long_ago_asks_first(cast):
    from candidates.forms import SympathizerForm
    from candidates.tests.factories import make_candidate

    c = make_candidate(cast.cell_a)
    data = {"on": "05/11/2016", "mentor_name": "Trần Văn Giúp", "version": c.version}
    form = SympathizerForm(data=data, candidate=c)
    assert not form.is_valid()
    assert any("đã cách đây hơn 10 năm" in e for e in form.non_field_errors())
    ok = SympathizerForm(data={**data, "on": "21/11/2016"}, candidate=c)
    assert ok.is_valid(), ok.errors
    confirmed = SympathizerForm(data={**data, "xac_nhan": "on"}, candidate=c)
    assert confirmed.is_valid(), confirmed.errors
