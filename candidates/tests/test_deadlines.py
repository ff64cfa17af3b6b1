"""Each deadline on its own, at its edges (today is pinned to Fri 20/11/2026): the decision and its one
extension, the ceremony from the received date, the two recognition deadlines, three failed votes, the
29/02 birthday in the age check and a deadline through an uncovered year."""

import datetime

import pytest

from candidates import deadlines, rules, services
from candidates.models import Stage
from candidates.services import RuleViolation
from candidates.tests.factories import make_candidate
from candidates.tests.helpers import detail_url

D = datetime.date


def _decide(cast, c, on):
    return services.candidate_record_admission_decision(
        actor=cast.commune_staff, candidate=c, number="9-QĐ/ĐU", on=on, issuer=cast.commune
    )


def _proposed(cast, resolution: D, **extra):
    return make_candidate(
        cast.cell_a,
        Stage.PROPOSED,
        cell_resolution_date=resolution,
        committee_resolution_date=resolution + datetime.timedelta(days=7),
        **extra,
    )


# ---- The decision: 60 working days across Tết, one extension ------------------------------------


def test_the_decision_on_the_60th_working_day_across_tet_is_on_time(cast):
    result = _decide(cast, _proposed(cast, D(2025, 12, 10)), D(2026, 3, 12))
    assert result.warnings == []


def test_the_decision_on_the_61st_working_day_across_tet_is_a_warning_naming_the_rule(cast):
    result = _decide(cast, _proposed(cast, D(2025, 12, 10)), D(2026, 3, 13))
    assert result.candidate.stage == Stage.DECIDED
    assert result.warnings == [
        "Quyết định kết nạp ngày 13/03/2026 quá hạn 60 ngày làm việc kể từ nghị quyết chi bộ ngày 10/12/2025 "
        "(hạn 12/03/2026); cấp ủy phải báo cáo lý do với cấp ủy cấp trên (Quy định 294-QĐ/TW ngày 26/5/2025, "
        "thi hành Điều 4 Điều lệ Đảng)."
    ]


def _extend(cast, c, days, **extra):
    return services.candidate_record_decision_extension(
        actor=cast.commune_staff,
        candidate=c,
        days=days,
        number=extra.get("number", "15-CV/ĐU"),
        on=extra.get("on", D(2026, 3, 2)),
        reason=extra.get("reason", "Chờ kết quả thẩm tra bổ sung"),
    )


def test_an_extension_of_30_working_days_is_recorded_and_moves_the_deadline(cast):
    c = _proposed(cast, D(2025, 12, 10))
    result = _extend(cast, c, 30)
    assert result.candidate.decision_extension_days == 30
    assert deadlines.decision_due(result.candidate) == rules.add_working_days(D(2026, 3, 12), 30)
    assert _decide(cast, result.candidate, D(2026, 3, 13)).warnings == []


def test_an_extension_of_31_working_days_is_refused_with_its_source(cast):
    c = _proposed(cast, D(2025, 12, 10))
    with pytest.raises(RuleViolation) as exc:
        _extend(cast, c, 31, reason="")
    messages = exc.value.messages
    assert (
        "Số ngày gia hạn phải từ 1 đến 30 ngày làm việc, đã nhập 31 (Quy định 294-QĐ/TW ngày 26/5/2025, thi hành "
        "Điều 4 Điều lệ Đảng)."
    ) in messages
    assert any(m.startswith("Chưa nhập lý do gia hạn") for m in messages)
    c.refresh_from_db()
    assert c.decision_extension_days is None


def test_a_second_extension_is_refused(cast):
    c = _proposed(cast, D(2025, 12, 10))
    _extend(cast, c, 10)
    c.refresh_from_db()
    with pytest.raises(RuleViolation) as exc:
        _extend(cast, c, 10)
    assert any("chỉ được gia hạn một lần" in m for m in exc.value.messages)


