import datetime

import pytest
from django.http import Http404

from candidates import clock, rules, services
from candidates.models import Candidate, Stage, StageEvent
from candidates.services import RuleViolation
from candidates.tests.factories import make_candidate, make_class


@pytest.fixture(autouse=True)
def pinned_today(monkeypatch):
    monkeypatch.setattr(clock, "today", lambda: datetime.date(2026, 11, 20))


def _new(cast, **data):
    base = {
        "full_name": "Nguyễn Thị Hằng",
        "birth_date": datetime.date(2000, 3, 4),
        "sex": "F",
        "general_education": "upper_secondary",
    }
    return services.candidate_create(actor=cast.secretary_a, cell=cast.cell_a, data=base | data).candidate


def test_full_pipeline_by_the_services(cast):
    c = _new(cast)
    services.candidate_add_to_sympathizers(
        actor=cast.secretary_a, candidate=c, on=datetime.date(2025, 1, 5), mentor_name="Trần Văn Giúp"
    )
    klass = make_class(cast.province, code="K1-2025", start=datetime.date(2025, 3, 1), end=datetime.date(2025, 3, 7))
    services.candidate_record_training(
        actor=cast.training,
        candidate=c,
        training_class=klass,
        result="good",
        certificate_number="12/GCN",
        certificate_date=datetime.date(2025, 3, 8),
    )
    services.candidate_record_dossier(
        actor=cast.secretary_a,
        candidate=c,
        data={
            "application_date": datetime.date(2025, 4, 1),
            "history_certified_date": datetime.date(2025, 4, 20),
            "background_check_date": datetime.date(2025, 5, 10),
            "mass_org_comment_date": datetime.date(2025, 5, 12),
            "residence_comment_date": datetime.date(2025, 5, 13),
        },
    )
    services.candidate_record_introducers(
        actor=cast.secretary_a,
        candidate=c,
        route="members",
        introducers=[
            {
                "full_name": "Trần Văn A",
                "official_date": datetime.date(2015, 1, 1),
                "together_since": datetime.date(2020, 1, 1),
            },
            {
                "full_name": "Lê Thị B",
                "official_date": datetime.date(2016, 1, 1),
                "together_since": datetime.date(2021, 1, 1),
            },
        ],
    )
    services.candidate_record_cell_resolution(
        actor=cast.secretary_a,
        candidate=c,
        number="3-NQ/CB",
        on=datetime.date(2025, 6, 2),
        votes_for=6,
        official_members=9,
    )
    services.candidate_record_committee_resolution(
        actor=cast.commune_staff, candidate=c, number="9-NQ/ĐU", on=datetime.date(2025, 6, 10), votes_for=7, members=9
    )
    result = services.candidate_record_admission_decision(
        actor=cast.province_staff, candidate=c, number="45-QĐ/TU", on=datetime.date(2025, 7, 1), issuer=cast.commune
    )
    assert result.warnings == []
    services.candidate_record_ceremony(actor=cast.secretary_a, candidate=c, on=datetime.date(2025, 7, 15))
    services.candidate_record_recognition_resolution(
        actor=cast.secretary_a,
        candidate=c,
        number="1-NQ",
        on=datetime.date(2026, 7, 20),
        votes_for=8,
        official_members=9,
        file={
            "new_member_certificate_date": datetime.date(2026, 3, 1),
            "self_review_date": datetime.date(2026, 7, 10),
            "helper_assessment_date": datetime.date(2026, 7, 12),
            "probation_comments_date": datetime.date(2026, 7, 14),
        },
    )
    services.candidate_record_recognition(
        actor=cast.commune_staff,
        candidate=c,
        committee_resolution_number="30-NQ/ĐU",
        committee_resolution_date=datetime.date(2026, 7, 25),
        decision_number="77-QĐ/TU",
        decision_date=datetime.date(2026, 8, 1),
    )
    c.refresh_from_db()
    assert c.stage == Stage.OFFICIAL
    assert c.admitting_unit == cast.cell_a
    assert list(c.events.order_by("id").values_list("to_stage", flat=True)) == [
        "source",
        "sympathizer",
        "trained",
        "trained",
        "trained",
        "proposed",
        "proposed",
        "decided",
        "probationary",
        "probationary",  # the cell's recognition resolution
        "official",
    ]
    assert c.recognition_committee_resolution_number == "30-NQ/ĐU"
    assert rules.official_date(c.ceremony_date) == datetime.date(2026, 7, 15)
    assert c.decision_issuer == "Ban Thường vụ Đảng ủy xã Tân Hòa" and c.decision_issuer_unit == cast.commune


def test_expired_certificate_is_refused_with_the_date(cast):
    c = make_candidate(
        cast.cell_a,
        Stage.TRAINED,
        certificate_date=datetime.date(2019, 3, 12),
        **{
            k: v
            for k, v in {
                "application_date": datetime.date(2024, 1, 1),
                "history_certified_date": datetime.date(2024, 1, 2),
                "background_check_date": datetime.date(2024, 1, 3),
                "introduction_route": "members",
                "mass_org_comment_date": datetime.date(2024, 1, 4),
                "residence_comment_date": datetime.date(2024, 1, 5),
            }.items()
        },
    )
    with pytest.raises(RuleViolation) as exc:
        services.candidate_record_cell_resolution(
            actor=cast.secretary_a,
            candidate=c,
            number="1",
            on=datetime.date(2024, 3, 12),
            votes_for=9,
            official_members=9,
        )
    assert "Giấy chứng nhận bồi dưỡng đã hết hạn ngày 12/03/2024." in exc.value.messages
    c.refresh_from_db()
    assert c.stage == Stage.TRAINED and c.cell_resolution_date is None


