"""The candidate page offers only the steps possible now; a next step not possible yet is named with
its reason (taken from the step's own check) and has no form or button."""

import datetime

import pytest

from candidates import services
from candidates.models import Stage
from candidates.services import RuleViolation
from candidates.tests.factories import make_candidate
from candidates.tests.helpers import action_url, detail_url

D = datetime.date


def page(login, user, candidate) -> str:
    return login(user).get(detail_url(candidate)).content.decode()


def test_recognition_waits_for_the_end_of_probation(cast, login):
    c = make_candidate(cast.cell_a, Stage.PROBATIONARY, decision_date=D(2026, 2, 20), ceremony_date=D(2026, 3, 5))
    body = page(login, cast.secretary_a, c)
    assert "Chưa thể thực hiện" in body
    assert "Chưa đủ 12 tháng dự bị (đến 05/03/2027)" in body
    assert action_url(c, "recognition_resolution") not in body
    assert "Lưu: Ghi nghị quyết chi bộ đề nghị công nhận chính thức" not in body
    assert action_url(c, "recognition_failed") not in body
    # What is possible stays offered.
    assert action_url(c, "exit") in body


def test_recognition_is_offered_once_probation_has_ended(cast, login):
    c = make_candidate(cast.cell_a, Stage.PROBATIONARY, decision_date=D(2025, 9, 20), ceremony_date=D(2025, 10, 1))
    body = page(login, cast.secretary_a, c)
    assert action_url(c, "recognition_resolution") in body
    assert "Chưa đủ 12 tháng dự bị" not in body


def test_a_failed_vote_before_the_end_of_probation_is_refused(cast):
    c = make_candidate(cast.cell_a, Stage.PROBATIONARY, decision_date=D(2026, 2, 20), ceremony_date=D(2026, 3, 5))
    with pytest.raises(RuleViolation, match=r"Chưa đủ 12 tháng dự bị \(đến 05/03/2027\)"):
        services.candidate_record_recognition_failed_vote(
            actor=cast.secretary_a, candidate=c, on=D(2026, 11, 10), votes_for=3, official_members=9
        )


def test_the_decision_waits_for_the_committee_resolution(cast, login):
    c = make_candidate(
        cast.cell_a,
        Stage.PROPOSED,
        committee_resolution_number="",
        committee_resolution_date=None,
        committee_votes_for=None,
        committee_members=None,
    )
    body = page(login, cast.commune_staff, c)
    assert "Chưa có nghị quyết của Đảng ủy cơ sở thôn đề nghị kết nạp (8-KNĐ)" in body
    assert action_url(c, "decision") not in body and "Lưu: Ghi quyết định kết nạp" not in body
    assert action_url(c, "committee_resolution") in body


def test_the_recognition_decision_waits_for_the_cell_resolution(cast, login):
    c = make_candidate(cast.cell_a, Stage.PROBATIONARY, decision_date=D(2025, 9, 20), ceremony_date=D(2025, 10, 1))
    body = page(login, cast.commune_staff, c)
    assert "Ghi quyết định công nhận đảng viên chính thức</strong>: Chưa có nghị quyết chi bộ đề nghị công nhận" in body
    assert action_url(c, "recognition") not in body


def test_the_cell_resolution_names_what_is_missing(cast, login):
    c = make_candidate(cast.cell_a, Stage.TRAINED, certificate_date=D(2026, 6, 1))
    body = page(login, cast.secretary_a, c)
    assert "Ghi nghị quyết chi bộ</strong>:" in body and "Chưa có đơn xin vào Đảng." in body
    assert action_url(c, "cell_resolution") not in body
    assert action_url(c, "dossier") in body  # the way to complete it
    # The conditions are said once, in the blocked step, not again under the deadlines.
    assert body.count("Chưa có đơn xin vào Đảng.") == 1


def test_a_read_only_role_sees_the_conditions_without_steps(cast, login):
    c = make_candidate(cast.cell_a, Stage.TRAINED, certificate_date=D(2026, 6, 1))
    body = page(login, cast.viewer, c)
    assert "Chưa thể thực hiện" not in body and "Việc tiếp theo" not in body
    assert "Chưa đủ điều kiện để chi bộ xét đề nghị kết nạp hôm nay" in body