def test_a_cell_secretary_cannot_extend(cast):
    from django.core.exceptions import PermissionDenied

    with pytest.raises(PermissionDenied):
        services.candidate_record_decision_extension(
            actor=cast.secretary_a, candidate=_proposed(cast, D(2026, 9, 1)), days=5, number="1", on=D(2026, 11, 1),
            reason="x",
        )  # fmt: skip


def test_late_even_after_the_extension_stays_visible_on_the_page(cast, login):
    c = make_candidate(
        cast.cell_a,
        Stage.DECIDED,
        cell_resolution_date=D(2025, 12, 10),
        decision_extension_days=5,
        decision_extension_number="15-CV/ĐU",
        decision_extension_date=D(2026, 3, 2),
        decision_date=D(2026, 3, 20),
    )
    body = login(cast.secretary_a).get(detail_url(c)).content.decode()
    assert "Quyết định kết nạp ngày 20/03/2026 quá hạn 60 ngày làm việc" in body
    assert "đã gia hạn 5 ngày làm việc theo văn bản số 15-CV/ĐU ngày 02/03/2026" in body


# ---- The ceremony: from the day the cell received the decision --------------------------------


def _decided(cast, decision: D, **extra):
    return make_candidate(cast.cell_a, Stage.DECIDED, decision_date=decision, **extra)


def test_without_a_received_date_the_ceremony_counts_from_the_decision_date(cast):
    c = _decided(cast, D(2026, 10, 1))
    assert deadlines.ceremony_start(c) == D(2026, 10, 1)
    assert deadlines.ceremony_due(c) == D(2026, 11, 12)
    result = services.candidate_record_ceremony(actor=cast.secretary_a, candidate=c, on=D(2026, 11, 13))
    assert result.warnings and "kể từ ngày quyết định kết nạp (chưa ghi ngày nhận) 01/10/2026" in result.warnings[0]


def test_the_received_date_moves_the_ceremony_deadline(cast):
    c = _decided(cast, D(2026, 10, 1))
    services.candidate_record_decision_received(actor=cast.secretary_a, candidate=c, on=D(2026, 10, 2))
    c.refresh_from_db()
    assert deadlines.ceremony_due(c) == D(2026, 11, 13)
    result = services.candidate_record_ceremony(actor=cast.secretary_a, candidate=c, on=D(2026, 11, 13))
    assert result.warnings == []


def test_a_received_date_before_the_decision_is_refused(cast):
    c = _decided(cast, D(2026, 10, 1))
    with pytest.raises(RuleViolation) as exc:
        services.candidate_record_ceremony(
            actor=cast.secretary_a, candidate=c, on=D(2026, 11, 2), received_on=D(2026, 9, 30)
        )
    assert any("trước ngày quyết định kết nạp" in m for m in exc.value.messages)


def test_a_late_ceremony_with_the_upper_committees_approval_is_not_a_warning(cast):
    c = _decided(cast, D(2026, 8, 3))
    result = services.candidate_record_ceremony(
        actor=cast.secretary_a,
        candidate=c,
        on=D(2026, 11, 10),
        late_approval_number="20-CV/ĐU",
        late_approval_date=D(2026, 9, 10),
    )
    assert result.warnings == []
    assert result.event.data["late"] is True and result.event.data["late_approval"] == "20-CV/ĐU"
    assert not any(w.startswith("Lễ kết nạp") for w in deadlines.late_warnings(result.candidate))


# ---- Recognition: the cell's 30 working days, then the committee's 30 ---------------------------

FILE = {
    "new_member_certificate_date": D(2026, 5, 1),
    "self_review_date": D(2026, 10, 1),
    "helper_assessment_date": D(2026, 10, 2),
    "probation_comments_date": D(2026, 10, 5),
}


def _resolve(cast, c, on, votes=(9, 10), file=FILE):
    return services.candidate_record_recognition_resolution(
        actor=cast.secretary_a,
        candidate=c,
        number="5-NQ/CB",
        on=on,
        votes_for=votes[0],
        official_members=votes[1],
        file=file,
    )