def test_every_unmet_condition_is_listed_at_once(cast):
    c = make_candidate(cast.cell_a, Stage.TRAINED, birth_date=datetime.date(2008, 5, 10))
    with pytest.raises(RuleViolation) as exc:
        services.candidate_record_cell_resolution(
            actor=cast.secretary_a,
            candidate=c,
            number="1",
            on=datetime.date(2026, 5, 9),
            votes_for=5,
            official_members=8,
        )
    messages = exc.value.messages
    assert any(m.startswith("Chưa đủ 18 tuổi vào ngày họp chi bộ 09/05/2026") for m in messages)
    assert "Chưa đủ 2/3 số đảng viên chính thức tán thành: 5/8." in messages
    assert "Chưa có đơn xin vào Đảng." in messages
    assert StageEvent.objects.filter(candidate=c).count() == 0


def test_skipping_a_stage_is_refused(cast):
    c = _new(cast)
    with pytest.raises(RuleViolation) as exc:
        services.candidate_record_ceremony(actor=cast.secretary_a, candidate=c, on=datetime.date(2026, 1, 1))
    assert "Không thể ghi lễ kết nạp" in exc.value.messages[0]
    assert Candidate.objects.get(pk=c.pk).stage == Stage.SOURCE


def test_ceremony_before_decision_is_refused(cast):
    c = make_candidate(cast.cell_a, Stage.DECIDED)
    with pytest.raises(RuleViolation) as exc:
        services.candidate_record_ceremony(
            actor=cast.secretary_a, candidate=c, on=c.decision_date - datetime.timedelta(days=1)
        )
    assert "trước ngày quyết định kết nạp" in exc.value.messages[0]


def test_more_votes_than_members_is_refused(cast):
    c = make_candidate(cast.cell_a, Stage.PROPOSED)
    with pytest.raises(RuleViolation) as exc:
        services.candidate_record_committee_resolution(
            actor=cast.commune_staff, candidate=c, number="1", on=datetime.date(2024, 9, 25), votes_for=10, members=9
        )
    assert "Số tán thành cấp ủy viên (10) lớn hơn tổng số (9)." in exc.value.messages


def test_birth_in_the_future_is_refused(cast):
    with pytest.raises(RuleViolation) as exc:
        _new(cast, birth_date=datetime.date(2027, 1, 1))
    assert "Ngày sinh (01/01/2027) ở tương lai." in exc.value.messages
    assert Candidate.objects.count() == 0


def test_action_on_exited_candidate_is_refused(cast):
    c = _new(cast)
    services.candidate_exit(actor=cast.secretary_a, candidate=c, reason="withdrawn", on=datetime.date(2026, 1, 1))
    with pytest.raises(RuleViolation) as exc:
        services.candidate_add_to_sympathizers(
            actor=cast.secretary_a, candidate=c, on=datetime.date(2026, 2, 1), mentor_name="X"
        )
    assert "đã ra khỏi danh sách" in exc.value.messages[0]


def test_stale_version_is_refused_and_newer_data_kept(cast):
    c = _new(cast)
    stale = c.version
    services.candidate_update(actor=cast.secretary_a, candidate=c, data={"phone": "0912000111"}, expected_version=stale)
    with pytest.raises(RuleViolation) as exc:
        services.candidate_update(
            actor=cast.commune_staff, candidate=c, data={"phone": "0988000222"}, expected_version=stale
        )
    assert "vừa được người khác cập nhật" in exc.value.messages[0]
    assert Candidate.objects.get(pk=c.pk).phone == "0912000111"


def test_other_cells_secretary_gets_404_and_nothing_written(cast):
    c = _new(cast)
    with pytest.raises(Http404):
        services.candidate_add_to_sympathizers(
            actor=cast.secretary_b, candidate=c, on=datetime.date(2026, 1, 1), mentor_name="X"
        )
    assert Candidate.objects.get(pk=c.pk).stage == Stage.SOURCE


def test_late_decision_is_a_warning_not_a_refusal(cast):
    c = make_candidate(cast.cell_a, Stage.PROPOSED)  # cell resolution 10/09/2024
    result = services.candidate_record_admission_decision(
        actor=cast.province_staff, candidate=c, number="9-QĐ", on=datetime.date(2025, 1, 15), issuer=cast.province
    )
    assert result.candidate.stage == Stage.DECIDED
    assert (
        result.warnings
        and "quá hạn 60 ngày làm việc" in result.warnings[0]
        and "Quy định 24-QĐ/TW" in result.warnings[0]
    )


def test_transfer_keeps_history_and_admission_unit(cast):
    c = make_candidate(cast.cell_a, Stage.PROBATIONARY)
    services.candidate_transfer(
        actor=cast.commune_staff, candidate=c, new_cell=cast.cell_b, on=datetime.date(2025, 3, 1)
    )
    c.refresh_from_db()
    assert c.cell == cast.cell_b and c.admitting_unit == cast.cell_a
    assert c.events.get().data == {
        "from_unit": "P-C1-G1-A",
        "to_unit": "P-C1-G1-B",
        "from_name": "Chi bộ thôn Đông",
        "to_name": "Chi bộ thôn Đoài",
    }


def test_correction_is_a_new_event(cast):
    c = make_candidate(cast.cell_a, Stage.DECIDED)
    original = services.write_event(c, kind="transition", action="Quyết định kết nạp", legal_date=c.decision_date)
    services.event_correct(
        actor=cast.province_staff, event=original, changes={"decision_number": "102-QĐ/TU"}, note="Nhập nhầm số"
    )
    c.refresh_from_db()
    assert c.decision_number == "102-QĐ/TU"
    correction = c.events.get(corrects=original)
    assert correction.data == {"before": {"decision_number": "101-QĐ/TU"}, "after": {"decision_number": "102-QĐ/TU"}}