def test_the_cell_on_the_30th_working_day_after_probation_is_on_time(cast):
    # Ceremony 08/10/2025: probation ends 08/10/2026, + 30 working days = 19/11/2026.
    c = make_candidate(cast.cell_a, Stage.PROBATIONARY, ceremony_date=D(2025, 10, 8))
    assert _resolve(cast, c, D(2026, 11, 19)).warnings == []


def test_the_cell_one_working_day_late_is_a_warning(cast):
    c = make_candidate(cast.cell_a, Stage.PROBATIONARY, ceremony_date=D(2025, 10, 8))
    result = _resolve(cast, c, D(2026, 11, 20))
    assert result.warnings == [
        "Chi bộ xét công nhận đảng viên chính thức ngày 20/11/2026 quá hạn 30 ngày làm việc kể từ ngày hết thời kỳ "
        "dự bị 08/10/2026 (hạn 19/11/2026) (Điều lệ Đảng, Điều 5.3; Quy định 294-QĐ/TW ngày 26/5/2025, thi hành "
        "Điều 5)."
    ]
    assert result.candidate.stage == Stage.PROBATIONARY


def test_the_cell_before_probation_ends_is_refused(cast):
    c = make_candidate(cast.cell_a, Stage.PROBATIONARY, ceremony_date=D(2025, 11, 21))
    with pytest.raises(RuleViolation) as exc:
        _resolve(cast, c, D(2026, 11, 20))
    assert any("trước ngày hết thời kỳ dự bị 12 tháng kể từ lễ kết nạp (21/11/2026)" in m for m in exc.value.messages)


def test_the_recognition_file_is_required(cast):
    c = make_candidate(cast.cell_a, Stage.PROBATIONARY, ceremony_date=D(2025, 10, 8))
    with pytest.raises(RuleViolation) as exc:
        _resolve(cast, c, D(2026, 11, 19), file={})
    missing = [m for m in exc.value.messages if m.startswith("Thiếu trong hồ sơ công nhận")]
    assert len(missing) == 4 and "(10-KNĐ)" in missing[1]


def _resolved(cast, resolution: D):
    return make_candidate(
        cast.cell_a,
        Stage.PROBATIONARY,
        ceremony_date=D(2025, 10, 1),
        recognition_resolution_number="5-NQ/CB",
        recognition_resolution_date=resolution,
        recognition_votes_for=9,
        recognition_official_members=10,
        **FILE,
    )


def _recognize(cast, c, on):
    return services.candidate_record_recognition(
        actor=cast.commune_staff,
        candidate=c,
        committee_resolution_number="40-NQ/ĐU",
        committee_resolution_date=c.recognition_resolution_date,
        decision_number="80-QĐ/ĐU",
        decision_date=on,
    )


def test_the_committee_on_the_30th_working_day_is_on_time(cast):
    c = _resolved(cast, D(2026, 10, 8))
    result = _recognize(cast, c, D(2026, 11, 19))
    assert result.warnings == [] and result.candidate.stage == Stage.OFFICIAL


def test_the_committee_one_working_day_late_is_a_warning_and_the_official_date_stays(cast, login):
    c = _resolved(cast, D(2026, 10, 8))
    result = _recognize(cast, c, D(2026, 11, 20))
    assert result.warnings[0].startswith(
        "Quyết định công nhận đảng viên chính thức ngày 20/11/2026 quá hạn 30 ngày làm việc kể từ nghị quyết chi bộ "
        "ngày 08/10/2026 (hạn 19/11/2026)"
    )
    assert result.event.data["official_date"] == "2026-10-01"
    body = login(cast.secretary_a).get(detail_url(c)).content.decode()
    assert "Ngày chính thức</dt><dd>01/10/2026" in body
    assert "Tuổi đảng</dt><dd>2 năm 1 tháng" in body  # decision 15/10/2024 (factory)
    assert "Quyết định công nhận đảng viên chính thức ngày 20/11/2026 quá hạn" in body


def test_the_recognition_decision_needs_the_cells_resolution_and_the_committees(cast):
    c = make_candidate(cast.cell_a, Stage.PROBATIONARY, ceremony_date=D(2025, 10, 1))
    with pytest.raises(RuleViolation) as exc:
        services.candidate_record_recognition(
            actor=cast.commune_staff, candidate=c, decision_number="80", decision_date=D(2026, 11, 2)
        )
    assert "Chưa có nghị quyết chi bộ đề nghị công nhận đảng viên chính thức (13-KNĐ)." in exc.value.messages
    assert any(m.startswith("Chưa có nghị quyết của đảng ủy cơ sở đề nghị công nhận") for m in exc.value.messages)


def test_three_failed_votes_go_up_to_the_upper_committee(cast, login):
    c = make_candidate(cast.cell_a, Stage.PROBATIONARY, ceremony_date=D(2025, 10, 1))
    for n, day in enumerate((D(2026, 10, 5), D(2026, 10, 20), D(2026, 11, 5)), start=1):
        c.refresh_from_db()
        result = services.candidate_record_recognition_failed_vote(
            actor=cast.secretary_a, candidate=c, on=day, votes_for=5, official_members=9
        )
        assert bool(result.warnings) == (n == 3)
    assert result.candidate.recognition_failed_votes == 3
    assert "báo cáo cấp ủy cấp trên xem xét, quyết định" in result.warnings[0]
    body = login(cast.secretary_a).get(detail_url(c)).content.decode()
    assert "Chi bộ đã 3 lần biểu quyết công nhận đảng viên chính thức không đạt 2/3" in body


def test_a_passing_vote_is_not_a_failed_vote(cast):
    c = make_candidate(cast.cell_a, Stage.PROBATIONARY, ceremony_date=D(2025, 10, 1))
    with pytest.raises(RuleViolation):
        services.candidate_record_recognition_failed_vote(
            actor=cast.secretary_a, candidate=c, on=D(2026, 10, 5), votes_for=6, official_members=9
        )


# ---- 29/02 birthdays and uncovered years --------------------------------------------------------


def test_born_29_february_not_of_age_on_28_february(cast):
    c = make_candidate(cast.cell_a, Stage.TRAINED, birth_date=D(2008, 2, 29), certificate_date=D(2025, 12, 1))
    messages = services.admission_conditions(c, D(2026, 2, 28))
    assert (
        "Chưa đủ 18 tuổi vào ngày họp chi bộ 28/02/2026 (sinh ngày 29/02/2008, đủ tuổi từ 01/03/2026 (sinh ngày "
        "29/02: năm không nhuận tính đủ tuổi từ 01/03)) (Điều lệ Đảng, Điều 1.2; Quy định 294-QĐ/TW ngày 26/5/2025, "
        "điểm 1.1 (tuổi đời tính theo tháng))."
    ) in messages


def test_born_29_february_of_age_on_1_march(cast):
    c = make_candidate(cast.cell_a, Stage.TRAINED, birth_date=D(2008, 2, 29), certificate_date=D(2025, 12, 1))
    assert not any(m.startswith("Chưa đủ 18 tuổi") for m in services.admission_conditions(c, D(2026, 3, 1)))


def test_a_deadline_through_an_uncovered_year_warns_when_recording(cast, settings):
    settings.WORKING_CALENDAR_LAST_YEAR = 2025
    c = _decided(cast, D(2026, 10, 1))
    result = services.candidate_record_ceremony(actor=cast.secretary_a, candidate=c, on=D(2026, 10, 5))
    assert result.warnings and result.warnings[-1].startswith("Lịch ngày làm việc chưa bao quát năm 2026")


def test_the_list_and_the_list_report_show_the_official_date(cast, login):
    from django.urls import reverse

    from reports import builders

    c = make_candidate(cast.cell_a, Stage.OFFICIAL, full_name="Đã Chính Thức")  # ceremony 01/11/2024
    body = login(cast.secretary_a).get(reverse("candidates-list")).content.decode()
    assert "từ 01/11/2025" in body
    report = builders.build_candidates(user=cast.secretary_a, unit=cast.cell_a, queryset=c.__class__.objects.all())
    row = next(r for r in report.tables[0].rows if r[1] == "Đã Chính Thức")
    assert D(2025, 11, 1) in row
